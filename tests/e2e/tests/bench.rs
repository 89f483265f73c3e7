//! Benchmarks driven through the real window, for `cargo xtask bench` (ignored otherwise; it
//! runs them against the release build). Reports, never asserts a figure: what the app and
//! its WebKit processes hold after start and after a whole setup with its verified token,
//! and how long Applications takes from the click to its first rows on a tenant of 5,000
//! applications whose index is built. Writes `GRANTSMITH_BENCH_OUT` when set: `name=value`
//! lines, for xtask (which has no JSON parser).

use std::time::Duration;

use grantsmith_e2e::flows::{Tenant, go_through_the_wizard};
use grantsmith_e2e::{Launch, Session, run};
use grantsmith_sandbox::{SandboxConfig, Seed};

/// How long the window is left alone before memory is read (caches settle).
const SETTLE: Duration = Duration::from_secs(2);
/// Timed visits of Applications after the first.
const VISITS: usize = 7;

/// The app's process and WebKit's (found by the session's own data folder): RSS in MiB,
/// in total and by process.
fn memory(s: &Session) -> (f64, String) {
    let data_dir = s.data_dir.to_string_lossy();
    let app = proc_tree::with_env("GRANTSMITH_DATA_DIR", &data_dir)
        .into_iter()
        .find(|&p| proc_tree::name(p) == "grantsmith")
        .expect("the app's process");
    let (each, total) = proc_tree::memory(&proc_tree::tree(app));
    (total, each.iter().map(|(n, m)| format!("{n} {m:.0}")).collect::<Vec<_>>().join(" + "))
}

/// From the click on Applications to the frame after its first rows are in the page, in ms
/// (timed in the page, so WebDriver's own round trips are not counted).
async fn click_to_first_rows(s: &Session) -> f64 {
    let script = "const done = arguments[arguments.length - 1];\n\
        const t0 = performance.now();\n\
        document.querySelector('[data-testid=nav-apps]').click();\n\
        const tick = () => document.querySelector('[data-testid=app-row]')\n\
          ? requestAnimationFrame(() => done(performance.now() - t0))\n\
          : requestAnimationFrame(tick);\n\
        requestAnimationFrame(tick);";
    s.client.execute_async(script, vec![]).await.expect("timing script").as_f64().expect("a number")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: `cargo xtask bench` runs it against the release build"]
async fn bench_memory_after_a_setup_and_applications_first_rows() {
    let seed = Seed { clients: 5_000, apis: 100, grants: 2_000 };
    let t = Tenant::start_with(SandboxConfig { seed, mgmt_rate_limit: None, ..SandboxConfig::default() }).await;
    // What this machine's users get: on one without a GPU, the app's painting choice.
    let launch = Launch { env: t.env(), painting_chosen_by_app: true, ..Launch::default() };
    run("bench", launch, |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        tokio::time::sleep(SETTLE).await;
        let after_start = memory(&s);

        go_through_the_wizard(&s, "RS256", "bench-wizard").await;
        s.click("token-get").await;
        s.wait_text("token-verdict", "verified").await;
        tokio::time::sleep(SETTLE).await;
        let after_setup = memory(&s);

        // The first visit builds the index (not timed); the ones after read it.
        s.click("nav-apps").await;
        s.wait_until("the index is built", "return document.querySelectorAll('[data-testid=app-row]').length > 0")
            .await;
        let mut visits = vec![];
        for _ in 0..VISITS {
            s.click("nav-home").await;
            s.testid("home-start-wizard").await;
            visits.push(click_to_first_rows(&s).await);
        }
        tokio::time::sleep(SETTLE).await;
        let after_apps = memory(&s);
        visits.sort_by(f64::total_cmp);

        let report = [
            ("memory_after_start_mib", after_start.0),
            ("memory_after_setup_mib", after_setup.0),
            ("memory_after_applications_mib", after_apps.0),
            ("applications_first_rows_median_ms", visits[VISITS / 2]),
            ("applications_first_rows_max_ms", visits[VISITS - 1]),
            ("applications_visits", VISITS as f64),
        ]
        .map(|(k, v)| format!("{k}={v:.1}\n"))
        .concat()
            + &format!("memory_by_process_after_setup={}\n", after_setup.1);
        eprint!("{report}");
        if let Some(out) = std::env::var_os("GRANTSMITH_BENCH_OUT") {
            std::fs::write(out, report).expect("writing the bench report");
        }
    })
    .await;
}
