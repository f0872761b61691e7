// SPDX-License-Identifier: GPL-3.0-or-later
/* kravkoll-cli catalog list / import / export / areas, run as a real process.
 * Output is parsed with json-glib, the database read back with the sqlite3
 * tool and the workbooks with openpyxl (tests/check-requirement-list.py). */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "kk-catalog.h"
#include "kk-export.h"
#include "kk-store.h"
#include "kk-test-util.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

#define CLI(out, err, ...) kk_test_run_cli (f->db, (const char * const[]) { __VA_ARGS__, NULL }, out, err)

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

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "catalogue", name, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The bundled catalogue read with json-glib, not with the loader. */
static JsonNode *
bundled (void)
{
  g_autoptr(GBytes) bytes = kk_catalog_bundled_bytes ();
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return parse (text);
}

static guint
sql_uint (Fixture *f, const char *query)
{
  g_autofree char *text = kk_test_sqlite3 (f->db, query);
  return (guint) g_ascii_strtoull (text, NULL, 10);
}

static void
test_list_json (Fixture *f, gconstpointer data)
{
  static const char * const keys[] = {
    "code", "revision", "perspective", "area", "title_sv", "title_en", "text_sv", "text_en",
    "motive_sv", "motive_en", "verification_sv", "verification_en", "obligation", "kind", "level",
    "source_ref", "retired", "categories", NULL
  };
  g_autoptr(JsonNode) file = bundled ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL, *err = NULL;
  JsonArray *expected = json_object_get_array_member (json_node_get_object (file), "requirements");
  JsonArray *array;

  g_assert_cmpint (CLI (&out, &err, "catalog", "list", "--format", "json"), ==, 0);
  root = parse (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, json_array_get_length (expected));
  g_assert_cmpuint (json_array_get_length (array), ==,
                    sql_uint (f, "SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autoptr(GList) members = json_object_get_members (o);
      g_autofree char *sql = NULL, *row = NULL, *mine = NULL;

      g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) keys));
      for (guint k = 0; keys[k]; k++)
        g_assert_true (json_object_has_member (o, keys[k]));
      g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "revision")));
      g_assert_cmpint (json_object_get_int_member (o, "revision"), ==, 1);
      g_assert_false (json_object_get_boolean_member (o, "retired"));
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "categories")));

      /* Every field as the sqlite3 tool reads it. */
      sql = g_strdup_printf ("SELECT perspective || '|' || area || '|' || title_sv || '|' || title_en || '|' || "
                             "obligation || '|' || kind || '|' || level || '|' || source_ref || '|' || "
                             "length (text_sv) || '|' || length (motive_en) || '|' || length (verification_sv) || '|' || "
                             "(SELECT count(*) FROM requirement_category WHERE requirement = r.id) "
                             "FROM requirement r WHERE code = '%s' AND current = 1",
                             json_object_get_string_member (o, "code"));
      row = kk_test_sqlite3 (f->db, sql);
      mine = g_strdup_printf ("%s|%s|%s|%s|%s|%s|%s|%s|%ld|%ld|%ld|%u",
                              json_object_get_string_member (o, "perspective"),
                              json_object_get_string_member (o, "area"),
                              json_object_get_string_member (o, "title_sv"),
                              json_object_get_string_member (o, "title_en"),
                              json_object_get_string_member (o, "obligation"),
                              json_object_get_string_member (o, "kind"),
                              json_object_get_string_member (o, "level"),
                              json_object_get_string_member (o, "source_ref"),
                              g_utf8_strlen (json_object_get_string_member (o, "text_sv"), -1),
                              g_utf8_strlen (json_object_get_string_member (o, "motive_en"), -1),
                              g_utf8_strlen (json_object_get_string_member (o, "verification_sv"), -1),
                              json_array_get_length (json_object_get_array_member (o, "categories")));
      g_assert_cmpstr (row, ==, mine);
    }

  /* Filters. */
  {
    static const char * const perspectives[] = { "supplier", "operations", "individual" };

    for (guint p = 0; p < G_N_ELEMENTS (perspectives); p++)
      {
        g_autofree char *o = NULL, *sql = NULL;
        g_autoptr(JsonNode) r = NULL;

        g_assert_cmpint (CLI (&o, NULL, "catalog", "list", "--perspective", perspectives[p], "--format", "json"), ==, 0);
        r = parse (o);
        sql = g_strdup_printf ("SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0 AND perspective = '%s'",
                               perspectives[p]);
        g_assert_cmpuint (json_array_get_length (json_node_get_array (r)), ==, sql_uint (f, sql));
      }
  }
  {
    g_autofree char *o = NULL;
    g_autoptr(JsonNode) r = NULL;
    guint n;

    g_assert_cmpint (CLI (&o, NULL, "catalog", "list", "--obligation", "shall", "--level", "basic", "--format", "json"), ==, 0);
    r = parse (o);
    n = json_array_get_length (json_node_get_array (r));
    g_assert_cmpuint (n, ==, sql_uint (f, "SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0 "
                                          "AND obligation = 'shall' AND level = 'basic'"));
    g_assert_cmpuint (n, >, 0);
  }
}

