//! The journal: every change Grantsmith made on a profile — setup runs (with their resume
//! and undo), day-two change sets, reveals of a secret — as one list of entries with the
//! objects each touched, filtered as History asks, and exported as JSON lines.
//!
//! Reads what `wizard::journal` and `change::journal` store; writes nothing. Never a secret
//! (neither store holds one).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change::set::{ChangeStatus, ChangeView};
use crate::tenants::Tenants;
use crate::wizard::{AppChoice, RunStatus, RunView};
use crate::{IpcError, Store, StoreError, index};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Stopped half-way (the app was closed or killed): History offers Resume.
    Running,
    Done,
    Failed,
    Undone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Application,
    Api,
    Grant,
}

/// An object an entry touched, with a name to show for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    /// Client id, API identifier or grant id.
    pub id: String,
    pub label: String,
}

/// What the entry is, in full: a run (History resumes and undoes it) or a change set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum EntryDetail {
    Run { run: Box<RunView> },
    Change { change: ChangeView },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JournalEntry {
    pub id: String,
    /// `setup`, `promote` (a setup carried from another profile), or a change set's kind (`access`, `scopes`, `rotate_secret`, `delete_grant`,
    /// `edit_application`, `enable_client_credentials`, `delete_application`, `reveal_secret`, `test_token`).
    pub kind: String,
    pub title: String,
    pub outcome: Outcome,
    /// The OS user; empty for setups made before Grantsmith recorded it.
    pub os_user: String,
    /// Seconds since the epoch.
    pub at: i64,
    pub objects: Vec<ObjectRef>,
    pub detail: EntryDetail,
}

/// History's filters; each one left out matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JournalFilter {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// An object's id, or part of its name (case-insensitive).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// From this time on (seconds since the epoch).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
    /// Before this time (seconds since the epoch).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i64>,
}

impl JournalFilter {
    fn matches(&self, e: &JournalEntry) -> bool {
        let object = self.object.as_deref().map(str::trim).filter(|o| !o.is_empty()).map(str::to_lowercase);
        self.kind.as_deref().is_none_or(|k| k.is_empty() || k == e.kind)
            && self.outcome.is_none_or(|o| o == e.outcome)
            && self.from.is_none_or(|t| e.at >= t)
            && self.to.is_none_or(|t| e.at < t)
            && object.is_none_or(|o| {
                e.objects.iter().any(|r| r.id.to_lowercase() == o || r.label.to_lowercase().contains(&o))
            })
    }
}

fn run_outcome(s: RunStatus) -> Outcome {
    match s {
        RunStatus::Running => Outcome::Running,
        RunStatus::Done => Outcome::Done,
        RunStatus::Failed => Outcome::Failed,
        RunStatus::Undone => Outcome::Undone,
    }
}

fn change_outcome(s: ChangeStatus) -> Outcome {
    match s {
        ChangeStatus::Running => Outcome::Running,
        ChangeStatus::Done => Outcome::Done,
        ChangeStatus::Failed => Outcome::Failed,
    }
}

/// Builds the object references, naming applications from the index.
struct Objects<'a> {
    name_of: Box<dyn Fn(&str) -> String + 'a>,
    out: Vec<ObjectRef>,
}

impl Objects<'_> {
    fn add(&mut self, kind: ObjectKind, id: &str, label: Option<String>) {
        if id.is_empty() || self.out.iter().any(|o| o.kind == kind && o.id == id) {
            return;
        }
        let label = label.unwrap_or_else(|| match kind {
            ObjectKind::Application => (self.name_of)(id),
            _ => id.to_string(),
        });
        self.out.push(ObjectRef { kind, id: id.to_string(), label });
    }
}

fn run_entry(run: RunView, objects: &mut Objects) -> JournalEntry {
    let app_name = match &run.spec.app {
        AppChoice::New { name, .. } => Some(name.clone()),
        AppChoice::Existing { .. } => None,
    };
    let identifier = run.api_identifier.clone().unwrap_or_else(|| match &run.spec.api {
        crate::wizard::ApiChoice::New { identifier, .. } | crate::wizard::ApiChoice::Existing { identifier } => {
            identifier.clone()
        }
    });
    if let Some(id) = &run.client_id {
        objects.add(ObjectKind::Application, id, app_name.clone());
    }
    objects.add(ObjectKind::Api, &identifier, None);
    if let Some(id) = &run.grant_id {
        objects.add(ObjectKind::Grant, id, None);
    }
    let app = app_name.or_else(|| run.client_id.as_deref().map(|id| (objects.name_of)(id))).unwrap_or_default();
    let (kind, title) = match &run.promoted_from {
        Some(from) => ("promote", format!("Promoted from {from}: {app} → {identifier}")),
        None => ("setup", format!("Setup: {app} → {identifier}")),
    };
    JournalEntry {
        id: run.id.clone(),
        kind: kind.into(),
        title,
        outcome: run_outcome(run.status),
        os_user: run.os_user.clone(),
        at: run.created_at,
        objects: std::mem::take(&mut objects.out),
        detail: EntryDetail::Run { run: Box::new(run) },
    }
}

