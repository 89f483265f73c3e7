//! Characters that hide or break text: control characters (C0, DEL, C1 with U+0085), the
//! line and paragraph separators, the bidirectional controls and the zero-width / invisible
//! format characters. Names with them read as something else than they are (Trojan-source
//! style), and in a file they can end a comment or a string.
//!
//! Owns the one list and how a refused character is named, and the shell's quoting of a
//! word; each input rule says which fields refuse them (`wizard::spec`, `profiles::model`,
//! the change planners), and each writer escapes them its own way (`carry`, `quickstart`).

use crate::rule::Rule;

/// True for a character that must not appear raw in a name, a description or a file we write.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' // line / paragraph separator
            | '\u{00AD}' // soft hyphen
            | '\u{061C}' // Arabic letter mark
            | '\u{180E}' // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{206F}' // bidi isolates, deprecated format characters
            | '\u{FEFF}' // zero-width no-break space (BOM)
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
        )
}

/// The first hidden character of `s`, named for an admin: `U+202E (a bidi control)`.
pub fn first_hidden(s: &str) -> Option<String> {
    let c = s.chars().find(|&c| is_hidden(c))?;
    let kind = match c {
        '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}' => "a line break",
        '\t' => "a tab",
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "a bidi control",
        c if c.is_control() => "a control character",
        _ => "an invisible character",
    };
    Some(format!("U+{:04X} ({kind})", c as u32))
}

/// The rule for a free-text field (a name, a description): no hidden characters. `what` is
/// the field as the admin knows it ("Application names").
pub fn hidden_problem(what: &str, s: &str) -> Option<(Rule, String)> {
    first_hidden(s).map(|c| {
        (
            Rule::InvalidCharacters,
            format!("{what} cannot contain line breaks, control, bidi or invisible characters; this one has {c}."),
        )
    })
}

/// The escapes our double-quoted strings share (HCL's and YAML's): `\"`, `\\`, `\n`, `\r`,
/// `\t`, and any other hidden character as `\uXXXX`. Writes `c` that way and answers true,
/// or answers false for a character the caller writes (or escapes) itself.
pub fn escape_quoted(out: &mut String, c: char) -> bool {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_hidden(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
        _ => return false,
    }
    true
}

/// `s` as one single-quoted POSIX shell word (`'` written `'\''`): nothing in it is expanded,
/// whatever the tenant put there.
pub fn shell_word(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_named_and_ordinary_text_passes() {
        for ok in ["Orders worker (v2)", "Zürich – Ærø", "日本語", "emoji 🚀", "a\u{00A0}b"] {
            assert_eq!(first_hidden(ok), None, "{ok:?}");
        }
        assert_eq!(first_hidden("a\nb").as_deref(), Some("U+000A (a line break)"));
        assert_eq!(first_hidden("a\u{2028}b").as_deref(), Some("U+2028 (a line break)"));
        assert_eq!(first_hidden("a\u{0085}b").as_deref(), Some("U+0085 (a line break)"));
        assert_eq!(first_hidden("abc\u{202E}cba").as_deref(), Some("U+202E (a bidi control)"));
        assert_eq!(first_hidden("a\u{200B}b").as_deref(), Some("U+200B (an invisible character)"));
        assert_eq!(first_hidden("a\u{7F}").as_deref(), Some("U+007F (a control character)"));
        assert_eq!(shell_word("it's $(x)"), r"'it'\''s $(x)'");
        let (rule, message) = hidden_problem("Application names", "x\u{2066}").unwrap();
        assert_eq!(rule, Rule::InvalidCharacters);
        assert!(message.starts_with("Application names cannot contain") && message.contains("U+2066"), "{message}");
    }
}
