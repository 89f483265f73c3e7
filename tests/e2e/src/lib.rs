//! Harness for end-to-end tests of the real Grantsmith window.
//!
//! Each test gets its own tauri-driver (own ports, own process group), its own data dir,
//! and a screenshot under `target/e2e-screenshots/<name>.png` taken whether the test passes
//! or fails. The driver and everything it started are killed when the test ends, also on a
//! panic. WebKit composites as on a machine with a GPU unless a test lets the app choose
//! (`Launch::painting_chosen_by_app`). `cargo xtask e2e` builds the app and sets the
//! environment this reads: `GRANTSMITH_E2E_APP` (the binary) and `GRANTSMITH_E2E_DRIVER`
//! (tauri-driver).

pub mod axe;
pub mod flows;
pub mod screen;

use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

const WAIT: Duration = Duration::from_secs(20);

/// WebDriver's key codes, for `Session::press`.
pub const ESCAPE: &str = "\u{E00C}";
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const SPACE: &str = "\u{E00D}";
pub const SHIFT: &str = "\u{E008}";
pub const CONTROL: &str = "\u{E009}";
pub const ALT: &str = "\u{E00A}";
/// Releases the modifiers pressed before it in the same `press`.
pub const RELEASE: &str = "\u{E000}";

/// A running app window, as a test sees it.
#[derive(Clone)]
pub struct Session {
    pub client: Client,
    pub data_dir: PathBuf,
    /// False when the app chose how WebKit paints: see `Launch::painting_chosen_by_app`.
    screenshots: bool,
    /// tauri-driver, which started WebKitWebDriver, which started the app.
    driver_pid: u32,
    app: PathBuf,
}

/// Options for one launch of the app.
#[derive(Default)]
pub struct Launch {
    /// Reuse a data dir (e.g. to check persistence across restarts); a fresh temp dir otherwise.
    pub data_dir: Option<PathBuf>,
    pub env: Vec<(String, String)>,
    /// Let the app choose how WebKit paints (src-tauri/src/painting.rs): on a machine without
    /// a GPU, like CI's, it turns WebKit's compositing off — and WebKitWebDriver's screenshots
    /// then never answer, so none are taken. Otherwise the harness keeps compositing on
    /// (`WEBKIT_DISABLE_COMPOSITING_MODE=0`, which the app leaves alone): the mode of every
    /// machine with a GPU, and one WebDriver can photograph.
    pub painting_chosen_by_app: bool,
}

/// Launches the app, runs `body`, screenshots the window, and tears everything down.
/// A panic in `body` is re-raised after cleanup.
pub async fn run<F, Fut>(name: &str, launch: Launch, body: F)
where
    F: FnOnce(Session) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let temp = tempfile::tempdir().expect("temp dir");
    let data_dir = launch.data_dir.clone().unwrap_or_else(|| temp.path().to_path_buf());
    let screenshots = !launch.painting_chosen_by_app;
    let driver = Driver::start(&data_dir, &launch.env, screenshots);
    let client = driver.connect().await;
    let session_dir = data_dir.clone();
    let session = Session {
        client: client.clone(),
        data_dir,
        screenshots,
        driver_pid: driver.child.id(),
        app: driver.app.clone(),
    };

    let outcome = tokio::spawn(body(session)).await;

    if screenshots && let Err(e) = save_screenshot(&client, name).await {
        eprintln!("could not save screenshot for {name}: {e}");
    }
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        let log = std::fs::read_to_string(session_log(&session_dir)).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        eprintln!("--- last lines of the app's log ---\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
        std::panic::resume_unwind(e.into_panic());
    }
}

/// The clipboard as another program reads it (xclip): its text (`None` when it holds none),
/// and the types it is offered as.
pub fn clipboard() -> (Option<String>, String) {
    let read = |args: &[&str]| {
        let out = Command::new("xclip").args(["-selection", "clipboard", "-o"]).args(args).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).to_string())
    };
    (read(&[]).filter(|t| !t.is_empty()), read(&["-t", "TARGETS"]).unwrap_or_default())
}

/// `xdotool` with `args`; its standard output, trimmed (empty when it failed).
fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).output().expect("xdotool (installed by cargo xtask setup)");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The window of Grantsmith's native confirmation dialog (`Confirm: …`) on the display, if any.
fn confirmation_window() -> Option<String> {
    xdotool(&["search", "--name", "^Confirm: "]).lines().next().map(String::from)
}