static void
test_list_tsv_and_usage (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  const char *odd[] = { "\"", "NEAR(", "*", "AND", "säk\"*) OR (", "'; DROP TABLE requirement; --" };

  g_assert_cmpint (CLI (&out, &err, "catalog", "list"), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines) - 1, ==,
                    sql_uint (f, "SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0"));
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 8);
  g_assert_true (g_regex_match_simple ("^[A-Z]{2,4}-[A-Z]{2}-[0-9]{2,3}$", fields[0], 0, 0));

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *o = NULL, *e = NULL;
      g_assert_cmpint (CLI (&o, &e, "catalog", "list", "--search", odd[i], "--format", "json"), ==, 0);
      g_assert_cmpstr (e, ==, "");
    }
  g_assert_cmpuint (sql_uint (f, "SELECT count(*) FROM requirement"), >, 0);

  /* Search without accents finds the word with them. */
  {
    g_autofree char *a = NULL, *b = NULL;
    g_autoptr(JsonNode) ja = NULL, jb = NULL;

    g_assert_cmpint (CLI (&a, NULL, "catalog", "list", "--search", "säkerhet", "--format", "json"), ==, 0);
    g_assert_cmpint (CLI (&b, NULL, "catalog", "list", "--search", "sakerhet", "--format", "json"), ==, 0);
    ja = parse (a);
    jb = parse (b);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (ja)), >, 0);
    g_assert_cmpstr (a, ==, b);
  }

  {
    g_autofree char *o = NULL, *e = NULL;
    g_assert_cmpint (CLI (&o, &e, "catalog", "list", "--perspective", "citizen"), ==, 2);
    g_assert_nonnull (strstr (e, "citizen"));
  }
  {
    g_autofree char *o = NULL, *e = NULL;
    g_assert_cmpint (CLI (&o, &e, "catalog", "list", "--format", "xml"), ==, 2);
  }
  {
    g_autofree char *o = NULL, *e = NULL;
    g_assert_cmpint (CLI (&o, &e, "catalog"), ==, 2);
  }
  {
    g_autofree char *o = NULL, *e = NULL;
    g_assert_cmpint (CLI (&o, &e, "catalog", "frob"), ==, 2);
  }
}

