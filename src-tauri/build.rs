// Declares every command of `src/commands/list.rs` in the app manifest: Tauri then
// generates an `allow-<command>` permission for each and refuses any command that
// `capabilities/main.json` (generated from the same list) does not grant.
macro_rules! commands {
    ($($module:ident :: $name:ident ($($arg:ident : $ty:ty),*) $(streams $s:ident)? -> $ret:ty;)*) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("src/commands/list.rs");

fn main() {
    // tauri-build lists the files it watches, which turns off cargo's "any file changed";
    // the command list must be watched too.
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
