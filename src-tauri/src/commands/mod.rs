//! Tauri commands, one module per domain. Each is a thin adapter: take state and a DTO,
//! call grantsmith-core, return its result or an `IpcError`.

pub mod app;
pub mod apps;
pub mod carry;
pub mod changes;
pub mod clipboard;
pub mod index;
pub mod journal;
pub mod profiles;
pub mod settings;
pub mod token;
pub mod wizard;

/// The handler and the names, made from the one list (`list.rs`).
macro_rules! commands {
    ($($module:ident :: $name:ident ($($arg:ident : $ty:ty),*) $(streams $s:ident)? -> $ret:ty;)*) => {
        /// Every command, registered with Tauri.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        /// Each command's name and the arguments the webview sends (camelCased by Tauri),
        /// `onUpdate` included when it streams progress.
        #[cfg(test)]
        pub const LIST: &[(&str, &[&str])] =
            &[$((stringify!($name), &[$(stringify!($arg),)* $(streams!($s))?])),*];
    };
}
#[cfg(test)]
macro_rules! streams {
    ($s:ident) => {
        "on_update"
    };
}
include!("list.rs");
