//! Sending one request with Auth0's retry rules (contract §3):
//! - pacing: the `x-ratelimit-remaining`/`-reset` of each answer are kept, and once the
//!   window's budget is spent the next request waits for the reset instead of being refused
//!   (requests sent meanwhile count against the budget, so concurrent ones pace too);
//! - 429: wait until `x-ratelimit-reset` (plus jitter, capped), then resend — a 429 was not
//!   processed, so this is safe for every method; bounded number of tries;
//! - connection refused before anything was sent: resend, for every method;
//! - 5xx, timeouts and dropped connections: resend only idempotent requests, with
//!   exponential backoff. A create is never blindly resent: the error says whether it may
//!   have been applied, and the caller decides how to make it safe.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::Auth0Error;

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Backoff for 5xx / network errors: base × 2^attempt (+ jitter).
    pub base_delay: Duration,
    /// Longest wait for a rate-limit reset.
    pub max_rate_limit_wait: Duration,
    /// Up to this much random extra wait, so parallel clients do not retry in lockstep.
    pub jitter: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(250),
            max_rate_limit_wait: Duration::from_secs(10),
            jitter: Duration::from_millis(250),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
        }
    }
}

pub(crate) struct Answer {
    pub status: u16,
    pub body: Value,
}

pub(crate) struct Transport {
    pub http: reqwest::Client,
    retry: RetryPolicy,
    /// The rate-limit window as the last answer described it.
    budget: std::sync::Mutex<Option<Budget>>,
}

/// Requests left in the current rate-limit window, and when it resets (unix seconds).
#[derive(Debug, Clone, Copy)]
struct Budget {
    remaining: u64,
    reset: u64,
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok())
}

impl Transport {
    /// `loopback`: the tenant is the local sandbox. Its traffic never goes through a
    /// system proxy (HTTP_PROXY and friends): the management secret travels in plain
    /// http there, and a proxy would see it.
    pub fn new(options: &ClientOptions, loopback: bool) -> Result<Self, Auth0Error> {
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("grantsmith/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if loopback {
            builder = builder.no_proxy();
        }
        let http =
            builder.build().map_err(|e| Auth0Error::Protocol { message: format!("Could not set up HTTPS: {e}") })?;
        Ok(Self { http, retry: options.retry.clone(), budget: std::sync::Mutex::new(None) })
    }

    fn budget(&self) -> std::sync::MutexGuard<'_, Option<Budget>> {
        self.budget.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits while the window's budget is spent, then takes one request from it.
    async fn pace(&self) {
        loop {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
            let wait = match &mut *self.budget() {
                Some(b) if b.remaining == 0 && now.as_secs() < b.reset => {
                    Duration::from_secs(b.reset).saturating_sub(now)
                }
                Some(b) => {
                    b.remaining = b.remaining.saturating_sub(1);
                    return;
                }
                None => return,
            };
            tracing::debug!(wait_ms = wait.as_millis() as u64, "rate-limit budget spent; waiting for the reset");
            tokio::time::sleep(wait.min(self.retry.max_rate_limit_wait)).await;
            // A new window: its budget is learnt from the next answer.
            *self.budget() = None;
        }
    }

    /// Keeps the window an answer describes (Management API answers carry it).
    fn observe(&self, headers: &HeaderMap) {
        if let (Some(remaining), Some(reset)) =
            (header_u64(headers, "x-ratelimit-remaining"), header_u64(headers, "x-ratelimit-reset"))
        {
            let mut b = self.budget();
            // Answers to requests sent earlier in the same window may arrive late: never
            // raise the budget of a window already counted down.
            let remaining = match *b {
                Some(old) if old.reset == reset => remaining.min(old.remaining),
                _ => remaining,
            };
            *b = Some(Budget { remaining, reset });
        }
    }

    fn jitter(&self) -> Duration {
        let max = self.retry.jitter.as_millis() as u64;
        Duration::from_millis(if max == 0 { 0 } else { fastrand::u64(0..=max) })
    }

    fn backoff(&self, attempt: u32) -> Duration {
        self.retry.base_delay.saturating_mul(2u32.saturating_pow(attempt)) + self.jitter()
    }

    fn rate_limit_wait(&self, headers: &HeaderMap, attempt: u32) -> Duration {
        let reset = headers.get("x-ratelimit-reset").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let wait = match reset {
            Some(reset) => Duration::from_secs(reset).saturating_sub(now),
            None => Duration::from_secs(1) * 2u32.saturating_pow(attempt),
        };
        wait.min(self.retry.max_rate_limit_wait) + self.jitter()
    }

