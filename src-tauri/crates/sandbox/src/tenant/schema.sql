-- One tenant. Objects are kept as the JSON Auth0 returns for them; the columns beside the
-- body exist only to look objects up, enforce uniqueness and keep list order stable.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clients (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id      TEXT NOT NULL UNIQUE,
    app_type       TEXT,
    is_first_party INTEGER NOT NULL DEFAULT 1,
    body           TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS resource_servers (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    identifier TEXT NOT NULL UNIQUE,
    is_system  INTEGER NOT NULL DEFAULT 0,
    body       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS client_grants (
    seq                    INTEGER PRIMARY KEY AUTOINCREMENT,
    id                     TEXT NOT NULL UNIQUE,
    client_id              TEXT NOT NULL,
    audience               TEXT NOT NULL,
    subject_type           TEXT NOT NULL,
    allow_any_organization INTEGER NOT NULL DEFAULT 0,
    body                   TEXT NOT NULL,
    UNIQUE (client_id, audience, subject_type)
);
CREATE INDEX IF NOT EXISTS client_grants_audience ON client_grants (audience);
CREATE TABLE IF NOT EXISTS signing_keys (
    kid       TEXT PRIMARY KEY NOT NULL,
    pkcs8_pem TEXT NOT NULL,
    cert_der  BLOB NOT NULL
);
