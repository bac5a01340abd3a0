-- Organizations (tenants), their sites, the people on the roster and their employment history.

CREATE TABLE organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sites (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  code        text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  state       char(2) NOT NULL,
  setting     text NOT NULL CHECK (setting IN ('community', 'health-system', 'specialty', 'mail-order')),
  time_zone   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, code)
);

-- Level and track columns arrive with the career-ladder migrations.
CREATE TABLE people (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id             uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  employee_id        text NOT NULL CHECK (length(employee_id) BETWEEN 1 AND 64),
  first_name         text NOT NULL,
  last_name          text NOT NULL,
  email              text NOT NULL,
  phone              text,
  hire_date          date NOT NULL,
  site_id            uuid NOT NULL REFERENCES sites(id),
  role               text NOT NULL DEFAULT 'technician'
                       CHECK (role IN ('technician', 'mentor', 'pharmacist', 'manager', 'admin')),
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'leave', 'separated')),
  separation_date    date,
  separation_type    text CHECK (separation_type IN ('voluntary', 'involuntary')),
  separation_reason  text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, employee_id),
  CHECK ((status = 'separated') = (separation_date IS NOT NULL))
);
CREATE INDEX people_org_site_idx ON people (org_id, site_id);
CREATE INDEX people_org_name_idx ON people (org_id, last_name, first_name, id);
CREATE UNIQUE INDEX people_org_email_idx ON people (org_id, lower(email));

-- Sites a manager is responsible for (besides nothing else: a manager's scope is exactly this list).
CREATE TABLE manager_sites (
  person_id  uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  site_id    uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, site_id)
);

CREATE TABLE employment_events (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id        uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('hire', 'transfer', 'leave', 'return', 'separation', 'rehire')),
  effective_date   date NOT NULL,
  site_id          uuid REFERENCES sites(id),
  from_site_id     uuid REFERENCES sites(id),
  separation_type  text CHECK (separation_type IN ('voluntary', 'involuntary')),
  reason_code      text,
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'separation') = (separation_type IS NOT NULL))
);
CREATE INDEX employment_events_person_idx ON employment_events (person_id, effective_date);
CREATE INDEX employment_events_org_kind_idx ON employment_events (org_id, kind, effective_date);

CREATE TABLE exit_interviews (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id       uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  interview_date  date NOT NULL,
  reason_codes    text[] NOT NULL,
  comments        text,
  would_return    boolean,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exit_interviews_person_idx ON exit_interviews (person_id);
