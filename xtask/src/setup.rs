//! Installing what the build and the tests need, on a fresh machine.
//!
//! Linux system packages come from apt-get when we are root; otherwise the exact command to
//! run is printed. npm packages come from `npm ci`; tauri-driver from `cargo install`.

use std::path::PathBuf;

use crate::cmd;

/// Needed to build and run the app, then by the tests: a virtual display, the WebDriver for
/// WebKitGTK, a session bus and a keychain to unlock inside it.
const PACKAGES: &[&str] = &[
    "pkg-config",
    "libssl-dev",
    "libwebkit2gtk-4.1-dev",
    "libsoup-3.0-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libdbus-1-dev",
    "libsecret-1-dev",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus-x11",
    "gnome-keyring",
    // xwd: what the display shows before the page can be asked (the window's first colour).
    "x11-apps",
    // Runs the Go quickstart's calling side (standard library only).
    "golang-go",
    // The end-to-end tests read the clipboard as another program would (a copied secret's
    // marking and its clearing), and answer native dialogs with the keyboard as a person would.
    "xclip",
    "xdotool",
];

pub fn all() -> crate::Result {
    system_packages()?;
    node_modules()
}

pub fn for_tests() -> crate::Result {
    all()?;
    tauri_driver().map(|_| ())
}

fn system_packages() -> crate::Result {
    if !cfg!(target_os = "linux") {
        // macOS and Windows ship their webview; Tauri's prerequisites page covers the rest.
        return Ok(());
    }
    packages(PACKAGES)
}

/// Installs those of `wanted` (Debian packages) that are missing.
pub fn packages(wanted: &[&str]) -> crate::Result {
    let missing: Vec<&str> = wanted.iter().copied().filter(|p| !dpkg_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let line = format!("apt-get install -y --no-install-recommends {}", missing.join(" "));
    if !is_root() || cmd::which("apt-get").is_none() {
        return Err(format!("missing system packages: {}\nInstall them with:\n  sudo {line}", missing.join(" ")));
    }
    eprintln!("installing missing system packages: {}", missing.join(" "));
    let mut update = cmd::new("apt-get");
    update.args(["update", "-qq"]);
    cmd::run(update)?;
    let mut install = cmd::new("apt-get");
    install.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(&missing);
    cmd::run(install).map_err(|e| format!("{e}\nTry it by hand:\n  {line}"))
}

pub fn is_root() -> bool {
    let mut id = cmd::new("id");
    id.arg("-u");
    cmd::output(id).is_ok_and(|u| u.trim() == "0")
}

fn dpkg_installed(package: &str) -> bool {
    let mut c = cmd::new("dpkg-query");
    c.args(["-W", "-f=${Status}", package]);
    cmd::output(c).is_ok_and(|s| s.contains("install ok installed"))
}

/// `npm ci` when ui/node_modules is missing or older than the lock file.
fn node_modules() -> crate::Result {
    if cmd::which("npm").is_none() {
        return Err("npm not found: install Node.js 20 or newer (https://nodejs.org or your package manager)".into());
    }
    let ui = cmd::root().join("ui");
    let stamp = ui.join("node_modules/.package-lock.json");
    let lock = ui.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => s.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    cmd::run(cmd::npm(&["ci", "--no-audit", "--no-fund"]))
}

/// The WebDriver proxy for Tauri apps; installed from crates.io when missing.
pub fn tauri_driver() -> crate::Result<PathBuf> {
    if let Some(p) = cmd::which("tauri-driver") {
        return Ok(p);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let installed = cargo_home.join("bin/tauri-driver");
    if !installed.is_file() {
        cmd::run(cmd::cargo(&["install", "tauri-driver", "--locked", "--version", "^2"]))?;
    }
    Ok(installed)
}

/// What the core tests execute: a Python venv with the quickstart's API-side packages, the
/// quickstart's Node.js packages, and auth0-deploy-cli (all from the registries, pinned in
/// tests/quickstart/ and tests/deploy-cli/).
pub struct TestTools {
    pub python: PathBuf,
    pub node_modules: PathBuf,
    /// auth0-deploy-cli's entry point (`node <it> import …`).
    pub deploy_cli: PathBuf,
    pub go: PathBuf,
}

/// `npm ci` in `dir` unless its node_modules is as new as its lock file.
fn npm_ci(dir: &std::path::Path) -> crate::Result<PathBuf> {
    let node_modules = dir.join("node_modules");
    let fresh = match (
        std::fs::metadata(node_modules.join(".package-lock.json")),
        std::fs::metadata(dir.join("package-lock.json")),
    ) {
        (Ok(s), Ok(l)) => s.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if !fresh {
        let mut c = cmd::new("npm");
        c.current_dir(dir).args(["ci", "--no-audit", "--no-fund"]);
        cmd::run(c)?;
    }
    Ok(node_modules)
}

pub fn test_tools() -> crate::Result<TestTools> {
    let root = cmd::root();
    let venv = root.join("target/quickstart-venv");
    let python = venv.join("bin/python");
    let requirements = root.join("tests/quickstart/requirements.txt");
    let stamp = venv.join(".installed");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&requirements)) {
        (Ok(s), Ok(r)) => s.modified().ok() >= r.modified().ok(),
        _ => false,
    };
    if !fresh {
        let python3 = cmd::which("python3").ok_or("python3 not found: the quickstart tests run the Python snippets")?;
        let mut c = cmd::new(python3);
        c.args(["-m", "venv"]).arg(&venv);
        cmd::run(c)?;
        let mut c = cmd::new(&python);
        c.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"]).arg(&requirements);
        cmd::run(c)?;
        std::fs::write(&stamp, "").map_err(|e| format!("writing {}: {e}", stamp.display()))?;
    }
    let node_modules = npm_ci(&root.join("tests/quickstart"))?;
    let deploy_cli = npm_ci(&root.join("tests/deploy-cli"))?.join("auth0-deploy-cli/lib/index.js");
    let go =
        cmd::which("go").ok_or("go not found: the quickstart tests run the Go snippet (apt-get install golang-go)")?;
    Ok(TestTools { python, node_modules, deploy_cli, go })
}
