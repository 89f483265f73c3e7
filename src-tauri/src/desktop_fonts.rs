//! How the desktop draws its UI font (Linux): which weight of face fontconfig draws semibold
//! text of the family with (see `DesktopFonts` for why the window wants it). Asked of
//! fontconfig as WebKit asks it, so the answer is the face WebKit would draw with.
//!
//! Deliberately not here: reading the family (`desktop::ui_font`, GTK's setting), choosing
//! fonts (the desktop's settings and fontconfig do), and macOS and Windows, whose webviews
//! resolve `system-ui` cheaply.

use grantsmith_core::app_info::DesktopFonts;

/// fontconfig's semibold (`FC_WEIGHT_DEMIBOLD`), CSS's 600.
const SEMIBOLD: (f64, u16) = (180.0, 600);

/// `family`, and the weight to ask for its semibold text.
pub fn resolve(family: String) -> DesktopFonts {
    let drawn = fontconfig::drawn_weight(&family, SEMIBOLD.0);
    DesktopFonts { family, semibold: drawn.map_or(SEMIBOLD.1, |drawn| semibold_weight(SEMIBOLD.1, drawn)) }
}

/// The weight to ask for `asked` when fontconfig draws it with a face of weight `drawn`: that
/// face's own weight when it is bolder (the same face, one font fewer); `asked` otherwise —
/// a lighter face is emboldened by WebKit for the weight asked, and must stay asked so.
fn semibold_weight(asked: u16, drawn: u16) -> u16 {
    drawn.max(asked)
}

/// fontconfig's weights against CSS's, the table fontconfig's own `FcWeightToOpenType` uses.
const WEIGHTS: [(f64, f64); 12] = [
    (0.0, 100.0),
    (40.0, 200.0),
    (50.0, 300.0),
    (55.0, 350.0),
    (75.0, 380.0),
    (80.0, 400.0),
    (100.0, 500.0),
    (180.0, 600.0),
    (200.0, 700.0),
    (205.0, 800.0),
    (210.0, 900.0),
    (215.0, 1000.0),
];

/// A fontconfig weight in CSS's terms; between two rows of the table, a straight line.
fn css_weight(fontconfig: f64) -> u16 {
    let (first, last) = (WEIGHTS[0], WEIGHTS[WEIGHTS.len() - 1]);
    let value = fontconfig.clamp(first.0, last.0);
    let css = WEIGHTS
        .windows(2)
        .find(|pair| value <= pair[1].0)
        .map_or(last.1, |pair| pair[0].1 + (value - pair[0].0) * (pair[1].1 - pair[0].1) / (pair[1].0 - pair[0].0));
    css.round() as u16
}

#[cfg(target_os = "linux")]
mod fontconfig {
    //! The few fontconfig calls `drawn_weight` needs, through the system's libfontconfig
    //! (GTK and WebKit load it anyway). Both patterns are destroyed on every path.

    use std::ffi::CString;

    use fontconfig_sys::constants::{FC_FAMILY, FC_WEIGHT};
    use fontconfig_sys::*;

    struct Pattern(*mut FcPattern);

    impl Drop for Pattern {
        fn drop(&mut self) {
            if !self.0.is_null() {
                // SAFETY: created by fontconfig, destroyed once, here.
                unsafe { FcPatternDestroy(self.0) }
            }
        }
    }

    /// The CSS weight of the face fontconfig draws `family` with at its own `weight`.
    pub(super) fn drawn_weight(family: &str, weight: f64) -> Option<u16> {
        let family = CString::new(family).ok()?;
        // SAFETY: a fresh pattern owned by `Pattern`, fontconfig's default configuration
        // (null), and a double read out of the matched pattern while it lives.
        unsafe {
            let request = Pattern(FcPatternCreate());
            if request.0.is_null() {
                return None;
            }
            FcPatternAddString(request.0, FC_FAMILY.as_ptr(), family.as_ptr() as *const FcChar8);
            FcPatternAddDouble(request.0, FC_WEIGHT.as_ptr(), weight);
            FcConfigSubstitute(std::ptr::null_mut(), request.0, FcMatchPattern);
            FcDefaultSubstitute(request.0);
            let mut result: FcResult = FcResultMatch;
            let matched = Pattern(FcFontMatch(std::ptr::null_mut(), request.0, &mut result));
            let mut drawn = 0.0;
            let found = !matched.0.is_null()
                && FcPatternGetDouble(matched.0, FC_WEIGHT.as_ptr(), 0, &mut drawn) == FcResultMatch;
            found.then(|| super::css_weight(drawn))
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod fontconfig {
    pub(super) fn drawn_weight(_: &str, _: f64) -> Option<u16> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_convert_as_fontconfig_does() {
        for (fc, css) in [(80.0, 400), (100.0, 500), (180.0, 600), (200.0, 700), (0.0, 100), (215.0, 1000)] {
            assert_eq!(css_weight(fc), css, "fontconfig {fc}");
        }
        assert_eq!(css_weight(90.0), 450, "between two rows, a straight line");
        assert_eq!(css_weight(-5.0), 100, "below the table: its first row");
        assert_eq!(css_weight(250.0), 1000, "above the table: its last row");
    }

    #[test]
    fn semibold_is_asked_as_the_bolder_face_that_draws_it_never_as_a_lighter_one() {
        assert_eq!(semibold_weight(600, 700), 700, "regular and bold only: the bold face");
        assert_eq!(semibold_weight(600, 600), 600, "a semibold face: itself");
        assert_eq!(semibold_weight(600, 400), 600, "regular only: WebKit emboldens the weight asked");
    }

    /// On this machine's fonts (Debian's DejaVu, Noto): fontconfig draws the desktop's
    /// default family's semibold with its bold face, and an unknown family with its fallback's.
    #[cfg(target_os = "linux")]
    #[test]
    fn fontconfig_answers_the_weight_it_draws_with() {
        assert_eq!(fontconfig::drawn_weight("DejaVu Sans", 80.0), Some(400));
        assert_eq!(
            fontconfig::drawn_weight("DejaVu Sans", SEMIBOLD.0),
            Some(700),
            "DejaVu Sans has Book and Bold only"
        );
        assert_eq!(resolve("DejaVu Sans".into()), DesktopFonts { family: "DejaVu Sans".into(), semibold: 700 });
        assert!(fontconfig::drawn_weight("No Such Family 7f3a", 80.0).is_some(), "fontconfig always falls back");
        assert_eq!(fontconfig::drawn_weight("bad\0name", 80.0), None);
    }
}
