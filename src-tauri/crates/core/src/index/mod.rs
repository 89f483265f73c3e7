//! The local index of a profile's tenant in SQLite: applications, APIs and grants — names,
//! ids, types and scopes, never a secret — so that lists of thousands open at once, sort
//! naturally and search without a round trip. Built by streaming Auth0's pages (the client
//! paces itself by the rate-limit headers), replaced in one transaction, dated.
//!
//! Owns the index tables and their queries. Does not decide when to refresh (the caller
//! does: on demand, after a change set) and writes nothing to the tenant.

mod natural;

use grantsmith_auth0::types::{Client, ClientGrant, ResourceServer};
use grantsmith_auth0::{Auth0Client, Auth0Error};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

pub use natural::sort_key;

use crate::{Store, StoreError};

/// Why the index could not be built or read.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(transparent)]
    Auth0(#[from] Auth0Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for IndexError {
    fn from(e: rusqlite::Error) -> Self {
        IndexError::Store(e.into())
    }
}

/// How far a build is: which list, and how many of its items are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IndexProgress {
    /// `applications`, `apis` or `grants`.
    pub list: String,
    pub done: u64,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

/// What the index holds for a profile, and when it was built (unix seconds; none yet: 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct IndexStatus {
    pub built_at: i64,
    pub apps: u32,
    pub apis: u32,
    pub grants: u32,
    /// Grantsmith changed the tenant since in a way the index did not record (a setup run,
    /// a change set that failed part-way); never built counts as stale.
    pub stale: bool,
}

/// One application as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IndexedApp {
    pub client_id: String,
    pub name: String,
    pub description: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_type: Option<String>,
    /// How many APIs it is authorized for.
    pub grants: u32,
}

/// A slice of the sorted, filtered applications, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppPage {
    pub rows: Vec<IndexedApp>,
    pub total: u32,
}

/// Reads the whole tenant and replaces `profile`'s index with it.
pub async fn build(
    store: &Store,
    client: &Auth0Client,
    profile: &str,
    now: i64,
    on_progress: &(dyn Fn(IndexProgress) + Sync),
) -> Result<IndexStatus, IndexError> {
    let report = |list: &'static str| {
        move |p: grantsmith_auth0::types::Progress| {
            on_progress(IndexProgress { list: list.into(), done: p.done, total: p.total })
        }
    };
    let apps = client.list_client_summaries(None, &mut report("applications")).await?;
    let apis = client.list_resource_servers(&mut report("apis")).await?;
    let grants = client.list_client_grants(None, None, &mut report("grants")).await?;
    let mut conn = store.conn();
    let tx = conn.transaction()?;
    replace(&tx, profile, &apps, &apis, &grants, now)?;
    tx.commit()?;
    drop(conn);
    status(store, profile)
}

fn replace(
    tx: &Connection,
    profile: &str,
    apps: &[Client],
    apis: &[ResourceServer],
    grants: &[ClientGrant],
    now: i64,
) -> rusqlite::Result<()> {
    for table in ["index_apps", "index_apis", "index_grants", "index_meta"] {
        tx.execute(&format!("DELETE FROM {table} WHERE profile_id = ?1"), [profile])?;
    }
    let mut insert = tx.prepare(
        "INSERT INTO index_apps (profile_id, client_id, name, sort_key, description, app_type, grant_types, haystack)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, lower(?3 || char(10) || ?2 || char(10) || ?5))",
    )?;
    for a in apps {
        let name = a.name.clone().unwrap_or_else(|| a.client_id.clone());
        let types = serde_json::to_string(&a.grant_types).expect("strings serialize");
        let description = a.description.clone().unwrap_or_default();
        insert.execute(params![profile, a.client_id, name, sort_key(&name), description, a.app_type, types])?;
    }
    let mut insert = tx.prepare(
        "INSERT INTO index_apis (profile_id, id, identifier, name, sort_key, signing_alg, is_system, scopes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for a in apis {
        let name = a.name.clone().unwrap_or_else(|| a.identifier.clone());
        let scopes: Vec<&str> = a.scopes.iter().map(|s| s.value.as_str()).collect();
        let scopes = serde_json::to_string(&scopes).expect("strings serialize");
        insert.execute(params![
            profile,
            a.id,
            a.identifier,
            name,
            sort_key(&name),
            a.signing_alg,
            a.is_system,
            scopes
        ])?;
    }
    let mut insert = tx.prepare(
        "INSERT INTO index_grants (profile_id, id, client_id, audience, scopes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for g in grants.iter().filter(|g| g.subject_type.as_deref().unwrap_or("client") == "client") {
        let scopes = serde_json::to_string(&g.scope).expect("strings serialize");
        insert.execute(params![profile, g.id, g.client_id, g.audience, scopes])?;
    }
    tx.execute("INSERT INTO index_meta (profile_id, built_at) VALUES (?1, ?2)", params![profile, now])?;
    Ok(())
}

