-- Every transaction row is updated after its insert (Start, then Finish, sometimes Updates between). An
-- update stays in the row's page as a heap-only tuple (HOT), without new entries in the table's three
-- indexes and without index garbage for VACUUM, only if that page has room for the new version. With
-- pages packed full (fillfactor 100, the default) 58-59 % of the updates in `opentss bench --db
-- postgresql` were HOT; with 30 % of each page left free 92 %, and the WAL per signed log fell by about
-- 5 % (docs/performance.md, 2026-12-08, early morning). The setting applies to pages filled from now on and
-- takes a SHARE UPDATE EXCLUSIVE lock, which reads and writes do not wait for. SQLite needs nothing like
-- it: an update there touches only the indexes whose columns change.
ALTER TABLE tss_transaction SET (fillfactor = 70);
