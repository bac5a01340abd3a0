-- Append-only audit trail, hash-chained per organization.

CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  seq          bigint NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     uuid,                 -- the acting person; null for the system (seeds, jobs)
  actor_label  text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text NOT NULL,
  action       text NOT NULL,
  before       jsonb,
  after        jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  UNIQUE (org_id, seq)
);
CREATE INDEX audit_log_entity_idx ON audit_log (org_id, entity_type, entity_id);

-- The head of each organization's chain; locking its row serializes appends per organization.
CREATE TABLE audit_heads (
  org_id  uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  seq     bigint NOT NULL,
  hash    text NOT NULL
);

-- Entries are never changed in place: refuse UPDATE and DELETE of single rows.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TABLE roster_imports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  actor_id      uuid,
  file_name     text,
  file_sha256   text NOT NULL,
  rows_total    integer NOT NULL,
  created       integer NOT NULL,
  updated       integer NOT NULL,
  unchanged     integer NOT NULL,
  imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roster_imports_org_idx ON roster_imports (org_id, imported_at DESC);
