//! What the `.deb` and `.rpm` hold, checked before the `.deb` is installed: the same files
//! in both (the binary, one desktop entry, its icon), a desktop entry that
//! `desktop-file-validate` accepts and whose `Exec` and `Icon` name what the package
//! installs, and WebKitGTK and GTK among what each package requires.
//!
//! Owns reading the two packages with their own tools (`dpkg-deb`, `rpm`); not building them
//! (`release::bundle`) and not starting what they install (`release::check`).

use std::collections::BTreeSet;
use std::path::Path;

use crate::cmd;

/// The tools this check reads packages with, installed by `release-check` only.
pub const TOOLS: &[&str] = &["rpm", "desktop-file-utils"];

/// What each package must require: the libraries the binary cannot start without.
const DEB_REQUIRES: &[&str] = &["libwebkit2gtk-4.1-0", "libgtk-3-0"];
const RPM_REQUIRES: &[&str] = &["libwebkit2gtk-4.1.so.0()(64bit)", "libgtk-3.so.0()(64bit)"];

pub fn check(deb: &Path, rpm: &Path, binary_name: &str) -> crate::Result {
    let deb_files = files_of_dpkg_listing(&output("dpkg-deb", &["-c"], deb)?);
    let rpm_files: BTreeSet<String> =
        output("rpm", &["-qpl"], rpm)?.lines().map(|l| l.trim_start_matches('/').to_string()).collect();
    if deb_files != rpm_files {
        return Err(format!("the .deb and the .rpm hold different files:\n  deb {deb_files:?}\n  rpm {rpm_files:?}"));
    }
    let binary = format!("usr/bin/{binary_name}");
    if !deb_files.contains(&binary) {
        return Err(format!("the packages do not install {binary}: {deb_files:?}"));
    }
    let entries: Vec<&String> =
        deb_files.iter().filter(|f| f.starts_with("usr/share/applications/") && f.ends_with(".desktop")).collect();
    let [entry] = entries.as_slice() else {
        return Err(format!("expected one desktop entry, found {entries:?}"));
    };

    // The entry as the .deb unpacks it, for the validator and its Exec and Icon keys.
    let unpacked = std::env::temp_dir().join(format!("grantsmith-package-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&unpacked);
    let mut x = cmd::new("dpkg-deb");
    x.arg("-x").arg(deb).arg(&unpacked);
    cmd::run(x)?;
    let entry_path = unpacked.join(entry);
    // It prints errors and warnings on stdout, and exits 1 only for errors: both fail here.
    let validated = cmd::new("desktop-file-validate").arg("--no-hints").arg(&entry_path).output();
    let text = std::fs::read_to_string(&entry_path).map_err(|e| format!("reading {}: {e}", entry_path.display()));
    let _ = std::fs::remove_dir_all(&unpacked);
    let validated = validated.map_err(|e| format!("could not start desktop-file-validate: {e}"))?;
    let said = String::from_utf8_lossy(&validated.stdout).trim().to_string();
    if !validated.status.success() || !said.is_empty() {
        return Err(format!("desktop-file-validate rejects {entry} ({}):\n{said}", validated.status));
    }
    entry_names_what_is_installed(&text?, binary_name, &deb_files)?;

    let mut f = cmd::new("dpkg-deb");
    f.arg("-f").arg(deb).arg("Depends");
    requires_all("the .deb", &depends_of(&cmd::output(f)?), DEB_REQUIRES)?;
    let rpm_requires: BTreeSet<String> =
        output("rpm", &["-qp", "--requires"], rpm)?.lines().map(str::to_string).collect();
    requires_all("the .rpm", &rpm_requires, RPM_REQUIRES)
}

/// `program args… package`, which must succeed.
fn output(program: &str, args: &[&str], package: &Path) -> crate::Result<String> {
    let mut c = cmd::new(program);
    c.args(args).arg(package);
    cmd::output(c)
}

/// The regular files of a `dpkg-deb -c` listing (`-rw-r--r-- 0/0 908 2026-11-29 11:28 ./usr/…`),
/// without their leading `./`.
fn files_of_dpkg_listing(listing: &str) -> BTreeSet<String> {
    listing
        .lines()
        .filter(|l| l.starts_with('-'))
        .filter_map(|l| l.split_whitespace().nth(5))
        .map(|p| p.trim_start_matches("./").to_string())
        .collect()
}

/// A `Depends:` value (`a, b (>= 1), c | d`) as package names.
fn depends_of(field: &str) -> BTreeSet<String> {
    field.split([',', '|']).filter_map(|d| d.split_whitespace().next()).map(str::to_string).collect()
}

fn requires_all(package: &str, has: &BTreeSet<String>, needed: &[&str]) -> crate::Result {
    let missing: Vec<&&str> = needed.iter().filter(|n| !has.contains(**n)).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("{package} does not require {missing:?} (it requires {has:?})"))
    }
}

