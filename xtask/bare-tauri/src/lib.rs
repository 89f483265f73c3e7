//! The bench's baselines: one window, one page, one command the page calls once it painted
//! (reported on stderr like Grantsmith's `first_painted`, with the page's own clock since its
//! navigation started). Nothing else. Two binaries, each with its own page embedded:
//! `bare-tauri` a static page; `bare-floor` (feature `floor`) React and Mantine rendering one
//! title, built from `ui/floor` (see there).

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

#[tauri::command]
fn painted(page_ms: f64) {
    let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    eprintln!("bare: first screen painted after {ms} ms (page {page_ms:.0} ms)");
}

/// Call first thing in `main`: the start is timed from here.
pub fn started() {
    STARTED.get_or_init(std::time::Instant::now);
}

pub fn run(context: tauri::Context) {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .run(context)
        .expect("error while running the bare app");
}
