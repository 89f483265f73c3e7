//! `Debug` for the few types that must hold a secret in plain text because it goes to the
//! page once a person asked (a profile's pasted secret, a rotated secret, a test token):
//! every field printed, the secret ones as `<redacted>`, so a `{:?}` in a log, a panic
//! message or a test failure never shows one. (`Sensitive<T>` is for secrets that never
//! leave Rust; these are plain `String`s because they are serialized to the page.)

use std::fmt;

/// Prints `<redacted>` for a secret that is there, and what an absent one is.
pub struct Redacted<'a, T: ?Sized>(pub &'a T);

impl fmt::Debug for Redacted<'_, String> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for Redacted<'_, Option<String>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some(<redacted>)"),
            None => f.write_str("None"),
        }
    }
}

/// `debug_redacted!(Type { plain, fields; secret fields })`: the whole struct is destructured,
/// so a field added later and not listed here fails to compile instead of going unprinted
/// — or printed in clear.
#[macro_export]
macro_rules! debug_redacted {
    ($ty:ident { $($field:ident),* ; $($secret:ident),+ }) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let $ty { $($field,)* $($secret,)+ } = self;
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), $field))*
                    $(.field(stringify!($secret), &$crate::redact::Redacted($secret)))+
                    .finish()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::change::set::RotatedSecret;
    use crate::profiles::ProfileInput;

    #[test]
    fn secret_holding_types_print_everything_but_the_secret() {
        let input = ProfileInput {
            name: "Acme".into(),
            client_id: "abc".into(),
            client_secret: Some("s3cr3t-pasted".into()),
            ..Default::default()
        };
        let printed = format!("{input:?}");
        assert!(printed.contains("Acme") && printed.contains("Some(<redacted>)"), "{printed}");
        assert!(!printed.contains("s3cr3t"), "{printed}");
        assert!(format!("{:?}", ProfileInput::default()).contains("client_secret: None"));

        let rotated = RotatedSecret {
            client_id: "abc".into(),
            client_secret: "n3w-s3cr3t".into(),
            proof: None,
            verdict: "verified".into(),
            verified: true,
            env_var: "CLIENT_SECRET".into(),
            export_line: "export CLIENT_SECRET='n3w-s3cr3t'".into(),
        };
        let printed = format!("{rotated:#?}");
        assert!(printed.contains("verified") && printed.contains("<redacted>"), "{printed}");
        assert!(!printed.contains("n3w-s3cr3t"), "{printed}");
    }
}
