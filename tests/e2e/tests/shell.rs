//! The app starts, shows its frame, and talks to Rust; without a GPU it paints its own way.

use grantsmith_e2e::flows::{Tenant, go_through_the_wizard};
use grantsmith_e2e::screen::Sampler;
use grantsmith_e2e::{Launch, run, session_log};

#[tokio::test]
async fn app_starts_with_its_frame_and_reports_its_version_over_ipc() {
    run("shell-home", Launch::default(), |s| async move {
        assert_eq!(s.client.title().await.unwrap(), "Grantsmith");
        for nav in ["nav-wizard", "nav-token", "nav-apps", "nav-apis", "nav-history"] {
            s.testid(nav).await;
        }
        s.testid("tenant-switcher").await;
        s.testid("main-pane").await;

        // Filled in by the `app_info` command: a real round trip to Rust.
        let version = s.wait_text("app-version", env!("CARGO_PKG_VERSION")).await;
        assert!(version.starts_with('v'), "version label: {version:?}");
        let db = s.text("app-database").await;
        assert!(
            db.contains(&*s.data_dir.to_string_lossy()),
            "GRANTSMITH_DATA_DIR must be honoured; database shown as {db:?}"
        );
        s.wait_text("keychain-status", "Keychain ready").await;

        // The desktop's UI font (GTK's setting, read by Rust) is named on the page, and the
        // text really uses it: the computed font-family of a paragraph starts with that name.
        let family = s.eval("return getComputedStyle(document.body).fontFamily").await;
        let family = family.as_str().unwrap_or_default().to_string();
        let named = s.eval("return document.documentElement.style.getPropertyValue('--mantine-font-family')").await;
        assert!(named.as_str().is_some_and(|n| n.starts_with('"') && n.ends_with(", sans-serif")), "named: {named:?}");
        let first = |list: &str| list.split(',').next().unwrap_or_default().trim().trim_matches('"').to_string();
        assert_eq!(first(&family), first(named.as_str().unwrap()), "body font {family:?}, named {named:?}");

        // Semibold is asked in the weight of the face fontconfig draws it with (read by Rust),
        // as fontconfig's own command line answers: bold (200) where the family has no
        // semibold face, as Debian's DejaVu Sans has not.
        let semibold =
            s.eval("return document.documentElement.style.getPropertyValue('--mantine-font-weight-medium')").await;
        let button = s
            .eval("return getComputedStyle(document.querySelector('[data-testid=home-start-wizard]')).fontWeight")
            .await;
        assert_eq!(button, semibold, "the start button's weight is the desktop's semibold");
        let asked = format!("{}:weight=demibold", first(&family));
        let drawn = std::process::Command::new("fc-match").args(["--format=%{weight}", &asked]).output().unwrap();
        let expected = match String::from_utf8_lossy(&drawn.stdout).trim() {
            "200" => "700",
            _ => "600",
        };
        assert_eq!(semibold, expected, "fc-match {asked}: {drawn:?}");
    })
    .await;
}

#[tokio::test]
async fn damaged_database_is_explained_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("grantsmith.db");
    let garbage = b"definitely not a database ".repeat(64);
    std::fs::write(&db, &garbage).unwrap();

    let data_dir = Some(dir.path().to_path_buf());
    run("shell-damaged-database", Launch { data_dir, ..Launch::default() }, |s| async move {
        let text = s.wait_text("startup-error", "not a readable Grantsmith database").await;
        assert!(text.contains("left untouched"), "error text: {text:?}");
    })
    .await;
    assert_eq!(std::fs::read(&db).unwrap(), garbage, "the damaged file must not be modified");
}

/// The choice is saved, and a restart opens dark from its first frame: WebKit's white never
/// shows between the window appearing and the page's first paint (`src-tauri/src/window.rs`).
#[tokio::test]
async fn dark_theme_choice_is_applied_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let launch = || Launch { data_dir: Some(dir.path().to_path_buf()), ..Launch::default() };
    let scheme = "return document.documentElement.getAttribute('data-mantine-color-scheme')";

    run("shell-dark", launch(), move |s| async move {
        s.wait_text("app-version", "v").await;
        s.click("theme-dark").await;
        // The UI applies the scheme only once Rust has saved it, so seeing it means saved.
        wait_for_scheme(&s, scheme, "dark").await;
    })
    .await;
    let sampler = Sampler::start();
    run("shell-dark-after-restart", launch(), move |s| async move {
        s.wait_text("app-version", "v").await;
        wait_for_scheme(&s, scheme, "dark").await;
    })
    .await;
    let frames = sampler.stop();
    // The window covers most of the display: at least a few frames must have seen it, so
    // that none being white means something.
    let with_window = frames.iter().filter(|f| f.lit > 0.5).count();
    assert!(with_window >= 3, "the window was seen in {with_window} of {} frames", frames.len());
    let white: Vec<_> = frames.iter().enumerate().filter(|(_, f)| f.white > 0.25).collect();
    assert!(white.is_empty(), "white frames (of {}) in a dark start: {white:?}", frames.len());
}

