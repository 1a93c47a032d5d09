-- The POS API (pos-api.md): the POS face of organizations, platform API keys, setup tokens, locations,
-- registers, register keys, fiscal units, operations, idempotency records and heartbeats.
-- Times are Unix milliseconds (the POS API reports milliseconds), except registered_at, a TSE time.
-- Every key and token is stored as an HMAC-SHA-256 with the server pepper (pos-api.md §4.5), never in clear.
-- env is 'TEST' or 'LIVE', the environment of the credential that created the row (§2.4).

-- The POS identity of an organization (§10.1): its org_ id and the fields the TSS API does not have.
-- Name, tax number, address and the managing organization stay in table organization: one identity.
-- env NULL: created by the operator or the management API, visible in both environments.
CREATE TABLE pos_organization (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL UNIQUE REFERENCES organization (id),
    env             TEXT CHECK (env IN ('TEST', 'LIVE')),
    trade_name      TEXT,
    vat_id          TEXT,
    metadata        TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE platform_api_key (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    env             TEXT NOT NULL CHECK (env IN ('TEST', 'LIVE')),
    key_hash        TEXT NOT NULL UNIQUE,
    masked_key      TEXT NOT NULL,
    label           TEXT NOT NULL,
    description     TEXT,
    created_at      BIGINT NOT NULL,
    last_used_at    BIGINT,
    revoked_at      BIGINT
);
CREATE INDEX platform_api_key_organization ON platform_api_key (organization_id, id);

-- One use (used_at), valid until expires_at (§4.4).
CREATE TABLE setup_token (
    token_hash      TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    used_at         BIGINT
);

CREATE TABLE pos_location (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    env             TEXT NOT NULL CHECK (env IN ('TEST', 'LIVE')),
    name            TEXT NOT NULL,
    address         TEXT NOT NULL,
    timezone        TEXT NOT NULL,
    metadata        TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX pos_location_organization ON pos_location (organization_id, env, id);

-- last_sequence_number: the sequence_number of the register's newest operation (§15.1), 0 before the first.
CREATE TABLE pos_register (
    id                   TEXT PRIMARY KEY,
    organization_id      TEXT NOT NULL REFERENCES organization (id),
    env                  TEXT NOT NULL CHECK (env IN ('TEST', 'LIVE')),
    location_id          TEXT NOT NULL REFERENCES pos_location (id),
    label                TEXT NOT NULL,
    serial_number        TEXT NOT NULL,
    jurisdiction         TEXT NOT NULL,
    state                TEXT NOT NULL CHECK (state IN ('active', 'archived')),
    metadata             TEXT NOT NULL,
    last_sequence_number BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    archived_at          BIGINT,
    UNIQUE (organization_id, env, serial_number)
);
CREATE INDEX pos_register_location ON pos_register (location_id, id);

-- The one valid register API key of a register (§4.3): issuing a new key replaces the row.
CREATE TABLE register_api_key (
    register_id  TEXT PRIMARY KEY REFERENCES pos_register (id),
    key_hash     TEXT NOT NULL UNIQUE,
    issued_at    BIGINT NOT NULL,
    last_used_at BIGINT
);

-- A TSS that the POS API created for a location; OpenTSS holds its admin PIN sealed with a key
-- derived from the master key, so that it can open admin sessions for provisioning (§2.2, §13.1).
CREATE TABLE pos_tss (
    tss_id         TEXT PRIMARY KEY REFERENCES tss (id),
    location_id    TEXT NOT NULL REFERENCES pos_location (id),
    admin_pin      BYTEA NOT NULL,
    admin_puk      BYTEA NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX pos_tss_location ON pos_tss (location_id, created_at);

CREATE TABLE fiscal_unit (
    id                TEXT PRIMARY KEY,
    register_id       TEXT NOT NULL REFERENCES pos_register (id),
    state             TEXT NOT NULL CHECK (state IN ('provisioning', 'active', 'error', 'decommissioned')),
    tss_id            TEXT REFERENCES tss (id),
    tss_client_id     TEXT,
    registered_at     BIGINT,
    reason            TEXT,
    replaces          TEXT,
    replaced_by       TEXT,
    provisioned_at    BIGINT,
    decommissioned_at BIGINT,
    created_at        BIGINT NOT NULL
);
CREATE INDEX fiscal_unit_register ON fiscal_unit (register_id, id);
-- a register has at most one fiscal unit that is not decommissioned (§13.1)
CREATE UNIQUE INDEX fiscal_unit_current ON fiscal_unit (register_id) WHERE state <> 'decommissioned';

-- An operation (§15.1). envelope is the operation as the API shows it, without the fields kept in
-- columns; start_payload and end_payload are the canonical JSON of the requests that started and
-- closed it, compared for the deduplication of §5.3.
CREATE TABLE pos_operation (
    id                  TEXT PRIMARY KEY,
    organization_id     TEXT NOT NULL REFERENCES organization (id),
    env                 TEXT NOT NULL CHECK (env IN ('TEST', 'LIVE')),
    register_id         TEXT NOT NULL REFERENCES pos_register (id),
    sequence_number     BIGINT NOT NULL,
    type                TEXT NOT NULL,
    state               TEXT NOT NULL CHECK (state IN ('open', 'completed', 'cancelled')),
    fiscal_state        TEXT NOT NULL CHECK (fiscal_state IN ('pending', 'succeeded', 'failed')),
    client_operation_id TEXT,
    fiscal_unit_id      TEXT NOT NULL REFERENCES fiscal_unit (id),
    tss_id              TEXT NOT NULL REFERENCES tss (id),
    tss_tx_id           TEXT NOT NULL,
    resource_version    INTEGER NOT NULL,
    start_payload       TEXT NOT NULL,
    end_payload         TEXT,
    envelope            TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    UNIQUE (register_id, sequence_number),
    UNIQUE (organization_id, env, client_operation_id)
);
CREATE INDEX pos_operation_open ON pos_operation (register_id, state);
CREATE INDEX pos_operation_fiscal_unit ON pos_operation (fiscal_unit_id, state);
-- /v1/sales/{sale_id} may name a sale by its client operation id, before its organization is known
CREATE INDEX pos_operation_client_operation ON pos_operation (client_operation_id)
    WHERE client_operation_id IS NOT NULL;

-- Idempotency-Key records (§5): the first request takes the row (state 'in_progress'); a 2xx answer is
-- stored with it (secrets replaced by null); an error deletes it, except a 502 of a step that created an
-- operation ('failed', the retry resumes operation_id). Rows older than 24 hours count as absent.
-- taken_at: when a request last took the row; an in_progress row left by a node that died is taken over.
CREATE TABLE idempotency_record (
    env             TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    endpoint        TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('in_progress', 'done', 'failed')),
    status          INTEGER,
    response        TEXT,
    etag            TEXT,
    operation_id    TEXT,
    created_at      BIGINT NOT NULL,
    taken_at        BIGINT NOT NULL,
    PRIMARY KEY (env, organization_id, endpoint, idempotency_key)
);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);

-- The last accepted heartbeat of a register (§17).
CREATE TABLE register_heartbeat (
    register_id         TEXT PRIMARY KEY REFERENCES pos_register (id),
    id                  TEXT NOT NULL,
    sequence            BIGINT NOT NULL,
    status              TEXT NOT NULL,
    device_time         BIGINT NOT NULL,
    received_at         BIGINT NOT NULL,
    unsynced_operations BIGINT,
    software            TEXT
);
