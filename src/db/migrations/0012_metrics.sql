-- Program metrics: each organization's threshold for "stalled progress", and employment history
-- cut into segments that the metrics sum over (docs/metrics.md, "Employment history: segments").

CREATE TABLE metrics_settings (
  org_id          uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  stalled_months  smallint NOT NULL DEFAULT 18 CHECK (stalled_months BETWEEN 3 AND 60),
  updated_by      uuid REFERENCES people(id),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A person's employment events cut into segments: each hire, rehire or transfer starts one at its
-- site, running to the day before the next such event, or to the separation date (the last day
-- employed) when a separation ends it. Leave and return do not end a segment. Each segment also
-- carries its spell (from the hire or rehire to the separation that ends it): its first day, its
-- site of hire and its separation date. Derived data: the triggers below rebuild a person's
-- segments whenever their events change, so every metric reads the same cut of the history
-- without re-sorting all events on each request.
CREATE TABLE employment_segments (
  org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id        uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  site_id          uuid REFERENCES sites(id),
  starts_on        date NOT NULL,
  ends_on          date,                -- the last day of the segment; null while it continues
  is_hire          boolean NOT NULL,    -- starts a spell (hire or rehire), not a transfer
  separation_type  text CHECK (separation_type IN ('voluntary', 'involuntary')),
  reason_code      text,
  spell_starts_on  date NOT NULL,
  spell_site_id    uuid REFERENCES sites(id),
  spell_ends_on    date,                -- the spell's separation date; null while employed
  PRIMARY KEY (person_id, starts_on),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK ((separation_type IS NULL) OR (ends_on IS NOT NULL))
);
CREATE INDEX employment_segments_org_idx ON employment_segments (org_id, starts_on);
CREATE INDEX employment_segments_spell_idx ON employment_segments (org_id, spell_starts_on);

CREATE FUNCTION employment_segments_refresh(persons uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM employment_segments WHERE person_id = ANY (persons);
  INSERT INTO employment_segments (org_id, person_id, site_id, starts_on, ends_on, is_hire, separation_type, reason_code, spell_starts_on, spell_site_id, spell_ends_on)
  SELECT org_id, person_id, site_id, starts_on, ends_on, is_hire, separation_type, reason_code, spell_starts_on, spell_site_id, spell_ends_on
  FROM (
    SELECT seg.*,
           min(starts_on) OVER spell AS spell_starts_on,
           first_value(site_id) OVER (PARTITION BY person_id, spell_no ORDER BY starts_on) AS spell_site_id,
           max(ends_on) FILTER (WHERE separation_type IS NOT NULL) OVER spell AS spell_ends_on
    FROM (
      SELECT org_id, person_id, site_id, effective_date AS starts_on,
             CASE WHEN next_kind = 'separation' THEN next_on WHEN next_kind IS NOT NULL THEN next_on - 1 END AS ends_on,
             kind IN ('hire', 'rehire') AS is_hire,
             CASE WHEN next_kind = 'separation' THEN next_type END AS separation_type,
             CASE WHEN next_kind = 'separation' THEN next_reason END AS reason_code,
             spell_no
      FROM (
        SELECT e.org_id, e.person_id, e.kind, e.effective_date, e.site_id,
               lead(e.kind) OVER w AS next_kind, lead(e.effective_date) OVER w AS next_on,
               lead(e.separation_type) OVER w AS next_type, lead(e.reason_code) OVER w AS next_reason,
               count(*) FILTER (WHERE e.kind IN ('hire', 'rehire')) OVER (w ROWS UNBOUNDED PRECEDING) AS spell_no
        FROM employment_events e
        WHERE e.person_id = ANY (persons) AND e.kind IN ('hire', 'rehire', 'transfer', 'separation')
        WINDOW w AS (PARTITION BY e.person_id ORDER BY e.effective_date, e.created_at, e.id)
      ) ev
      WHERE kind <> 'separation'
    ) seg
    WINDOW spell AS (PARTITION BY person_id, spell_no)
  ) cut
  -- A transfer on the day of the hire leaves an empty first segment.
  WHERE ends_on IS NULL OR ends_on >= starts_on
  ON CONFLICT (person_id, starts_on) DO NOTHING;
$$;

CREATE FUNCTION employment_segments_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM employment_segments_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  RETURN NULL;
END;
$$;
CREATE FUNCTION employment_segments_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM employment_segments_refresh(ARRAY(SELECT person_id FROM old_rows UNION SELECT person_id FROM new_rows));
  RETURN NULL;
END;
$$;
CREATE FUNCTION employment_segments_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM employment_segments_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  RETURN NULL;
END;
$$;
CREATE TRIGGER employment_segments_on_insert AFTER INSERT ON employment_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION employment_segments_after_insert();
CREATE TRIGGER employment_segments_on_update AFTER UPDATE ON employment_events
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION employment_segments_after_update();
CREATE TRIGGER employment_segments_on_delete AFTER DELETE ON employment_events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION employment_segments_after_delete();

SELECT employment_segments_refresh(ARRAY(SELECT DISTINCT person_id FROM employment_events));

-- The technicians of an organization read from the index alone; promotions counted by effective
-- date; sign-offs looked up by the day they lapse.
CREATE INDEX people_org_role_idx ON people (org_id, role) INCLUDE (id);
CREATE INDEX promotions_org_effective_idx ON promotions (org_id, effective_date) WHERE status = 'approved' AND kind = 'promotion';
CREATE INDEX competency_signoffs_valid_until_idx ON competency_signoffs (org_id, valid_until) WHERE revokes_id IS NULL AND step_code IS NULL;
