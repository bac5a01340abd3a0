-- Notifications, e-mail outbox and scheduled jobs.
--
-- A job is one row: whoever moves `locked_until` into the future with one UPDATE … WHERE
-- locked_until < now holds the lease and runs it; every other app server's UPDATE matches no row.
-- That works the same on PGlite (one connection) and on a PostgreSQL server behind several app servers.
--
-- A notification is unique per (recipient, kind, subject, period): the scan inserts with
-- ON CONFLICT DO NOTHING, so re-running it, or two servers running it, never notifies twice.
-- Its e-mail is a row in the outbox, unique per dedupe key, claimed before sending and marked sent
-- after; a sent row is never picked again.

CREATE TABLE jobs (
  name             text PRIMARY KEY,
  locked_until     timestamptz NOT NULL DEFAULT '1970-01-01T00:00:00Z',
  locked_by        text,
  next_run_at      timestamptz NOT NULL DEFAULT '1970-01-01T00:00:00Z',
  last_run_at      timestamptz,
  last_finished_at timestamptz,
  last_error       text,
  runs             integer NOT NULL DEFAULT 0
);

CREATE TABLE notifications (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  recipient_id  uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('certification-expiring', 'competency-expiring', 'certification-deadline', 'evaluation-due', 'promotion-eligible', 'approval-waiting', 'schedule-changed')),
  subject_key   text NOT NULL,                -- what it is about: a holding, a person, "person:competency", a site, a request
  period        text NOT NULL,                -- which occurrence: "2026-09-30:30" (expiry and window), "2026-06-01" (month), "tech-2" (level)
  title         text NOT NULL,
  body          text NOT NULL,
  link          text NOT NULL,                -- path in the web app, e.g. /people/…/ladder
  due_on        date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  read_at       timestamptz,
  UNIQUE (recipient_id, kind, subject_key, period)
);
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, read_at, created_at DESC);
CREATE INDEX notifications_org_created_idx ON notifications (org_id, created_at);

-- Only the choices a person changed; a missing row means the kind's default.
CREATE TABLE notification_preferences (
  person_id   uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  kind        text NOT NULL,
  email       boolean NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, kind)
);

CREATE TABLE email_outbox (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  recipient_id     uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  notification_id  uuid REFERENCES notifications(id) ON DELETE CASCADE,
  dedupe_key       text NOT NULL UNIQUE,      -- "notification:<id>", "weekly-summary:<person>:<week>"
  to_address       text NOT NULL,
  subject          text NOT NULL,
  body             text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  claimed_by       text,
  claimed_until    timestamptz,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX email_outbox_due_idx ON email_outbox (status, next_attempt_at) WHERE status IN ('pending', 'sending');
