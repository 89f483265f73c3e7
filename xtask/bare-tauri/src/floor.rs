//! The bare app with the floor page: React and Mantine rendering one title (`floor/dist/`,
//! built from `ui/floor` by `npm run build:floor` before this binary is compiled).

fn main() {
    bare_tauri::started();
    bare_tauri::run(tauri::generate_context!("floor/tauri.conf.json"));
}