static void
test_areas (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *tsv = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  g_assert_cmpint (CLI (&out, NULL, "catalog", "areas", "--format", "json"), ==, 0);
  root = parse (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==,
                    sql_uint (f, "SELECT count(DISTINCT area) FROM requirement WHERE current = 1 AND retired = 0"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_assert_true (kk_is_perspective (json_object_get_string_member (o, "perspective")));
      g_assert_cmpstr (json_object_get_string_member (o, "name_sv"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (o, "name_en"), !=, "");
    }
  g_assert_cmpint (CLI (&tsv, NULL, "catalog", "areas"), ==, 0);
  g_assert_true (g_str_has_prefix (tsv, json_object_get_string_member (json_array_get_object_element (array, 0), "code")));
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autofree char *minimal = fixture_path ("good-minimal.json");
  g_autofree char *crlf = fixture_path ("good-bom-crlf.json");
  g_autofree char *out = NULL, *err = NULL, *before = NULL, *after = NULL;
  g_autofree char *dry = NULL, *again = NULL, *again_err = NULL;
  guint n_bundled;

  g_assert_cmpint (CLI (NULL, NULL, "init"), ==, 0);
  n_bundled = sql_uint (f, "SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0");

  /* The fixture's codes that the bundled catalogue also has are changes,
   * the others additions. */
  {
    static const char * const codes[] = { "LEV-IN-01", "LEV-IN-02", "LEV-KO-01", "VER-KR-01", "IND-TR-01" };
    g_autoptr(GString) added = g_string_new (NULL);
    g_autoptr(GString) changed = g_string_new (NULL);
    guint n_added = 0, n_changed = 0;
    g_autofree char *added_line = NULL, *changed_line = NULL, *retired_line = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM requirement WHERE code = '%s'", codes[i]);
        gboolean exists = sql_uint (f, sql) > 0;
        GString *s = exists ? changed : added;

        g_string_append_printf (s, "%s%s", s->len ? ", " : ": ", codes[i]);
        if (exists)
          n_changed++;
        else
          n_added++;
      }
    g_assert_cmpint (CLI (&out, &err, "catalog", "import", minimal), ==, 0);
    g_assert_nonnull (strstr (out, "Imported catalogue “Testkatalog” version T1.\n"));
    added_line = g_strdup_printf ("Added (%u)%s\n", n_added, added->str);
    changed_line = g_strdup_printf ("Changed (%u)%s\n", n_changed, changed->str);
    /* Another catalogue's other codes are all retired, none deleted. */
    retired_line = g_strdup_printf ("Retired (%u): ", n_bundled - n_changed);
    g_assert_nonnull (strstr (out, added_line));
    g_assert_nonnull (strstr (out, changed_line));
    g_assert_nonnull (strstr (out, retired_line));
    g_assert_nonnull (strstr (out, "Unchanged: 0\n"));
    g_assert_cmpuint (sql_uint (f, "SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0"), ==, 5);
    g_assert_cmpuint (sql_uint (f, "SELECT count(*) FROM requirement WHERE retired = 1"), ==, n_bundled - n_changed);
    g_assert_cmpuint (sql_uint (f, "SELECT count(*) FROM requirement"), ==, n_bundled + n_added + n_changed);
  }

  /* Dry run: the report, and nothing changes. Same content with a BOM and
   * Windows line endings is unchanged. */
  before = kk_test_dump_db (f->db);
  g_assert_cmpint (CLI (&dry, NULL, "catalog", "import", crlf, "--dry-run"), ==, 0);
  g_assert_nonnull (strstr (dry, "Dry run"));
  g_assert_nonnull (strstr (dry, "Added (0)\nChanged (0)\nRetired (0)\nUnchanged: 5\n"));
  after = kk_test_dump_db (f->db);
  g_assert_cmpstr (before, ==, after);

  /* The same version twice is refused. */
  g_assert_cmpint (CLI (&again, &again_err, "catalog", "import", minimal), ==, 1);
  g_assert_nonnull (strstr (again_err, "already imported"));
  g_assert_nonnull (strstr (again_err, "good-minimal.json"));
  g_free (after);
  after = kk_test_dump_db (f->db);
  g_assert_cmpstr (before, ==, after);

  {
    g_autofree char *o = NULL, *e = NULL;
    g_assert_cmpint (CLI (&o, &e, "catalog", "import"), ==, 2);
  }
}

static void
test_import_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *dir_path = fixture_path ("");
  g_autofree char *fresh = g_build_filename (f->dir, "never.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  g_assert_cmpint (CLI (NULL, NULL, "init"), ==, 0);
  before = kk_test_dump_db (f->db);

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL, *out = NULL, *err = NULL;

      if (!g_str_has_prefix (name, "bad-"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      g_assert_cmpint (CLI (&out, &err, "catalog", "import", path), ==, 1);
      g_assert_true (g_str_has_prefix (err, "kravkoll-cli: Catalogue “"));
      g_assert_nonnull (strstr (err, name));
      g_assert_cmpstr (out, ==, "");
      n++;
    }
  g_assert_cmpuint (n, >=, 40);
  after = kk_test_dump_db (f->db);
  g_assert_cmpstr (before, ==, after);

  /* A refused file does not even create the database. */
  {
    g_autofree char *path = fixture_path ("bad-unknown-kind.json");
    g_autofree char *err = NULL;

    g_assert_cmpint (kk_test_run_cli (fresh, (const char * const[]) { "catalog", "import", path, NULL }, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "$.requirements[0].kind (requirement LEV-IN-01)"));
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
}

static void
test_export_json (Fixture *f, gconstpointer data)
{
  g_autofree char *json = g_build_filename (f->dir, "catalogue.json", NULL);
  g_autofree char *out = NULL, *err = NULL, *list = NULL, *contents = NULL;
  g_autoptr(JsonNode) exported = NULL, listed = NULL;

  g_assert_cmpint (CLI (&out, &err, "catalog", "export", "-o", json), ==, 0);
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  exported = parse (contents);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (exported), "format"), ==, "kravkoll-catalogue");
  g_assert_cmpint (CLI (&list, NULL, "catalog", "list", "--format", "json"), ==, 0);
  listed = parse (list);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (exported), "requirements")),
                    ==, json_array_get_length (json_node_get_array (listed)));

  /* What export writes, import reads: here it is the version already loaded. */
  {
    g_autofree char *o = NULL, *e = NULL;
    g_assert_cmpint (CLI (&o, &e, "catalog", "import", json, "--dry-run"), ==, 1);
    g_assert_nonnull (strstr (e, "already imported"));
  }
  {
    g_autofree char *o = NULL, *e = NULL;
    g_autofree char *txt = g_build_filename (f->dir, "catalogue.txt", NULL);
    g_assert_cmpint (CLI (&o, &e, "catalog", "export", "-o", txt), ==, 2);
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *o = NULL, *e = NULL;
    g_assert_cmpint (CLI (&o, &e, "catalog", "export"), ==, 2);
  }
  {
    g_autofree char *o = NULL, *e = NULL;
    g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "dir", "x.json", NULL);
    g_assert_cmpint (CLI (&o, &e, "catalog", "export", "-o", nowhere), ==, 1);
    g_assert_nonnull (strstr (e, "x.json"));
  }
}

