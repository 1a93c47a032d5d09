-- HUB: the people who sign in to the web dashboard, the organizations they belong to, and their sessions.
-- Times are Unix milliseconds.

-- email is stored lower-cased; password_hash is Argon2id in PHC form, never the password.
CREATE TABLE hub_user (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- A membership makes the organization and every organization it manages visible to the user.
CREATE TABLE hub_membership (
    user_id         TEXT NOT NULL REFERENCES hub_user (id),
    organization_id TEXT NOT NULL REFERENCES organization (id),
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (user_id, organization_id)
);
CREATE INDEX hub_membership_organization ON hub_membership (organization_id);

-- token_hash: HMAC-SHA-256 of the session cookie's value; the cookie itself is never stored.
-- organization_id and env are what the dashboard shows now (the organization switcher).
CREATE TABLE hub_session (
    token_hash      TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES hub_user (id),
    organization_id TEXT REFERENCES organization (id),
    env             TEXT NOT NULL CHECK (env IN ('TEST', 'LIVE')),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);
CREATE INDEX hub_session_user ON hub_session (user_id);
