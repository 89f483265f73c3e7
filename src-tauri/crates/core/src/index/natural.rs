//! Natural order for names: "Service 2" before "Service 10", case ignored. A key that sorts
//! as text in that order, so SQLite's plain ORDER BY does the work.

/// Digits longer than this keep text order among themselves (no name has such numbers).
const WIDTH: usize = 20;

pub fn sort_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if !digits.is_empty() {
            let trimmed = digits.trim_start_matches('0');
            let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
            for _ in trimmed.len()..WIDTH {
                out.push('0');
            }
            out.push_str(trimmed);
            digits.clear();
        }
    };
    for c in name.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.extend(c.to_lowercase());
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    #[test]
    fn numbers_sort_by_value_and_case_is_ignored() {
        let mut names = vec!["Service 10", "service 2", "Service 1001", "Service 1", "Alpha", "service 009"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["Alpha", "Service 1", "service 2", "service 009", "Service 10", "Service 1001"]);
    }
}
