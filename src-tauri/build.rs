fn main() {
    // Declaring our commands in an app manifest makes Tauri generate `allow-<command>`
    // permissions and deny any command a capability does not grant.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
        "app_info",
        "get_color_scheme",
        "set_color_scheme",
    ])))
    .expect("tauri build script failed");
}
