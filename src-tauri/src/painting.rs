//! How WebKitGTK paints the window, chosen before GTK and WebKit start (they read it from the
//! environment once). Owns one decision: on a Linux machine without a GPU, paint on the CPU.
//! Deliberately not here: anything a user or packager already set — their choice stands.
//!
//! Why: without a GPU render node, OpenGL is Mesa's software rasterizer (llvmpipe), and
//! WebKitGTK's default — Skia painting through OpenGL — then emulates a GPU on the CPU. Skia's
//! own CPU raster is several times faster there: the first screen painted in ~40 ms instead of
//! ~200 ms (docs/BENCHMARKS.md, "Where the start and the memory go"). With a GPU nothing changes.

/// WebKitGTK's switch for Skia's CPU painting.
#[cfg(target_os = "linux")]
const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Sets the painting before anything starts a thread that could read the environment;
/// answers what it chose, for the log (`None`: WebKit's default or the user's setting).
#[cfg(target_os = "linux")]
pub fn choose() -> Option<&'static str> {
    if std::env::var_os(CPU_RENDERING).is_some() || has_gpu_render_node() {
        return None;
    }
    // SAFETY: called first thing in `main`, before any other thread exists.
    unsafe { std::env::set_var(CPU_RENDERING, "1") };
    Some("no GPU render node: WebKit paints on the CPU (WEBKIT_SKIA_ENABLE_CPU_RENDERING=1)")
}

#[cfg(not(target_os = "linux"))]
pub fn choose() -> Option<&'static str> {
    None
}

/// A DRM render node (`/dev/dri/renderD128`, …) is how Mesa reaches a GPU; none means software GL.
#[cfg(target_os = "linux")]
fn has_gpu_render_node() -> bool {
    std::fs::read_dir("/dev/dri")
        .is_ok_and(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
}
