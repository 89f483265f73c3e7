-- The journal says who made every change: setup runs now record the OS user as change sets
-- do (runs from before this version show none).
ALTER TABLE wizard_runs ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
-- A run that promoted a setup from another profile names that profile (its name then).
ALTER TABLE wizard_runs ADD COLUMN promoted_from TEXT;

-- The journal orders setups and change sets together, also within one second.
ALTER TABLE wizard_runs ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE wizard_runs SET created_ms = created_at * 1000;
ALTER TABLE changes ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE changes SET created_ms = created_at * 1000;

-- The last recorded state of a setup (application + API + grant) that was exported or
-- promoted: what "Check drift" compares the tenant with. One per setup and profile; a new
-- export, promotion or "accept the tenant's state" replaces it. JSON `Setup`, never a secret.
CREATE TABLE setup_records (
    profile_id  TEXT NOT NULL,
    client_id   TEXT NOT NULL,
    audience    TEXT NOT NULL,
    setup       TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('export', 'promote', 'accept', 'reapply')),
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (profile_id, client_id, audience)
) STRICT;
