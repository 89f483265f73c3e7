-- The local index of each profile's tenant: what the day-two views list, search and sort
-- without asking Auth0 for every screen. Names, ids, types, grants and scopes — never a
-- secret. `sort_key` is the name in natural order ("service 2" before "service 10").
-- Removing a profile removes its index.
CREATE TABLE index_apps (
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    client_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    sort_key    TEXT NOT NULL,
    description TEXT NOT NULL,
    app_type    TEXT,
    grant_types TEXT NOT NULL, -- JSON array
    PRIMARY KEY (profile_id, client_id)
) STRICT;
CREATE INDEX index_apps_sorted ON index_apps (profile_id, sort_key);

CREATE TABLE index_apis (
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    identifier  TEXT NOT NULL,
    name        TEXT NOT NULL,
    sort_key    TEXT NOT NULL,
    signing_alg TEXT,
    is_system   INTEGER NOT NULL,
    scopes      TEXT NOT NULL, -- JSON array of scope values
    PRIMARY KEY (profile_id, id)
) STRICT;
CREATE INDEX index_apis_sorted ON index_apis (profile_id, sort_key);

CREATE TABLE index_grants (
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    client_id  TEXT NOT NULL,
    audience   TEXT NOT NULL,
    scopes     TEXT NOT NULL, -- JSON array
    PRIMARY KEY (profile_id, id)
) STRICT;
CREATE INDEX index_grants_by_client ON index_grants (profile_id, client_id);
CREATE INDEX index_grants_by_audience ON index_grants (profile_id, audience);

CREATE TABLE index_meta (
    profile_id TEXT PRIMARY KEY NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    built_at   INTEGER NOT NULL -- unix seconds
) STRICT;
