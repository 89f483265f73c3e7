use super::migrate::latest;
use super::*;

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn fresh_data_dir_gets_a_migrated_wal_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nested")).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest(MIGRATIONS));
    assert_eq!(store.path().unwrap(), dir.path().join("nested").join(DB_FILE_NAME));
    let mode: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[cfg(unix)]
#[test]
fn the_folder_and_every_database_file_are_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = Store::open(&data).unwrap();
    store.conn().execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", []).unwrap();
    let mode = |name: &str| std::fs::metadata(data.join(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(std::fs::metadata(&data).unwrap().permissions().mode() & 0o777, 0o700);
    for file in [DB_FILE_NAME, "grantsmith.db-wal", "grantsmith.db-shm"] {
        assert_eq!(mode(file), 0o600, "{file}");
    }
}

#[test]
fn reopening_keeps_data_and_does_not_rerun_migrations() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        store.conn().execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", []).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let v: String = store.conn().query_row("SELECT value FROM settings WHERE key = 'k'", [], |r| r.get(0)).unwrap();
    assert_eq!(v, "v");
}

#[test]
fn garbage_file_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    let garbage = b"this is not sqlite at all, just some text that happens to be here....".repeat(100);
    std::fs::write(&path, &garbage).unwrap();

    let err = Store::open(dir.path()).err().expect("a damaged file must not open");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "got {err:?}");
    assert!(err.to_string().contains("left untouched"), "message: {err}");
    assert_eq!(bytes(&path), garbage, "the damaged file must not be modified");
}

#[test]
fn database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    }
    let before = bytes(&path);

    let err = Store::open(dir.path()).err().expect("a newer schema must not open");
    match &err {
        StoreError::TooNew { found, known, .. } => {
            assert_eq!(*found, 99);
            assert_eq!(*known, latest(MIGRATIONS));
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(err.to_string().contains("newer Grantsmith"), "message: {err}");
    assert_eq!(bytes(&path), before, "the newer file must not be modified");
}

#[test]
fn failing_migration_rolls_back_the_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = &MIGRATIONS[..1];
    Store::open_with(dir.path(), v1)
        .unwrap()
        .conn()
        .execute("INSERT INTO settings (key, value) VALUES ('kept', 'yes')", [])
        .unwrap();

    let broken = [
        Migration { version: 1, name: "settings", sql: MIGRATIONS[0].sql },
        Migration { version: 2, name: "good", sql: "CREATE TABLE two (x INTEGER);" },
        Migration { version: 3, name: "broken", sql: "CREATE TABLE oops (" },
    ];
    let err = Store::open_with(dir.path(), &broken).err().expect("broken migration must fail");
    match &err {
        StoreError::Migration { version, name, .. } => assert_eq!((*version, *name), (3, "broken")),
        other => panic!("expected Migration error, got {other:?}"),
    }
    assert!(err.to_string().contains("left as it was"), "message: {err}");

    let store = Store::open_with(dir.path(), v1).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1, "version must stay at 1");
    let two: i64 =
        store.conn().query_row("SELECT count(*) FROM sqlite_master WHERE name = 'two'", [], |r| r.get(0)).unwrap();
    assert_eq!(two, 0, "migration 2 ran in the same failed run and must be rolled back");
    let kept: String =
        store.conn().query_row("SELECT value FROM settings WHERE key = 'kept'", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, "yes");
}

#[test]
fn in_memory_store_is_fully_migrated() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.schema_version().unwrap(), latest(MIGRATIONS));
    assert!(store.path().is_none());
}

/// Makes `dir` refuse writes for the test's length, even for root (which ignores mode
/// bits): the immutable attribute where the file system has it.
struct ReadOnlyDir<'a>(&'a Path);

impl<'a> ReadOnlyDir<'a> {
    fn new(dir: &'a Path) -> Option<Self> {
        let ok = std::process::Command::new("chattr").arg("+i").arg(dir).status().is_ok_and(|s| s.success());
        ok.then_some(ReadOnlyDir(dir))
    }
}

impl Drop for ReadOnlyDir<'_> {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr").arg("-i").arg(self.0).status();
    }
}

#[test]
fn a_read_only_data_folder_is_named_and_its_database_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    // Closing folded the WAL back into the file: the file alone is the database now.
    let db = dir.path().join(DB_FILE_NAME);
    let before = bytes(&db);
    let Some(_locked) = ReadOnlyDir::new(dir.path()) else {
        panic!("chattr +i is not available on this file system; the read-only case cannot be shown here");
    };
    let e = Store::open(dir.path()).err().expect("a read-only folder is refused");
    assert!(matches!(e, StoreError::ReadOnly { .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.contains("cannot be written to") && text.contains(&*dir.path().to_string_lossy()), "{text}");
    assert_eq!(bytes(&db), before, "the database was not touched");
}

/// An index built before version 8 kept its search haystack as typed; the upgrade folds it,
/// so the instr() search still finds its applications whatever the case of either side.
#[test]
fn upgrading_folds_the_search_haystack_of_an_existing_index() {
    let dir = tempfile::tempdir().unwrap();
    let before = Store::open_with(dir.path(), &MIGRATIONS[..7]).unwrap();
    before
        .conn()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO index_apps (profile_id, client_id, name, sort_key, description, app_type, grant_types, haystack)
             VALUES ('p', 'AbC123', 'Orders Worker', 'orders worker', '', 'non_interactive', '[]',
                     'Orders Worker' || char(10) || 'AbC123' || char(10) || '');",
        )
        .unwrap();
    drop(before);
    let store = Store::open(dir.path()).unwrap();
    for search in ["orders WORKER", "aBc1"] {
        let found = crate::index::applications(&store, "p", search, None, 0, 10).unwrap();
        assert_eq!(found.rows.iter().map(|a| a.client_id.as_str()).collect::<Vec<_>>(), ["AbC123"], "{search}");
    }
}
