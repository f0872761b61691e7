// SPDX-License-Identifier: GPL-3.0-or-later
#include <glib/gstdio.h>

#include "kk-catalog.h"
#include "kk-test-util.h"

char *
kk_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kravkoll-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
kk_test_rmdir (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        kk_test_rmdir (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (dir);
}

KkDatabase *
kk_test_open_db (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  char *dir = kk_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  KkDatabase *db = kk_database_open (path, &error);

  g_assert_no_error (error);
  kk_catalog_ensure_bundled (db, &error);
  g_assert_no_error (error);
  *dir_out = dir;
  return db;
}

gint64
kk_test_query_int (KkDatabase *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (kk_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static int
run (const char * const *argv, char **out, char **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &o, &e, &status, &error);
  g_assert_no_error (error);
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

char *
kk_test_sqlite3 (const char *db_path, const char *sql)
{
  const char *argv[] = { "sqlite3", "-batch", "-bail", db_path, sql, NULL };
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = run (argv, &out, &err);

  if (status != 0)
    g_error ("sqlite3 %s: %s", sql, err);
  g_strchomp (out);
  return out;
}

int
kk_test_run_cli (const char         *db_path,
                 const char * const *args,
                 char              **out,
                 char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("KRAVKOLL_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  if (db_path != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) db_path);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return run ((const char * const *) argv->pdata, out, err);
}

int
kk_test_run_python (const char         *script,
                    const char * const *args,
                    char              **out,
                    char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, script, NULL);

  g_ptr_array_add (argv, (gpointer) "/usr/bin/python3");
  g_ptr_array_add (argv, path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return run ((const char * const *) argv->pdata, out, err);
}

char *
kk_test_dump_db (const char *db_path)
{
  /* Every table's rows in a stable order, read by the sqlite3 tool. */
  return kk_test_sqlite3 (db_path,
                          "SELECT 'catalog_version', * FROM catalog_version ORDER BY id;"
                          "SELECT 'area', * FROM area ORDER BY code;"
                          "SELECT 'requirement', * FROM requirement ORDER BY id;"
                          "SELECT 'category', * FROM category ORDER BY id;"
                          "SELECT 'requirement_category', * FROM requirement_category ORDER BY 2, 3;"
                          "SELECT 'supplier', * FROM supplier ORDER BY id;"
                          "SELECT 'procurement', * FROM procurement ORDER BY id;"
                          "SELECT 'procurement_requirement', * FROM procurement_requirement ORDER BY id;"
                          "SELECT 'assessment', * FROM assessment ORDER BY id;"
                          "SELECT 'answer', * FROM answer ORDER BY id;"
                          "SELECT 'audit_log', * FROM audit_log ORDER BY id;");
}