    /// Sends the request `build` makes (called again for each retry).
    pub async fn send(
        &self,
        build: impl Fn() -> reqwest::RequestBuilder,
        idempotent: bool,
    ) -> Result<Answer, Auth0Error> {
        let mut attempt = 0;
        loop {
            let last = attempt >= self.retry.max_retries;
            self.pace().await;
            match build().send().await {
                Ok(response) => {
                    self.observe(response.headers());
                    let status = response.status().as_u16();
                    if status == 429 && !last {
                        let wait = self.rate_limit_wait(response.headers(), attempt);
                        tracing::info!(
                            wait_ms = wait.as_millis() as u64,
                            "rate limited by Auth0; waiting for the reset"
                        );
                        tokio::time::sleep(wait).await;
                    } else if status >= 500 && idempotent && !last {
                        tracing::info!(status, attempt, "Auth0 server error; retrying");
                        tokio::time::sleep(self.backoff(attempt)).await;
                    } else {
                        match read_capped(response).await {
                            Ok(Some(text)) => {
                                let body = if text.trim().is_empty() {
                                    Value::Null
                                } else {
                                    serde_json::from_str(&text).unwrap_or(Value::String(text))
                                };
                                return Ok(Answer { status, body });
                            }
                            Ok(None) => return Err(too_large()),
                            Err(e) if idempotent && !last => {
                                tracing::info!(error = %e, "response cut off; retrying");
                                tokio::time::sleep(self.backoff(attempt)).await;
                            }
                            Err(e) => return Err(network(e, !idempotent)),
                        }
                    }
                }
                // Nothing reached the server: safe to resend whatever the method (but an
                // untrusted certificate will not become trusted by asking again).
                Err(e) if e.is_connect() && !last && !untrusted_certificate(&e) => {
                    tokio::time::sleep(self.backoff(attempt)).await
                }
                Err(e) if idempotent && !last => {
                    tracing::info!(error = %e, "request failed; retrying");
                    tokio::time::sleep(self.backoff(attempt)).await;
                }
                Err(e) => {
                    let maybe_applied = !idempotent && !e.is_connect();
                    return Err(network(e, maybe_applied));
                }
            }
            attempt += 1;
        }
    }
}

/// The largest answer read: a page of 100 applications with full metadata is well under a
/// megabyte. A tenant (or something posing as one) that answers more is cut off, not
/// allowed to fill the memory.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// The answer's text, or `None` once it passes `MAX_BODY_BYTES` (read no further).
async fn read_capped(mut response: reqwest::Response) -> Result<Option<String>, reqwest::Error> {
    if response.content_length().is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Ok(None);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(String::from_utf8_lossy(&body).into_owned()))
}

fn too_large() -> Auth0Error {
    Auth0Error::Protocol {
        message: format!(
            "The tenant's answer was larger than {} MB, far more than any Auth0 answer; it was not read. Check the \
             tenant's domain.",
            MAX_BODY_BYTES / (1024 * 1024)
        ),
    }
}

/// Whether the TLS handshake failed on the server's certificate (rustls says so somewhere
/// in the error's chain).
fn untrusted_certificate(e: &reqwest::Error) -> bool {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        let text = s.to_string();
        if text.contains("invalid peer certificate") || text.contains("UnknownIssuer") || text.contains("certificate") {
            return true;
        }
        source = s.source();
    }
    false
}

fn network(e: reqwest::Error, maybe_applied: bool) -> Auth0Error {
    let host = e.url().and_then(|u| u.host_str()).unwrap_or("the tenant").to_string();
    let why = if e.is_timeout() {
        "it did not answer in time".to_string()
    } else if untrusted_certificate(&e) {
        return Auth0Error::Network {
            message: format!(
                "Could not reach {host}: its TLS certificate is not trusted (self-signed, expired, or issued by an \
                 unknown authority), so nothing was sent. Auth0 tenants always present a valid certificate: check the \
                 domain, or whether a proxy on this network intercepts HTTPS."
            ),
            maybe_applied: false,
        };
    } else if e.is_connect() {
        "the connection could not be made (check the domain and your network)".to_string()
    } else {
        "the connection was closed before an answer arrived".to_string()
    };
    let mut message = format!("Could not reach {host}: {why}.");
    if maybe_applied {
        message.push_str(" The change may or may not have been applied.");
    }
    Auth0Error::Network { message, maybe_applied }
}
