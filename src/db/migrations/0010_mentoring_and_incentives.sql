-- Mentoring and incentives.
--
-- Pairings join a mentor and a mentee of one organization; sessions are logged against a
-- pairing and count (for the mentor's "hours of mentoring" requirement) once confirmed: a session
-- the mentor logs is confirmed at once, one the mentee logs waits for the mentor's confirmation.
--
-- Incentive rules name a milestone (a kind of domain event, optionally narrowed by a level) and
-- a reward. Grants are the ledger: at most one per (rule, event), so processing the events again
-- never awards twice. Reimbursement requests are approved by someone other than the requester.

CREATE TABLE mentor_pairings (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  mentor_id    uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  mentee_id    uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  goals        text NOT NULL DEFAULT '',
  starts_on    date NOT NULL,
  ends_on      date,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_by   uuid NOT NULL REFERENCES people(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (mentor_id <> mentee_id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
-- One active pairing per mentee per mentor.
CREATE UNIQUE INDEX mentor_pairings_active_idx ON mentor_pairings (mentor_id, mentee_id) WHERE status = 'active';
CREATE INDEX mentor_pairings_mentee_idx ON mentor_pairings (mentee_id);

CREATE TABLE mentoring_sessions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  pairing_id       uuid NOT NULL REFERENCES mentor_pairings(id) ON DELETE CASCADE,
  held_on          date NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
  topics           text NOT NULL,
  notes            text NOT NULL DEFAULT '',
  logged_by        uuid NOT NULL REFERENCES people(id),
  confirmed_by     uuid REFERENCES people(id),
  confirmed_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mentoring_sessions_pairing_idx ON mentoring_sessions (pairing_id, held_on);

CREATE TABLE incentive_rules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  code          text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name          text NOT NULL,
  milestone     text NOT NULL CHECK (milestone IN ('certification.exam_passed', 'level.reached', 'training.completed', 'ce.completed')),
  level_code    text,                                   -- level.reached: only this level (null: any)
  reward        text NOT NULL CHECK (reward IN ('raise', 'bonus', 'conference-ticket', 'tuition-reimbursement')),
  amount_cents  integer NOT NULL CHECK (amount_cents >= 0), -- raise: cents per hour; others: cents
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, code)
);

CREATE TABLE incentive_grants (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  rule_id       uuid NOT NULL REFERENCES incentive_rules(id) ON DELETE CASCADE,
  event_id      bigint NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
  person_id     uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  reward        text NOT NULL,
  amount_cents  integer NOT NULL,
  granted_on    date NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rule_id, event_id)
);
CREATE INDEX incentive_grants_org_idx ON incentive_grants (org_id, granted_on);

-- How far each organization's events were processed (events are read by id after this one).
CREATE TABLE incentive_cursors (
  org_id         uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  last_event_id  bigint NOT NULL DEFAULT 0
);

CREATE TABLE reimbursement_requests (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id            uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id         uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  amount_cents      integer NOT NULL CHECK (amount_cents > 0),
  purpose           text NOT NULL,
  evidence_file_id  uuid REFERENCES evidence_files(id),
  status            text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected')),
  submitted_at      timestamptz NOT NULL,
  decided_by        uuid REFERENCES people(id),
  decided_at        timestamptz,
  decided_on        date,
  decision_note     text,
  CHECK (decided_by IS NULL OR decided_by <> person_id)
);
CREATE INDEX reimbursement_requests_org_idx ON reimbursement_requests (org_id, status);
