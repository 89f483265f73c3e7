//! The webview's boundaries, asserted: the CSP that `tauri.conf.json` ships and the one
//! capability the window gets. Why each rule is there: `SECURITY.md`.

#[cfg(test)]
mod tests {
    use serde_json::Value;

    fn json(text: &str) -> Value {
        serde_json::from_str(text).expect("valid JSON")
    }

    #[test]
    fn the_csp_allows_only_our_own_assets_and_tauris_ipc() {
        let conf = json(include_str!("../tauri.conf.json"));
        let csp = &conf["app"]["security"]["csp"];
        let want = [
            ("default-src", "'self'"),
            ("script-src", "'self'"),
            ("connect-src", "ipc: http://ipc.localhost"),
            ("object-src", "'none'"),
            ("base-uri", "'none'"),
            ("form-action", "'none'"),
            ("frame-src", "'none'"),
        ];
        for (directive, value) in want {
            assert_eq!(csp[directive], value, "{directive}");
        }
        let all = csp.as_object().unwrap().values().map(|v| v.as_str().unwrap_or_default()).collect::<Vec<_>>();
        let loose = |v: &&str| {
            v.contains("unsafe-eval") || v.contains('*') || (v.contains("http:") && !v.contains("ipc.localhost"))
        };
        assert!(!all.iter().any(loose), "no eval, wildcards or other http origins: {all:?}");
        assert_eq!(conf["app"]["withGlobalTauri"], Value::Bool(false), "no window.__TAURI__ for injected scripts");
        assert_eq!(conf["app"]["security"]["freezePrototype"], Value::Bool(true));
    }

    #[test]
    fn the_window_gets_our_commands_clipboard_writes_and_zoom_nothing_else() {
        let cap = json(include_str!("../capabilities/main.json"));
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        let permissions: Vec<&str> =
            cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        for p in &permissions {
            assert!(
                ["clipboard-manager:allow-write-text", "core:webview:allow-set-webview-zoom"].contains(p)
                    || p.starts_with("allow-"),
                "unexpected permission {p}: plugins (fs, shell, http, …) and Tauri's core defaults (tray, menu, \
                 image, path, event, window) stay out of the webview"
            );
        }
    }
}