async fn wait_for_scheme(s: &grantsmith_e2e::Session, script: &str, want: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let got = s.eval(script).await;
        if got == want {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "colour scheme stayed {got}, wanted {want}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The webview's CSP in force: an injected inline script does not run, and a fetch to any
/// origin but Tauri's IPC never leaves the window (a local listener sees no connection).
#[tokio::test]
async fn an_injected_inline_script_and_a_fetch_elsewhere_are_blocked() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    run("shell-csp", Launch::default(), move |s| async move {
        s.wait_text("app-version", "v").await;
        let script = format!(
            "const done = arguments[arguments.length - 1];
             window.__inlineRan = false;
             const el = document.createElement('script');
             el.textContent = 'window.__inlineRan = true';
             document.head.appendChild(el);
             fetch('http://127.0.0.1:{port}/steal', {{ method: 'POST', body: 'x' }})
               .then(() => done([window.__inlineRan, 'sent']))
               .catch(() => done([window.__inlineRan, 'blocked']));"
        );
        let got = s.client.execute_async(&script, vec![]).await.expect("script runs");
        assert_eq!(got, serde_json::json!([false, "blocked"]), "inline script ran or fetch left the window");
    })
    .await;
    assert!(listener.accept().is_err(), "nothing connected to the listener");
}

/// A script in the page cannot take the window elsewhere (the shell refuses it and its log
/// says so), nor open another window (`window.open` answers no window: WebKit's popup rule,
/// and the shell's refusal behind it); nothing connects to the site, and the page stays the app.
#[tokio::test]
async fn a_navigation_or_a_new_window_to_another_site_is_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    run("shell-navigation", Launch::default(), move |s| async move {
        s.wait_text("app-version", "v").await;
        let origin = s.eval("return location.origin").await;
        let opened = s.eval(&format!("return window.open('http://127.0.0.1:{port}/new') === null")).await;
        assert_eq!(opened, serde_json::Value::Bool(true), "window.open gave the page a window");
        s.eval(&format!("setTimeout(() => {{ location.href = 'http://127.0.0.1:{port}/away'; }}, 0); return 1")).await;
        let log = session_log(&s.data_dir);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if text.contains("navigation away from the app refused") {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "the shell never refused the navigation:\n{text}");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(s.eval("return location.origin").await, origin, "the page is still the app");
        s.wait_text("app-version", "v").await;
    })
    .await;
    assert!(listener.accept().is_err(), "nothing connected to the other site");
}

/// Without a GPU render node (CI's machine, virtual machines, remote desktops) the app turns
/// WebKit's compositing off and paints on the CPU (src-tauri/src/painting.rs), and says so in
/// its log; a whole setup and its verified token work that way. With a GPU it changes nothing.
/// No screenshots: WebKitWebDriver cannot take them with compositing off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_gpu_the_app_paints_on_the_cpu_and_a_whole_setup_works() {
    let gpu = std::fs::read_dir("/dev/dri")
        .is_ok_and(|d| d.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")));
    let t = Tenant::start().await;
    let launch = Launch { env: t.env(), painting_chosen_by_app: true, ..Launch::default() };
    run("no-gpu", launch, move |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        let log = std::fs::read_to_string(session_log(&s.data_dir)).expect("the app's log");
        let chose = log.lines().find(|l| l.contains("WebKit paints on the CPU"));
        if gpu {
            assert!(chose.is_none(), "a GPU render node exists, yet: {chose:?}");
        } else {
            let chose = chose.expect("the app logs its painting choice without a GPU");
            for var in ["WEBKIT_SKIA_ENABLE_CPU_RENDERING=1", "WEBKIT_DISABLE_COMPOSITING_MODE=1"] {
                assert!(chose.contains(var), "{var} missing from {chose:?}");
            }
        }
        go_through_the_wizard(&s, "RS256", "no-gpu").await;
        s.click("token-get").await;
        s.wait_text("token-verdict", "verified").await;
    })
    .await;
}
