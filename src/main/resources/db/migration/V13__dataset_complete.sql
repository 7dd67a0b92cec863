-- Whether a dataset's matrix is stored in full. An upload writes its row with FALSE, its chunks in transactions of a
-- few MiB each (one transaction of the whole matrix made H2 write it through hundreds of MB of growing buffers),
-- then sets TRUE; every read of datasets skips the rows that are not. A crash leaves FALSE rows behind, which the
-- service deletes once they are older than any upload in progress could be (their chunks by cascade). Rows stored
-- before are complete, and so is one that an older version inserts (all in one transaction) while this one runs
-- beside it on the same PostgreSQL. Runs unchanged on H2 2.4 and PostgreSQL 15.
ALTER TABLE datasets ADD COLUMN complete BOOLEAN DEFAULT TRUE NOT NULL;
