//! The tenant's storage: clients, resource servers, client grants, signing keys, in SQLite
//! (a file with `--data`, memory otherwise).
//!
//! Owns persistence, uniqueness and list order. Does not validate requests or decide
//! response shapes (the HTTP layer does); every write is its own committed transaction, so
//! a crash or a dropped connection never leaves half an operation behind.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("tenant database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a unique key is already taken")]
    Conflict,
    #[error("stored object is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Which slice of a list to return.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    /// `page` (0-based) × `per_page`.
    Offset { page: u32, per_page: u32 },
    /// Items after the checkpoint `from` (a sequence number), at most `take`.
    Checkpoint { from: i64, take: u32 },
}

pub struct Listed {
    pub items: Vec<Value>,
    pub total: u64,
    /// Sequence number to continue from, when more items follow (checkpoint paging).
    pub next: Option<i64>,
}

/// An equality filter on an indexed column.
pub struct Filter {
    pub column: &'static str,
    pub values: Vec<Sql>,
}

pub struct TenantStore {
    conn: Mutex<Connection>,
}

impl TenantStore {
    pub fn open(path: Option<&Path>) -> Result<Self> {
        let conn = match path {
            Some(p) => {
                let c = Connection::open(p)?;
                c.pragma_update(None, "journal_mode", "WAL")?;
                c.busy_timeout(std::time::Duration::from_secs(5))?;
                c
            }
            None => Connection::open_in_memory()?,
        };
        conn.execute_batch(include_str!("schema.sql"))?;
        Ok(Self { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn().query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    pub fn signing_key(&self) -> Result<Option<(String, Vec<u8>)>> {
        Ok(self
            .conn()
            .query_row("SELECT pkcs8_pem, cert_der FROM signing_keys LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    pub fn save_signing_key(&self, kid: &str, pem: &str, cert: &[u8]) -> Result<()> {
        self.conn().execute(
            "INSERT INTO signing_keys (kid, pkcs8_pem, cert_der) VALUES (?1, ?2, ?3)",
            params![kid, pem, cert],
        )?;
        Ok(())
    }

    // --- clients ---------------------------------------------------------------------

    pub fn insert_client(&self, client: &Value) -> Result<()> {
        self.conn()
            .execute(
                "INSERT INTO clients (client_id, app_type, is_first_party, body) VALUES (?1, ?2, ?3, ?4)",
                params![
                    str_of(client, "client_id"),
                    client["app_type"].as_str(),
                    client["is_first_party"].as_bool().unwrap_or(true),
                    client.to_string()
                ],
            )
            .map_err(conflict)?;
        Ok(())
    }

    pub fn client(&self, client_id: &str) -> Result<Option<Value>> {
        self.one("SELECT body FROM clients WHERE client_id = ?1", client_id)
    }

    pub fn update_client(&self, client: &Value) -> Result<()> {
        self.conn().execute(
            "UPDATE clients SET app_type = ?2, is_first_party = ?3, body = ?4 WHERE client_id = ?1",
            params![
                str_of(client, "client_id"),
                client["app_type"].as_str(),
                client["is_first_party"].as_bool().unwrap_or(true),
                client.to_string()
            ],
        )?;
        Ok(())
    }

    /// Deletes the client and its grants in one transaction; false when it did not exist.
    pub fn delete_client(&self, client_id: &str) -> Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM client_grants WHERE client_id = ?1", [client_id])?;
        let n = tx.execute("DELETE FROM clients WHERE client_id = ?1", [client_id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    pub fn list_clients(&self, filters: &[Filter], page: Page) -> Result<Listed> {
        self.list("clients", filters, page)
    }

    // --- resource servers ------------------------------------------------------------

    pub fn insert_resource_server(&self, rs: &Value) -> Result<()> {
        self.conn()
            .execute(
                "INSERT INTO resource_servers (id, identifier, is_system, body) VALUES (?1, ?2, ?3, ?4)",
                params![
                    str_of(rs, "id"),
                    str_of(rs, "identifier"),
                    rs["is_system"].as_bool().unwrap_or(false),
                    rs.to_string()
                ],
            )
            .map_err(conflict)?;
        Ok(())
    }

    /// By id, or else by identifier (Auth0 accepts either in the path).
    pub fn resource_server(&self, id_or_identifier: &str) -> Result<Option<Value>> {
        match self.one("SELECT body FROM resource_servers WHERE id = ?1", id_or_identifier)? {
            Some(v) => Ok(Some(v)),
            None => self.one("SELECT body FROM resource_servers WHERE identifier = ?1", id_or_identifier),
        }
    }

    /// By identifier (audience) only: what token requests and grants refer to.
    pub fn resource_server_by_identifier(&self, identifier: &str) -> Result<Option<Value>> {
        self.one("SELECT body FROM resource_servers WHERE identifier = ?1", identifier)
    }

    pub fn update_resource_server(&self, rs: &Value) -> Result<()> {
        self.conn().execute(
            "UPDATE resource_servers SET identifier = ?2, body = ?3 WHERE id = ?1",
            params![str_of(rs, "id"), str_of(rs, "identifier"), rs.to_string()],
        )?;
        Ok(())
    }

    pub fn delete_resource_server(&self, id: &str) -> Result<bool> {
        Ok(self.conn().execute("DELETE FROM resource_servers WHERE id = ?1", [id])? > 0)
    }

    pub fn list_resource_servers(&self, filters: &[Filter], page: Page) -> Result<Listed> {
        self.list("resource_servers", filters, page)
    }

    // --- client grants ---------------------------------------------------------------

    pub fn insert_client_grant(&self, grant: &Value) -> Result<()> {
        self.conn()
            .execute(
                "INSERT INTO client_grants (id, client_id, audience, subject_type, allow_any_organization, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    str_of(grant, "id"),
                    str_of(grant, "client_id"),
                    str_of(grant, "audience"),
                    str_of(grant, "subject_type"),
                    grant["allow_any_organization"].as_bool().unwrap_or(false),
                    grant.to_string()
                ],
            )
            .map_err(conflict)?;
        Ok(())
    }

    pub fn client_grant(&self, id: &str) -> Result<Option<Value>> {
        self.one("SELECT body FROM client_grants WHERE id = ?1", id)
    }

    /// The grant a client-credentials request needs: (client, audience, subject "client").
    pub fn grant_for(&self, client_id: &str, audience: &str) -> Result<Option<Value>> {
        let body: Option<String> = self
            .conn()
            .query_row(
                "SELECT body FROM client_grants WHERE client_id = ?1 AND audience = ?2 AND subject_type = 'client'",
                [client_id, audience],
                |r| r.get(0),
            )
            .optional()?;
        Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
    }

    pub fn update_client_grant(&self, grant: &Value) -> Result<()> {
        self.conn().execute(
            "UPDATE client_grants SET allow_any_organization = ?2, body = ?3 WHERE id = ?1",
            params![str_of(grant, "id"), grant["allow_any_organization"].as_bool().unwrap_or(false), grant.to_string()],
        )?;
        Ok(())
    }

    pub fn delete_client_grant(&self, id: &str) -> Result<bool> {
        Ok(self.conn().execute("DELETE FROM client_grants WHERE id = ?1", [id])? > 0)
    }

    pub fn list_client_grants(&self, filters: &[Filter], page: Page) -> Result<Listed> {
        self.list("client_grants", filters, page)
    }

    /// Rewrites the audience of the system API and its grants (the sandbox's address can
    /// change between runs, and the Management API audience is derived from it).
    pub fn move_audience(&self, from: &str, to: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let bodies: Vec<(i64, String)> = tx
            .prepare("SELECT seq, body FROM resource_servers WHERE identifier = ?1")?
            .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (seq, body) in bodies {
            let mut v: Value = serde_json::from_str(&body)?;
            v["identifier"] = Value::from(to);
            tx.execute(
                "UPDATE resource_servers SET identifier = ?2, body = ?3 WHERE seq = ?1",
                params![seq, to, v.to_string()],
            )?;
        }
        let grants: Vec<(i64, String)> = tx
            .prepare("SELECT seq, body FROM client_grants WHERE audience = ?1")?
            .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (seq, body) in grants {
            let mut v: Value = serde_json::from_str(&body)?;
            v["audience"] = Value::from(to);
            tx.execute(
                "UPDATE client_grants SET audience = ?2, body = ?3 WHERE seq = ?1",
                params![seq, to, v.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Empties the tenant except the objects `keep` names (client ids, resource-server ids,
    /// grant ids); signing keys and meta stay.
    pub fn reset(&self, keep_clients: &[&str], keep_apis: &[&str], keep_grants: &[&str]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        delete_except(&tx, "clients", "client_id", keep_clients)?;
        delete_except(&tx, "resource_servers", "id", keep_apis)?;
        delete_except(&tx, "client_grants", "id", keep_grants)?;
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` inside one transaction (seeding thousands of objects).
    pub fn batch<T>(&self, f: impl FnOnce(&TenantStore) -> Result<T>) -> Result<T> {
        self.conn().execute_batch("BEGIN")?;
        let out = f(self);
        self.conn().execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
        out
    }

    fn one(&self, sql: &str, key: &str) -> Result<Option<Value>> {
        let body: Option<String> = self.conn().query_row(sql, [key], |r| r.get(0)).optional()?;
        Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
    }

    fn list(&self, table: &str, filters: &[Filter], page: Page) -> Result<Listed> {
        let mut clauses = Vec::new();
        let mut args: Vec<Sql> = Vec::new();
        for f in filters {
            let marks: Vec<String> = f.values.iter().map(|_| "?".to_string()).collect();
            clauses.push(format!("{} IN ({})", f.column, marks.join(", ")));
            args.extend(f.values.iter().cloned());
        }
        let where_sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
        let conn = self.conn();
        let total: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {table} {where_sql}"), params_from_iter(args.iter()), |r| {
                r.get(0)
            })?;
        let (sql, mut page_args, limit) = match page {
            Page::Offset { page, per_page } => (
                format!("SELECT seq, body FROM {table} {where_sql} ORDER BY seq LIMIT ? OFFSET ?"),
                vec![Sql::Integer(per_page.into()), Sql::Integer(i64::from(page) * i64::from(per_page))],
                None,
            ),
            Page::Checkpoint { from, take } => {
                let cond =
                    if where_sql.is_empty() { "WHERE seq > ?".to_string() } else { format!("{where_sql} AND seq > ?") };
                (
                    format!("SELECT seq, body FROM {table} {cond} ORDER BY seq LIMIT ?"),
                    vec![Sql::Integer(from), Sql::Integer(i64::from(take) + 1)],
                    Some(take as usize),
                )
            }
        };
        args.append(&mut page_args);
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows: Vec<(i64, String)> = stmt
            .query_map(params_from_iter(args.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut next = None;
        let mut items = Vec::with_capacity(rows.len());
        for (i, (_, body)) in rows.iter().enumerate() {
            if limit.is_some_and(|l| i == l) {
                next = Some(rows[i - 1].0);
                break;
            }
            items.push(serde_json::from_str(body)?);
        }
        Ok(Listed { items, total: total as u64, next })
    }
}

fn delete_except(tx: &rusqlite::Transaction<'_>, table: &str, column: &str, keep: &[&str]) -> rusqlite::Result<()> {
    if keep.is_empty() {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    } else {
        let marks = vec!["?"; keep.len()].join(", ");
        tx.execute(&format!("DELETE FROM {table} WHERE {column} NOT IN ({marks})"), params_from_iter(keep.iter()))?;
    }
    Ok(())
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn conflict(e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Conflict,
        _ => StoreError::Sqlite(e),
    }
}
