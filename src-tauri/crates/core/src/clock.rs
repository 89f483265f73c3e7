//! The wall clock as the journal, leases and records write it: milliseconds since the Unix
//! epoch. Code whose logic depends on time takes it injected; this is where it is read.

pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}
