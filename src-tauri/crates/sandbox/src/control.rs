//! The test knobs: injected faults, the log of served requests, and the Management API
//! rate limiter. Reachable over HTTP under `/__sandbox/*` only with `--control`, and always
//! through the library API for in-process tests.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// What an injected fault does to a matching request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultAction {
    /// Close the connection without a response; the request is not processed.
    Drop,
    /// Process the request (its change is committed), then close the connection without
    /// a response: the client never learns that it succeeded.
    DropAfterCommit,
}

/// A rule: the next `times` requests matching `method` and `path` fail this way.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// HTTP method; any method when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// Exact path, or a prefix ending in `*` (e.g. `/api/v2/clients*`).
    pub path: String,
    /// Answer with this status and an Auth0-shaped error body.
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub action: Option<FaultAction>,
    /// Wait this long first (on its own: a slow but otherwise normal response).
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// How many matching requests this applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// The next `method` request to `path` (a `*`-suffixed prefix allowed), once, with
    /// nothing set yet: say how it fails with struct update syntax,
    /// `Fault { status: Some(503), ..Fault::on("POST", "/api/v2/clients") }`.
    pub fn on(method: &str, path: &str) -> Self {
        Fault { method: Some(method.into()), path: path.into(), status: None, action: None, delay_ms: None, times: 1 }
    }

    pub fn validate(&self) -> Result<(), String> {
        if !self.path.starts_with('/') {
            return Err("path must start with /".into());
        }
        if self.status.is_some() && self.action.is_some() {
            return Err("give either status or action, not both".into());
        }
        if self.status.is_none() && self.action.is_none() && self.delay_ms.is_none() {
            return Err("give one of status, action or delay_ms".into());
        }
        if let Some(s) = self.status
            && !(400..=599).contains(&s)
        {
            return Err("status must be between 400 and 599".into());
        }
        if self.times == 0 {
            return Err("times must be at least 1".into());
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method));
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => self.path == path,
        };
        method_ok && path_ok
    }
}

#[derive(Default)]
pub struct Faults {
    rules: Mutex<Vec<Fault>>,
}

impl Faults {
    pub fn add(&self, fault: Fault) {
        self.rules.lock().unwrap_or_else(|p| p.into_inner()).push(fault);
    }

    pub fn clear(&self) {
        self.rules.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// How many more requests the rules will fail (a test waits for a fault to have fired).
    pub fn pending(&self) -> u32 {
        self.rules.lock().unwrap_or_else(|p| p.into_inner()).iter().map(|f| f.times).sum()
    }

    /// The first rule matching this request, counting one use of it.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut rules = self.rules.lock().unwrap_or_else(|p| p.into_inner());
        let i = rules.iter().position(|f| f.matches(method, path))?;
        let fault = rules[i].clone();
        rules[i].times -= 1;
        if rules[i].times == 0 {
            rules.remove(i);
        }
        Some(fault)
    }
}

/// One served request, as `GET /__sandbox/requests` lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    /// `None` when the connection was dropped instead of answered.
    pub status: Option<u16>,
    /// When the request arrived, in milliseconds since the Unix epoch.
    pub time_ms: i64,
    pub duration_ms: u64,
}

const LOG_CAPACITY: usize = 50_000;

#[derive(Default)]
pub struct RequestLog {
    entries: Mutex<VecDeque<RequestRecord>>,
    /// Requests arrived and not yet answered or abandoned.
    in_flight: std::sync::atomic::AtomicUsize,
}

/// A request being served: counted in flight until dropped (answered, or abandoned).
pub struct InFlight<'a>(&'a RequestLog);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl RequestLog {
    /// A request arrived; it stays in flight while the guard lives.
    pub fn arrive(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        InFlight(self)
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn push(&self, record: RequestRecord) {
        let mut e = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if e.len() == LOG_CAPACITY {
            e.pop_front();
        }
        e.push_back(record);
    }

    pub fn snapshot(&self) -> Vec<RequestRecord> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).iter().cloned().collect()
    }

    pub fn clear(&self) {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

/// N Management API requests per second per tenant (a fixed one-second window).
pub struct RateLimiter {
    limit: u32,
    window: Mutex<(i64, u32)>,
}

pub struct RateDecision {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Epoch seconds when the window resets.
    pub reset: i64,
}

impl RateLimiter {
    pub fn new(limit: u32) -> Self {
        Self { limit: limit.max(1), window: Mutex::new((0, 0)) }
    }

    pub fn check(&self, now_secs: i64) -> RateDecision {
        let mut w = self.window.lock().unwrap_or_else(|p| p.into_inner());
        if w.0 != now_secs {
            *w = (now_secs, 0);
        }
        let allowed = w.1 < self.limit;
        if allowed {
            w.1 += 1;
        }
        RateDecision { allowed, limit: self.limit, remaining: self.limit - w.1, reset: now_secs + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(path: &str, times: u32) -> Fault {
        Fault { method: Some("POST".into()), path: path.into(), status: Some(503), action: None, delay_ms: None, times }
    }

    #[test]
    fn fault_applies_exactly_times_then_stops() {
        let faults = Faults::default();
        faults.add(fault("/api/v2/client-grants", 2));
        assert!(faults.take("GET", "/api/v2/client-grants").is_none(), "method must match");
        assert!(faults.take("POST", "/api/v2/client-grants").is_some());
        assert!(faults.take("post", "/api/v2/client-grants").is_some());
        assert!(faults.take("POST", "/api/v2/client-grants").is_none());
    }

    #[test]
    fn star_matches_a_prefix() {
        let faults = Faults::default();
        faults.add(fault("/api/v2/clients*", 1));
        assert!(faults.take("POST", "/api/v2/clients/abc/rotate-secret").is_some());
    }

    #[test]
    fn limiter_allows_n_per_second() {
        let l = RateLimiter::new(2);
        assert!(l.check(100).allowed);
        let second = l.check(100);
        assert!(second.allowed && second.remaining == 0);
        let third = l.check(100);
        assert!(!third.allowed);
        assert_eq!(third.reset, 101);
        assert!(l.check(101).allowed, "a new second starts a new window");
    }
}
