-- Career ladder: versioned frameworks, levels held, competency sign-offs, certifications,
-- evidence files and promotions.

-- An organization's framework is one JSON document per version. Publishing an edit adds a
-- version; people are judged against the newest published one, and every version is kept.
CREATE TABLE ladder_frameworks (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  version       integer NOT NULL CHECK (version >= 1),
  status        text NOT NULL CHECK (status IN ('draft', 'published')),
  definition    jsonb NOT NULL,
  note          text,
  created_by    uuid REFERENCES people(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  UNIQUE (org_id, version)
);
-- At most one draft per organization.
CREATE UNIQUE INDEX ladder_frameworks_one_draft ON ladder_frameworks (org_id) WHERE status = 'draft';

-- Levels a person has held: the open row (ended_on IS NULL) per track is the current level.
CREATE TABLE person_levels (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id      uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  track_code     text NOT NULL,
  level_code     text NOT NULL,
  started_on     date NOT NULL,
  ended_on       date,
  promotion_id   uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE UNIQUE INDEX person_levels_current ON person_levels (person_id, track_code) WHERE ended_on IS NULL;
CREATE INDEX person_levels_org_idx ON person_levels (org_id, track_code, level_code) WHERE ended_on IS NULL;

-- Uploaded evidence (certificates, competency evidence). Kept in the database so that both
-- kinds of database and the backup carry it.
CREATE TABLE evidence_files (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id     uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  uploaded_by   uuid REFERENCES people(id),
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_files_person_idx ON evidence_files (person_id);

-- Sign-offs are immutable. A revocation is a new row that points at the one it revokes.
CREATE TABLE competency_signoffs (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id             uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id          uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  competency_code    text NOT NULL,
  step_code          text,              -- null: the whole competency
  proficiency        smallint CHECK (proficiency BETWEEN 1 AND 4),
  assessor_id        uuid NOT NULL REFERENCES people(id),
  assessor_role      text NOT NULL,
  signed_at          timestamptz NOT NULL,
  valid_until        date,              -- from the competency's validity period at signing
  evidence_note      text,
  evidence_file_id   uuid REFERENCES evidence_files(id),
  signature          text NOT NULL,     -- sha256 over the signed statement, made after the assessor re-entered their password
  framework_version  integer NOT NULL,
  revokes_id         uuid REFERENCES competency_signoffs(id),
  revocation_reason  text,
  CHECK ((revokes_id IS NULL) = (revocation_reason IS NULL)),
  CHECK (revokes_id IS NOT NULL OR proficiency IS NOT NULL)
);
CREATE INDEX competency_signoffs_person_idx ON competency_signoffs (person_id, competency_code);
CREATE UNIQUE INDEX competency_signoffs_one_revocation ON competency_signoffs (revokes_id) WHERE revokes_id IS NOT NULL;

CREATE FUNCTION competency_signoffs_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'competency sign-offs are immutable: record a revocation instead';
END;
$$;
CREATE TRIGGER competency_signoffs_no_update BEFORE UPDATE OR DELETE ON competency_signoffs
  FOR EACH ROW EXECUTE FUNCTION competency_signoffs_are_immutable();

CREATE TABLE certification_holdings (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id               uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id            uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  certification_code   text NOT NULL,
  number               text,
  issuer               text,
  state                char(2),
  earned_on            date NOT NULL,
  expires_on           date,
  verification_status  text NOT NULL DEFAULT 'unverified' CHECK (verification_status IN ('unverified', 'verified', 'rejected')),
  verified_by          uuid REFERENCES people(id),
  verified_at          timestamptz,
  evidence_file_id     uuid REFERENCES evidence_files(id),
  created_by           uuid REFERENCES people(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_on IS NULL OR expires_on >= earned_on)
);
CREATE INDEX certification_holdings_person_idx ON certification_holdings (person_id, certification_code);
CREATE INDEX certification_holdings_expiry_idx ON certification_holdings (org_id, expires_on);

CREATE TABLE promotions (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id                  uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id               uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind                    text NOT NULL CHECK (kind IN ('promotion', 'track-change', 'demotion')),
  from_track              text,
  from_level              text,
  to_track                text NOT NULL,
  to_level                text NOT NULL,
  status                  text NOT NULL CHECK (status IN ('nominated', 'approved', 'rejected', 'withdrawn')),
  effective_date          date NOT NULL,
  pay_change_cents        integer,          -- hourly rate change in cents
  nominated_by            uuid NOT NULL REFERENCES people(id),
  nominated_at            timestamptz NOT NULL,
  nomination_note         text,
  eligible_at_nomination  boolean NOT NULL,
  eligibility_snapshot    jsonb NOT NULL,
  override_justification  text,
  framework_version       integer NOT NULL,
  decided_by              uuid REFERENCES people(id),
  decided_at              timestamptz,
  decision_note           text,
  CHECK (eligible_at_nomination OR kind <> 'promotion' OR override_justification IS NOT NULL)
);
CREATE INDEX promotions_org_status_idx ON promotions (org_id, status, nominated_at);
CREATE INDEX promotions_person_idx ON promotions (person_id);