/// The entry starts the installed binary and names an icon the package installs.
fn entry_names_what_is_installed(entry: &str, binary_name: &str, files: &BTreeSet<String>) -> crate::Result {
    let key = |name: &str| {
        entry.lines().find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix('='))).map(str::trim)
    };
    let exec = key("Exec").and_then(|e| e.split_whitespace().next());
    if exec != Some(binary_name) && exec != Some(&format!("/usr/bin/{binary_name}")) {
        return Err(format!("the desktop entry's Exec is {exec:?}, not the installed {binary_name}"));
    }
    let icon = key("Icon").ok_or("the desktop entry names no Icon")?;
    let icons: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("usr/share/icons/hicolor/") && f.ends_with(&format!("/apps/{icon}.png")))
        .collect();
    if icons.is_empty() {
        return Err(format!("the desktop entry's Icon {icon:?} is not among the packaged icons: {files:?}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTING: &str = "\
drwxr-xr-x 0/0               0 2026-11-29 11:28 ./usr/share/icons/hicolor/32x32/apps/
-rw-r--r-- 0/0             908 2026-11-29 11:28 ./usr/share/icons/hicolor/32x32/apps/grantsmith.png
-rw-r--r-- 0/0             193 2026-11-29 11:28 ./usr/share/applications/Grantsmith.desktop
-rwxr-xr-x 0/0        14320056 2026-11-29 11:28 ./usr/bin/grantsmith
";

    #[test]
    fn a_dpkg_listing_reads_as_its_regular_files() {
        let files = files_of_dpkg_listing(LISTING);
        let expected = [
            "usr/bin/grantsmith",
            "usr/share/applications/Grantsmith.desktop",
            "usr/share/icons/hicolor/32x32/apps/grantsmith.png",
        ];
        assert_eq!(files, expected.map(String::from).into());
    }

    #[test]
    fn depends_are_package_names_without_versions_or_alternatives() {
        let names = depends_of("libdbus-1-3, libwebkit2gtk-4.1-0 (>= 2.40), libgtk-3-0 | libgtk-4-1\n");
        assert_eq!(names, ["libdbus-1-3", "libgtk-3-0", "libgtk-4-1", "libwebkit2gtk-4.1-0"].map(String::from).into());
        assert!(requires_all("the .deb", &names, DEB_REQUIRES).is_ok());
        let err = requires_all("the .deb", &depends_of("libdbus-1-3"), DEB_REQUIRES).unwrap_err();
        assert!(err.contains("libwebkit2gtk-4.1-0"), "{err}");
    }

    #[test]
    fn the_entry_must_start_the_binary_and_name_a_packaged_icon() {
        let files = files_of_dpkg_listing(LISTING);
        let entry = "[Desktop Entry]\nExec=grantsmith\nIcon=grantsmith\nName=Grantsmith\n";
        assert!(entry_names_what_is_installed(entry, "grantsmith", &files).is_ok());
        let other_exec = entry.replace("Exec=grantsmith", "Exec=something-else %U");
        assert!(entry_names_what_is_installed(&other_exec, "grantsmith", &files).unwrap_err().contains("Exec"));
        let other_icon = entry.replace("Icon=grantsmith", "Icon=grantsmith-app");
        assert!(entry_names_what_is_installed(&other_icon, "grantsmith", &files).unwrap_err().contains("Icon"));
    }
}
