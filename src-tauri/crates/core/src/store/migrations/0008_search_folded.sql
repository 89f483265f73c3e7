-- Applications are searched with instr() on a haystack folded to lower case (ASCII, as
-- SQLite's lower() folds without ICU) instead of a case-insensitive LIKE: the same matches,
-- found several times faster (`cargo xtask bench`, tenant index searches).
UPDATE index_apps SET haystack = lower(haystack);
