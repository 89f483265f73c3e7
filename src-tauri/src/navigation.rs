//! Where the main window may go: only the app's own pages. A script that got into the page
//! cannot take the window (and the IPC bridge with it) to another site, nor open a new one.
//!
//! Owns the rule; `window.rs` installs it on the window. Links to documentation are not
//! navigations (the page shows them as text to copy).

use tauri::Url;

/// True for the app's own pages: the embedded UI (`tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows), or `dev_url`'s origin when the UI is served by
/// the dev server (`--no-default-features`, never in a release).
pub fn is_app_page(url: &Url, dev_url: Option<&Url>) -> bool {
    let host = url.host_str();
    match url.scheme() {
        "tauri" => host == Some("localhost"),
        "http" | "https" if host == Some("tauri.localhost") => true,
        _ => dev_url.is_some_and(|dev| dev.origin() == url.origin()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn only_the_apps_own_pages_are_allowed() {
        for ok in ["tauri://localhost/", "tauri://localhost/index.html#apps", "http://tauri.localhost/"] {
            assert!(is_app_page(&url(ok), None), "{ok}");
        }
        for no in [
            "https://evil.example/",
            "http://localhost:5173/",
            "tauri://evil/",
            "file:///etc/passwd",
            "http://tauri.localhost.evil.example/",
            "data:text/html,<script>x</script>",
        ] {
            assert!(!is_app_page(&url(no), None), "{no}");
        }
        let dev = url("http://localhost:5173");
        assert!(is_app_page(&url("http://localhost:5173/src/main.tsx"), Some(&dev)));
        assert!(!is_app_page(&url("http://localhost:5174/"), Some(&dev)));
    }
}
