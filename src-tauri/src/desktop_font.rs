//! The desktop's UI font family, read once from GTK's settings (Linux), for `app_info`: the
//! window names it instead of `system-ui` (see `AppInfo::ui_font` for why). Owns the reading
//! only; macOS and Windows keep `system-ui`, which their webviews resolve cheaply.

/// GTK's `gtk-font-name` ("Cantarell 11") without its size; `None` when unset or not Linux.
/// Must run on GTK's main thread after GTK started (Tauri's `setup`).
#[cfg(target_os = "linux")]
pub fn read() -> Option<String> {
    use gtk::prelude::*;
    let name = gtk::Settings::default()?.gtk_font_name()?;
    let family = gtk::pango::FontDescription::from_string(&name).family()?;
    Some(family.to_string()).filter(|f| !f.trim().is_empty())
}

#[cfg(not(target_os = "linux"))]
pub fn read() -> Option<String> {
    None
}
