-- Continuing education: CE records (entered by hand, parsed from an ACPE UAN, or imported from
-- CSV), the imports that brought them, and each organization's CE settings (the T/P split, the
-- warning days, (verify) UAN parts it accepts, its own state rule sets).

CREATE TABLE ce_settings (
  org_id      uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  settings    jsonb NOT NULL,
  updated_by  uuid REFERENCES people(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ce_imports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  actor_id     uuid REFERENCES people(id),
  file_name    text,
  file_sha256  text NOT NULL,
  rows_total   integer NOT NULL,
  created      integer NOT NULL,
  verified     boolean NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ce_imports_org_idx ON ce_imports (org_id, imported_at);

CREATE TABLE ce_records (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id               uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id            uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  provider             text,
  -- Normalized PPPP-JJJJ-YY-NNN-XTT-A; format, topic and audience below then come from it.
  uan                  text CHECK (uan ~ '^[0-9]{4}-(0000|9999)-[0-9]{2}-[0-9]{3}-[A-Z][0-9]{2}-[PT]$'),
  completed_on         date NOT NULL,
  hours                numeric(5,2) NOT NULL CHECK (hours > 0 AND hours <= 100),
  activity_type        text NOT NULL CHECK (activity_type IN ('acpe', 'college-course', 'in-service', 'other')),
  topic                text CHECK (topic ~ '^0[1-8]$'),
  format               text CHECK (format IN ('live', 'home-study', 'blended')),
  audience             text CHECK (audience IN ('technician', 'pharmacist')),
  categories           text[] NOT NULL DEFAULT '{}',
  source               text NOT NULL CHECK (source IN ('manual', 'csv', 'parsed')),
  verification_status  text NOT NULL DEFAULT 'unverified' CHECK (verification_status IN ('unverified', 'verified', 'rejected')),
  verified_by          uuid REFERENCES people(id),
  verified_at          timestamptz,
  evidence_file_id     uuid REFERENCES evidence_files(id),
  import_id            uuid REFERENCES ce_imports(id),
  created_by           uuid REFERENCES people(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((activity_type = 'acpe') = (uan IS NOT NULL))
);
CREATE INDEX ce_records_person_idx ON ce_records (person_id, completed_on);
CREATE INDEX ce_records_org_idx ON ce_records (org_id, completed_on);
-- An activity is recorded once per person.
CREATE UNIQUE INDEX ce_records_one_per_activity ON ce_records (person_id, uan) WHERE uan IS NOT NULL;
