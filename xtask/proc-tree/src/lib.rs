//! A process and everything it started (for Grantsmith: the app and WebKit's web and network
//! processes), with their resident memory and CPU time, read from `/proc` (Linux only; empty
//! elsewhere). Used by `cargo xtask bench` and by the benchmarks driven through the window.
//! Measures only: what a figure means is for the report that prints it.

use std::time::Duration;

/// `pid` and all its descendants.
pub fn tree(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
                .filter_map(|p| Some((p, stat_fields(p)?.get(1)?.parse().ok()?)))
                .collect()
        })
        .unwrap_or_default();
    let mut out = vec![pid];
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        out.extend(parents.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    out
}

/// The processes whose environment holds `var=value` (e.g. the app started with a given
/// data folder), when the caller may read their environment.
pub fn with_env(var: &str, value: &str) -> Vec<u32> {
    let needle = format!("{var}={value}");
    std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
                .filter(|p| {
                    std::fs::read(format!("/proc/{p}/environ"))
                        .is_ok_and(|env| env.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The process's name (its first 15 characters, as the kernel keeps it).
pub fn name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// Resident memory in MiB (0 when the process is gone).
pub fn rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Each process of `pids` by name with its resident memory, and their sum (MiB).
pub fn memory(pids: &[u32]) -> (Vec<(String, f64)>, f64) {
    let each: Vec<(String, f64)> = pids.iter().map(|&p| (name(p), rss_mib(p))).collect();
    let total = each.iter().map(|(_, m)| m).sum();
    (each, total)
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`; 100 on Linux).
const TICKS_PER_SEC: f64 = 100.0;

/// User and system CPU time of `pids` so far.
pub fn cpu_time(pids: &[u32]) -> Duration {
    let ticks: u64 = pids
        .iter()
        .filter_map(|&p| {
            let f = stat_fields(p)?;
            // After the name, counting from the state: utime and stime (fields 14 and 15 of proc(5)).
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        })
        .sum();
    Duration::from_secs_f64(ticks as f64 / TICKS_PER_SEC)
}

/// Percent of one core that `pids` used over the next `window`.
pub fn cpu_percent_over(pids: &[u32], window: Duration) -> f64 {
    let before = cpu_time(pids);
    std::thread::sleep(window);
    (cpu_time(pids).saturating_sub(before)).as_secs_f64() / window.as_secs_f64() * 100.0
}

/// `/proc/<pid>/stat` after the process name (which may hold spaces): state, ppid, ….
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    Some(stat.rsplit_once(')')?.1.split_whitespace().map(String::from).collect())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_child_is_in_its_parents_tree_with_memory_and_cpu_time() {
        let mut child = std::process::Command::new("sh")
            .args(["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 5"])
            .spawn()
            .unwrap();
        let me = std::process::id();
        std::thread::sleep(Duration::from_millis(200));
        let pids = tree(me);
        assert!(pids.contains(&child.id()), "{pids:?}");
        let (each, total) = memory(&[me]);
        assert!(total > 1.0 && each[0].1 == total, "{each:?}");
        std::thread::sleep(Duration::from_millis(800));
        assert!(cpu_time(&[child.id()]) > Duration::ZERO, "the busy loop used CPU");
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
