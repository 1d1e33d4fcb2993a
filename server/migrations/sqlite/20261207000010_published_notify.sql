-- The PostgreSQL twin of this migration makes every published table notify
-- the other servers behind the same database of a change. An SQLite file has
-- one server, which marks its own copy stale on every write, so there is
-- nothing to add here; the file keeps both lists of migrations in step.
SELECT 1;
