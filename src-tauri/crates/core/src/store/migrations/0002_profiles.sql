-- Tenant profiles: everything about a tenant except its secret (that is in the keychain).
CREATE TABLE profiles (
    id             TEXT PRIMARY KEY NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('sandbox', 'auth0')),
    name           TEXT NOT NULL,
    domain         TEXT NOT NULL,
    custom_domain  TEXT,
    environment    TEXT NOT NULL CHECK (environment IN ('development', 'staging', 'production')),
    client_id      TEXT NOT NULL,
    -- Where the management client secret is: the keychain, this session's memory, or
    -- nowhere (the Sandbox profile gets its credentials from the sandbox itself).
    secret_storage TEXT NOT NULL CHECK (secret_storage IN ('keychain', 'session', 'none')),
    created_at     INTEGER NOT NULL
) STRICT;

INSERT INTO profiles (id, kind, name, domain, custom_domain, environment, client_id, secret_storage, created_at)
VALUES ('sandbox', 'sandbox', 'Sandbox', 'local', NULL, 'development', '', 'none', 0);