/// What `profile`'s index holds (all zero when it was never built).
pub fn status(store: &Store, profile: &str) -> Result<IndexStatus, IndexError> {
    let conn = store.conn();
    let count = |table: &str| -> rusqlite::Result<u32> {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table} WHERE profile_id = ?1"), [profile], |r| r.get(0))
    };
    let built_at: Option<i64> =
        conn.query_row("SELECT built_at FROM index_meta WHERE profile_id = ?1", [profile], |r| r.get(0)).optional()?;
    // Same second counts as after: one refresh too many, never one too few.
    // A change set that failed may have written more than it recorded.
    let changed: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM wizard_runs WHERE profile_id = ?1 AND updated_at >= ?2)
             OR EXISTS (SELECT 1 FROM changes WHERE profile_id = ?1 AND status != 'done' AND updated_at >= ?2)",
        params![profile, built_at.unwrap_or(0)],
        |r| r.get(0),
    )?;
    Ok(IndexStatus {
        built_at: built_at.unwrap_or(0),
        apps: count("index_apps")?,
        apis: count("index_apis")?,
        grants: count("index_grants")?,
        stale: built_at.is_none() || changed,
    })
}

/// `LIKE` pattern for a search text: anywhere, case-insensitive for ASCII, `%` and `_`
/// taken literally.
fn pattern(search: &str) -> String {
    let escaped = search.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Applications of `profile` whose name, client id or description contains `search` (and of
/// `app_type`, e.g. `non_interactive`, when given), in natural order of name, `limit` from
/// `offset`.
pub fn applications(
    store: &Store,
    profile: &str,
    search: &str,
    app_type: Option<&str>,
    offset: u32,
    limit: u32,
) -> Result<AppPage, IndexError> {
    let conn = store.conn();
    // The haystack is stored folded to lower case (ASCII, like SQLite's lower()): instr() on
    // it finds what a case-insensitive LIKE would, several times faster.
    let filter = "profile_id = ?1 AND instr(haystack, ?2) > 0 AND (?5 IS NULL OR app_type = ?5)";
    let needle = search.trim().to_ascii_lowercase();
    // Walks the sorted index and stops at the page's end; grants are counted for the page
    // only. (A window count would sort and count grants for every match first.)
    let mut stmt = conn.prepare(&format!(
        "SELECT a.client_id, a.name, a.description, a.app_type,
                (SELECT COUNT(*) FROM index_grants g WHERE g.profile_id = a.profile_id AND g.client_id = a.client_id)
         FROM index_apps a WHERE {filter} ORDER BY a.sort_key, a.client_id LIMIT ?3 OFFSET ?4"
    ))?;
    let rows: Vec<IndexedApp> = stmt
        .query_map(params![profile, needle, limit, offset, app_type], |r| {
            Ok(IndexedApp {
                client_id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                app_type: r.get(3)?,
                grants: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // A first page that is not full is every match: no second scan to count them.
    let total = if offset == 0 && (rows.len() as u32) < limit {
        rows.len() as u32
    } else {
        // ?3 and ?4 are the page's: bound, unused here.
        let count = format!("SELECT COUNT(*) FROM index_apps WHERE {filter}");
        conn.query_row(&count, params![profile, needle, limit, offset, app_type], |r| r.get(0))?
    };
    Ok(AppPage { rows, total })
}

/// Records what a change set did, so the index stays current without reading the tenant
/// again. A grant of a profile whose index was never built is recorded too (harmless: the
/// first build replaces everything).
pub fn record(store: &Store, profile: &str, what: &crate::change::apply::Indexed) -> Result<(), IndexError> {
    use crate::change::apply::Indexed;
    let conn = store.conn();
    match what {
        Indexed::App(a) => {
            let name = a.name.clone().unwrap_or_else(|| a.client_id.clone());
            let types = serde_json::to_string(&a.grant_types).expect("strings serialize");
            conn.execute(
                "INSERT INTO index_apps (profile_id, client_id, name, sort_key, description, app_type, grant_types, haystack)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, lower(?3 || char(10) || ?2 || char(10) || ?5))
                 ON CONFLICT (profile_id, client_id) DO UPDATE SET name = excluded.name, sort_key = excluded.sort_key,
                     description = excluded.description, app_type = excluded.app_type, grant_types = excluded.grant_types,
                     haystack = excluded.haystack",
                params![
                    profile,
                    a.client_id,
                    name,
                    sort_key(&name),
                    a.description.clone().unwrap_or_default(),
                    a.app_type,
                    types
                ],
            )?;
        }
        Indexed::AppGone { client_id } => {
            conn.execute(
                "DELETE FROM index_apps WHERE profile_id = ?1 AND client_id = ?2",
                params![profile, client_id],
            )?;
            conn.execute(
                "DELETE FROM index_grants WHERE profile_id = ?1 AND client_id = ?2",
                params![profile, client_id],
            )?;
        }
        Indexed::Grant(g) => {
            let scopes = serde_json::to_string(&g.scope).expect("strings serialize");
            conn.execute(
                "INSERT INTO index_grants (profile_id, id, client_id, audience, scopes) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (profile_id, id) DO UPDATE SET scopes = excluded.scopes",
                params![profile, g.id, g.client_id, g.audience, scopes],
            )?;
        }
        Indexed::GrantGone { grant_id } => {
            conn.execute("DELETE FROM index_grants WHERE profile_id = ?1 AND id = ?2", params![profile, grant_id])?;
        }
        Indexed::ApiScopes { api_id, scopes } => {
            let scopes = serde_json::to_string(scopes).expect("strings serialize");
            conn.execute(
                "UPDATE index_apis SET scopes = ?3 WHERE profile_id = ?1 AND id = ?2",
                params![profile, api_id, scopes],
            )?;
        }
        Indexed::Nothing => {}
    }
    Ok(())
}

/// The indexed name of an application (`None` when the index does not know it).
pub fn app_name(store: &Store, profile: &str, client_id: &str) -> Result<Option<String>, IndexError> {
    Ok(store
        .conn()
        .query_row(
            "SELECT name FROM index_apps WHERE profile_id = ?1 AND client_id = ?2",
            params![profile, client_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// How many of `profile`'s indexed applications are called `name` (deploy-cli and promote
/// know an application by its name, so two of the same name matter).
pub fn apps_named(store: &Store, profile: &str, name: &str) -> Result<u32, IndexError> {
    Ok(store.conn().query_row(
        "SELECT COUNT(*) FROM index_apps WHERE profile_id = ?1 AND name = ?2",
        params![profile, name],
        |r| r.get(0),
    )?)
}

/// Names of `profile`'s applications by client id, from the index (the id itself when the
/// index does not know it).
pub fn app_names<'a>(store: &'a Store, profile: &'a str) -> impl Fn(&str) -> String + Sync + 'a {
    move |client_id: &str| app_name(store, profile, client_id).ok().flatten().unwrap_or_else(|| client_id.to_string())
}

/// One API as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IndexedApi {
    pub id: String,
    pub identifier: String,
    pub name: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_alg: Option<String>,
    pub scopes: Vec<String>,
    /// How many applications are authorized for it.
    pub grants: u32,
}

/// `profile`'s own APIs (not Auth0's system APIs) whose name, identifier or a scope contains
/// `search`, in natural order of name.
pub fn apis(store: &Store, profile: &str, search: &str) -> Result<Vec<IndexedApi>, IndexError> {
    let conn = store.conn();
    let mut stmt = conn.prepare(
        "SELECT a.id, a.identifier, a.name, a.signing_alg, a.scopes,
                (SELECT COUNT(*) FROM index_grants g WHERE g.profile_id = a.profile_id AND g.audience = a.identifier)
         FROM index_apis a
         WHERE a.profile_id = ?1 AND a.is_system = 0
           AND (a.name LIKE ?2 ESCAPE '\\' OR a.identifier LIKE ?2 ESCAPE '\\' OR a.scopes LIKE ?2 ESCAPE '\\')
         ORDER BY a.sort_key, a.identifier",
    )?;
    let rows = stmt
        .query_map(params![profile, pattern(search)], |r| {
            Ok(IndexedApi {
                id: r.get(0)?,
                identifier: r.get(1)?,
                name: r.get(2)?,
                signing_alg: r.get(3)?,
                scopes: crate::store::columns::parse_json(4, r.get(4)?)?,
                grants: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
