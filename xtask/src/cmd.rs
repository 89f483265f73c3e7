//! Running commands from the repository root, with the command line shown first.

use std::path::PathBuf;
use std::process::Command;

pub fn root() -> PathBuf {
    // xtask lives in <root>/xtask; CARGO_MANIFEST_DIR is fixed at compile time.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf()
}

pub fn new(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root());
    c
}

pub fn cargo(args: &[&str]) -> Command {
    let mut c = new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    c.args(args);
    c
}

pub fn npm(args: &[&str]) -> Command {
    let mut c = new("npm");
    c.current_dir(root().join("ui")).args(args);
    c
}

pub fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

pub fn run(mut c: Command) -> crate::Result {
    eprintln!("$ {}", describe(&c));
    let status = c.status().map_err(|e| format!("could not start `{}`: {e}", describe(&c)))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(&c))) }
}

/// Output of a command that must succeed, as text.
pub fn output(mut c: Command) -> crate::Result<String> {
    let out = c.output().map_err(|e| format!("could not start `{}`: {e}", describe(&c)))?;
    if !out.status.success() {
        return Err(format!("`{}` failed ({}): {}", describe(&c), out.status, String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(program)).find(|p| p.is_file())
}
