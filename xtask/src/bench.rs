//! `cargo xtask bench`: measures and reports, never asserts. Writes `docs/BENCHMARKS.md`
//! from three parts, each a report of its own under `target/bench/`:
//! - the Sandbox's list endpoints (`sandbox.md`, the sandbox crate's bench example);
//! - the tenant index: first build against its ideal, searches (`index.md`, core's example);
//! - a setup's round trips: the wizard's apply, the first and a warm test token, against the
//!   Sandbox's latency L and the naive sequential path (`setup.md`, core's example);
//! - the app: cold start to first painted screen and memory after start, against a bare
//!   Tauri 2 app with one static page built with the same release profile in the same run,
//!   and the release binary's size (`app.md`, measured here under Xvfb).
//!
//! Timings are ratios against baselines measured in the same run: absolute times drift on
//! a shared machine.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::cmd;

/// Cold starts per app (the median is reported).
const STARTS: usize = 5;
/// How long after the first paint memory is read (the page settles, caches fill).
const SETTLE: Duration = Duration::from_secs(2);

fn bench_dir() -> PathBuf {
    cmd::root().join("target/bench")
}

pub fn all() -> crate::Result {
    std::fs::create_dir_all(bench_dir()).map_err(|e| format!("creating target/bench: {e}"))?;
    let mut c = cmd::cargo(&["run", "--release", "-p", "grantsmith-sandbox", "--example", "bench", "--"]);
    c.arg(bench_dir().join("sandbox.md"));
    cmd::run(c)?;
    let mut c = cmd::cargo(&["run", "--release", "-p", "grantsmith-core", "--example", "index_bench", "--"]);
    c.arg(bench_dir().join("index.md"));
    cmd::run(c)?;
    let mut c = cmd::cargo(&["run", "--release", "-p", "grantsmith-core", "--example", "setup_bench", "--"]);
    c.arg(bench_dir().join("setup.md"));
    cmd::run(c)?;

    crate::setup::all()?;
    cmd::run(cmd::npm(&["run", "build"]))?;
    cmd::run(cmd::cargo(&["build", "--release", "-p", "grantsmith", "-p", "bare-tauri"]))?;
    // The launches need a display and a session bus: run them under Xvfb and dbus.
    let mut c = cmd::cargo(&["run", "--quiet", "-p", "xtask", "--", "bench-apps"]);
    c.env("NO_AT_BRIDGE", "1");
    cmd::run(crate::test::in_keyring_session(crate::test::under_xvfb(c))?)?;
    report()
}

/// Joins the parts under `target/bench/` into `docs/BENCHMARKS.md`.
pub fn report() -> crate::Result {
    let parts = ["app.md", "setup.md", "index.md", "sandbox.md"]
        .map(|f| std::fs::read_to_string(bench_dir().join(f)).map_err(|e| format!("reading target/bench/{f}: {e}")));
    let mut out = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` on {} ({}), {}. Reports, never pass/fail: timings are \
         compared with baselines measured in the same run.\n\n",
        machine(),
        std::env::consts::ARCH,
        today()
    );
    for part in parts {
        out.push_str(&demote(&part?));
        out.push_str("\n\n");
    }
    out.push_str(NOT_YET);
    let path = cmd::root().join("docs/BENCHMARKS.md");
    std::fs::write(&path, out).map_err(|e| format!("writing {}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Rows of the targets this report does not measure yet, said rather than left out.
const NOT_YET: &str = "## Not measured yet\n\n\
- Memory after a setup (the app driven through one).\n\
- The Applications screen from the index, click to first rows.\n";

/// A part's own `# Title` becomes a section of the whole.
fn demote(part: &str) -> String {
    part.lines()
        .map(|l| if l.starts_with('#') { format!("#{l}") } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok()))
        .map_or("? GiB".into(), |kb| format!("{:.0} GiB", kb as f64 / 1_048_576.0));
    format!("{cpu}, {cores} cores, {mem}")
}

fn today() -> String {
    cmd::output({
        let mut c = cmd::new("date");
        c.arg("+%Y-%m-%d");
        c
    })
    .map(|d| d.trim().to_string())
    .unwrap_or_default()
}

/// One cold start: milliseconds to the first painted screen, the RSS (MiB) of the app and
/// every process it started (WebKit's web and network processes) once settled, and the CPU
/// they use while the first screen sits still.
struct Start {
    painted_ms: u64,
    rss_mib: f64,
    processes: Vec<(String, f64)>,
    /// Percent of one core over `IDLE`, all processes together.
    idle_cpu_pct: f64,
}

/// How long CPU use is read once settled: nothing on the first screen moves, so it should
/// be near zero (WebKitGTK's overlay scrollbars once kept it repainting every frame).
const IDLE: Duration = Duration::from_secs(2);

