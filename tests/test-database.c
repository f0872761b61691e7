// SPDX-License-Identifier: GPL-3.0-or-later
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "kk-database.h"
#include "kk-store.h"
#include "kk-test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = kk_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "sub", "dir", "kravkoll.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  kk_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);
  g_autofree char *version = NULL, *fk = NULL, *mode = NULL, *check = NULL, *tables = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (kk_database_get_schema_version (db), ==, KK_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (kk_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_clear_object (&db);

  /* Read back with the sqlite3 tool, not our own code. */
  version = kk_test_sqlite3 (f->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "1");
  mode = kk_test_sqlite3 (f->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  check = kk_test_sqlite3 (f->path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  tables = kk_test_sqlite3 (f->path, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'requirement_fts%' ORDER BY name)");
  g_assert_cmpstr (tables, ==, "answer area assessment audit_log catalog_version category procurement procurement_requirement requirement requirement_category supplier");
}

static void
test_reopen_keeps_data (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);
  g_autoptr(KkSupplier) s = NULL;

  g_assert_no_error (error);
  s = kk_store_add_supplier (db, "Bevakning AB", "556012-5790", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  db = kk_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kk_test_query_int (db, "SELECT count(*) FROM supplier"), ==, 1);
  /* No backup for a database that needed no migration. */
  {
    g_autofree char *bak = g_strdup_printf ("%s.v1.bak", f->path);
    g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  }
}

static void
test_refuse_newer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  g_clear_object (&db);
  g_free (kk_test_sqlite3 (f->path, "PRAGMA user_version = 99"));

  db = kk_database_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "99"));
  out = kk_test_sqlite3 (f->path, "PRAGMA user_version");
  g_assert_cmpstr (out, ==, "99");
}

static void
test_migration_from_empty_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (f->path, "", 0, &error);
  g_assert_no_error (error);
  db = kk_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kk_test_query_int (db, "PRAGMA user_version"), ==, KK_DATABASE_SCHEMA_VERSION);
}

static void
test_not_a_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *content = NULL;
  const char *junk = "This is a text file, not a database. It is long enough to have a header.\n"
                     "0123456789012345678901234567890123456789012345678901234567890123456789\n";

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (f->path, junk, -1, &error);
  g_assert_no_error (error);
  db = kk_database_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, f->path));
  /* Nothing was written to the file. */
  g_file_get_contents (f->path, &content, NULL, NULL);
  g_assert_cmpstr (content, ==, junk);
}

