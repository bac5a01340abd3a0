-- Training progress per module, self-reported completions, and incentive rule conditions.
--
-- A module completion records one module of a program for a person; once every module of the
-- program is completed (after the person's last completion of the program), the program counts as
-- completed. A person may report an outside completion (a module or the whole program) with a
-- certificate; it counts only once someone else (their manager, a pharmacist of their site or an
-- admin) confirms it.
--
-- Incentive rules may be narrowed: a training rule to one program, a CE rule to activities of at
-- least some hours.

ALTER TABLE incentive_rules ADD COLUMN program_code text;
ALTER TABLE incentive_rules ADD COLUMN min_hours numeric(6,2) CHECK (min_hours > 0);
ALTER TABLE incentive_rules ADD CONSTRAINT incentive_rules_conditions_check CHECK (
  (program_code IS NULL OR milestone = 'training.completed') AND
  (min_hours IS NULL OR milestone = 'ce.completed') AND
  (level_code IS NULL OR milestone = 'level.reached')
);

CREATE TABLE training_module_completions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id           uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  program_id          uuid NOT NULL REFERENCES training_programs(id),
  module_id           uuid NOT NULL REFERENCES training_modules(id) ON DELETE CASCADE,
  completed_on        date NOT NULL,
  note                text,
  evidence_file_id    uuid REFERENCES evidence_files(id),
  recorded_by         uuid NOT NULL REFERENCES people(id),
  recorded_at         timestamptz NOT NULL,
  revoked_at          timestamptz,
  revoked_by          uuid REFERENCES people(id),
  revocation_reason   text,
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX training_module_completions_person_idx ON training_module_completions (person_id, program_id);

CREATE TABLE training_completion_reports (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id           uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  program_id          uuid NOT NULL REFERENCES training_programs(id),
  module_id           uuid REFERENCES training_modules(id) ON DELETE CASCADE,   -- null: the whole program
  completed_on        date NOT NULL,
  provider            text,
  note                text,
  evidence_file_id    uuid NOT NULL REFERENCES evidence_files(id),
  reported_at         timestamptz NOT NULL,
  status              text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'confirmed', 'rejected')),
  decided_by          uuid REFERENCES people(id),
  decided_at          timestamptz,
  decision_note       text,
  CHECK (decided_by IS NULL OR decided_by <> person_id),
  CHECK ((status = 'submitted') = (decided_by IS NULL))
);
CREATE INDEX training_completion_reports_org_idx ON training_completion_reports (org_id, status);
CREATE INDEX training_completion_reports_person_idx ON training_completion_reports (person_id);
