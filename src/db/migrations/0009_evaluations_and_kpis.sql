-- Monthly evaluations (a template per organization, one evaluation per person per month,
-- acknowledged by the technician) and KPIs (definitions per organization, values per person
-- per period, entered by hand or imported from pharmacy-system CSV exports).

CREATE TABLE evaluation_templates (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  code        text NOT NULL,
  name        text NOT NULL,
  -- [{code, label, kind: "competency" | "kpi", description}]: each rated 1–4.
  items       jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, code)
);

CREATE TABLE evaluations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id           uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  site_id             uuid NOT NULL REFERENCES sites(id),
  template_id         uuid NOT NULL REFERENCES evaluation_templates(id),
  -- The first day of the month evaluated.
  month               date NOT NULL CHECK (extract(day FROM month) = 1),
  -- {itemCode: 1..4}
  ratings             jsonb NOT NULL,
  average             numeric(3,2) NOT NULL CHECK (average BETWEEN 1 AND 4),
  comments            text,
  evaluator_id        uuid NOT NULL REFERENCES people(id),
  acknowledged_at     timestamptz,
  technician_comment  text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, month)
);
CREATE INDEX evaluations_org_month_idx ON evaluations (org_id, month);

CREATE TABLE kpi_definitions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  code         text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  unit         text NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
  direction    text NOT NULL CHECK (direction IN ('higher', 'lower')),
  description  text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, code)
);

CREATE TABLE kpi_values (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id   uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kpi_code    text NOT NULL,
  period_end  date NOT NULL,
  value       numeric(12,4) NOT NULL,
  source      text NOT NULL CHECK (source IN ('manual', 'csv')),
  created_by  uuid REFERENCES people(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, kpi_code, period_end),
  FOREIGN KEY (org_id, kpi_code) REFERENCES kpi_definitions (org_id, code)
);
CREATE INDEX kpi_values_org_idx ON kpi_values (org_id, kpi_code, period_end);
