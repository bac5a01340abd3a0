-- PTCE practice exams: the item bank (versioned items per organization), attempts with every
-- response, item statistics, flags from technicians, spaced-review cards, real exam records
-- for the certification pipeline, and the domain events other areas react to.

CREATE TABLE exam_settings (
  org_id                    uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  certification_deadline_months smallint NOT NULL DEFAULT 9 CHECK (certification_deadline_months BETWEEN 6 AND 12),
  readiness_threshold       numeric(4,3) NOT NULL DEFAULT 0.700 CHECK (readiness_threshold > 0 AND readiness_threshold < 1),
  pinned_outline            text,
  shipped_bank_revision     text,             -- which release of the shipped items has been loaded
  updated_by                uuid REFERENCES people(id),
  updated_at                timestamptz NOT NULL DEFAULT now()
);

-- One row per version of an item. At most one published and one draft version per code.
CREATE TABLE exam_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  code          text NOT NULL,
  version       integer NOT NULL CHECK (version >= 1),
  status        text NOT NULL CHECK (status IN ('draft', 'published', 'superseded', 'retired')),
  kind          text NOT NULL CHECK (kind IN ('single', 'multi')),
  domain        text NOT NULL,
  subtopic      text NOT NULL,
  difficulty    smallint NOT NULL CHECK (difficulty BETWEEN 1 AND 3),
  stem          text NOT NULL,
  options       jsonb NOT NULL,
  answer_key    jsonb NOT NULL,
  explanation   text NOT NULL,
  reference     text NOT NULL,
  source        text NOT NULL CHECK (source IN ('hand', 'table', 'generator', 'custom')),
  family        text,
  created_by    uuid REFERENCES people(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  reviewed_by   uuid REFERENCES people(id),
  reviewed_at   timestamptz,
  review_note   text,
  published_at  timestamptz,
  retired_at    timestamptz,
  UNIQUE (org_id, code, version)
);
CREATE UNIQUE INDEX exam_items_one_published ON exam_items (org_id, code) WHERE status = 'published';
CREATE UNIQUE INDEX exam_items_one_draft ON exam_items (org_id, code) WHERE status = 'draft';
CREATE INDEX exam_items_pick_idx ON exam_items (org_id, status, domain, subtopic);

-- Statistics per bank item code or per generator family ("family:<code>"), recomputed from responses.
CREATE TABLE exam_item_stats (
  org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  item_key        text NOT NULL,
  responses       integer NOT NULL,
  correct         integer NOT NULL,
  p_value         double precision,
  point_biserial  double precision,
  rasch_b         double precision,
  computed_at     timestamptz NOT NULL,
  PRIMARY KEY (org_id, item_key)
);

CREATE TABLE exam_attempts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id        uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  form             text NOT NULL CHECK (form IN ('full', 'quick', 'drill', 'review')),
  domain           text,
  outline_code     text NOT NULL,
  feedback         text NOT NULL CHECK (feedback IN ('end', 'immediate')),
  status           text NOT NULL CHECK (status IN ('in_progress', 'submitted')),
  started_at       timestamptz NOT NULL,
  deadline_at      timestamptz,
  last_event_at    timestamptz NOT NULL,
  current_position smallint NOT NULL DEFAULT 1,
  submitted_at     timestamptz,
  expired          boolean NOT NULL DEFAULT false,
  item_count       smallint NOT NULL,
  scored_count     smallint,
  correct_count    smallint,
  score_percent    double precision,
  domain_results   jsonb,
  ability          double precision,
  ability_se       double precision
);
CREATE UNIQUE INDEX exam_attempts_one_open ON exam_attempts (person_id) WHERE status = 'in_progress';
CREATE INDEX exam_attempts_person_idx ON exam_attempts (person_id, started_at DESC);
CREATE INDEX exam_attempts_org_idx ON exam_attempts (org_id, status, submitted_at);

-- Each position of an attempt keeps a snapshot of the item as shown, so review stays true after edits.
CREATE TABLE exam_attempt_items (
  attempt_id     uuid NOT NULL REFERENCES exam_attempts(id) ON DELETE CASCADE,
  position       smallint NOT NULL,
  item_id        uuid REFERENCES exam_items(id),
  item_key       text NOT NULL,
  domain         text NOT NULL,
  subtopic       text NOT NULL,
  scored         boolean NOT NULL,
  difficulty_b   double precision NOT NULL,
  content        jsonb NOT NULL,
  answer         jsonb,
  correct        boolean,
  flagged        boolean NOT NULL DEFAULT false,
  answered_at    timestamptz,
  time_spent_ms  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (attempt_id, position)
);
CREATE INDEX exam_attempt_items_key_idx ON exam_attempt_items (item_key);

CREATE TABLE exam_item_flags (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  item_key         text NOT NULL,
  item_id          uuid REFERENCES exam_items(id),
  attempt_id       uuid REFERENCES exam_attempts(id) ON DELETE SET NULL,
  position         smallint,
  content          jsonb NOT NULL,
  person_id        uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  reason           text NOT NULL CHECK (reason IN ('wrong-key', 'unclear', 'outdated', 'typo', 'other')),
  comment          text,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'dismissed')),
  created_at       timestamptz NOT NULL,
  resolved_by      uuid REFERENCES people(id),
  resolved_at      timestamptz,
  resolution_note  text
);
CREATE INDEX exam_item_flags_queue_idx ON exam_item_flags (org_id, status, created_at);

-- FSRS cards: a missed item ("item:<code>"), a generator family ("family:<code>") or a weak subtopic ("subtopic:<code>").
CREATE TABLE exam_review_cards (
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id   uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  card_key    text NOT NULL,
  card        jsonb NOT NULL,
  due_at      timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (person_id, card_key)
);
CREATE INDEX exam_review_cards_due_idx ON exam_review_cards (person_id, due_at);

-- The real certification exam: scheduled, then passed or failed.
CREATE TABLE certification_exam_records (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id     uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  exam          text NOT NULL,
  scheduled_on  date NOT NULL,
  result        text NOT NULL DEFAULT 'scheduled' CHECK (result IN ('scheduled', 'passed', 'failed', 'cancelled')),
  taken_on      date,
  scaled_score  integer,
  holding_id    uuid REFERENCES certification_holdings(id),
  recorded_by   uuid NOT NULL REFERENCES people(id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CHECK (result IN ('scheduled', 'cancelled') OR taken_on IS NOT NULL)
);
CREATE INDEX certification_exam_records_person_idx ON certification_exam_records (person_id, scheduled_on);

-- Things that happened, for other areas to act on (incentives, notifications). Append-only.
CREATE TABLE domain_events (
  id           bigserial PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  kind         text NOT NULL,
  person_id    uuid REFERENCES people(id) ON DELETE CASCADE,
  payload      jsonb NOT NULL,
  occurred_at  timestamptz NOT NULL
);
CREATE INDEX domain_events_org_kind_idx ON domain_events (org_id, kind, id);
