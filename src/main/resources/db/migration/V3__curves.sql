-- Curves: every iteration's learning rate, momentum (when the schedule cycles it) and training loss, and
-- every evaluation's validation loss and accuracy. Runs unchanged on H2 2.4 and PostgreSQL 15.

-- Iterations are stored in chunks of a fixed number of consecutive points (the application's
-- CurveChunk.SIZE, 4096): chunk c holds iterations [c*SIZE, c*SIZE + point_count). Each column is a run
-- of little-endian IEEE 754 doubles, so NaN and infinities survive and a 200,000-iteration job is ~50
-- rows instead of 200,000. The key makes a point unique per (job, iteration): a re-run replaces chunks,
-- it can never add a second copy. BYTEA is PostgreSQL's binary string and an alias of VARBINARY in H2.
CREATE TABLE curve_chunks (
    job_id            BIGINT      NOT NULL,
    first_iteration   BIGINT      NOT NULL,
    point_count       INTEGER     NOT NULL,
    lr                BYTEA       NOT NULL,
    loss              BYTEA       NOT NULL,
    -- NULL when the schedule does not cycle momentum.
    momentum          BYTEA,
    CONSTRAINT curve_chunks_pk PRIMARY KEY (job_id, first_iteration),
    CONSTRAINT curve_chunks_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
);

-- One row per evaluation of the validation split; NULL for a non-finite loss and for the accuracy of a
-- regression.
CREATE TABLE curve_validations (
    job_id            BIGINT            NOT NULL,
    iteration         BIGINT            NOT NULL,
    loss              DOUBLE PRECISION,
    accuracy          DOUBLE PRECISION,
    CONSTRAINT curve_validations_pk PRIMARY KEY (job_id, iteration),
    CONSTRAINT curve_validations_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
);
