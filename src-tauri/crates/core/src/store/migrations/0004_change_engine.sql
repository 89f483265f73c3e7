-- The change engine (one executor per run, retry-safe resume):
-- * `reached`: the step's last attempt failed in a way that may have reached Auth0 (a lost
--   answer, a timeout, a 5xx); only such steps look for their object on resume.
-- * `answer_lost`: that attempt's answer never came (timeout, dropped connection), so Auth0
--   may still apply it; resume waits a while before concluding it did not.
-- * `grant_change`: the grant scopes the review added and removed, so a later attempt
--   applies that difference to the grant as it is then, keeping scopes granted meanwhile.
-- * `run_leases`: who is executing a run right now (owner token + heartbeat); a lease whose
--   heartbeat is older than its time-to-live belongs to a process that is gone.
ALTER TABLE wizard_steps ADD COLUMN reached INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wizard_steps ADD COLUMN answer_lost INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wizard_runs ADD COLUMN grant_change TEXT;

CREATE TABLE run_leases (
    run_id       TEXT PRIMARY KEY NOT NULL REFERENCES wizard_runs (id) ON DELETE CASCADE,
    owner        TEXT NOT NULL,
    taken_at     INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
) STRICT;