fn launch(binary: &Path, data: &Path) -> crate::Result<Start> {
    let mut c = cmd::new(binary);
    c.env("GRANTSMITH_DATA_DIR", data)
        .env("GRANTSMITH_REPORT_FIRST_PAINT", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child: Child = c.spawn().map_err(|e| format!("starting {}: {e}", binary.display()))?;
    let stderr = child.stderr.take().expect("piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut painted = None;
    while painted.is_none() && started.elapsed() < Duration::from_secs(60) {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100))
            && let Some(ms) = line.split("first screen painted after ").nth(1)
        {
            painted = ms.trim_end_matches(" ms").trim().parse::<u64>().ok();
        }
    }
    std::thread::sleep(SETTLE);
    let pids = tree(child.id());
    let processes = pids.iter().map(|&p| (name_of(p), rss_mib(p))).collect::<Vec<_>>();
    let before = cpu_ticks(&pids);
    std::thread::sleep(IDLE);
    let idle_cpu_pct = (cpu_ticks(&pids) - before) as f64 / TICKS_PER_SEC / IDLE.as_secs_f64() * 100.0;
    let _ = child.kill();
    let _ = child.wait();
    // WebKit's helpers exit with their parent; give them a moment before the next start.
    std::thread::sleep(Duration::from_millis(500));
    let painted_ms = painted.ok_or_else(|| format!("{} did not report its first screen", binary.display()))?;
    Ok(Start { painted_ms, rss_mib: processes.iter().map(|(_, m)| m).sum(), processes, idle_cpu_pct })
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`; 100 on Linux).
const TICKS_PER_SEC: f64 = 100.0;

/// User and system CPU time of `pids` so far, in clock ticks (from /proc).
fn cpu_ticks(pids: &[u32]) -> u64 {
    pids.iter()
        .filter_map(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
            let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
            // After the name: state is field 3, utime 14 and stime 15 (1-based, proc(5)).
            Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
        })
        .sum()
}

/// `pid` and all its descendants (from /proc).
fn tree(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
                .filter_map(|p| {
                    let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
                    let ppid = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()?;
                    Some((p, ppid))
                })
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

fn name_of(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Cold starts of each app, alternating so drift hits both alike.
pub fn apps() -> crate::Result {
    let release = cmd::root().join("target/release");
    // GRANTSMITH_BENCH_APP: another build of Grantsmith to measure (e.g. another opt-level).
    let app = std::env::var_os("GRANTSMITH_BENCH_APP").map_or_else(|| release.join("grantsmith"), PathBuf::from);
    let bare = release.join("bare-tauri");
    let data = std::env::temp_dir().join(format!("grantsmith-bench-{}", std::process::id()));
    let mut ours = Vec::new();
    let mut base = Vec::new();
    for i in 0..STARTS {
        // A fresh data folder each time: a first start, as after installing.
        let dir = data.join(i.to_string());
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        ours.push(launch(&app, &dir)?);
        base.push(launch(&bare, &dir)?);
    }
    let _ = std::fs::remove_dir_all(&data);
    let start = |v: &[Start]| median(v.iter().map(|s| s.painted_ms as f64).collect());
    let memory = |v: &[Start]| median(v.iter().map(|s| s.rss_mib).collect());
    let (start_ours, start_base) = (start(&ours), start(&base));
    let (mem_ours, mem_base) = (memory(&ours), memory(&base));
    let idle = |v: &[Start]| median(v.iter().map(|s| s.idle_cpu_pct).collect());
    let split = |s: &Start| s.processes.iter().map(|(n, m)| format!("{n} {m:.0}")).collect::<Vec<_>>().join(" + ");
    let size = |p: &Path| std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6);
    let deb = std::fs::read_dir(release.join("bundle/deb"))
        .ok()
        .and_then(|d| d.filter_map(|e| e.ok().map(|e| e.path())).find(|p| p.extension().is_some_and(|x| x == "deb")));
    let deb_row = match deb {
        Some(d) => format!("{:.1} MB (`{}`)", size(&d), d.file_name().unwrap_or_default().to_string_lossy()),
        None => "not built in this run (`cargo xtask bundle`)".into(),
    };
    let report = format!(
        "# The app\n\n{STARTS} cold starts each under Xvfb, alternating, a fresh data folder each time; medians. \
         Baseline: `xtask/bare-tauri`, a Tauri 2 app with one static page, same release profile, built in the \
         same run. \"First painted\": the UI reports two animation frames after its first screen rendered.\n\n\
         | what | Grantsmith | bare Tauri | ratio | target |\n| --- | --- | --- | --- | --- |\n\
         | cold start to first painted screen | {start_ours:.0} ms | {start_base:.0} ms | **{:.2} ×** | ≤ 1.2 × |\n\
         | memory after start (RSS, app + WebKit processes) | {mem_ours:.0} MiB | {mem_base:.0} MiB | **{:.2} ×** | ≤ 1.15 × |\n\
         | CPU while the first screen sits still ({}-s window, all processes) | {:.1} % of a core | {:.1} % | | near 0 |\n\
         | release binary | {:.1} MB | {:.1} MB | | < 15 MB |\n\
         | `.deb` | {deb_row} | | | < 10 MB |\n\n\
         Memory of one start, by process: Grantsmith {}; bare {}.\n",
        start_ours / start_base,
        mem_ours / mem_base,
        IDLE.as_secs(),
        idle(&ours),
        idle(&base),
        size(&app),
        size(&bare),
        split(&ours[0]),
        split(&base[0]),
    );
    let path = bench_dir().join("app.md");
    std::fs::write(&path, &report).map_err(|e| format!("writing {}: {e}", path.display()))?;
    eprintln!("{report}");
    Ok(())
}
