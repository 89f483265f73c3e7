//! The bench's baseline: one window, one static page, one command the page calls once it
//! painted (reported on stderr like Grantsmith's `first_painted`, with the page's own clock
//! since its navigation started). Nothing else.

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

#[tauri::command]
fn painted(page_ms: f64) {
    let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    eprintln!("bare-tauri: first screen painted after {ms} ms (page {page_ms:.0} ms)");
}

fn main() {
    STARTED.get_or_init(std::time::Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!())
        .expect("error while running the bare app");
}
