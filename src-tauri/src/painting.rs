//! How WebKitGTK paints the window, chosen before GTK and WebKit start (they read it from the
//! environment once). Owns one decision: on a Linux machine without a GPU, paint on the CPU
//! and without compositing. Deliberately not here: anything a user or packager already set —
//! their choice stands, variable by variable.
//!
//! Why: without a GPU render node, OpenGL is Mesa's software rasterizer (llvmpipe), and
//! WebKitGTK's defaults then emulate a GPU on the CPU twice over:
//! - Skia painting through OpenGL: Skia's own CPU raster is several times faster there (the
//!   first screen painted in ~40 ms instead of ~200 ms);
//! - accelerated compositing, which keeps every layer as tiles and composites them with
//!   OpenGL: without it the web process holds ~60 MiB less from the first screen on, and the
//!   page is painted straight into the window's buffer.
//!
//! Figures: docs/BENCHMARKS.md, "Where the start and the memory go". With a GPU nothing changes.

/// WebKitGTK's switches, each set to "1" when there is no GPU.
#[cfg(target_os = "linux")]
const WITHOUT_GPU: [&str; 2] = ["WEBKIT_SKIA_ENABLE_CPU_RENDERING", "WEBKIT_DISABLE_COMPOSITING_MODE"];

/// Sets the painting before anything starts a thread that could read the environment;
/// answers what it set, for the log (`None`: WebKit's defaults or the user's settings).
#[cfg(target_os = "linux")]
pub fn choose() -> Option<String> {
    if has_gpu_render_node() {
        return None;
    }
    let set: Vec<String> = WITHOUT_GPU
        .into_iter()
        .filter(|name| std::env::var_os(name).is_none())
        .map(|name| {
            // SAFETY: called first thing in `main`, before any other thread exists.
            unsafe { std::env::set_var(name, "1") };
            format!("{name}=1")
        })
        .collect();
    (!set.is_empty()).then(|| format!("no GPU render node: WebKit paints on the CPU ({})", set.join(" ")))
}

#[cfg(not(target_os = "linux"))]
pub fn choose() -> Option<String> {
    None
}

/// A DRM render node (`/dev/dri/renderD128`, …) is how Mesa reaches a GPU; none means software GL.
#[cfg(target_os = "linux")]
fn has_gpu_render_node() -> bool {
    std::fs::read_dir("/dev/dri")
        .is_ok_and(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
}
