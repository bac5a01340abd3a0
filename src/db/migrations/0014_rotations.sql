-- Rotations: stations per site with the qualifications they require, shift templates, the people
-- needed per station, weekday and shift, each person's availability, leave requests (PTO, sick
-- leave, call-outs) with a manager's decision, rotation plans (draft, then published) with their
-- assignments, and the token behind each person's calendar feed.
--
-- Qualifications are never copied here: a station names competency and certification codes, and
-- whether a person is qualified on a day is decided from their sign-offs and holdings on that day.

CREATE TABLE rotation_stations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  site_id             uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  code                text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  -- [{"competency": "order-entry", "minProficiency": 3}]: every one is required
  competencies        jsonb NOT NULL DEFAULT '[]',
  -- [{"anyOf": ["ptcb-cpht", "nha-excpt"]}]: every group is required, any one code of a group
  certifications      jsonb NOT NULL DEFAULT '[]',
  -- training programs whose trainees may work here next to a qualified person
  training_programs   text[] NOT NULL DEFAULT '{}',
  -- few people want it: the planner spreads it evenly
  unpopular           boolean NOT NULL DEFAULT false,
  position            smallint NOT NULL DEFAULT 1,
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, code)
);
CREATE INDEX rotation_stations_org_idx ON rotation_stations (org_id, site_id);

-- Shifts a site runs, in the site's local time. A shift may run past midnight (start + length).
CREATE TABLE rotation_shifts (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id            uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  site_id           uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  code              text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  start_minute      smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  length_minutes    smallint NOT NULL CHECK (length_minutes BETWEEN 60 AND 960),
  -- a short shift that only adds people at busy hours
  peak              boolean NOT NULL DEFAULT false,
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, code)
);

-- People needed at a station on a weekday (ISO: 1 Monday … 7 Sunday) in a shift.
CREATE TABLE rotation_demand (
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  site_id     uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  station_id  uuid NOT NULL REFERENCES rotation_stations(id) ON DELETE CASCADE,
  shift_id    uuid NOT NULL REFERENCES rotation_shifts(id) ON DELETE CASCADE,
  weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  people      smallint NOT NULL CHECK (people BETWEEN 0 AND 50),
  PRIMARY KEY (station_id, shift_id, weekday)
);
CREATE INDEX rotation_demand_site_idx ON rotation_demand (site_id);

-- Which site releases of the shipped station set a site has loaded.
CREATE TABLE rotation_site_state (
  site_id           uuid PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  org_id            uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  shipped_revision  text NOT NULL,
  loaded_at         timestamptz NOT NULL
);

-- A person's working pattern. No row: the defaults (40 hours a week, 10 hours' rest, any shift of
-- their home site). The home site is the person's site; floaters list further sites.
CREATE TABLE rotation_availability (
  person_id           uuid PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  org_id              uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  weekly_hours        smallint NOT NULL DEFAULT 40 CHECK (weekly_hours BETWEEN 0 AND 80),
  min_rest_hours      smallint NOT NULL DEFAULT 10 CHECK (min_rest_hours BETWEEN 0 AND 24),
  -- ["1/first", "2/first"]: weekday/shift code pairs the person works; null: any
  shifts              jsonb,
  preferred_stations  text[] NOT NULL DEFAULT '{}',
  avoided_stations    text[] NOT NULL DEFAULT '{}',
  float_site_ids      uuid[] NOT NULL DEFAULT '{}',
  updated_by          uuid REFERENCES people(id),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rotation_leave_requests (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id      uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('pto', 'sick', 'leave', 'call-out')),
  starts_on      date NOT NULL,
  ends_on        date NOT NULL,
  note           text,
  status         text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'cancelled')),
  requested_by   uuid NOT NULL REFERENCES people(id),
  requested_at   timestamptz NOT NULL,
  decided_by     uuid REFERENCES people(id),
  decided_at     timestamptz,
  decision_note  text,
  CHECK (ends_on >= starts_on),
  CHECK (ends_on - starts_on <= 366)
);
CREATE INDEX rotation_leave_person_idx ON rotation_leave_requests (person_id, starts_on);
CREATE INDEX rotation_leave_org_idx ON rotation_leave_requests (org_id, status);

CREATE TABLE rotation_plans (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  site_id         uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  starts_on       date NOT NULL,
  weeks           smallint NOT NULL CHECK (weeks BETWEEN 1 AND 4),
  status          text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
  solver_status   text NOT NULL,
  objective       double precision,
  bound           double precision,
  solve_ms        integer NOT NULL DEFAULT 0,
  shortfalls      jsonb NOT NULL DEFAULT '[]',
  created_by      uuid REFERENCES people(id),
  created_at      timestamptz NOT NULL,
  published_by    uuid REFERENCES people(id),
  published_at    timestamptz,
  CHECK ((status = 'draft') = (published_at IS NULL))
);
CREATE INDEX rotation_plans_site_idx ON rotation_plans (site_id, starts_on);
-- One published plan per site and start date; publishing another supersedes it.
CREATE UNIQUE INDEX rotation_plans_one_published ON rotation_plans (site_id, starts_on) WHERE status = 'published';

CREATE TABLE rotation_assignments (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id               uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  plan_id              uuid NOT NULL REFERENCES rotation_plans(id) ON DELETE CASCADE,
  person_id            uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  station_id           uuid NOT NULL REFERENCES rotation_stations(id),
  shift_id             uuid NOT NULL REFERENCES rotation_shifts(id),
  day                  date NOT NULL,
  starts_at            timestamptz NOT NULL,
  ends_at              timestamptz NOT NULL,
  trainee              boolean NOT NULL DEFAULT false,
  source               text NOT NULL CHECK (source IN ('planner', 'manual', 'backfill')),
  replaced_person_id   uuid REFERENCES people(id),
  updated_at           timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  UNIQUE (plan_id, person_id, day, shift_id)
);
CREATE INDEX rotation_assignments_person_idx ON rotation_assignments (person_id, starts_at);
CREATE INDEX rotation_assignments_plan_idx ON rotation_assignments (plan_id, day);

-- A person's calendar feed: the URL carries a random token; only its SHA-256 is kept.
CREATE TABLE rotation_calendar_feeds (
  person_id    uuid PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL
);
