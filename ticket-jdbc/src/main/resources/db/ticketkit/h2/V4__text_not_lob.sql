-- Text on H2 as CHARACTER VARYING, not CLOB. H2 keeps every CLOB value of more than a few hundred bytes in its
-- separate LOB store: each write goes through that store and each read follows a LOB reference, which made
-- inserts several times and reads about ten times slower than inline text. H2 2.x's CHARACTER VARYING holds
-- up to 1,000,000,000 characters, more than any configurable limit allows, so nothing gets shorter; SET DATA
-- TYPE keeps NOT NULL and the values.
ALTER TABLE ${prefix}tickets ALTER COLUMN tags_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}tickets ALTER COLUMN fields_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}tickets ALTER COLUMN orders_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}tickets ALTER COLUMN links_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}messages ALTER COLUMN body_text SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}messages ALTER COLUMN body_html SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}messages ALTER COLUMN attachments_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}events ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}outbox ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}customers ALTER COLUMN identities_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}customers ALTER COLUMN tags_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}agents ALTER COLUMN body SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}field_definitions ALTER COLUMN body SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}due_work ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING;
