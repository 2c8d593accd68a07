-- Smaller pages for the search index's b-trees (FTS5's pgsz; its default is 4050 bytes). FTS5 merges
-- its segments as it is written, 64 pages of work per level at a time, inside whatever write
-- transaction crosses the threshold: at 1,000 bytes that work comes in quarters. D1 runs one
-- transaction at a time, so a ring arriving meanwhile waits for it. Measured (bench:import, 40,000
-- rows into 100,000 contacts, two runs each): an import's 50-row write batch p99 19 ms instead of
-- 26–28, max 24–25 instead of 34; the ring's p99 during the import 43 ms instead of 52–55.
-- Segments written from now on use it; older ones as they are merged.
INSERT INTO contact_search(contact_search, rank) VALUES('pgsz', 1000);
