-- The TSS layer: instance CA, TSSs, admin sessions, clients, the append-only journal of signed log
-- messages, and transactions with their revisions. Every per-TSS row is keyed by tss_id (DESIGN.md:
-- the schema can later be sharded by TSS). Times are Unix seconds. Binary columns are BYTEA,
-- PostgreSQL's binary type; SQLite keeps a blob unchanged in a column of any declared type, so one
-- file serves both engines.

CREATE TABLE ca_certificate (
    kind        TEXT PRIMARY KEY CHECK (kind IN ('root', 'issuing')),
    certificate BYTEA NOT NULL,
    key_handle  BYTEA NOT NULL,
    not_after   BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE tss (
    id                          TEXT PRIMARY KEY,
    organization_id             TEXT NOT NULL REFERENCES organization (id),
    env                         TEXT NOT NULL CHECK (env IN ('TEST', 'LIVE')),
    state                       TEXT NOT NULL,
    description                 TEXT NOT NULL,
    public_key                  BYTEA NOT NULL,
    serial_number               TEXT NOT NULL UNIQUE,
    certificate                 BYTEA NOT NULL,
    key_handle                  BYTEA NOT NULL,
    certificate_not_after       BIGINT NOT NULL,
    signature_counter           BIGINT NOT NULL,
    transaction_counter         BIGINT NOT NULL,
    last_log_time               BIGINT NOT NULL,
    last_update_time_at         BIGINT,
    max_registered_clients      INTEGER NOT NULL,
    max_active_transactions     INTEGER NOT NULL,
    number_registered_clients   INTEGER NOT NULL,
    number_active_transactions  INTEGER NOT NULL,
    puk_hash                    TEXT NOT NULL,
    pin_hash                    TEXT,
    pin_failures                INTEGER NOT NULL,
    puk_failures                INTEGER NOT NULL,
    puk_lock_level              INTEGER NOT NULL,
    puk_locked_until            BIGINT,
    metadata                    TEXT NOT NULL,
    time_creation               BIGINT NOT NULL,
    time_uninit                 BIGINT,
    time_init                   BIGINT,
    time_disable                BIGINT,
    time_defective              BIGINT
);
CREATE INDEX tss_owner ON tss (organization_id, env, time_creation);

-- An admin login of one access token (its jti) on one TSS, honoured by every node (sign-de-v2.md §5.5).
CREATE TABLE admin_session (
    tss_id     TEXT NOT NULL REFERENCES tss (id),
    token_id   TEXT NOT NULL,
    chain_id   TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (tss_id, token_id)
);

CREATE TABLE client (
    id              TEXT PRIMARY KEY,
    tss_id          TEXT NOT NULL REFERENCES tss (id),
    serial_number   TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('REGISTERED', 'DEREGISTERED')),
    create_metadata TEXT NOT NULL,
    metadata        TEXT NOT NULL,
    time_creation   BIGINT NOT NULL,
    time_update     BIGINT NOT NULL,
    UNIQUE (tss_id, serial_number)
);

-- The journal: every signed TR-03151 log message exactly as signed. Rows are never updated or deleted.
CREATE TABLE log_message (
    tss_id             TEXT NOT NULL REFERENCES tss (id),
    signature_counter  BIGINT NOT NULL,
    log_time           BIGINT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('TRANSACTION', 'SYSTEM')),
    operation_type     TEXT NOT NULL,
    transaction_number BIGINT,
    client_serial      TEXT,
    message            BYTEA NOT NULL,
    PRIMARY KEY (tss_id, signature_counter)
);
CREATE UNIQUE INDEX log_message_start ON log_message (tss_id, transaction_number)
    WHERE operation_type = 'StartTransaction';

CREATE TABLE tss_transaction (
    tss_id          TEXT NOT NULL REFERENCES tss (id),
    id              TEXT NOT NULL,
    number          BIGINT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('ACTIVE', 'FINISHED', 'CANCELLED')),
    latest_revision INTEGER NOT NULL,
    client_id       TEXT NOT NULL,
    process_type    TEXT,
    time_start      BIGINT NOT NULL,
    time_end        BIGINT,
    metadata        TEXT NOT NULL,
    PRIMARY KEY (tss_id, id),
    UNIQUE (tss_id, number)
);
CREATE INDEX tss_transaction_client ON tss_transaction (tss_id, client_id);

-- One row per signed revision; request_fingerprint answers identical retries from the stored result.
CREATE TABLE tx_revision (
    tss_id              TEXT NOT NULL,
    tx_id               TEXT NOT NULL,
    revision            INTEGER NOT NULL,
    state               TEXT NOT NULL,
    client_id           TEXT NOT NULL,
    client_serial       TEXT NOT NULL,
    schema_echo         TEXT NOT NULL,
    request_fingerprint TEXT NOT NULL,
    process_type        TEXT NOT NULL,
    process_data        BYTEA NOT NULL,
    signature_counter   BIGINT NOT NULL,
    log_time            BIGINT NOT NULL,
    signature           BYTEA NOT NULL,
    PRIMARY KEY (tss_id, tx_id, revision),
    FOREIGN KEY (tss_id, tx_id) REFERENCES tss_transaction (tss_id, id),
    FOREIGN KEY (tss_id, signature_counter) REFERENCES log_message (tss_id, signature_counter)
);
