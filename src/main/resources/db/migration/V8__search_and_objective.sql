-- What a study ranks its trials by: 'best' (the lowest validation loss a trial reached) or 'last' (its validation
-- loss at the end of its run). Studies stored before the choice existed were ranked by their last loss.
ALTER TABLE studies ADD COLUMN objective VARCHAR(8) DEFAULT 'last' NOT NULL;
ALTER TABLE studies ADD CONSTRAINT studies_objective CHECK (CASE objective WHEN 'best' THEN TRUE WHEN 'last' THEN TRUE
    ELSE FALSE END);

-- When a rung is closed, the lowest validation loss each run measured and the iteration where, beside its last
-- (copied for the same reason as the last: the ranking stands even if the job is deleted later).
ALTER TABLE study_runs ADD COLUMN best_validation_loss DOUBLE PRECISION;
ALTER TABLE study_runs ADD COLUMN best_iteration BIGINT;

-- A third job type: lr_search, a range test followed by a race of learning rates.
ALTER TABLE jobs DROP CONSTRAINT jobs_type;
ALTER TABLE jobs ADD CONSTRAINT jobs_type CHECK (CASE type WHEN 'training' THEN TRUE WHEN 'range_test' THEN TRUE
    WHEN 'lr_search' THEN TRUE ELSE FALSE END);
