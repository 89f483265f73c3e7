//! Names for generated code: a Terraform resource label from a display name.

/// `Orders worker (v2)` → `orders_worker_v2`: lower-case letters, digits and single
/// underscores, starting with a letter (Terraform's identifier rule), `fallback` when
/// nothing of the name is left.
pub fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    match out.chars().next() {
        None => fallback.to_string(),
        Some(c) if c.is_ascii_digit() => format!("{fallback}_{out}"),
        Some(_) => out,
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn labels_are_terraform_identifiers() {
        assert_eq!(slug("Orders worker (v2)", "app"), "orders_worker_v2");
        assert_eq!(slug("  --Ärger--  ", "app"), "rger");
        assert_eq!(slug("2024 reports", "api"), "api_2024_reports");
        assert_eq!(slug("日本", "app"), "app");
    }
}
