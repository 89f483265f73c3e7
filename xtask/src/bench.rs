//! `cargo xtask bench`: measures and reports, never asserts. Writes `docs/BENCHMARKS.md`
//! from three parts, each a report of its own under `target/bench/`:
//! - the Sandbox's list endpoints (`sandbox.md`, the sandbox crate's bench example);
//! - the tenant index: first build against its ideal, searches (`index.md`, core's example);
//! - a setup's round trips: the wizard's apply, the first and a warm test token, against the
//!   Sandbox's latency L and the naive sequential path (`setup.md`, core's example);
//! - the app: cold start to first painted screen and memory after start, against a bare
//!   Tauri 2 app with one static page built with the same release profile in the same run,
//!   and against the same app with React and Mantine rendering one title (the stack's floor);
//!   the release binary's size (`app.md`, measured here under Xvfb).
//!
//! Timings are ratios against baselines measured in the same run: absolute times drift on
//! a shared machine.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::cmd;

/// Cold starts per app (the median is reported; with five it moved by a tenth between runs
/// here, with nine still by up to ±0.08 in the start's ratio).
const STARTS: usize = 15;
/// How long after the first paint memory is read (the page settles, caches fill).
const SETTLE: Duration = Duration::from_secs(2);

fn bench_dir() -> PathBuf {
    cmd::root().join("target/bench")
}

pub fn all() -> crate::Result {
    std::fs::create_dir_all(bench_dir()).map_err(|e| format!("creating target/bench: {e}"))?;
    let mut c = cmd::cargo(&["run", "--release", "-p", "grantsmith-sandbox", "--example", "bench", "--"]);
    c.arg(bench_dir().join("sandbox.md"));
    cmd::run(c)?;
    let mut c = cmd::cargo(&["run", "--release", "-p", "grantsmith-core", "--example", "index_bench", "--"]);
    c.arg(bench_dir().join("index.md"));
    cmd::run(c)?;
    let mut c = cmd::cargo(&["run", "--release", "-p", "grantsmith-core", "--example", "setup_bench", "--"]);
    c.arg(bench_dir().join("setup.md"));
    cmd::run(c)?;

    crate::setup::all()?;
    cmd::run(cmd::npm(&["run", "build"]))?;
    // The floor page (ui/floor) is embedded in the bare app's `bare-floor` binary.
    cmd::run(cmd::npm(&["run", "build:floor"]))?;
    cmd::run(cmd::cargo(&[
        "build",
        "--release",
        "-p",
        "grantsmith",
        "-p",
        "bare-tauri",
        "--features",
        "bare-tauri/floor",
    ]))?;
    // Driven through the window (tauri-driver): memory after a setup, Applications' first rows.
    let driven = bench_dir().join("driven.txt");
    let _ = std::fs::remove_file(&driven);
    let mut c = cmd::cargo(&["test", "-p", "grantsmith-e2e", "--test", "bench", "--", "--ignored", "--test-threads=1"]);
    c.env("GRANTSMITH_E2E_APP", cmd::root().join("target/release/grantsmith"))
        .env("GRANTSMITH_E2E_DRIVER", crate::setup::tauri_driver()?)
        .env("GRANTSMITH_BENCH_OUT", &driven)
        // The harness's screenshots would be counted in WebKit's memory.
        .env("GRANTSMITH_E2E_NO_SCREENSHOTS", "1")
        .env("NO_AT_BRIDGE", "1");
    cmd::run(crate::test::in_keyring_session(crate::test::under_xvfb(c))?)?;
    // The launches need a display and a session bus: run them under Xvfb and dbus.
    let mut c = cmd::cargo(&["run", "--quiet", "-p", "xtask", "--", "bench-apps"]);
    c.env("NO_AT_BRIDGE", "1");
    cmd::run(crate::test::in_keyring_session(crate::test::under_xvfb(c))?)?;
    report()
}

