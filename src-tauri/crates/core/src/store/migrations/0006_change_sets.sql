-- Day-two change sets (access matrix, scope edits, secret rotation): one row per applied
-- change and one per operation, written before and after each call. Never a secret: a
-- rotation records that it happened, not the value.
CREATE TABLE changes (
    id         TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    request    TEXT NOT NULL, -- JSON ChangeRequest
    status     TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    os_user    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX changes_by_profile ON changes (profile_id, created_at);

CREATE TABLE change_steps (
    change_id  TEXT NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    op         TEXT NOT NULL, -- JSON Op
    title      TEXT NOT NULL,
    detail     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('waiting', 'running', 'done', 'failed')),
    object_id  TEXT,
    note       TEXT,
    error      TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (change_id, idx)
) STRICT;

-- Leases now guard any change, not only wizard runs: keyed by a subject (a run id, or the
-- object a change set writes), without the foreign key to wizard_runs.
CREATE TABLE leases (
    subject      TEXT PRIMARY KEY NOT NULL,
    owner        TEXT NOT NULL,
    taken_at     INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
) STRICT;
INSERT INTO leases (subject, owner, taken_at, heartbeat_at)
    SELECT run_id, owner, taken_at, heartbeat_at FROM run_leases;
DROP TABLE run_leases;

-- Application search reads one column (name, client id and description joined) from an
-- index that also holds the sort order, so a search walks the index alone.
ALTER TABLE index_apps ADD COLUMN haystack TEXT NOT NULL DEFAULT '';
UPDATE index_apps SET haystack = name || char(10) || client_id || char(10) || description;
CREATE INDEX index_apps_search ON index_apps (profile_id, sort_key, client_id, haystack);
