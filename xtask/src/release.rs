//! Shipping: `cargo xtask bundle` builds the `.deb` and `.rpm` (release profile, UI
//! embedded) with Tauri's bundler; `cargo xtask release-check` checks what both hold
//! (`packages`), installs the `.deb` with apt, starts the installed binary under Xvfb, waits
//! for its first painted screen, and removes the package again.
//!
//! AppImage is not built: its bundler downloads tools at bundle time, which this machine
//! cannot do. The Tauri config keeps its settings right for when it can.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::cmd;

fn bundle_dir() -> PathBuf {
    cmd::root().join("target/release/bundle")
}

/// The one file with `extension` under the bundle folder `kind`.
fn artifact(kind: &str, extension: &str) -> crate::Result<PathBuf> {
    let dir = bundle_dir().join(kind);
    let found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("expected one .{extension} in {}, found {found:?}", dir.display())),
    }
}

fn megabytes(path: &std::path::Path) -> String {
    std::fs::metadata(path).map(|m| format!("{:.1} MB", m.len() as f64 / 1e6)).unwrap_or_else(|e| e.to_string())
}

pub fn bundle() -> crate::Result {
    crate::setup::all()?;
    cmd::run(cmd::npm(&["run", "build"]))?;
    let _ = std::fs::remove_dir_all(bundle_dir());
    let mut c = cmd::new(cmd::root().join("ui/node_modules/.bin/tauri"));
    // From src-tauri, so the CLI takes this config (not the bench's bare app's).
    c.current_dir(cmd::root().join("src-tauri")).args(["build", "--ci", "--bundles", "deb,rpm"]);
    cmd::run(c)?;
    let binary = cmd::root().join("target/release/grantsmith");
    let (deb, rpm) = (artifact("deb", "deb")?, artifact("rpm", "rpm")?);
    eprintln!(
        "built:\n  {} ({})\n  {} ({})\n  {} ({})",
        binary.display(),
        megabytes(&binary),
        deb.display(),
        megabytes(&deb),
        rpm.display(),
        megabytes(&rpm)
    );
    Ok(())
}

/// Installs the `.deb`, starts what it installed, sees the first screen, removes it.
pub fn check() -> crate::Result {
    bundle()?;
    if !crate::setup::is_root() {
        return Err("release-check installs a package with apt-get: run it as root (CI does)".into());
    }
    crate::setup::packages(crate::packages::TOOLS)?;
    let deb = artifact("deb", "deb")?;
    crate::packages::check(&deb, &artifact("rpm", "rpm")?, "grantsmith")?;
    let mut install = cmd::new("apt-get");
    install.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "-qq"]).arg(&deb);
    cmd::run(install)?;
    let result = first_screen_of_installed();
    let mut remove = cmd::new("apt-get");
    remove.env("DEBIAN_FRONTEND", "noninteractive").args(["remove", "-y", "-qq", "grantsmith"]);
    let removed = cmd::run(remove);
    result.and(removed)
}

fn first_screen_of_installed() -> crate::Result {
    let installed = PathBuf::from("/usr/bin/grantsmith");
    if !installed.is_file() {
        return Err(format!("the package did not install {}", installed.display()));
    }
    let data = tempfile_dir()?;
    let mut c = cmd::new("xvfb-run");
    c.args(["-a", "-s", "-screen 0 1280x860x24", "dbus-run-session", "--"])
        .arg(&installed)
        .env("GRANTSMITH_DATA_DIR", &data)
        .env("GRANTSMITH_REPORT_FIRST_PAINT", "1")
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    eprintln!("$ {}", cmd::describe(&c));
    let mut child = c.spawn().map_err(|e| format!("starting {}: {e}", installed.display()))?;
    let stderr = child.stderr.take().expect("piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut painted = None;
    while painted.is_none() && Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200))
            && line.contains("first screen painted")
        {
            painted = Some(line);
        }
    }
    // Ending the app lets dbus-run-session and xvfb-run end too, and xvfb-run stop its
    // Xvfb (killing xvfb-run itself would leave that server running). The app is the one
    // process this check started that runs the installed binary: ended by its id.
    for pid in proc_tree::tree(child.id()) {
        if std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == installed) {
            let mut term = cmd::new("kill");
            term.args(["-TERM", &pid.to_string()]);
            let _ = cmd::run(term);
        }
    }
    let ended = Instant::now();
    while child.try_wait().ok().flatten().is_none() && ended.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&data);
    match painted {
        Some(line) => {
            eprintln!("installed Grantsmith started: {line}");
            Ok(())
        }
        None => Err("the installed Grantsmith did not paint its first screen within 60 s".into()),
    }
}

fn tempfile_dir() -> crate::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("grantsmith-release-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    Ok(dir)
}
