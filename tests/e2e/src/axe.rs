//! Accessibility audits of the real window with axe-core (the npm package `cargo xtask`
//! installs into `ui/node_modules`), injected through WebDriver.
//!
//! What fails: every violation of a WCAG 2.0/2.1 A or AA rule, and any other violation of
//! impact serious or critical. Each is reported with its rule, help text and elements.

use std::path::Path;

use crate::Session;

const TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

fn source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core is missing at {} ({e}): run `cargo xtask setup`", path.display()))
}

impl Session {
    /// Audits the page as it is now under `name`, with a screenshot `a11y-<name>`; returns
    /// the violations, each prefixed with `name`.
    pub async fn audit(&self, name: &str) -> Vec<String> {
        self.settle().await;
        self.screenshot(&format!("a11y-{name}")).await;
        self.axe_violations().await.into_iter().map(|v| format!("[{name}] {v}")).collect()
    }

    /// Switches the colour scheme with the header's toggle and waits until it applies.
    pub async fn set_scheme(&self, scheme: &str) {
        self.click(&format!("theme-{scheme}")).await;
        self.wait_until(
            "the scheme is applied",
            &format!("return document.documentElement.getAttribute('data-mantine-color-scheme') === '{scheme}'"),
        )
        .await;
    }

    /// The violations on the page as it is now, one line each (empty: none).
    pub async fn axe_violations(&self) -> Vec<String> {
        if self.eval("return typeof window.axe === 'object'").await != serde_json::Value::Bool(true) {
            self.eval(&format!("{}\nreturn true;", source())).await;
        }
        let script = format!(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {{ runOnly: {{ type: 'tag', values: {} }}, resultTypes: ['violations'] }})
               .then(r => done(r.violations.map(v => ({{
                 id: v.id, impact: v.impact, help: v.help, tags: v.tags,
                 nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
               }}))))
               .catch(e => done([{{ id: 'axe-error', impact: 'critical', help: String(e), tags: [], nodes: [] }}]));",
            serde_json::to_string(TAGS).unwrap()
        );
        let found = self.client.execute_async(&script, vec![]).await.unwrap_or_else(|e| panic!("axe.run failed: {e}"));
        found
            .as_array()
            .expect("axe's violations")
            .iter()
            .filter(|v| {
                let wcag = v["tags"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t.as_str().is_some_and(|t| t.starts_with("wcag2"))));
                wcag || matches!(v["impact"].as_str(), Some("serious" | "critical"))
            })
            .map(|v| {
                let nodes: Vec<String> = v["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .take(5)
                    .map(|n| format!("    {}", n.as_str().unwrap_or_default()))
                    .collect();
                format!(
                    "{} ({}): {}\n{}",
                    v["id"].as_str().unwrap_or("?"),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or(""),
                    nodes.join("\n")
                )
            })
            .collect()
    }
}