/* Runs the openpyxl checker; returns the codes it read, one per line. */
static char *
check_xlsx (const char *path, guint n_rows, const char * const *texts)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL, *err = NULL;
  int status;

  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, g_strdup_printf ("%u", n_rows));
  for (guint i = 0; texts && texts[i]; i++)
    g_ptr_array_add (argv, g_strdup (texts[i]));
  g_ptr_array_add (argv, NULL);
  status = kk_test_run_python ("check-requirement-list.py", (const char * const *) argv->pdata, &out, &err);
  if (status != 0)
    g_error ("check-requirement-list.py %s: %s", path, err);
  return g_strchomp (g_steal_pointer (&out));
}

static void
test_export_xlsx (Fixture *f, gconstpointer data)
{
  static const char * const dangerous[] = {
    "=HYPERLINK(\"http://example.invalid\",\"klicka\")",
    "+1+1",
    "@SUM(A1:A2)",
    "\tTab first",
    NULL
  };
  g_autofree char *fixture = fixture_path ("good-dangerous.json");
  g_autofree char *bundled_xlsx = g_build_filename (f->dir, "bundled.xlsx", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "list.xlsx", NULL);
  g_autofree char *codes = NULL, *expected = NULL, *bundled_codes = NULL, *bundled_expected = NULL;

  /* The whole bundled catalogue. */
  g_assert_cmpint (CLI (NULL, NULL, "catalog", "export", "-o", bundled_xlsx), ==, 0);
  bundled_codes = check_xlsx (bundled_xlsx, sql_uint (f, "SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0"), NULL);
  bundled_expected = kk_test_sqlite3 (f->db, "SELECT r.code FROM requirement r JOIN area a ON a.code = r.area "
                                             "WHERE r.current = 1 AND r.retired = 0 "
                                             "ORDER BY a.position, length (r.code), r.code");
  g_assert_cmpstr (bundled_codes, ==, bundled_expected);

  /* Texts a spreadsheet would take for formulas stay strings. */
  for (guint i = 0; dangerous[i]; i++)
    g_assert_true (kk_export_text_is_dangerous (dangerous[i]));
  g_assert_cmpint (CLI (NULL, NULL, "catalog", "import", fixture), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "catalog", "export", "-o", xlsx), ==, 0);
  codes = check_xlsx (xlsx, 5, dangerous);
  expected = kk_test_sqlite3 (f->db, "SELECT r.code FROM requirement r JOIN area a ON a.code = r.area "
                                     "WHERE r.current = 1 AND r.retired = 0 ORDER BY a.position, r.code");
  g_assert_cmpstr (codes, ==, expected);
  g_assert_cmpstr (codes, ==, "LEV-IN-01\nLEV-IN-02\nLEV-KO-01\nVER-KR-01\nIND-TR-01");
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_IS_DIR));
  {
    g_autofree char *part = g_strconcat (xlsx, ".part", NULL);
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  }
}

