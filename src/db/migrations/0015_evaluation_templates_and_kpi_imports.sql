-- Evaluation forms get versions, and KPI imports are kept.
--
-- An admin's change to the organization's evaluation form adds a new version of it; evaluations
-- keep pointing at the version they were filled with, so an old evaluation still reads with its
-- own lines. The newest version of a form is the one new evaluations use. A form also carries
-- comment prompts (e.g. "Strengths this month"); an evaluation holds the answer to each.
--
-- Each KPI import is recorded with who ran it, when, the file name, its counts and the periods it
-- covered, and the figures it brought in exactly as read (with the value each replaced), so the
-- figures of one import can be shown even after a later import corrected some of them.

ALTER TABLE evaluation_templates ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
-- [{code, label}]: each answered with free text on the evaluation.
ALTER TABLE evaluation_templates ADD COLUMN comment_prompts jsonb NOT NULL DEFAULT '[]';
ALTER TABLE evaluation_templates ADD COLUMN created_by uuid REFERENCES people(id);
ALTER TABLE evaluation_templates DROP CONSTRAINT evaluation_templates_org_id_code_key;
ALTER TABLE evaluation_templates ADD CONSTRAINT evaluation_templates_org_code_version_key UNIQUE (org_id, code, version);

-- {promptCode: text}
ALTER TABLE evaluations ADD COLUMN prompt_answers jsonb NOT NULL DEFAULT '{}';

CREATE TABLE kpi_imports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  imported_by  uuid REFERENCES people(id),
  file_name    text,
  rows_total   integer NOT NULL CHECK (rows_total >= 0),
  created      integer NOT NULL CHECK (created >= 0),
  replaced     integer NOT NULL CHECK (replaced >= 0),
  period_from  date,
  period_to    date,
  imported_at  timestamptz NOT NULL,
  CHECK (period_to IS NULL OR period_to >= period_from)
);
CREATE INDEX kpi_imports_org_idx ON kpi_imports (org_id, imported_at);

CREATE TABLE kpi_import_figures (
  import_id       uuid NOT NULL REFERENCES kpi_imports(id) ON DELETE CASCADE,
  org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  row_number      integer NOT NULL,
  person_id       uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kpi_code        text NOT NULL,
  period_end      date NOT NULL,
  value           numeric(12,4) NOT NULL,
  previous_value  numeric(12,4),
  PRIMARY KEY (import_id, row_number)
);
