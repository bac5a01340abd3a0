-- Answers are written many times into rows that are otherwise read only.
--
-- An answer updates two positions of an attempt (the one answered and the one whose time ends) and
-- the attempt itself. Room left free on each page lets PostgreSQL write the new version of a row
-- next to the old one without touching the indexes (none of the columns an answer changes is
-- indexed). The item's content, written once when the attempt starts, is kept out of line, so an
-- update copies a short row rather than the question's whole text.

ALTER TABLE exam_attempt_items SET (fillfactor = 60, toast_tuple_target = 256);
ALTER TABLE exam_attempts SET (fillfactor = 70);