/// Joins the parts under `target/bench/` into `docs/BENCHMARKS.md`.
pub fn report() -> crate::Result {
    let parts = ["app.md", "setup.md", "index.md", "sandbox.md"]
        .map(|f| std::fs::read_to_string(bench_dir().join(f)).map_err(|e| format!("reading target/bench/{f}: {e}")));
    let mut out = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` on {} ({}), {}. Reports, never pass/fail: timings are \
         compared with baselines measured in the same run.\n\n",
        machine(),
        std::env::consts::ARCH,
        today()
    );
    for part in parts {
        out.push_str(&demote(&part?));
        out.push_str("\n\n");
    }
    out.push_str(PROFILE);
    let path = cmd::root().join("docs/BENCHMARKS.md");
    std::fs::write(&path, out).map_err(|e| format!("writing {}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Where the start and the memory go, from a profile (not measured by each run: redo it
/// when the ratios move).
const PROFILE: &str = "## Where the start and the memory go\n\n\
Profiled on 2026-11-28 and 2026-11-29 with timestamps taken in the page (navigation start, resources fetched, \
the first module's body, modules evaluated, reads answered, the first commit, a forced layout after it, two \
animation frames; medians of 24–30 alternating cold starts under Xvfb on this machine, of a build without embedded \
assets whose page a local HTTP server served, so that variants of the page could be swapped without rebuilding), \
`perf` by library, and each thread's CPU time read from `/proc` at the moment the page reported it painted:\n\n\
| from → to | what | ours? |\n| --- | --- | --- |\n\
| 0 → ~0.37–0.40 s | process start to the page's navigation start: GTK, WebKit's web and network processes (the dynamic linker alone is ~0.1 s of CPU in each of the three processes) | no (the bare app pays it too) |\n\
| +~25 ms | the HTML, its CSS and JavaScript fetched (137 KB and 480 KB then; since the first screen left Mantine, below, 42 KB and 295 KB, Mantine's 106 KB of CSS and its code fetched after the first paint) | the floor pays most of it |\n\
| +~55 ms | parsing them: the first module's body runs ~80 ms after the navigation started (React, TanStack Query, and Mantine until it left the first screen; every screen past Home is a chunk loaded when opened) | mostly the stack's |\n\
| +~12 ms | evaluating the modules' bodies | mostly the stack's |\n\
| +12–20 ms | the four reads of the first screen (app info, profiles, colour scheme, unfinished setup), asked before it renders (`ui/src/app/startup.ts`): the four answer together, a round trip of Tauri's IPC (answered from canned data in the page instead, the page took as long: below) | partly |\n\
| +85–95 ms | the one render of the frame and Home, JavaScriptCore cold (115–130 ms before the frame lost Mantine's layout components, below). Rendering the whole frame a second time, hidden, adds only 30 ms to the first's 112: most of a cold render is code running for the first time, not elements | yes |\n\
| +45–50 ms | style and layout of that render, ~30 ms of it creating the fonts the screen uses (one per family, size and weight: with all text in one size and weight, 20 ms instead of 51) | yes |\n\
| +50–60 ms | painting two frames | partly |\n\n\
By library, in the web process up to the first paint (`perf`, three starts each, 2026-11-28): JavaScriptCore 230–260 ms of CPU \
(100 for React rendering one line from the same bundle), WebKit's own code 75–83 (27–33), fontconfig 45–50 (16–20), \
code JavaScriptCore compiled 19–28 (1), plus 75–110 ms on its compiler threads (the other core). \
The stack's floor (measured in each run, above) is the part a React and Mantine page pays whatever it shows.\n\n\
Fixed this way, each measured before and after:\n\n\
- **Semibold text in the weight of the face that draws it** (page 195 → 172 ms, first painted 506 → 464 ms, 16 \
alternating cold starts each, 2026-11-29 night; the same pixels): why each font costs ~4 ms, found with `perf` probes \
on fontconfig — WebKitGTK 2.50 creates a system font through Skia's fontconfig font manager, which, to drop weak \
aliases, runs one `FcFontSetMatch` per family name in the substituted pattern: 104 names for any sans-serif family \
on Debian's fontconfig setup, 1,698 matches until the first paint. Where the desktop's font has no semibold face \
(DejaVu Sans: Book and Bold), semibold and bold text of a size were two fonts drawn with the same face. The shell now \
asks fontconfig once, on a thread of its own, which face draws the UI family's semibold (`src-tauri/src/desktop_fonts.rs`), \
and the page asks semibold text in that face's weight (`--mantine-font-weight-medium`, `ui/src/app/desktopFonts.ts`): \
three fonts fewer on the first screen. Tried first and not kept: the desktop's font files loaded by the page from \
their bytes (`FontFace`), which need no resolving (208 matches left) — served over HTTP the page was 28 ms shorter, \
but through Tauri's IPC the four files (2.4 MB) arrived 35–100 ms after they were asked for, later than the fonts \
they replace, and subsets of them (475 KB, made with fontTools) still 17 ms: page 182 against 192, not worth a \
font subsetter in the shell.\n\
- **The first screen runs no Mantine** (page 280 → 220 ms, first painted 647 → 556 ms, 12 alternating cold starts \
each, 2026-11-29 evening): the stack taken apart in one shell (below) showed Mantine's setup — its provider and \
stylesheets — costing more of a page than React itself, although the first screen used Mantine only for its \
controls. With those controls in plain elements, the page took 260 ms with Mantine's provider and stylesheets, 238 \
without the stylesheets, 220 without the provider and 190 without both (against 312 in the same run). The frame's \
and Home's controls (buttons, badges, cards, the alert, the copy icon, the tooltips) are plain elements now \
(`ui/src/components/Plain.tsx`) in Mantine's measures and colours, and look as before; Mantine's provider and its \
components' stylesheets are a chunk of their own (`ui/src/app/MantineLayer.tsx`), asked for once the first screen \
has painted and mounted where the first screen past Home or the palette needs it (`ui/src/app/withMantine.tsx`). \
The theme's CSS variables are written at build time from Mantine's own provider (`virtual:theme-variables.css`, \
`ui/vite.config.ts`), so the plain controls have them from the first paint, and the colour scheme is one store \
both follow (`ui/src/app/colorScheme.ts`).\n\
- **The frame and Home in plain elements** (page median 358 → 297 ms, 30 alternating cold starts each): taking \
the first screen apart showed where its page went — without the frame (Home alone) 200 ms against 333, and 184 \
with one heading instead of Home as well — and that no single part of the frame stood out (its navigation 47 ms, \
Mantine's AppShell 27, the header 20, the palette and the navigation's scroll area nothing measurable). The frame \
and Home are now laid out with plain elements and two small stylesheets (`ui/src/app/Frame.module.css`, \
`ui/src/features/home/Home.module.css`) in the measures of the Mantine components they replace (AppShell, NavLink, \
Group, Stack, Text, Title, Table); buttons, badges, cards, the list and the tooltips are still Mantine's.\n\
- **The window no longer waits for the store** (~15 ms of a first start): the database opened, with a first \
start's migrations, in Tauri's `setup`, before the window was created. It opens on a thread of its own now, which \
then also probes the keychain for the first `app_info` (~7 ms of the first screen's reads).\n\
- **Reads before the first render** (about −0.3 s): asked from the first render, their answers (each under 10 ms in \
Rust) waited behind that render's style, layout and paint, and the screen was laid out and painted a second time \
with them. The window now renders once, complete and in the saved colour scheme (1.5 s patience, then it renders \
with what it has).\n\
- **No second render** (35–45 ms of render, and its layout, before the second frame): the screens' \
own queries asked the tenants again on mounting, and `useProfiles` spread the query result, so the unchanged \
answer re-rendered the whole frame. It returns only the fields callers read now (vitest counts the frame's \
commits).\n\
- **Fonts found at once** (style and layout 230–370 ms → 56–101 ms): WebKitGTK looks up every family of a \
`font-family` list that is not installed, again for each size and weight — the seven-name system stack cost 17–30 ms \
per font used, and `system-ui` alone still 6–10 ms. The theme's stack is `system-ui, sans-serif` (what macOS and \
Windows resolve cheaply); on Linux the page names the desktop's UI font, which the shell reads once from GTK's \
settings (`AppInfo::fonts`): 2–3 ms per font. Later (`ui/src/app/fonts.css`): the families are named in the \
page's own stylesheet instead of the theme, because the first style WebKit computes comes before Mantine injects \
the theme and still listed Mantine's default Apple, Microsoft and Google fonts (five misses), and on Linux code is \
in fontconfig's `monospace` rather than Apple's `ui-monospace` (a miss per weight). Each font WebKit creates costs a \
fontconfig match plus about a hundred more inside; matches until the first paint 2,503 → 1,852, fontconfig's CPU \
45–50 ms → 21–43.\n\
- **Painting on the CPU, without compositing, when there is no GPU** (two frames 180–270 ms → 30–60 ms; the web \
process about 60 MiB smaller from the first screen on): with no GPU render node, WebKitGTK's defaults — Skia \
painting through OpenGL, and accelerated compositing, which keeps the page as tiled layers and composites them with \
OpenGL — run on Mesa's llvmpipe, a GPU emulated on the CPU. Grantsmith then sets `WEBKIT_SKIA_ENABLE_CPU_RENDERING=1` \
and `WEBKIT_DISABLE_COMPOSITING_MODE=1` (each unless the user set it), logs what it set, and changes nothing on a \
machine with a GPU. The bare app keeps WebKit's defaults; the paragraph under the first table measures it with the \
same variables. WebKitWebDriver's screenshots never answer with compositing off, so the e2e suite keeps it on, but \
for one test that runs a whole setup with the app's own choice; the driven benchmark uses the app's choice.\n\n\
What is left of the gap is a real page against one static page: React parsed, evaluated and run cold, a DOM of \
a few hundred elements, its style, layout and fonts. Each run measures that split: the row \"… of which the page\" is \
the page's own clock from its navigation start; the rest of a start is the process's and WebKit's before the page; \
and the stack's floor says what a page pays for React and Mantine whatever it shows. Until the first screen left \
Mantine, every start paid that floor whole: over the runs of 2026-11-28 and 2026-11-29 the floor alone started \
1.26–1.37 × the bare app painting the same way (1.06–1.08 × the bare app with WebKit's defaults), Grantsmith \
1.30–1.47 × the floor (pages 300–390 ms against the floor's 160–169) and 1.31–1.46 × the bare app. Since then its \
page pays React's part of the floor, not Mantine's. What the page spends beyond React's own ~70–80 ms (React alone \
rendering one heading, in the same shell) is the frame and Home rendered cold and their fonts: each font the \
first screen uses (family, size and weight: 15 of them) costs ~4–5 ms to create in WebKitGTK — all text in one \
font, page 162–172 ms against 224–232; one weight for 600 and 700, 14 ms less (done where the desktop draws both \
with one face, above); no monospace, 13 ms less (12 alternating starts each). Fewer fonts would change the design's \
type scale; not done. Creating the fonts from the \
static HTML while the script is fetched (page 225 against 232 ms, 14 alternating starts; 212 against 229 in a \
first run of 12) and naming the desktop's family in the stylesheet before the first style is computed (234 \
against 232) came to nothing the noise can tell apart; not kept. Four runs of the app's part of the bench after the \
first screen left Mantine (2026-11-29 evening, 9 alternating starts each) read 1.25, 1.14, 1.29 and 1.21 × the bare \
app — pages 215, 241, 243 and 229 ms against the bare app's 81–106, the bare app itself starting in 453, 540, 497 \
and 473 ms: the target inside this machine's run-to-run noise, with no margin. After semibold was asked as the \
desktop draws it (2026-11-29 night): 1.12 (the full run), 1.30 and 1.17 × with 9 starts each (pages 197, 245, 214 \
ms), then 1.15, 1.15 and 1.18 × with 15 starts each (pages 205, 213 and 209 ms; the middle half of Grantsmith's \
starts 499–589, 535–608 and 534–608 ms, of the bare app's 446–497, 460–500 and 445–585). Nine starts let one run's median move by up to \
±0.08 in the ratio; the bench takes 15 since, and shows the spread. What is left above the bare app is a real \
page against a static one: React parsed and run cold (~150 ms of the page) and eleven fonts of ~4 ms each; fewer \
fonts would change the type scale. Tried earlier and not kept, because nothing this machine's noise can tell apart came of them: on 2026-11-29, with \
24–30 alternating starts each (page medians), the command palette loaded when first opened (298 ms against 282; with Mantine it is now loaded after the first paint), \
every tooltip of the first screen removed (316 against 330), Home's cards and list and the header's key cap as \
plain elements too (324 against 330), and the first screen's reads not asked again when its screens mount (293 \
against 292); before, the first screen's reads asked before the rest of the script is evaluated (they waited 14 \
ms after it, then 9: there is little evaluation to overlap, parsing comes first); the header's code font and every \
icon of the first screen removed (the web process's CPU to first paint 822 and 807 ms against 810); \
JavaScriptCore's JIT thresholds lowered, or its JIT off (render +14 ms without it). Later on 2026-11-29, with \
timestamps in the shell and 12–20 alternating starts each: the time before the page is not Grantsmith's — process \
start to navigation start was 380–400 ms for Grantsmith and for the floor alike (Tauri's `build` ~100 ms, the \
window created by ~200 ms), and switching off, one by one in the same build, the clipboard and dialog plugins, the \
content security policy, the frozen prototype and the zoom hotkeys moved nothing past the noise; the first \
screen is 333 React fibers and 176 elements, so at ~0.27 ms a fiber its render is code running for the first \
time (parsed, compiled to bytecode, interpreted), not work per element; the four reads asked from an inline \
script before the app's script is parsed, so that they answer while it parses, did not help (page 326 against \
317 ms; presumably because the answers are handled on the page's main thread, busy parsing until then); and all text in one font — the most \
that fewer sizes and weights could give — saved ~25 ms of page (312 against 336). Fewer font sizes and weights \
(the first screen uses 14) would save part of that, at the cost of the design's type scale; not done. Last, on \
2026-11-29: the first screen's four reads answered in the page from canned data, no IPC at all (page \
298 against 296 ms, 20 alternating starts) — they cost the start nothing now, so handing the page its data with \
its HTML would not help either; and GTK's OpenGL probe switched off (`GDK_GL=disable`): opening the display, GTK \
loads Mesa's GLX driver with llvmpipe and LLVM (~30 ms of dynamic loading, on the path to the window in both \
apps), but WebKit then loads the same driver through EGL (its web process aborts without an EGL display), so the \
start moved nothing (767 against 748 ms, 15 alternating starts). Where the stack's page goes, each variant \
served to the same Grantsmith shell (15 alternating cold starts, page medians): a static page 34 ms, React alone \
rendering one heading 80, React with Mantine's stylesheets 98, React with Mantine's provider and no stylesheets \
112, both (the floor) 161–167, Grantsmith's first screen 337 — the floor is about half of Grantsmith's page, and React \
alone the smaller part of the floor. The theme's CSS variables written as a static stylesheet instead of by the provider at \
run time took 16 ms off the floor's page and nothing off Grantsmith's (294 against 292 ms, 20 starts each); not \
kept.\n\n\
Memory: the app's own process is within about 10–20 MiB of the bare app's; the difference is WebKit's web \
process. Measured step by step through the window (RSS of the web process, compositing on): start 264 MiB, wizard \
open 277, API step 297, scopes 313, review 309, applied 312, verified token 342 — and 337 twelve seconds after \
going back Home: what a screen adds stays. It is the web process's anonymous memory (71 → 134 MiB; libraries \
unchanged). JavaScript objects are a small part of it: JavaScriptCore's heap after a collection (`JSC_logGC=1`) \
is 7 MiB at start, 19 after the setup, 29 after Applications on 5,000 applications; the rest is what the screens \
visited left in WebKit (DOM, style, layout, compiled code) until JavaScriptCore collects them. \
Not the harness (a thousand WebDriver lookups: +3 MiB), not the allocator's cache (`Malloc=1`, the system \
allocator, holds 30 MiB more), not IPC (1,500 calls: +5 MiB). Not a leak either: going round every screen \
four more times, the web process held 403, 413, 425, then 390 MiB — JavaScriptCore collects the garbage of \
earlier screens when its heap has grown enough, not when a screen is left. WebKitGTK offers no call to collect, \
and its memory-pressure settings are fixed when the web context is built, inside wry. With compositing off \
(above) the whole curve sits about 60 MiB lower. Next: WebKit's own heap snapshot (Web Inspector) to see what a \
first visit of each screen leaves behind. Tried on 2026-11-29 and not kept, nothing the noise can tell apart: \
WebKit's cache model \"document viewer\" instead of its default \"web browser\" (no memory cache, page cache or disk \
cache: after a setup 507–512 MiB against 508–511, five alternating runs each — the page's resources are under \
1 MiB), and `MALLOC_ARENA_MAX=2` for the app and its helpers (484–489 against 485–487 MiB, three each).\n\n\
Fixed earlier: WebKitGTK's overlay scrollbars repainted a page that can scroll at every frame, forever \
(about 15 % of a core with nothing moving, both cores under llvmpipe). Scrollbars are now drawn by the page's CSS; \
the row \"CPU while the first screen sits still\" watches for it.\n\n\
The window opens in the page's background colour (`src-tauri/src/window.rs`): until the page's first paint \
WebKit showed white, ~0.3 s of every dark start. The shell now builds the window in `setup`, after reading the \
saved scheme from the database read-only. Measured against the build before it (15 alternating cold starts \
each, 2026-11-29): first painted, medians 639 against 643 ms, page 275 against 297 ms — no cost the noise can \
tell apart.\n";

/// A part's own `# Title` becomes a section of the whole.
fn demote(part: &str) -> String {
    part.lines()
        .map(|l| if l.starts_with('#') { format!("#{l}") } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok()))
        .map_or("? GiB".into(), |kb| format!("{:.0} GiB", kb as f64 / 1_048_576.0));
    format!("{cpu}, {cores} cores, {mem}")
}