impl Session {
    /// Waits until the clipboard holds `text` (what a copy button promised), as another
    /// program reads it — not the button's passing "Copied".
    pub async fn wait_clipboard(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let (now, _) = clipboard();
            if now.as_deref().map(str::trim) == Some(text.trim()) {
                return;
            }
            assert!(Instant::now() < deadline, "the clipboard never held the copied text; it holds {now:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Kills this session's app with SIGKILL (as a crash would), by its process id: the one
    /// process below this session's tauri-driver running the app's binary — never another
    /// test's app, and nothing found by name.
    pub fn kill_app(&self) {
        let app = std::fs::canonicalize(&self.app).unwrap_or_else(|_| self.app.clone());
        let pids: Vec<u32> = proc_tree::tree(self.driver_pid)
            .into_iter()
            .filter(|p| std::fs::read_link(format!("/proc/{p}/exe")).is_ok_and(|exe| exe == app))
            .collect();
        assert_eq!(pids.len(), 1, "exactly one app process below this session's driver: {pids:?}");
        let killed = Command::new("kill").args(["-KILL", &pids[0].to_string()]).status().unwrap();
        assert!(killed.success(), "the app process {} was killed", pids[0]);
    }

    /// Answers Grantsmith's native confirmation dialog as a person would, with the keyboard:
    /// waits for the system's window titled `Confirm: …` (not the page: a script cannot reach
    /// it), gives it the focus and presses Alt and the first letter of `yes` — the button's
    /// mnemonic — or Escape when `yes` is `None`. Answers the dialog's title once it closed.
    pub async fn answer_natively(&self, yes: Option<&str>) -> String {
        let deadline = Instant::now() + WAIT;
        let window = loop {
            if let Some(w) = confirmation_window() {
                break w;
            }
            assert!(Instant::now() < deadline, "no native confirmation dialog appeared");
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let title = xdotool(&["getwindowname", &window]);
        // The dialog shows while GTK maps it; keys go to the focused window.
        loop {
            xdotool(&["windowfocus", &window]);
            if xdotool(&["getwindowfocus"]) == window {
                break;
            }
            assert!(Instant::now() < deadline, "the dialog {title:?} never took the focus");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // What the person sees, beside the page's screenshots (X's own format: x11-apps' xwd).
        let dir = screenshot_dir();
        let _ = std::fs::create_dir_all(&dir);
        let shot =
            dir.join(format!("native-{}.xwd", title.to_lowercase().replace(|c: char| !c.is_alphanumeric(), "-")));
        let _ = Command::new("xwd").args(["-silent", "-id", &window, "-out"]).arg(&shot).status();
        let key = match yes {
            Some(label) => format!("alt+{}", label.chars().next().unwrap_or('y').to_ascii_lowercase()),
            None => "Escape".into(),
        };
        xdotool(&["key", "--clearmodifiers", &key]);
        while confirmation_window().is_some() {
            assert!(Instant::now() < deadline, "the dialog {title:?} stayed open after {key}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        title
    }

    /// The element with `data-testid`, waiting for it to appear.
    pub async fn testid(&self, id: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[data-testid='{id}']")))
            .await
            .unwrap_or_else(|e| panic!("element [data-testid='{id}'] did not appear within {WAIT:?}: {e}"))
    }

    /// The element's `textContent` (WebKitWebDriver's rendered-text computation drops
    /// parts of flex layouts and applies CSS text-transform, so the DOM text is steadier).
    /// Retries while React replaces the element (a stale node) until `WAIT` runs out.
    pub async fn text(&self, id: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let el = self.testid(id).await;
            match el.prop("textContent").await {
                Ok(t) => return t.unwrap_or_default(),
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => panic!("reading text of {id}: {e}"),
            }
        }
    }

    /// Waits until the text of `id` contains `needle`; returns the text.
    pub async fn wait_text(&self, id: &str, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.text(id).await;
            if text.contains(needle) {
                return text;
            }
            assert!(Instant::now() < deadline, "[data-testid='{id}'] never contained {needle:?}; last text: {text:?}");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Clicks the element once it is there and nothing on the page is mid-transition (a
    /// click during a modal's opening animation can land on the overlay and be lost).
    pub async fn click(&self, id: &str) {
        let el = self.testid(id).await;
        // Centre it first: scrolled to the top edge it would sit under the fixed header.
        if let Ok(arg) = serde_json::to_value(&el) {
            let _ = self.client.execute("arguments[0].scrollIntoView({ block: 'center' })", vec![arg]).await;
        }
        self.settle().await;
        el.click().await.unwrap_or_else(|e| panic!("clicking {id}: {e}"));
    }

    /// Waits (briefly) until no CSS transition or animation is running.
    pub async fn settle(&self) {
        let deadline = Instant::now() + Duration::from_secs(3);
        let script = "return typeof document.getAnimations !== 'function' || \
                      document.getAnimations().every(a => a.playState !== 'running')";
        while self.eval(script).await != serde_json::Value::Bool(true) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The first element matching a CSS selector, waiting for it to appear.
    pub async fn css(&self, selector: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("element {selector} did not appear within {WAIT:?}: {e}"))
    }

    /// Replaces the value of the input with `data-testid`: clears it the way React notices
    /// (native setter + input event; WebDriver's clear bypasses React), then types the text
    /// key by key as a user would.
    pub async fn type_into(&self, id: &str, text: &str) {
        let el = self.testid(id).await;
        let clear = format!(
            "const el = document.querySelector('[data-testid=\"{id}\"]');\
             const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;\
             Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, '');\
             el.dispatchEvent(new Event('input', {{ bubbles: true }})); return null;"
        );
        self.eval(&clear).await;
        if !text.is_empty() {
            el.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {id}: {e}"));
        }
    }

    /// Moves focus away (so blur-triggered validation shows).
    pub async fn blur(&self) {
        self.eval("document.activeElement && document.activeElement.blur(); return null").await;
    }

    /// Waits until `script` (returning a boolean) is true.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + WAIT;
        while self.eval(script).await != serde_json::Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Saves a screenshot, named `<name>.png`, once transitions settled and two frames
    /// were painted (so it shows what the DOM holds, not an earlier frame). Not when the app
    /// chose how WebKit paints (see `Launch`), nor with `GRANTSMITH_E2E_NO_SCREENSHOTS` set:
    /// a benchmark measuring the app's memory must not count the snapshots WebKit keeps.
    pub async fn screenshot(&self, name: &str) {
        if !self.screenshots || std::env::var_os("GRANTSMITH_E2E_NO_SCREENSHOTS").is_some() {
            return;
        }
        self.settle().await;
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
                vec![],
            )
            .await;
        if let Err(e) = save_screenshot(&self.client, name).await {
            panic!("screenshot {name}: {e}");
        }
    }

    /// From now on, everything Rust sends to the webview (command answers and channel
    /// messages) is kept in the page, to check what reached it (`ipc_log`). Tauri's IPC
    /// entry points are frozen, but the callback registry they deliver through is not:
    /// each callback registered from here on is wrapped. The app's code is not touched.
    pub async fn record_ipc(&self) {
        self.eval(
            "const callbacks = window.__TAURI_INTERNALS__.callbacks;
             const set = callbacks.set.bind(callbacks);
             window.__ipcLog = [];
             callbacks.set = (id, deliver) => set(id, (data) => {
               window.__ipcLog.push(JSON.stringify(data ?? null));
               return deliver(data);
             });
             return true;",
        )
        .await;
    }

    /// Everything Rust sent to the webview since `record_ipc`, as JSON text.
    pub async fn ipc_log(&self) -> Vec<String> {
        let log = self.eval("return window.__ipcLog || []").await;
        log.as_array().expect("the IPC log").iter().map(|e| e.as_str().unwrap_or_default().to_string()).collect()
    }

    /// Types `keys` on whatever has the focus, as the keyboard would (WebDriver key
    /// actions): text, WebDriver keys such as `ESCAPE`, and modifiers (`CONTROL`, `ALT`,
    /// `SHIFT`) held until `RELEASE` or the end, e.g. `format!("{CONTROL}k{RELEASE}")`.
    pub async fn press(&self, keys: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let modifiers = [SHIFT, CONTROL, ALT].map(|m| m.chars().next().unwrap());
        let release = RELEASE.chars().next().unwrap();
        let mut held = Vec::new();
        let mut actions = KeyActions::new("keyboard".into());
        for c in keys.chars() {
            if modifiers.contains(&c) {
                actions = actions.then(KeyAction::Down { value: c });
                held.push(c);
            } else if c == release {
                for m in held.drain(..).rev() {
                    actions = actions.then(KeyAction::Up { value: m });
                }
            } else {
                actions = actions.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
            }
        }
        for m in held.drain(..).rev() {
            actions = actions.then(KeyAction::Up { value: m });
        }
        self.client.perform_actions(actions).await.unwrap_or_else(|e| panic!("pressing {keys:?}: {e}"));
    }

    /// The test id of the focused element (or of its closest ancestor that has one).
    pub async fn focused(&self) -> String {
        let id = self.eval("const e = document.activeElement; const t = e && e.closest('[data-testid]'); return t ? t.getAttribute('data-testid') : (e ? e.tagName : '')").await;
        id.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the element with test id `id` has the focus.
    pub async fn wait_for_focus(&self, id: &str) {
        let script = format!("return document.activeElement?.getAttribute('data-testid') === '{id}'");
        self.wait_until(&format!("{id} has the focus"), &script).await;
    }

    /// Presses Tab until the element with test id `id` has the focus (as a keyboard user
    /// would), failing after `max` presses.
    pub async fn tab_to(&self, id: &str, max: usize) {
        let mut seen = Vec::new();
        for _ in 0..max {
            if self.focused().await == id {
                return;
            }
            self.press(TAB).await;
            seen.push(self.focused().await);
        }
        panic!("Tab never reached {id} in {max} presses; focus went through {seen:?}");
    }

    /// Runs a script in the page and returns its JSON result.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}"))
    }
}

async fn save_screenshot(client: &Client, name: &str) -> Result<PathBuf, String> {
    // A screenshot that never answers (WebKit compositing off) fails the test, not the suite.
    let png = tokio::time::timeout(WAIT, client.screenshot())
        .await
        .map_err(|_| format!("WebKitWebDriver took no screenshot within {WAIT:?}"))?
        .map_err(|e| e.to_string())?;
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).map_err(|e| e.to_string())?;
    eprintln!("screenshot: {}", path.display());
    Ok(path)
}

pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots")
}

/// One tauri-driver process group: tauri-driver, WebKitWebDriver and the app.
struct Driver {
    child: Child,
    port: u16,
    app: PathBuf,
}

impl Driver {
    fn start(data_dir: &Path, env: &[(String, String)], compositing: bool) -> Self {
        let app = required_path("GRANTSMITH_E2E_APP");
        let driver = required_path("GRANTSMITH_E2E_DRIVER");
        let (port, native_port) = (free_port(), free_port());
        let mut cmd = Command::new(&driver);
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("GRANTSMITH_DATA_DIR", data_dir)
            .env("NO_AT_BRIDGE", "1");
        if compositing {
            cmd.env("WEBKIT_DISABLE_COMPOSITING_MODE", "0");
        } else {
            cmd.env_remove("WEBKIT_DISABLE_COMPOSITING_MODE");
        }
        cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdout(Stdio::null())
            // The app's log goes beside its data, where the secrets scan reads it too.
            .stderr(log_file(data_dir))
            .process_group(0);
        let child = cmd.spawn().unwrap_or_else(|e| panic!("starting {}: {e}", driver.display()));
        // Both must listen before a session is asked for: tauri-driver listens at once and
        // forwards to WebKitWebDriver, which it starts beside it; a request that arrives first
        // gets no answer (seen once in a bench run: "webdriver server did not respond").
        let started = Instant::now();
        for (who, p) in [("tauri-driver", port), ("WebKitWebDriver", native_port)] {
            while TcpStream::connect(("127.0.0.1", p)).is_err() {
                assert!(started.elapsed() < WAIT, "{who} did not listen on port {p} within {WAIT:?}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Self { child, port, app }
    }

    async fn connect(&self) -> Client {
        // No browserName: WebKitWebDriver reports its own and refuses a mismatch.
        let caps = serde_json::json!({ "tauri:options": { "application": self.app } });
        let serde_json::Value::Object(caps) = caps else { unreachable!() };
        ClientBuilder::rustls()
            .expect("rustls connector")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .unwrap_or_else(|e| panic!("WebDriver session with the app failed: {e}"))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group, so WebKitWebDriver and the app go too.
        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.child.id())]).status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.child.id())]).status();
        let _ = self.child.wait();
    }
}

/// Where the app's log (stderr of tauri-driver and everything it starts) is written.
pub fn session_log(data_dir: &Path) -> PathBuf {
    data_dir.join("app.log")
}

fn log_file(data_dir: &Path) -> Stdio {
    let _ = std::fs::create_dir_all(data_dir);
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(session_log(data_dir))
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::inherit())
}

fn required_path(var: &str) -> PathBuf {
    let p = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{var} is not set: run the end-to-end suite with `cargo xtask e2e`"));
    assert!(p.is_file(), "{var} points at {} which does not exist; `cargo xtask e2e` builds it", p.display());
    p
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}
