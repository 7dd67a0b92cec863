-- Datasets: metadata in one table, the encoded matrix in another, so listing never reads the matrix.
-- Runs unchanged on H2 2.4 and PostgreSQL 15.

-- Hibernate's pooled optimizer hands out 50 ids per sequence call, so inserts can be batched.
CREATE SEQUENCE datasets_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE datasets (
    id              BIGINT                   NOT NULL,
    name            VARCHAR(200)             NOT NULL,
    target          VARCHAR(1000)            NOT NULL,
    task            VARCHAR(16)              NOT NULL,
    row_count       INTEGER                  NOT NULL,
    rows_parsed     INTEGER                  NOT NULL,
    feature_count   INTEGER                  NOT NULL,
    standardize     BOOLEAN                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- JSON arrays: feature names, class labels in index order, and the per-column summary.
    feature_names   VARCHAR                  NOT NULL,
    classes         VARCHAR                  NOT NULL,
    column_summary  VARCHAR                  NOT NULL,
    CONSTRAINT datasets_pk PRIMARY KEY (id),
    -- Not "task IN (...)" nor "task = 'a' OR task = 'b'" (which H2 rewrites to IN): H2 2.4.240 checks a
    -- constant IN list with the session that created the constraint, and every insert fails with
    -- "Check constraint invalid" once that (Flyway's) connection is closed.
    CONSTRAINT datasets_task CHECK (CASE task WHEN 'regression' THEN TRUE WHEN 'classification' THEN TRUE ELSE FALSE END)
);

-- GET /datasets lists newest first.
CREATE INDEX datasets_created_at ON datasets (created_at DESC, id DESC);

-- The matrix as one stream of little-endian IEEE 754 doubles: row_count × feature_count features
-- (row-major), then row_count targets, cut into chunks of at most 1 MiB so that no single value grows
-- with the dataset. BYTEA is PostgreSQL's binary string and an alias of VARBINARY in H2.
CREATE TABLE dataset_chunks (
    dataset_id      BIGINT                   NOT NULL,
    chunk           INTEGER                  NOT NULL,
    data            BYTEA                    NOT NULL,
    CONSTRAINT dataset_chunks_pk PRIMARY KEY (dataset_id, chunk),
    CONSTRAINT dataset_chunks_dataset FOREIGN KEY (dataset_id) REFERENCES datasets (id) ON DELETE CASCADE
);