fn today() -> String {
    cmd::output({
        let mut c = cmd::new("date");
        c.arg("+%Y-%m-%d");
        c
    })
    .map(|d| d.trim().to_string())
    .unwrap_or_default()
}

/// One cold start: milliseconds to the first painted screen, the RSS (MiB) of the app and
/// every process it started (WebKit's web and network processes) once settled, and the CPU
/// they use while the first screen sits still.
struct Start {
    painted_ms: u64,
    /// Of that, the page's part: from its navigation start (its own clock) to painted.
    page_ms: f64,
    rss_mib: f64,
    processes: Vec<(String, f64)>,
    /// Percent of one core over `IDLE`, all processes together.
    idle_cpu_pct: f64,
    /// The variables the app logged it set for WebKit's painting (Grantsmith's choice
    /// without a GPU; empty with WebKit's defaults).
    painting_env: Vec<(String, String)>,
}

/// The start of what Grantsmith logs when it chose how WebKit paints
/// (src-tauri/src/painting.rs); the `NAME=value` words after it are what it set.
const PAINTING_LOG: &str = "WebKit paints on the CPU";

/// The two figures of a "first screen painted after N ms (page M ms)" line: since the
/// process started, and since the page's navigation started.
fn first_painted(line: &str) -> Option<(u64, f64)> {
    let rest = line.split("first screen painted after ").nth(1)?;
    let (ms, rest) = rest.split_once(" ms (page ")?;
    Some((ms.trim().parse().ok()?, rest.trim_end_matches(" ms)").trim().parse().ok()?))
}

