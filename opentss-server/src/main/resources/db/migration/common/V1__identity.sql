-- Identity: organizations, API keys and the state behind access and refresh tokens.
-- Times are Unix seconds. Metadata is a JSON object stored as text (sign-de-v2.md §11).

CREATE TABLE instance_setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organization (
    id                         TEXT PRIMARY KEY,
    managed_by_organization_id TEXT REFERENCES organization (id),
    name                       TEXT NOT NULL,
    address_line1              TEXT NOT NULL,
    address_line2              TEXT,
    zip                        TEXT NOT NULL,
    town                       TEXT NOT NULL,
    state                      TEXT,
    country_code               TEXT NOT NULL,
    tax_number                 TEXT,
    metadata                   TEXT NOT NULL,
    created_by_api_key_id      TEXT,
    created_at                 BIGINT NOT NULL
);
CREATE INDEX organization_managed_by ON organization (managed_by_organization_id);

-- secret_hash: HMAC-SHA-256 of the secret with a pepper derived from the master key; never the secret.
CREATE TABLE api_key (
    id                         TEXT PRIMARY KEY,
    organization_id            TEXT NOT NULL REFERENCES organization (id),
    env                        TEXT NOT NULL CHECK (env IN ('TEST', 'LIVE')),
    api_key                    TEXT NOT NULL UNIQUE,
    secret_hash                TEXT NOT NULL,
    name                       TEXT NOT NULL,
    status                     TEXT NOT NULL CHECK (status IN ('enabled', 'disabled')),
    metadata                   TEXT NOT NULL,
    created_by_api_key_id      TEXT,
    managed_by_organization_id TEXT NOT NULL,
    created_at                 BIGINT NOT NULL,
    deleted_at                 BIGINT
);
CREATE INDEX api_key_organization ON api_key (organization_id, created_at);

-- A login chain: started by an API key login, continued by every refresh (sign-de-v2.md §3.4).
CREATE TABLE token_chain (
    id         TEXT PRIMARY KEY,
    api_key_id TEXT NOT NULL REFERENCES api_key (id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX token_chain_api_key ON token_chain (api_key_id);

-- One row per issued refresh token, by its jti; used_at makes it single-use.
CREATE TABLE refresh_token (
    jti        TEXT PRIMARY KEY,
    chain_id   TEXT NOT NULL REFERENCES token_chain (id),
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX refresh_token_chain ON refresh_token (chain_id);
