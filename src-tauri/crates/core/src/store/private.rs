//! The data folder and its files, for this user's eyes only: on Unix the folder is 0700 and
//! the databases 0600 (SQLite gives its `-wal` and `-shm` files the database's mode). The
//! folder holds no secret of a real tenant, but `sandbox.db` holds the Sandbox's client
//! secrets and signing key, and the journal says what was done where.
//!
//! Owns the modes; not where the folder is (the shell's) nor what is in it. Elsewhere the
//! platform's per-user app data folder already keeps other users out.

use std::io;
use std::path::Path;

/// Creates `dir` (and its parents) if missing, and makes it private.
pub fn dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    owner_only(dir)
}

/// Takes every right away from group and others; the owner's stay as they are (a folder
/// the owner made read-only stays read-only, and is reported so).
fn owner_only(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    Ok(())
}

/// Creates `file` empty if missing (an empty file is an empty SQLite database), and makes
/// it private — before SQLite opens it, so it is never readable by others.
pub fn file(file: &Path) -> io::Result<()> {
    if !file.exists() {
        let mut open = std::fs::OpenOptions::new();
        open.create_new(true).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
        open.open(file)?;
    }
    owner_only(file)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &std::path::Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_folder_and_file_are_the_owners_and_old_ones_are_made_so() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        super::dir(&dir).unwrap();
        super::file(&dir.join("a.db")).unwrap();
        assert_eq!((mode(&dir), mode(&dir.join("a.db"))), (0o700, 0o600));

        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(dir.join("b.db"), b"x").unwrap();
        std::fs::set_permissions(dir.join("b.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
        super::dir(&dir).unwrap();
        super::file(&dir.join("b.db")).unwrap();
        assert_eq!((mode(&dir), mode(&dir.join("b.db"))), (0o700, 0o600));
        assert_eq!(std::fs::read(dir.join("b.db")).unwrap(), b"x", "an existing file is left as it is");

        std::fs::set_permissions(dir.join("b.db"), std::fs::Permissions::from_mode(0o444)).unwrap();
        super::file(&dir.join("b.db")).unwrap();
        assert_eq!(mode(&dir.join("b.db")), 0o400, "the owner's read-only stays read-only");
    }
}