/// The `NAME=value` words of the painting log line.
fn painting_env(line: &str) -> Vec<(String, String)> {
    line.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter_map(|w| w.split_once('='))
        .filter(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// How long CPU use is read once settled: nothing on the first screen moves, so it should
/// be near zero (WebKitGTK's overlay scrollbars once kept it repainting every frame).
const IDLE: Duration = Duration::from_secs(2);

fn launch(binary: &Path, data: &Path, env: &[(String, String)]) -> crate::Result<Start> {
    let mut c = cmd::new(binary);
    c.envs(env.iter().map(|(k, v)| (k, v)))
        .env("GRANTSMITH_DATA_DIR", data)
        .env("GRANTSMITH_REPORT_FIRST_PAINT", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child: Child = c.spawn().map_err(|e| format!("starting {}: {e}", binary.display()))?;
    let stderr = child.stderr.take().expect("piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (mut painted, mut painting_env) = (None, vec![]);
    while painted.is_none() && started.elapsed() < Duration::from_secs(60) {
        let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) else { continue };
        if line.contains(PAINTING_LOG) {
            painting_env = self::painting_env(&line);
        }
        painted = painted.or_else(|| first_painted(&line));
    }
    std::thread::sleep(SETTLE);
    let pids = proc_tree::tree(child.id());
    let (processes, rss_mib) = proc_tree::memory(&pids);
    let idle_cpu_pct = proc_tree::cpu_percent_over(&pids, IDLE);
    let _ = child.kill();
    let _ = child.wait();
    // WebKit's helpers exit with their parent; give them a moment before the next start.
    std::thread::sleep(Duration::from_millis(500));
    let (painted_ms, page_ms) =
        painted.ok_or_else(|| format!("{} did not report its first screen", binary.display()))?;
    Ok(Start { painted_ms, page_ms, rss_mib, processes, idle_cpu_pct, painting_env })
}

fn median(v: Vec<f64>) -> f64 {
    quantile(v, 0.5)
}

/// The value a share `q` of `v` lies below (the nearest sample).
fn quantile(mut v: Vec<f64>, q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * q).round() as usize]
}

/// Cold starts of each app, alternating so drift hits both alike.
pub fn apps() -> crate::Result {
    let release = cmd::root().join("target/release");
    // GRANTSMITH_BENCH_APP: another build of Grantsmith to measure (e.g. another opt-level).
    let app = std::env::var_os("GRANTSMITH_BENCH_APP").map_or_else(|| release.join("grantsmith"), PathBuf::from);
    let bare = release.join("bare-tauri");
    // Absent when only `bench-apps` runs after a build without the `floor` feature.
    let floor = Some(release.join("bare-floor")).filter(|p| p.exists());
    let data = std::env::temp_dir().join(format!("grantsmith-bench-{}", std::process::id()));
    let (mut ours, mut base, mut base_same, mut floors) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..STARTS {
        // A fresh data folder each time: a first start, as after installing.
        let dir = data.join(i.to_string());
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let one = launch(&app, &dir, &[])?;
        // When Grantsmith chose how WebKit paints (no GPU here), the bare app is also
        // measured painting that way: what the choice itself is worth, apart from the page.
        if !one.painting_env.is_empty() {
            base_same.push(launch(&bare, &dir, &one.painting_env)?);
        }
        // The stack's floor paints the way Grantsmith chose to, like Grantsmith.
        if let Some(floor) = &floor {
            floors.push(launch(floor, &dir, &one.painting_env)?);
        }
        ours.push(one);
        base.push(launch(&bare, &dir, &[])?);
    }
    let _ = std::fs::remove_dir_all(&data);
    let start = |v: &[Start]| median(v.iter().map(|s| s.painted_ms as f64).collect());
    let page = |v: &[Start]| median(v.iter().map(|s| s.page_ms).collect());
    // How far the starts spread: the middle half of them, as "from–to".
    let spread = |v: &[Start]| {
        let painted: Vec<f64> = v.iter().map(|s| s.painted_ms as f64).collect();
        format!("{:.0}–{:.0}", quantile(painted.clone(), 0.25), quantile(painted, 0.75))
    };
    let memory = |v: &[Start]| median(v.iter().map(|s| s.rss_mib).collect());
    let (start_ours, start_base) = (start(&ours), start(&base));
    let (page_ours, page_base) = (page(&ours), page(&base));
    let (mem_ours, mem_base) = (memory(&ours), memory(&base));
    let idle = |v: &[Start]| median(v.iter().map(|s| s.idle_cpu_pct).collect());
    let split = |s: &Start| s.processes.iter().map(|(n, m)| format!("{n} {m:.0}")).collect::<Vec<_>>().join(" + ");
    let size = |p: &Path| std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6);
    let deb = std::fs::read_dir(release.join("bundle/deb"))
        .ok()
        .and_then(|d| d.filter_map(|e| e.ok().map(|e| e.path())).find(|p| p.extension().is_some_and(|x| x == "deb")));
    let deb_row = match deb {
        Some(d) => format!("{:.1} MB (`{}`)", size(&d), d.file_name().unwrap_or_default().to_string_lossy()),
        None => "not built in this run (`cargo xtask bundle`)".into(),
    };
    let figures = Driven::read();
    let driven = driven_rows(&figures, mem_base);
    let same_row = if base_same.is_empty() {
        "Grantsmith painted with WebKit's defaults here (a GPU render node exists): no third column.\n".to_string()
    } else {
        let (start_same, mem_same) = (start(&base_same), memory(&base_same));
        let vars = ours[0].painting_env.iter().map(|(k, v)| format!("`{k}={v}`")).collect::<Vec<_>>().join(", ");
        let setup = figures.value("memory_after_setup_mib");
        format!(
            "This machine has no GPU render node, so Grantsmith tells WebKit to paint on the CPU without \
             compositing ({vars}; see \"Where the start and the memory go\"); the bare app above keeps WebKit's \
             defaults. The bare app started with the same variables: first painted {start_same:.0} ms \
             (Grantsmith **{:.2} ×** that), memory after start {mem_same:.0} MiB (Grantsmith after start \
             **{:.2} ×**, after a setup **{:.2} ×**).\n",
            start_ours / start_same,
            mem_ours / mem_same,
            setup / mem_same,
        )
    };
    let floor_row = if floors.is_empty() {
        "The stack's floor was not measured in this run (`bare-floor` is built by `cargo xtask bench`).\n".to_string()
    } else {
        let (same, painted_so) = if base_same.is_empty() {
            (&base, "the bare app's")
        } else {
            (&base_same, "the start of the bare app painting the same way")
        };
        let (start_floor, page_floor) = (start(&floors), page(&floors));
        format!(
            "The stack's floor: the bare app's `bare-floor` binary, whose page is React and Mantine set up as \
             Grantsmith's screens past Home use them (provider, theme, stylesheets) rendering one title (`ui/floor`), started \
             painting as Grantsmith does: first painted {start_floor:.0} ms, of which the page {page_floor:.0} ms, \
             memory after start {:.0} MiB. The stack itself costs **{:.2} ×** {painted_so} (page {:.2} ×); \
             Grantsmith's first screen costs **{:.2} ×** the floor's start (page {:.2} ×).\n",
            memory(&floors),
            start_floor / start(same),
            page_floor / page(same),
            start_ours / start_floor,
            page_ours / page_floor,
        )
    };
    let report = format!(
        "# The app\n\n{STARTS} cold starts each under Xvfb, alternating, a fresh data folder each time; medians \
         (the first row's brackets: the middle half of the starts, what one run's noise looks like). \
         Baseline: `xtask/bare-tauri`, a Tauri 2 app with one static page, same release profile, built in the \
         same run. \"First painted\": the UI reports two animation frames after its first screen rendered, with the \
         page's own clock (since its navigation started) beside the process's.\n\n\
         | what | Grantsmith | bare Tauri | ratio | target |\n| --- | --- | --- | --- | --- |\n\
         | cold start to first painted screen | {start_ours:.0} ms ({}) | {start_base:.0} ms ({}) | **{:.2} ×** | ≤ 1.2 × |\n\
         | … of which the page: its navigation start to painted (the page's own clock) | {page_ours:.0} ms | {page_base:.0} ms | {:.2} × | |\n\
         | memory after start (RSS, app + WebKit processes) | {mem_ours:.0} MiB | {mem_base:.0} MiB | **{:.2} ×** | ≤ 1.15 × |\n\
         | CPU while the first screen sits still ({}-s window, all processes) | {:.1} % of a core | {:.1} % | | near 0 |\n\
         | release binary | {:.1} MB | {:.1} MB | | < 15 MB |\n\
         | `.deb` | {deb_row} | | | < 10 MB |\n\
         {driven}\n\
         {same_row}\n\
         {floor_row}\n\
         Memory of one start, by process: Grantsmith {}; bare {}.\n",
        spread(&ours),
        spread(&base),
        start_ours / start_base,
        page_ours / page_base,
        mem_ours / mem_base,
        IDLE.as_secs(),
        idle(&ours),
        idle(&base),
        size(&app),
        size(&bare),
        split(&ours[0]),
        split(&base[0]),
    );
    let path = bench_dir().join("app.md");
    std::fs::write(&path, &report).map_err(|e| format!("writing {}: {e}", path.display()))?;
    eprintln!("{report}");
    Ok(())
}

