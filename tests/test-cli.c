// SPDX-License-Identifier: GPL-3.0-or-later
/* Runs the real kravkoll-cli binary on temporary databases and reads the
 * result back with the sqlite3 tool. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>

#include "kk-test-util.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = kk_test_mkdtemp ();
  f->db = g_build_filename (f->dir, "k.db", NULL);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  kk_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

#define CLI(out, err, ...) kk_test_run_cli (f->db, (const char * const[]) { __VA_ARGS__, NULL }, out, err)

static void
test_init (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL, *version = NULL, *check = NULL;
  GStatBuf st;

  g_assert_cmpint (CLI (&out, &err, "init"), ==, 0);
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  version = kk_test_sqlite3 (f->db, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), >=, 1);
  check = kk_test_sqlite3 (f->db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;

  g_assert_cmpint (kk_test_run_cli (NULL, (const char * const[]) { "--help", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "supplier"));
  g_assert_cmpint (kk_test_run_cli (NULL, (const char * const[]) { "--version", NULL }, &out2, &err2), ==, 0);
  g_assert_true (g_str_has_prefix (out2, "kravkoll-cli "));
  g_assert_cmpint (CLI (&out3, &err3, "frobnicate"), ==, 2);
  g_assert_nonnull (strstr (err3, "frobnicate"));
  g_assert_cmpint (CLI (&out4, &err4, "supplier", "add", "--name", "X"), ==, 2);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_env_db (Fixture *f, gconstpointer data)
{
  g_autofree char *env_db = g_build_filename (f->dir, "env.db", NULL);
  const char *argv[] = { g_getenv ("KRAVKOLL_CLI"), "init", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "KRAVKOLL_DB", env_db, TRUE);
  int status;

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (env_db, G_FILE_TEST_EXISTS));
}

static void
test_supplier_add_list (Fixture *f, gconstpointer data)
{
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *json = NULL, *e = NULL, *tsv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;

  g_assert_cmpint (CLI (&o1, NULL, "supplier", "add", "--name", "Säkra Bevakning AB", "--org-number", "5560125790"), ==, 0);
  g_assert_cmpint (CLI (&o2, NULL, "supplier", "add", "--name", "Åkeri & Transport", "--org-number", "16556703-7485", "--contact", "anna@example.se"), ==, 0);
  g_assert_cmpint (CLI (&o3, NULL, "supplier", "add", "--name", "Enskild firma Berg", "--org-number", "19811218-9876"), ==, 0);

  g_assert_cmpint (CLI (&json, &e, "supplier", "list", "--format", "json"), ==, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Enskild firma Berg");
  g_assert_cmpstr (json_object_get_string_member (first, "org_number"), ==, "811218-9876");
  first = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "org_number"), ==, "556012-5790");

  g_assert_cmpint (CLI (&tsv, NULL, "supplier", "list"), ==, 0);
  g_assert_nonnull (strstr (tsv, "556703-7485\tÅkeri & Transport\tSE\tanna@example.se\n"));

  {
    g_autofree char *rows = kk_test_sqlite3 (f->db, "SELECT count(*) || '/' || (SELECT count(*) FROM audit_log WHERE action = 'supplier.add') FROM supplier");
    g_assert_cmpstr (rows, ==, "3/3");
  }
}

static void
test_supplier_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;
  const char *bad[][2] = {
    { "Fel AB", "556012-5791" },         /* check digit */
    { "Fel AB", "55601A-5790" },         /* letter */
    { "Fel AB", "556012-579" },          /* length */
    { "Fel AB", "" },                    /* empty */
    { "Dubbel AB", "556012-5790" },      /* duplicate */
    { "", "556016-0680" },               /* no name */
  };

  g_assert_cmpint (CLI (NULL, NULL, "supplier", "add", "--name", "Första AB", "--org-number", "556012-5790"), ==, 0);
  before = kk_test_dump_db (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (CLI (NULL, &err, "supplier", "add", "--name", bad[i][0], "--org-number", bad[i][1]), ==, 1);
      g_assert_true (g_str_has_prefix (err, "kravkoll-cli: "));
      if (i == 4)
        g_assert_nonnull (strstr (err, "Första AB"));
    }

  after = kk_test_dump_db (f->db);
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/cli/init", test_init);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/env-db", test_env_db);
  ADD ("/cli/supplier/add-list", test_supplier_add_list);
  ADD ("/cli/supplier/refused", test_supplier_refused);
#undef ADD
  return g_test_run ();
}
