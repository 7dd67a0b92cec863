-- Jobs: the table is the queue. Runs unchanged on H2 2.4 and PostgreSQL 15.
-- Workers claim the oldest queued row with SELECT ... FOR UPDATE SKIP LOCKED and hold it through a
-- lease (worker, attempt, lease_until) that they renew while the job runs; every write a worker makes
-- afterwards is conditional on still holding that lease.

-- Ids are handed out 50 at a time per instance (a pooled allocator), so one sequence call serves many
-- inserts and inserts can be batched.
CREATE SEQUENCE jobs_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE jobs (
    id                BIGINT                   NOT NULL,
    type              VARCHAR(16)              NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    -- The request with every default resolved (JSON), so a re-run reproduces the job exactly.
    request           VARCHAR                  NOT NULL,
    -- The dataset reference, on its own so that "is this dataset in use?" is one indexed query.
    dataset           VARCHAR(1000)            NOT NULL,
    total_iterations  BIGINT                   NOT NULL,
    iteration         BIGINT                   NOT NULL,
    attempt           INTEGER                  NOT NULL,
    worker            VARCHAR(200),
    lease_until       TIMESTAMP WITH TIME ZONE,
    cancel_requested  BOOLEAN                  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    progress_at       TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    -- JSON: final/best loss and validation metrics (and a range test's recommendation).
    result            VARCHAR,
    error             VARCHAR(4000),
    CONSTRAINT jobs_pk PRIMARY KEY (id),
    -- CASE rather than IN: H2 2.4 evaluates a constant IN list of a CHECK with the session that created
    -- it, and inserts fail once Flyway's connection is closed (see V1).
    CONSTRAINT jobs_status CHECK (CASE status WHEN 'queued' THEN TRUE WHEN 'running' THEN TRUE
        WHEN 'succeeded' THEN TRUE WHEN 'failed' THEN TRUE WHEN 'cancelled' THEN TRUE WHEN 'diverged' THEN TRUE
        ELSE FALSE END),
    CONSTRAINT jobs_type CHECK (CASE type WHEN 'training' THEN TRUE WHEN 'range_test' THEN TRUE ELSE FALSE END)
);

-- Claiming (oldest queued first) and recovery (running with an expired lease).
CREATE INDEX jobs_status_created ON jobs (status, created_at, id);
-- GET /jobs lists newest first.
CREATE INDEX jobs_created ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_dataset ON jobs (dataset);