/// The figures the e2e crate's `bench` test wrote (`name=value` lines), read once; empty
/// when it did not run.
struct Driven(Vec<(String, f64)>);

impl Driven {
    fn read() -> Self {
        let text = std::fs::read_to_string(bench_dir().join("driven.txt")).unwrap_or_default();
        Self(
            text.lines()
                .filter_map(|l| l.split_once('='))
                .filter_map(|(k, v)| Some((k.to_string(), v.parse().ok()?)))
                .collect(),
        )
    }

    /// One figure; NaN when missing.
    fn value(&self, name: &str) -> f64 {
        self.0.iter().find(|(k, _)| k == name).map_or(f64::NAN, |(_, v)| *v)
    }
}

/// The rows measured through the window by the e2e crate's `bench` test (`driven.txt`,
/// `name=value` lines), against the bare app's memory after start; a row saying so when
/// that run is missing.
fn driven_rows(driven: &Driven, bare_mib: f64) -> String {
    if driven.0.is_empty() {
        return "| memory after a setup; Applications, click to first rows | not measured: the driven benchmark did not run | | | |\n".into();
    }
    let (start, setup, apps) = (
        driven.value("memory_after_start_mib"),
        driven.value("memory_after_setup_mib"),
        driven.value("memory_after_applications_mib"),
    );
    format!(
        "| memory after a whole setup and its verified token (driven through tauri-driver; after start there: {start:.0} MiB) \
         | {setup:.0} MiB | {bare_mib:.0} MiB (after start) | **{:.2} ×** | ≤ 1.15 × |\n\
         | memory after also opening Applications on 5,000 applications | {apps:.0} MiB | | {:.2} × | |\n\
         | Applications, click to first rows (5,000 applications, from the index; {:.0} visits) | median {:.0} ms, max {:.0} ms | | | < 300 ms |\n",
        setup / bare_mib,
        apps / bare_mib,
        driven.value("applications_visits"),
        driven.value("applications_first_rows_median_ms"),
        driven.value("applications_first_rows_max_ms"),
    )
}

#[cfg(test)]
mod tests {
    /// The line src-tauri/src/painting.rs logs, as tracing writes it.
    #[test]
    fn first_painted_reads_both_clocks() {
        let line = "grantsmith: first screen painted after 731 ms (page 312 ms)";
        assert_eq!(super::first_painted(line), Some((731, 312.0)));
        assert_eq!(super::first_painted("grantsmith: first screen painted after 731 ms"), None);
    }

    #[test]
    fn painting_env_reads_the_variables_grantsmith_logged() {
        let line = "2026-11-28T18:00:00Z  INFO grantsmith: no GPU render node: WebKit paints on the CPU \
                    (WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 WEBKIT_DISABLE_COMPOSITING_MODE=1)";
        let pair = |k: &str| (k.to_string(), "1".to_string());
        assert_eq!(
            super::painting_env(line),
            [pair("WEBKIT_SKIA_ENABLE_CPU_RENDERING"), pair("WEBKIT_DISABLE_COMPOSITING_MODE")]
        );
    }
}
