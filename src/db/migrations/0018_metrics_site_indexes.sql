-- A site's employment segments and spells read from indexes of their own: the program report has a
-- page per site, and an organization of 2,000 sites asks for each site's figures in turn.
CREATE INDEX employment_segments_site_idx ON employment_segments (site_id, starts_on);
CREATE INDEX employment_segments_spell_site_idx ON employment_segments (spell_site_id, spell_starts_on);
