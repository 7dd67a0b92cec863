-- Jobs run by the client (its own model, data and hardware) beside those run by the workers, and a name, tags and
-- free-form params on every job. Runs unchanged on H2 2.4 and PostgreSQL 15.

-- server: a worker of some instance claims and runs it; client: created running, its points are posted over HTTP and
-- lease_until is renewed by every post (a client that stops posting fails the job once it has passed).
ALTER TABLE jobs ADD COLUMN runner VARCHAR(16) DEFAULT 'server' NOT NULL;
-- CASE rather than IN, as in V2.
ALTER TABLE jobs ADD CONSTRAINT jobs_runner CHECK (CASE runner WHEN 'server' THEN TRUE WHEN 'client' THEN TRUE
    ELSE FALSE END);
ALTER TABLE jobs ADD COLUMN name VARCHAR(200);
-- JSON: the tags as given (string to string), shown with the job; job_tags holds them again for filtering.
ALTER TABLE jobs ADD COLUMN tags VARCHAR;
-- JSON: whatever the user wants kept with the job (model, batch size, ...).
ALTER TABLE jobs ADD COLUMN params VARCHAR;
-- A client-run job: why the answers to its posts say stop, once a post decided it (diverged, complete); sticky, so a
-- later post does not need the whole curve again to know it.
ALTER TABLE jobs ADD COLUMN stop_reason VARCHAR(16);

CREATE TABLE job_tags (
    job_id     BIGINT        NOT NULL,
    tag_key    VARCHAR(100)  NOT NULL,
    tag_value  VARCHAR(500)  NOT NULL,
    CONSTRAINT job_tags_pk PRIMARY KEY (job_id, tag_key),
    CONSTRAINT job_tags_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
);
-- GET /jobs?tag=key:value
CREATE INDEX job_tags_key_value ON job_tags (tag_key, tag_value);
-- The lease check of client-run jobs (running ones whose lease passed).
CREATE INDEX jobs_runner_status ON jobs (runner, status, lease_until);
