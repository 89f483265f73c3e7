//! What the shell reads of the desktop's own settings (GTK's, on Linux), once, on GTK's main
//! thread after GTK started (Tauri's `setup`): the UI font, for `app_info` (the page names it
//! instead of `system-ui`; see `DesktopFonts` for why), and whether the desktop prefers
//! dark, for the window's first colour (`window`). macOS and Windows answer `None` to both:
//! their webviews resolve `system-ui` cheaply, and their window keeps its default colour when
//! the scheme follows the system.

/// GTK's `gtk-font-name` ("Cantarell 11") without its size; `None` when unset or not Linux.
#[cfg(target_os = "linux")]
pub fn ui_font() -> Option<String> {
    use gtk::prelude::*;
    let name = gtk::Settings::default()?.gtk_font_name()?;
    let family = gtk::pango::FontDescription::from_string(&name).family()?;
    Some(family.to_string()).filter(|f| !f.trim().is_empty())
}

/// Whether the page's `prefers-color-scheme` will say dark: WebKitGTK decides it from GTK's
/// `gtk-application-prefer-dark-theme`, then a theme name ending in `-dark` (or `:dark` in
/// `GTK_THEME`), and so does this.
#[cfg(target_os = "linux")]
pub fn prefers_dark() -> Option<bool> {
    use gtk::prelude::*;
    let settings = gtk::Settings::default()?;
    let theme = settings.gtk_theme_name().map(|t| t.to_string()).unwrap_or_default();
    let env_theme = std::env::var("GTK_THEME").unwrap_or_default();
    Some(
        settings.is_gtk_application_prefer_dark_theme()
            || ["-dark", "-Dark", ":dark"].iter().any(|s| theme.ends_with(s))
            || env_theme.ends_with(":dark"),
    )
}

#[cfg(not(target_os = "linux"))]
pub fn ui_font() -> Option<String> {
    None
}

#[cfg(not(target_os = "linux"))]
pub fn prefers_dark() -> Option<bool> {
    None
}
