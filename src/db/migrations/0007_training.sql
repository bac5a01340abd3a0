-- Training: programs with modules (the shipped catalog is loaded into each organization, which
-- then edits its own copy), assignments to a person, a site, a level or a track (learning weeks
-- are assignments to one person with a station, a supervisor and dates), when each covered
-- person started, and completions with evidence that feed the ladder's training requirements.
--
-- Assignments to a site, level or track are not copied per person: whoever is in the group on a
-- day is covered on that day, so people who join later are covered without anything being written
-- (decision 0006).

CREATE TABLE training_programs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  code             text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),   -- what framework requirements name; never changes
  name             text NOT NULL,
  description      text NOT NULL DEFAULT '',
  category         text NOT NULL CHECK (category IN ('compliance', 'clinical', 'cross-training', 'management', 'development')),
  validity_months  smallint CHECK (validity_months BETWEEN 1 AND 120),      -- null: a completion does not expire
  validity_verify  boolean NOT NULL DEFAULT false,                          -- the interval was not confirmed from a primary source
  source           text,
  shipped          boolean NOT NULL DEFAULT false,                          -- loaded from the catalog shipped with Rx Ladder
  active           boolean NOT NULL DEFAULT true,                           -- inactive programs take no new assignments
  created_by       uuid REFERENCES people(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, code)
);

CREATE TABLE training_modules (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  program_id   uuid NOT NULL REFERENCES training_programs(id) ON DELETE CASCADE,
  position     smallint NOT NULL CHECK (position >= 1),
  title        text NOT NULL,
  delivery     text NOT NULL CHECK (delivery IN ('internal', 'external')),
  provider     text,
  hours        numeric(6,2) NOT NULL CHECK (hours >= 0),
  ce_hours     numeric(6,2) NOT NULL DEFAULT 0 CHECK (ce_hours >= 0),
  cost_cents   integer NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
  UNIQUE (program_id, position)
);

-- Which release of the shipped catalog an organization has loaded; locked while loading.
CREATE TABLE training_catalog_state (
  org_id            uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  shipped_revision  text,
  loaded_at         timestamptz
);

CREATE TABLE training_assignments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  program_id      uuid NOT NULL REFERENCES training_programs(id),
  kind            text NOT NULL DEFAULT 'training' CHECK (kind IN ('training', 'learning-week')),
  target          text NOT NULL CHECK (target IN ('person', 'site', 'level', 'track')),
  person_id       uuid REFERENCES people(id) ON DELETE CASCADE,
  site_id         uuid REFERENCES sites(id),     -- the site of a site target; for a level or track, its scope (null: the organization)
  track_code      text,
  level_code      text,
  assigned_on     date NOT NULL,
  due_on          date NOT NULL,
  note            text,
  station         text,                           -- learning weeks: where, with whom, when
  supervisor_id   uuid REFERENCES people(id),
  starts_on       date,
  ends_on         date,
  created_by      uuid REFERENCES people(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  cancelled_at    timestamptz,
  cancelled_by    uuid REFERENCES people(id),
  cancel_reason   text,
  CHECK (due_on >= assigned_on),
  CHECK (
    (target = 'person' AND person_id IS NOT NULL AND site_id IS NULL AND track_code IS NULL AND level_code IS NULL) OR
    (target = 'site' AND person_id IS NULL AND site_id IS NOT NULL AND track_code IS NULL AND level_code IS NULL) OR
    (target = 'level' AND person_id IS NULL AND track_code IS NOT NULL AND level_code IS NOT NULL) OR
    (target = 'track' AND person_id IS NULL AND track_code IS NOT NULL AND level_code IS NULL)
  ),
  CHECK (
    (kind = 'training' AND station IS NULL AND supervisor_id IS NULL AND starts_on IS NULL AND ends_on IS NULL) OR
    (kind = 'learning-week' AND target = 'person' AND station IS NOT NULL AND supervisor_id IS NOT NULL
      AND starts_on IS NOT NULL AND ends_on IS NOT NULL AND ends_on >= starts_on AND due_on = ends_on)
  ),
  CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))
);
CREATE INDEX training_assignments_org_idx ON training_assignments (org_id, target) WHERE cancelled_at IS NULL;
CREATE INDEX training_assignments_person_idx ON training_assignments (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX training_assignments_site_idx ON training_assignments (site_id) WHERE site_id IS NOT NULL;

-- The day a covered person started an assigned training (one row per assignment and person, as a
-- group assignment covers many people).
CREATE TABLE training_starts (
  assignment_id  uuid NOT NULL REFERENCES training_assignments(id) ON DELETE CASCADE,
  person_id      uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  org_id         uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  started_on     date NOT NULL,
  recorded_by    uuid REFERENCES people(id),
  recorded_at    timestamptz NOT NULL,
  PRIMARY KEY (assignment_id, person_id)
);

-- A completion is kept when revoked: the revocation is recorded on it with a reason.
CREATE TABLE training_completions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id           uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  program_id          uuid NOT NULL REFERENCES training_programs(id),
  assignment_id       uuid REFERENCES training_assignments(id),
  completed_on        date NOT NULL,
  expires_on          date,                      -- completed_on plus the program's validity when recorded
  note                text,
  evidence_file_id    uuid REFERENCES evidence_files(id),
  recorded_by         uuid NOT NULL REFERENCES people(id),
  recorded_at         timestamptz NOT NULL,
  revoked_at          timestamptz,
  revoked_by          uuid REFERENCES people(id),
  revocation_reason   text,
  CHECK (expires_on IS NULL OR expires_on > completed_on),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX training_completions_person_idx ON training_completions (person_id, program_id);
CREATE INDEX training_completions_program_idx ON training_completions (org_id, program_id);
