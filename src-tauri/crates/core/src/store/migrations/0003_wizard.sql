-- The setup wizard: drafts (what the admin typed, per profile), and runs with their steps,
-- each step written before and after its remote call so a killed app can resume.
CREATE TABLE wizard_drafts (
    profile_id TEXT PRIMARY KEY NOT NULL,
    spec       TEXT NOT NULL,
    step       INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE wizard_runs (
    id             TEXT PRIMARY KEY NOT NULL,
    profile_id     TEXT NOT NULL,
    spec           TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'undone')),
    client_id      TEXT,
    api_id         TEXT,
    api_identifier TEXT,
    grant_id       TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE wizard_steps (
    run_id     TEXT NOT NULL REFERENCES wizard_runs (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    detail     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('waiting', 'running', 'done', 'failed', 'undone')),
    object_id  TEXT,
    -- 1 when this run created the object (undo deletes it).
    created    INTEGER NOT NULL DEFAULT 0,
    error      TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, idx)
) STRICT;