/* A procurement's list: its frozen requirements, in its order. */
static void
test_export_xlsx_procurement (Fixture *f, gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "procurement.xlsx", NULL);
  g_autofree char *empty_xlsx = g_build_filename (f->dir, "empty.xlsx", NULL);
  g_autoptr(KkDatabase) db = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkProcurement) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *picked = NULL, *codes = NULL;
  g_auto(GStrv) list = NULL;
  KkProcurementInput input = { .title = "Städning av skolor", .dnr = "UTB 2026/7" };
  KkProcurementInput input2 = { .title = "Tom", .dnr = "UTB 2026/8" };

  g_assert_cmpint (CLI (NULL, NULL, "init"), ==, 0);
  db = kk_database_open (f->db, &error);
  g_assert_no_error (error);
  p = kk_store_create_procurement (db, &input, &error);
  g_assert_no_error (error);
  /* Three codes, deliberately not in catalogue order. */
  picked = kk_test_sqlite3 (f->db, "SELECT group_concat (code, ' ') FROM (SELECT code FROM requirement "
                                   "WHERE current = 1 AND retired = 0 ORDER BY code DESC LIMIT 3)");
  list = g_strsplit (picked, " ", -1);
  g_assert_cmpuint (g_strv_length (list), ==, 3);
  g_assert_true (kk_store_procurement_add_requirements (db, p->id, (const char * const *) list, &error));
  g_assert_no_error (error);

  g_assert_true (kk_export_requirement_list_xlsx (db, p->id, xlsx, &error));
  g_assert_no_error (error);
  codes = check_xlsx (xlsx, 3, NULL);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT code FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                                            " ORDER BY position", p->id);
    g_autofree char *expected = kk_test_sqlite3 (f->db, sql);
    g_assert_cmpstr (codes, ==, expected);
  }

  empty = kk_store_create_procurement (db, &input2, &error);
  g_assert_no_error (error);
  g_assert_false (kk_export_requirement_list_xlsx (db, empty->id, empty_xlsx, &error));
  g_assert_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_EMPTY);
  g_assert_false (g_file_test (empty_xlsx, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (kk_export_requirement_list_xlsx (db, 999999, empty_xlsx, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (empty_xlsx, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/catalog-cli/list/json", test_list_json);
  ADD ("/catalog-cli/list/tsv-usage", test_list_tsv_and_usage);
  ADD ("/catalog-cli/areas", test_areas);
  ADD ("/catalog-cli/import/report", test_import);
  ADD ("/catalog-cli/import/refused", test_import_refused);
  ADD ("/catalog-cli/export/json", test_export_json);
  ADD ("/catalog-cli/export/xlsx", test_export_xlsx);
  ADD ("/catalog-cli/export/xlsx-procurement", test_export_xlsx_procurement);
#undef ADD
  return g_test_run ();
}
