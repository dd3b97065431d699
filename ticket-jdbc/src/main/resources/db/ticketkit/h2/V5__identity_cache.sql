-- The identity columns hand out values from a cache of 1,000 instead of H2's default of 32. H2 writes a
-- sequence's state to its metadata each time the cache runs out: with the default, a batch of 100 new tickets
-- (500 messages, events and outbox rows) rewrote the metadata 15 times inside its transaction. A restart or
-- crash may skip the rest of a cache; seq columns only order rows, so a gap is harmless.
ALTER TABLE ${prefix}messages ALTER COLUMN seq SET CACHE 1000;
ALTER TABLE ${prefix}events ALTER COLUMN seq SET CACHE 1000;
ALTER TABLE ${prefix}outbox ALTER COLUMN seq SET CACHE 1000;
