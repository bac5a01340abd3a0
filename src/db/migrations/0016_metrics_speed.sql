-- Faster program metrics.
--
-- Each employment segment carries the person's role, so the metrics pick the technicians from the
-- segments alone instead of joining every segment to people. The refresh fills it from people,
-- and a change of someone's role is copied onto their segments.
--
-- The people employed today are read from an index of their own (expiries, CE compliance,
-- stalled progress and the lists behind them all start from them).

ALTER TABLE employment_segments ADD COLUMN person_role text NOT NULL DEFAULT 'technician';
UPDATE employment_segments s SET person_role = p.role FROM people p WHERE p.id = s.person_id;

CREATE OR REPLACE FUNCTION employment_segments_refresh(persons uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM employment_segments WHERE person_id = ANY (persons);
  INSERT INTO employment_segments (org_id, person_id, site_id, starts_on, ends_on, is_hire, separation_type, reason_code, spell_starts_on, spell_site_id, spell_ends_on, person_role)
  SELECT cut.org_id, cut.person_id, cut.site_id, cut.starts_on, cut.ends_on, cut.is_hire, cut.separation_type, cut.reason_code, cut.spell_starts_on, cut.spell_site_id, cut.spell_ends_on, p.role
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
  JOIN people p ON p.id = cut.person_id
  -- A transfer on the day of the hire leaves an empty first segment.
  WHERE cut.ends_on IS NULL OR cut.ends_on >= cut.starts_on
  ON CONFLICT (person_id, starts_on) DO NOTHING;
$$;

CREATE FUNCTION employment_segments_role_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE employment_segments SET person_role = NEW.role WHERE person_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER employment_segments_on_role AFTER UPDATE OF role ON people
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role) EXECUTE FUNCTION employment_segments_role_changed();

CREATE INDEX people_org_current_idx ON people (org_id, role) INCLUDE (id, site_id) WHERE status <> 'separated';

-- Whether a whole-competency sign-off has been superseded by a later one, looked up per person
-- and competency without reading the step sign-offs.
CREATE INDEX competency_signoffs_whole_idx ON competency_signoffs (person_id, competency_code, signed_at) WHERE step_code IS NULL AND revokes_id IS NULL;
