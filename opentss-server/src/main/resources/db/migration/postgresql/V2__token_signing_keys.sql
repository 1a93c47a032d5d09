-- ES256 keys that sign access and refresh tokens; the private key is sealed with the master key.
CREATE TABLE token_signing_key (
    kid                TEXT PRIMARY KEY,
    public_key         BYTEA NOT NULL,
    sealed_private_key BYTEA NOT NULL,
    created_at         BIGINT NOT NULL
);