static void
test_foreign_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_false (kk_database_exec (db, "INSERT INTO assessment (procurement, supplier) VALUES (42, 43)", &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpint (kk_test_query_int (db, "SELECT count(*) FROM assessment"), ==, 0);
}

static gboolean
add_then_fail (KkDatabase *db, gpointer user_data, GError **error)
{
  if (!kk_database_exec (db, "INSERT INTO supplier (name, org_number, created) VALUES ('X', '556012-5790', 'now')", error) ||
      !kk_database_audit (db, "supplier.add", "supplier", kk_database_last_insert_id (db), 0, "{}", error))
    return FALSE;
  /* Duplicate org number: the whole transaction must go. */
  return kk_database_exec (db, "INSERT INTO supplier (name, org_number, created) VALUES ('Y', '556012-5790', 'now')", error);
}

static gboolean
add_with_audit (KkDatabase *db, gpointer user_data, GError **error)
{
  return kk_database_exec (db, "INSERT INTO supplier (name, org_number, created) VALUES ('X', '556012-5790', 'now')", error) &&
         kk_database_audit (db, "supplier.add", "supplier", kk_database_last_insert_id (db), 0, "{\"name\":\"X\"}", error);
}

static void
test_rollback_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_false (kk_database_transaction (db, add_then_fail, NULL, &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT);
  g_assert_false (kk_database_in_transaction (db));
  g_clear_object (&db);
  {
    g_autofree char *n = kk_test_sqlite3 (f->path, "SELECT (SELECT count(*) FROM supplier) || '/' || (SELECT count(*) FROM audit_log)");
    g_assert_cmpstr (n, ==, "0/0");
  }
}

static void
test_audit_in_same_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);
  g_autofree char *row = NULL;

  g_assert_no_error (error);
  /* Outside a transaction the audit is refused. */
  g_assert_false (kk_database_audit (db, "x", "y", 1, 0, "{}", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (kk_database_transaction (db, add_with_audit, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  row = kk_test_sqlite3 (f->path, "SELECT a.actor || '|' || a.action || '|' || a.entity || '|' || (a.entity_id = s.id) FROM audit_log a, supplier s");
  g_assert_cmpstr (row, ==, "Test Officer|supplier.add|supplier|1");
}

static void
test_audit_append_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);

  g_assert_true (kk_database_transaction (db, add_with_audit, NULL, &error));
  g_assert_false (kk_database_exec (db, "UPDATE audit_log SET actor = 'someone else'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (kk_database_exec (db, "DELETE FROM audit_log", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (kk_test_query_int (db, "SELECT count(*) FROM audit_log WHERE actor = 'Test Officer'"), ==, 1);
}

static void
test_nested_savepoint (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);

  g_assert_true (kk_database_begin (db, &error));
  g_assert_true (kk_database_exec (db, "INSERT INTO supplier (name, org_number, created) VALUES ('A', '556012-5790', 'now')", &error));
  g_assert_true (kk_database_begin (db, &error));
  g_assert_true (kk_database_exec (db, "INSERT INTO supplier (name, org_number, created) VALUES ('B', '556703-7485', 'now')", &error));
  kk_database_rollback (db);   /* inner only */
  g_assert_true (kk_database_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kk_test_query_int (db, "SELECT count(*) FROM supplier"), ==, 1);
}

static void
test_fts_diacritics (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);

  g_assert_true (kk_database_exec (db,
    "INSERT INTO catalog_version (name, version, published, imported_at) VALUES ('t', '1', '2026-01-01', 'now');"
    "INSERT INTO area (code, perspective, name_sv, name_en) VALUES ('LEV-IS', 'supplier', 'Informationssäkerhet', 'Information security');"
    "INSERT INTO requirement (catalog_version, code, perspective, area, title_sv, title_en, text_sv, text_en, obligation, kind, level, verification_sv, verification_en, motive_sv, motive_en)"
    " VALUES (1, 'LEV-IS-01', 'supplier', 'LEV-IS', 'Ledningssystem för informationssäkerhet', 'Information security management', 'Leverantören ska…', 'The supplier shall…', 'shall', 'qualification', 'basic', 'v', 'v', 'm', 'm');",
    &error));
  g_assert_no_error (error);
  g_assert_cmpint (kk_test_query_int (db, "SELECT count(*) FROM requirement_fts WHERE requirement_fts MATCH 'sakerhet*'"), ==, 0);
  g_assert_cmpint (kk_test_query_int (db, "SELECT count(*) FROM requirement_fts WHERE requirement_fts MATCH 'informationssakerhet'"), ==, 1);
  g_assert_cmpint (kk_test_query_int (db, "SELECT count(*) FROM requirement_fts WHERE requirement_fts MATCH 'ledningssyst*'"), ==, 1);
  g_assert_cmpint (kk_test_query_int (db, "SELECT count(*) FROM requirement_fts WHERE requirement_fts MATCH 'management'"), ==, 1);
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (f->path, &error);
  g_autoptr(KkSupplier) s = kk_store_add_supplier (db, "Städ & Co", "556703-7485", NULL, NULL, NULL, &error);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *name = NULL, *check = NULL;

  g_assert_no_error (error);
  g_assert_true (kk_database_backup_to (db, copy, &error));
  g_assert_no_error (error);
  name = kk_test_sqlite3 (copy, "SELECT name FROM supplier");
  g_assert_cmpstr (name, ==, "Städ & Co");
  check = kk_test_sqlite3 (copy, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/database/create", test_create);
  ADD ("/database/reopen-keeps-data", test_reopen_keeps_data);
  ADD ("/database/refuse-newer-version", test_refuse_newer);
  ADD ("/database/migration-from-empty-file", test_migration_from_empty_file);
  ADD ("/database/not-a-database", test_not_a_database);
  ADD ("/database/foreign-keys", test_foreign_keys);
  ADD ("/database/rollback-leaves-nothing", test_rollback_leaves_nothing);
  ADD ("/database/audit-in-same-transaction", test_audit_in_same_transaction);
  ADD ("/database/audit-append-only", test_audit_append_only);
  ADD ("/database/nested-savepoint", test_nested_savepoint);
  ADD ("/database/fts-diacritics", test_fts_diacritics);
  ADD ("/database/backup", test_backup);
#undef ADD
  return g_test_run ();
}
