//! One app per data folder: a second launch of Grantsmith (default data folder) hands over
//! to the first and exits, so two executors never share one journal by accident.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_second_launch_hands_over_to_the_first_and_exits() {
    let app = std::env::var("GRANTSMITH_E2E_APP").expect("run the end-to-end suite with `cargo xtask e2e`");
    let home = tempfile::tempdir().unwrap();
    let launch = || {
        let mut c = Command::new(&app);
        c.env_remove("GRANTSMITH_DATA_DIR")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("NO_AT_BRIDGE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c.spawn().unwrap()
    };
    let mut first = launch();
    // Up once its window is on the display (the single-instance plugin registers before it).
    let up = Instant::now();
    while Command::new("xdotool")
        .args(["search", "--pid", &first.id().to_string(), "--name", "^Grantsmith$"])
        .output()
        .is_ok_and(|o| o.stdout.is_empty())
    {
        assert!(first.try_wait().unwrap().is_none(), "the first instance exited");
        assert!(up.elapsed() < Duration::from_secs(20), "the first instance never showed its window");
        std::thread::sleep(Duration::from_millis(100));
    }

    let mut second = launch();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = second.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(15) {
            let _ = second.kill();
            let _ = first.kill();
            panic!("the second instance kept running beside the first");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "the second instance exits cleanly after handing over: {status}");
    assert!(first.try_wait().unwrap().is_none(), "the first instance is still there");
    let _ = first.kill();
    let _ = first.wait();
}
