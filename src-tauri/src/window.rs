//! The main window, built by the shell in `setup` rather than from the config alone, so that
//! it opens in the colour the page will paint. WebKit shows its own background (white) from
//! the moment the window maps until the page's first paint, ~0.3 s of a start: a white flash
//! before every dark start. The colours come from `ui/src/app/page-background.json`, the
//! file the page's theme takes its body colour from, so the two cannot drift apart.
//!
//! Owns the window's creation and its background colour; not the page's theme, and not the
//! saved scheme (the store's, read by `ColorScheme::saved_in` before the store opens).

use grantsmith_core::settings::ColorScheme;
use serde::Deserialize;
use tauri::webview::NewWindowResponse;
use tauri::window::Color;
use tauri::{Manager, Runtime, WebviewWindow, WebviewWindowBuilder};

use crate::{desktop, navigation};

pub const MAIN: &str = "main";

/// The page's background in each scheme, as its theme paints it.
#[derive(Deserialize)]
struct PageBackground {
    light: Color,
    dark: Color,
}

fn page_background() -> Option<PageBackground> {
    // The file is compiled in, and a unit test parses it: this cannot fail in a build that passed.
    serde_json::from_str(include_str!("../../ui/src/app/page-background.json")).ok()
}

/// The colour the page paints in `scheme`; `None` (WebKit's default) when the scheme follows
/// a desktop whose preference is not known here.
fn background(scheme: ColorScheme, desktop_prefers_dark: Option<bool>) -> Option<Color> {
    let dark = match scheme {
        ColorScheme::Light => false,
        ColorScheme::Dark => true,
        ColorScheme::Auto => desktop_prefers_dark?,
    };
    page_background().map(|b| if dark { b.dark } else { b.light })
}

/// Builds the window the config describes (`create: false` there), in the page's colour for
/// `scheme`. Call on the main thread (`setup`).
pub fn build_main<R: Runtime, M: Manager<R>>(manager: &M, scheme: ColorScheme) -> tauri::Result<WebviewWindow<R>> {
    let config = manager.config().app.windows.iter().find(|w| w.label == MAIN).cloned().unwrap_or_default();
    let dev_url = match manager.config().build.dev_url.clone() {
        Some(url) if tauri::is_dev() => Some(url),
        _ => None,
    };
    let mut builder = WebviewWindowBuilder::from_config(manager, &config)?
        .on_navigation(move |url| {
            let allowed = navigation::is_app_page(url, dev_url.as_ref());
            if !allowed {
                tracing::warn!(%url, "navigation away from the app refused");
            }
            allowed
        })
        .on_new_window(|url, _| {
            tracing::warn!(%url, "a new window refused");
            NewWindowResponse::Deny
        });
    if let Some(colour) = background(scheme, desktop::prefers_dark()) {
        builder = builder.background_color(colour);
    }
    builder.build()
}

/// Follows a scheme chosen while the app runs, so that a resize never shows the old colour.
pub fn follow_scheme<R: Runtime>(window: &WebviewWindow<R>, scheme: ColorScheme) {
    let target = window.clone();
    // GTK's settings may only be read on its main thread; commands run elsewhere.
    let _ = window.run_on_main_thread(move || {
        let _ = target.set_background_color(background(scheme, desktop::prefers_dark()));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_starts_in_the_colour_the_page_paints_for_the_saved_scheme() {
        let b = page_background().expect("page-background.json holds a light and a dark colour");
        assert_eq!(b.dark, Color(0x24, 0x24, 0x24, 255), "Mantine's dark body (dark[7])");
        assert_eq!(b.light, Color(255, 255, 255, 255));
        for desktop in [None, Some(false), Some(true)] {
            assert_eq!(background(ColorScheme::Dark, desktop), Some(b.dark));
            assert_eq!(background(ColorScheme::Light, desktop), Some(b.light));
        }
        assert_eq!(background(ColorScheme::Auto, Some(true)), Some(b.dark));
        assert_eq!(background(ColorScheme::Auto, Some(false)), Some(b.light));
        assert_eq!(background(ColorScheme::Auto, None), None, "unknown: WebKit's own default");
    }
}
