//! The one exporter of TypeScript bindings: `grantsmith-bindings <dir>`.
//! `cargo xtask bindings` runs it into `ui/src/bindings/`.

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: grantsmith-bindings <output dir>");
        std::process::exit(2);
    };
    if let Err(e) = grantsmith_core::bindings::export_all(std::path::Path::new(&dir)) {
        eprintln!("exporting TypeScript bindings failed: {e}");
        std::process::exit(1);
    }
}
