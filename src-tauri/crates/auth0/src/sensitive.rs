//! `Sensitive<T>`: a value that must not be printed (secrets, tokens).

/// Debug/Display are redacted and there is deliberately no `Serialize`, so it cannot reach
/// the webview, a log or a panic message by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The secret itself; call only where it is sent to its one destination.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> std::fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sensitive(<redacted>)")
    }
}

impl<T> std::fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Sensitive<String> {
    fn from(s: String) -> Self {
        Sensitive(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_never_prints_its_value() {
        let s = Sensitive::new("hunter2".to_string());
        assert!(!format!("{s:?}").contains("hunter2"), "Debug leaked the secret");
        assert!(!format!("{s}").contains("hunter2"), "Display leaked the secret");
        assert_eq!(s.expose(), "hunter2");
    }
}
