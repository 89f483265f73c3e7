//! What the X display shows, for the checks no WebDriver can make — the window's colour before
//! the page has painted, when there is no page to ask yet. Frames come from `xwd -root`
//! (Debian's x11-apps, installed by `cargo xtask`), parsed here; only their brightness is
//! kept. Nothing else is read from the display.

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// One frame of the whole display, as fractions of its pixels.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// Pixels that are not black (Xvfb's empty screen is black): how much of it a window covers.
    pub lit: f64,
    /// Pixels near white (every channel above 230).
    pub white: f64,
}

/// Takes frames one after another on a thread of its own until stopped.
pub struct Sampler {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Vec<Frame>>,
}

impl Sampler {
    pub fn start() -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut frames = Vec::new();
            while !flag.load(Ordering::Relaxed) {
                frames.extend(grab());
            }
            frames
        });
        Sampler { stop, thread }
    }

    pub fn stop(self) -> Vec<Frame> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().expect("the sampler thread")
    }
}

/// The display now (`$DISPLAY`); `None` when X refused the read, which it does now and then
/// while a window is being created or destroyed (BadDrawable).
pub fn grab() -> Option<Frame> {
    let out = Command::new("xwd").args(["-root", "-silent"]).output().expect("xwd (x11-apps) runs");
    out.status.success().then(|| parse(&out.stdout))
}

/// An XWD file (X11's window dump: a header of big-endian 32-bit fields, a colour map, then
/// the pixels), true colour at 24 or 32 bits a pixel — what Xvfb's 24-bit screens give.
fn parse(xwd: &[u8]) -> Frame {
    let field = |i: usize| u32::from_be_bytes(xwd[i * 4..i * 4 + 4].try_into().unwrap());
    let (header, width, height) = (field(0) as usize, field(4) as usize, field(5) as usize);
    let (lsb_first, bits, stride, colours) = (field(7) == 0, field(11), field(12) as usize, field(19) as usize);
    assert!(bits == 24 || bits == 32, "a true-colour display dumps 24 or 32 bits a pixel, not {bits}");
    let size = bits as usize / 8;
    let masks = [field(14), field(15), field(16)];
    let pixels = &xwd[header + colours * 12..];
    // Every 8th pixel of every 8th row: enough for fractions of the screen, and fast enough
    // in a debug build to take a frame every few tens of milliseconds.
    let (mut lit, mut white, mut all) = (0usize, 0usize, 0usize);
    for row in pixels.chunks(stride).take(height).step_by(8) {
        for px in row.chunks_exact(size).take(width).step_by(8) {
            all += 1;
            let value = px.iter().enumerate().fold(0u32, |v, (i, &b)| {
                let at = if lsb_first { i } else { size - 1 - i };
                v | u32::from(b) << (8 * at)
            });
            let rgb = masks.map(|m| ((value & m) >> m.trailing_zeros()) as u8);
            lit += usize::from(rgb.iter().any(|&c| c > 8));
            white += usize::from(rgb.iter().all(|&c| c > 230));
        }
    }
    let all = all.max(1) as f64;
    Frame { lit: lit as f64 / all, white: white as f64 / all }
}
