-- Every instance behind one database must have the same secret key: it
-- seals two-step secrets and keys the hashed addresses that report limits
-- count, so an instance with another key could open no secret and would give
-- each address a fresh count. The first server to start records a keyed hash
-- of its key here (it says nothing of the key); a server whose key gives
-- another hash refuses to start.
CREATE TABLE secret_key_fingerprint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);
