//! The shell against its contract, through Tauri's mock runtime and the real IPC path (ACL
//! included): every command in `commands/list.rs` is registered, granted to the main window
//! by the generated capability, and takes exactly the argument names that the generated
//! wrappers in `ui/src/ipc/commands.ts` send. What the commands do is tested in core and e2e.

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value};
    use tauri::test::MockRuntime;
    use tauri::webview::WebviewWindow;

    use crate::commands::LIST;
    use crate::mock_page::{invoke, window};

    /// `(command, argument names)` as the generated wrappers call them.
    fn wrappers() -> Vec<(String, Vec<String>)> {
        include_str!("../../ui/src/ipc/commands.ts")
            .lines()
            .filter_map(|l| l.trim().strip_prefix("call<"))
            .map(|call| {
                let (_, rest) = call.split_once(">(\"").expect("call<T>(\"name\", { … })");
                let (name, args) = rest.split_once("\", {").expect("an argument object");
                let args = args.trim_end_matches("});").split(',').map(|a| a.split(':').next().unwrap().trim());
                (name.to_string(), args.filter(|a| !a.is_empty()).map(String::from).collect())
            })
            .collect()
    }

    fn camel(snake: &str) -> String {
        let mut parts = snake.split('_');
        let first = parts.next().unwrap_or_default().to_string();
        parts.fold(first, |acc, p| acc + &p[..1].to_uppercase() + &p[1..])
    }

    /// Calls `command` from the app's own origin with every argument `null`: enough to reach
    /// argument parsing, which names a missing key differently from a wrong value.
    fn call(window: &WebviewWindow<MockRuntime>, command: &str, args: &[String]) -> Result<(), String> {
        let body: Map<String, Value> = args.iter().map(|a| (a.clone(), Value::Null)).collect();
        invoke(window, command, Value::Object(body)).map(|_| ()).map_err(|e| e.to_string())
    }

    #[test]
    fn the_generated_wrappers_are_the_command_list() {
        let listed: Vec<(String, Vec<String>)> =
            LIST.iter().map(|(name, args)| (name.to_string(), args.iter().map(|a| camel(a)).collect())).collect();
        assert_eq!(wrappers(), listed, "ui/src/ipc/commands.ts is stale: run `cargo xtask bindings`");
    }

    #[test]
    fn every_command_is_registered_granted_and_takes_the_wrappers_argument_names() {
        let dir = tempfile::tempdir().unwrap();
        let window = window(dir.path());
        for (command, args) in wrappers() {
            if let Err(e) = call(&window, &command, &args) {
                assert!(!e.contains("not allowed"), "{command} is not granted to the window: {e}");
                assert!(!e.contains("not found"), "{command} is not registered: {e}");
                assert!(!e.contains("missing required key"), "{command} takes other argument names: {e}");
                if !args.is_empty() {
                    assert!(e.contains("invalid args"), "{command} refused null arguments by parsing them: {e}");
                }
            }
            // A wrong name is noticed (this is what the check above relies on).
            let misspelt: Vec<String> = args.iter().map(|a| format!("{a}X")).collect();
            if !args.is_empty() {
                let e = call(&window, &command, &misspelt).unwrap_err();
                assert!(e.contains("missing required key"), "{command}: {e}");
            }
        }
    }

    #[test]
    fn a_command_outside_the_list_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = call(&window(dir.path()), "delete_everything", &[]).unwrap_err();
        assert!(e.contains("not found") || e.contains("not allowed"), "{e}");
    }
}
