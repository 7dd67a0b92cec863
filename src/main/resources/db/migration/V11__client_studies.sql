-- Studies whose trials the client runs (ask and tell). Runs unchanged on H2 2.4 and PostgreSQL 15.

-- server: the coordinator queues every trial on lrtune's workers, rung by rung; client: each trial is a client-run job
-- handed to whoever asks (POST /studies/{id}/ask), trained for the whole budget and pruned at the rungs on the way.
ALTER TABLE studies ADD COLUMN runner VARCHAR(16) DEFAULT 'server' NOT NULL;
-- CASE rather than IN, as in V2.
ALTER TABLE studies ADD CONSTRAINT studies_runner CHECK (CASE runner WHEN 'server' THEN TRUE WHEN 'client' THEN TRUE
    ELSE FALSE END);

-- Every judgement of a client-run trial at a rung, in the order they were made (ordinal from 1 per rung, given under
-- the study's row lock): a decision is reproduced from the values of the same rung with an ordinal up to its own.
CREATE TABLE study_rungs (
    study_id   BIGINT                   NOT NULL,
    rung       INTEGER                  NOT NULL,
    candidate  INTEGER                  NOT NULL,
    ordinal    INTEGER                  NOT NULL,
    -- The validation point judged (its iteration, from 0) and the value ranked, by the study's objective; null when it
    -- was not finite, which ranks below every finite value.
    iteration  BIGINT                   NOT NULL,
    ranked     DOUBLE PRECISION,
    promoted   BOOLEAN                  NOT NULL,
    judged_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT study_rungs_pk PRIMARY KEY (study_id, rung, candidate),
    CONSTRAINT study_rungs_ordinal UNIQUE (study_id, rung, ordinal),
    CONSTRAINT study_rungs_candidate FOREIGN KEY (study_id, candidate)
        REFERENCES study_candidates (study_id, candidate) ON DELETE CASCADE
);
