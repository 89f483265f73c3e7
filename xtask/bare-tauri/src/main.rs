//! The bare app with one static page (`dist/`).

fn main() {
    bare_tauri::started();
    bare_tauri::run(tauri::generate_context!());
}
