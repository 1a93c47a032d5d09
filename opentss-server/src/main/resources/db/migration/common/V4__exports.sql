-- TSE exports (sign-de-v2.md §10). The archive itself is not stored: it is a pure function of the TSS,
-- the parameters, the high-water mark and time_start (tse-formats.md §8.7), rebuilt byte for byte
-- when downloaded; file_size and file_sha256 record what the job built.

CREATE TABLE tss_export (
    id              TEXT PRIMARY KEY,
    tss_id          TEXT NOT NULL REFERENCES tss (id),
    state           TEXT NOT NULL CHECK (state IN ('PENDING', 'WORKING', 'COMPLETED', 'CANCELLED', 'ERROR')),
    parameters      TEXT NOT NULL,
    exception       TEXT,
    high_water_mark BIGINT,
    log_count       BIGINT,
    file_size       BIGINT,
    file_sha256     TEXT,
    time_request    BIGINT NOT NULL,
    time_start      BIGINT,
    time_end        BIGINT,
    time_expiration BIGINT,
    time_error      BIGINT,
    -- a node working on the job holds it until then; an expired lease lets another node take it over
    lease_until     BIGINT,
    metadata        TEXT NOT NULL
);
CREATE INDEX tss_export_tss ON tss_export (tss_id, state);
CREATE INDEX tss_export_state ON tss_export (state, lease_until);