/// The objects a change request names, whatever its kind: the fields every kind uses for
/// them (`client_id`, `audience`, `grant_id`, toggles' and `extend_to`'s applications).
fn request_objects(request: &serde_json::Value, objects: &mut Objects) {
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    if let Some(id) = request.get("client_id").and_then(text) {
        objects.add(ObjectKind::Application, &id, None);
    }
    if let Some(id) = request.get("audience").and_then(text) {
        objects.add(ObjectKind::Api, &id, None);
    }
    if let Some(id) = request.get("grant_id").and_then(text) {
        objects.add(ObjectKind::Grant, &id, None);
    }
    let toggles = request.get("toggles").and_then(|t| t.as_array()).into_iter().flatten();
    let extend = request.get("extend_to").and_then(|t| t.as_array()).into_iter().flatten();
    for id in toggles.filter_map(|t| t.get("client_id").and_then(text)).chain(extend.filter_map(text)) {
        objects.add(ObjectKind::Application, &id, None);
    }
}

impl Store {
    /// `profile_id`'s journal, newest first, as `filter` narrows it.
    pub fn journal(&self, profile_id: &str, filter: &JournalFilter) -> Result<Vec<JournalEntry>, StoreError> {
        let mut objects = Objects { name_of: Box::new(index::app_names(self, profile_id)), out: vec![] };
        let mut entries = Vec::new();
        for (is_run, id) in self.journal_ids(profile_id)? {
            if is_run {
                entries.extend(self.run(&id)?.map(|run| run_entry(run, &mut objects)));
                continue;
            }
            let Some(change) = self.change(&id)? else { continue };
            request_objects(&self.change_request(&id)?, &mut objects);
            entries.push(JournalEntry {
                id: change.id.clone(),
                kind: change.kind.clone(),
                title: change.title.clone(),
                outcome: change_outcome(change.status),
                os_user: change.os_user.clone(),
                at: change.created_at,
                objects: std::mem::take(&mut objects.out),
                detail: EntryDetail::Change { change },
            });
        }
        entries.retain(|e| filter.matches(e));
        Ok(entries)
    }

    /// Runs (`true`) and change sets of `profile_id`, newest first.
    fn journal_ids(&self, profile_id: &str) -> Result<Vec<(bool, String)>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT 1, id, created_ms FROM wizard_runs WHERE profile_id = ?1
             UNION ALL SELECT 0, id, created_ms FROM changes WHERE profile_id = ?1
             ORDER BY created_ms DESC",
        )?;
        let rows = stmt.query_map([profile_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// The journal as a file to copy or save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JournalExport {
    /// e.g. `grantsmith-journal-staging-2026-11-28.jsonl`.
    pub file_name: String,
    pub text: String,
    pub entries: u32,
}

/// `profile_id`'s journal, narrowed by `filter`, as JSON lines.
pub fn export(tenants: &Tenants, profile_id: &str, filter: &JournalFilter) -> Result<JournalExport, IpcError> {
    let profile = tenants.profile_row(profile_id)?;
    let entries = tenants.store().journal(profile_id, filter)?;
    let today = &utc(crate::clock::now_ms() / 1000)[..10];
    Ok(JournalExport {
        file_name: format!(
            "grantsmith-journal-{}-{today}.jsonl",
            crate::carry::slug(&profile.name, "tenant").replace('_', "-")
        ),
        text: json_lines(&entries, &profile.name),
        entries: entries.len() as u32,
    })
}

/// One journal entry as a line of the JSON-lines export: flat, with the time in UTC words
/// as well, for `jq` and spreadsheets.
#[derive(Serialize)]
struct Line<'a> {
    time: String,
    at: i64,
    profile: &'a str,
    kind: &'a str,
    title: &'a str,
    outcome: Outcome,
    os_user: &'a str,
    objects: &'a [ObjectRef],
    steps: Vec<LineStep<'a>>,
}

#[derive(Serialize)]
struct LineStep<'a> {
    title: &'a str,
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// The entries as JSON lines, one per entry, oldest first (a log reads forward).
pub fn json_lines(entries: &[JournalEntry], profile: &str) -> String {
    let mut out = String::new();
    for e in entries.iter().rev() {
        let steps = match &e.detail {
            EntryDetail::Run { run } => run
                .steps
                .iter()
                .map(|s| LineStep {
                    title: &s.title,
                    status: crate::store::columns::text_of(s.status),
                    note: None,
                    error: s.error.as_deref(),
                })
                .collect(),
            EntryDetail::Change { change } => change
                .steps
                .iter()
                .map(|s| LineStep {
                    title: &s.title,
                    status: crate::store::columns::text_of(s.status),
                    note: s.note.as_deref(),
                    error: s.error.as_deref(),
                })
                .collect(),
        };
        let line = Line {
            time: utc(e.at),
            at: e.at,
            profile,
            kind: &e.kind,
            title: &e.title,
            outcome: e.outcome,
            os_user: &e.os_user,
            objects: &e.objects,
            steps,
        };
        out.push_str(&serde_json::to_string(&line).expect("lines serialize"));
        out.push('\n');
    }
    out
}

/// `secs` since the epoch as `2026-11-28T09:15:36Z` (days to a civil date: Howard
/// Hinnant's algorithm; no calendar crate for one format).
pub fn utc(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn utc_times() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_795_857_336), "2026-11-28T09:15:36Z");
    }
}
