-- Studies: several schedules trained against each other by successive halving. A study's state
-- lives here, not in memory, so that it survives a restart and any instance may advance it (the one that
-- locks the study row with SELECT ... FOR UPDATE SKIP LOCKED). Its trials are ordinary jobs (jobs.study_id).

-- Ids handed out 50 at a time per instance, as for jobs (see V2).
CREATE SEQUENCE studies_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE studies (
    id                 BIGINT                   NOT NULL,
    status             VARCHAR(16)              NOT NULL,
    -- The request with every default resolved (JSON).
    request            VARCHAR                  NOT NULL,
    -- The range test run first when no candidates were given, and its recommendation (JSON) once it finished, from
    -- which the generated candidates are sized for every rung; both null when candidates were given.
    range_test_job_id  BIGINT,
    recommendation     VARCHAR,
    -- The rung being trained (0 first); -1 while the range test runs.
    rung               INTEGER                  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE,
    error              VARCHAR(4000),
    CONSTRAINT studies_pk PRIMARY KEY (id),
    -- CASE rather than IN, as in V1 and V2 (an H2 2.4 quirk).
    CONSTRAINT studies_status CHECK (CASE status WHEN 'running' THEN TRUE WHEN 'succeeded' THEN TRUE
        WHEN 'failed' THEN TRUE WHEN 'cancelled' THEN TRUE ELSE FALSE END)
);

-- The coordinator looks for running studies.
CREATE INDEX studies_status ON studies (status, id);

-- One row per candidate schedule (JSON, sized for the whole budget), numbered from 0 in the order they were given or
-- generated.
CREATE TABLE study_candidates (
    study_id   BIGINT  NOT NULL,
    candidate  INTEGER NOT NULL,
    schedule   VARCHAR NOT NULL,
    CONSTRAINT study_candidates_pk PRIMARY KEY (study_id, candidate),
    CONSTRAINT study_candidates_study FOREIGN KEY (study_id) REFERENCES studies (id) ON DELETE CASCADE
);

-- One row per candidate and rung: the job that trained it to that rung's length with that schedule (a generated
-- candidate is sized for the rung), and once the rung is complete, how that job ended (copied, so that the ranking
-- stands even if the job is deleted later).
CREATE TABLE study_runs (
    study_id         BIGINT      NOT NULL,
    candidate        INTEGER     NOT NULL,
    rung             INTEGER     NOT NULL,
    job_id           BIGINT      NOT NULL,
    iterations       BIGINT      NOT NULL,
    schedule         VARCHAR     NOT NULL,
    -- Null until the rung is complete: then the job's status, validation loss and iterations reached.
    outcome          VARCHAR(16),
    validation_loss  DOUBLE PRECISION,
    reached          BIGINT,
    CONSTRAINT study_runs_pk PRIMARY KEY (study_id, candidate, rung),
    CONSTRAINT study_runs_candidate FOREIGN KEY (study_id, candidate)
        REFERENCES study_candidates (study_id, candidate) ON DELETE CASCADE
);

-- A trial is a job that knows its study: GET /jobs?studyId= lists them.
ALTER TABLE jobs ADD COLUMN study_id BIGINT;
ALTER TABLE jobs ADD CONSTRAINT jobs_study FOREIGN KEY (study_id) REFERENCES studies (id);
CREATE INDEX jobs_study ON jobs (study_id, id);
