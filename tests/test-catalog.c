// SPDX-License-Identifier: GPL-3.0-or-later
/* The requirement catalogue: loading and validating catalogue files, the
 * import with revisions and retirement, search, and the JSON export. What is
 * written is read back with the sqlite3 tool; what a file holds is counted
 * with json-glib directly, not through the loader under test. */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <unistd.h>

#include "kk-catalog.h"
#include "kk-test-util.h"

typedef struct {
  char       *dir;
  char       *path;   /* database file */
  KkDatabase *db;
} Fixture;

/* A database with the bundled catalogue loaded. */
static void
setup_bundled (Fixture *f, gconstpointer data)
{
  f->db = kk_test_open_db (&f->dir);
  f->path = g_strdup (kk_database_get_path (f->db));
}

/* A database with no catalogue at all. */
static void
setup_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = kk_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "empty.db", NULL);
  f->db = kk_database_open (f->path, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  kk_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "catalogue", name, NULL);
}

static KkCatalogImportReport *
import_path (KkDatabase *db, const char *path, gboolean dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkCatalogFile) file = kk_catalog_file_load (path, &error);
  KkCatalogImportReport *report = NULL;

  g_assert_no_error (error);
  g_assert_true (kk_catalog_import (db, file, dry_run, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static KkCatalogImportReport *
import_fixture (KkDatabase *db, const char *name)
{
  g_autofree char *path = fixture_path (name);
  return import_path (db, path, FALSE);
}

static char *
join_codes (GPtrArray *codes)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, g_ptr_array_index (codes, i));
    }
  return g_string_free (s, FALSE);
}

static char *
list_codes (KkDatabase *db, const KkCatalogQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = kk_catalog_list (db, query, &error);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (codes, ((KkRequirement *) g_ptr_array_index (list, i))->code);
  return join_codes (codes);
}

static char *
search_codes (KkDatabase *db, const char *text)
{
  KkCatalogQuery q = { .search = text };
  return list_codes (db, &q);
}

/* The bundled catalogue parsed by json-glib, for independent counts. */
static JsonNode *
parse_bytes (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
parse_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return parse_bytes (bytes);
}

/* json_node_copy() shares objects and arrays; this copies them. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(GError) error = NULL;
  JsonNode *copy = json_from_string (text, &error);

  g_assert_no_error (error);
  return copy;
}

static JsonNode *
parse_bundled (void)
{
  g_autoptr(GBytes) bytes = kk_catalog_bundled_bytes ();
  return parse_bytes (bytes);
}

static JsonArray *
member_array (JsonNode *root, const char *member)
{
  return json_object_get_array_member (json_node_get_object (root), member);
}

static JsonObject *
requirement_at (JsonNode *root, guint i)
{
  return json_array_get_object_element (member_array (root, "requirements"), i);
}

static void
write_json (JsonNode *root, const char *path)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) error = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  json_generator_to_file (gen, path, &error);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */

static char *
catalogue_data_dir (void)
{
  /* G_TEST_SRCDIR is tests/; the bundled files live in data/catalogue. */
  return g_test_build_filename (G_TEST_DIST, "..", "data", "catalogue", NULL);
}

static void
test_bundled_files_validate (void)
{
  g_autofree char *dir_path = catalogue_data_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) resource = kk_catalog_bundled_bytes ();
  gboolean resource_found = FALSE;
  guint n_files = 0;
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(KkCatalogFile) file = NULL;
      g_autoptr(JsonNode) root = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".json") || g_str_has_suffix (name, ".schema.json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      g_test_message ("validating %s", path);
      file = kk_catalog_file_load (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (file);
      root = parse_file (path);
      g_assert_cmpuint (kk_catalog_file_get_n_requirements (file), ==,
                        json_array_get_length (member_array (root, "requirements")));
      g_assert_cmpstr (kk_catalog_file_get_version (file), ==,
                       json_object_get_string_member (json_node_get_object (root), "version"));
      /* One file per catalogue version, named after it. */
      {
        g_autofree char *expected = g_strdup_printf ("kravkoll-%s.json", kk_catalog_file_get_version (file));
        g_assert_cmpstr (name, ==, expected);
      }
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (length == g_bytes_get_size (resource) &&
          memcmp (contents, g_bytes_get_data (resource, NULL), length) == 0)
        resource_found = TRUE;
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 1);
  /* The compiled-in catalogue is one of the files, byte for byte. */
  g_assert_true (resource_found);

  {
    g_autoptr(KkCatalogFile) bundled = kk_catalog_file_load_bytes (resource, "bundled", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (kk_catalog_file_get_n_requirements (bundled), >, 0);
  }
}

static void
test_bundled_counts (Fixture *f, gconstpointer data)
{
  static const char * const perspectives[] = { "supplier", "operations", "individual" };
  g_autoptr(JsonNode) root = parse_bundled ();
  g_autoptr(GHashTable) used_areas = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *reqs = member_array (root, "requirements");
  JsonObject *top = json_node_get_object (root);
  guint total = 0;

  for (guint p = 0; p < G_N_ELEMENTS (perspectives); p++)
    {
      g_autoptr(GPtrArray) listed = NULL;
      g_autofree char *sql = NULL, *counted = NULL, *expected_str = NULL;
      KkCatalogQuery q = { .perspective = perspectives[p] };
      guint expected = 0;

      for (guint i = 0; i < json_array_get_length (reqs); i++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (reqs, i), "perspective"),
                         perspectives[p]))
          expected++;

      sql = g_strdup_printf ("SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0 "
                             "AND perspective = '%s'", perspectives[p]);
      counted = kk_test_sqlite3 (f->path, sql);
      expected_str = g_strdup_printf ("%u", expected);
      g_assert_cmpstr (counted, ==, expected_str);

      listed = kk_catalog_list (f->db, &q, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (listed->len, ==, expected);
      for (guint i = 0; i < listed->len; i++)
        g_assert_cmpstr (((KkRequirement *) listed->pdata[i])->perspective, ==, perspectives[p]);
      g_test_message ("%s: %u requirements", perspectives[p], expected);
      total += expected;
    }
  g_assert_cmpuint (total, ==, json_array_get_length (reqs));
  /* The supplier perspective is the core of the catalogue. */
  {
    KkCatalogQuery q = { .perspective = "supplier" };
    g_autoptr(GPtrArray) supplier = kk_catalog_list (f->db, &q, &error);
    g_assert_cmpuint (supplier->len, >, 0);
  }

  all = kk_catalog_list (f->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, json_array_get_length (reqs));
  for (guint i = 0; i < json_array_get_length (reqs); i++)
    g_hash_table_add (used_areas, (gpointer) json_object_get_string_member (json_array_get_object_element (reqs, i), "area"));
  areas = kk_catalog_list_areas (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, g_hash_table_size (used_areas));
  categories = kk_catalog_list_categories (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, json_array_get_length (member_array (root, "categories")));

  /* Listed in the order of the areas in the file. */
  {
    JsonArray *file_areas = member_array (root, "areas");
    guint a = 0;

    for (guint i = 0; i < all->len; i++)
      {
        KkRequirement *r = all->pdata[i];

        while (a < json_array_get_length (file_areas) &&
               !g_str_equal (json_object_get_string_member (json_array_get_object_element (file_areas, a), "code"), r->area))
          a++;
        g_assert_cmpuint (a, <, json_array_get_length (file_areas));
      }
  }

  {
    g_autofree char *description = kk_catalog_describe_current_version (f->db);
    g_autofree char *expected = g_strdup_printf ("%s %s", json_object_get_string_member (top, "name"),
                                                 json_object_get_string_member (top, "version"));
    g_assert_cmpstr (description, ==, expected);
  }

  /* Loading again is a no-op. */
  g_assert_true (kk_catalog_ensure_bundled (f->db, &error));
  g_assert_no_error (error);
  {
    g_autofree char *versions = kk_test_sqlite3 (f->path, "SELECT count(*) FROM catalog_version");
    g_autofree char *audits = kk_test_sqlite3 (f->path, "SELECT count(*) FROM audit_log WHERE action = 'catalog.import' AND entity = 'catalog_version'");
    g_assert_cmpstr (versions, ==, "1");
    g_assert_cmpstr (audits, ==, "1");
  }
}

/* The bundled catalogue with its first requirement reworded, the second
 * removed and a new one added; written to @path. Returns the three codes. */
static void
write_modified_bundled (const char  *path,
                        const char  *version,
                        char       **changed,
                        char       **removed,
                        char       **added)
{
  g_autoptr(JsonNode) root = parse_bundled ();
  JsonArray *reqs = member_array (root, "requirements");
  JsonObject *r0 = requirement_at (root, 0);
  JsonObject *text = json_object_get_object_member (r0, "text");
  g_autofree char *new_text = g_strconcat (json_object_get_string_member (text, "sv"),
                                           " Ändradtestord gäller från version två.", NULL);
  JsonNode *copy;
  JsonObject *fresh;

  g_assert_cmpuint (json_array_get_length (reqs), >=, 3);
  *changed = g_strdup (json_object_get_string_member (r0, "code"));
  json_object_set_string_member (text, "sv", new_text);

  *removed = g_strdup (json_object_get_string_member (requirement_at (root, 1), "code"));
  json_array_remove_element (reqs, 1);

  copy = deep_copy (json_array_get_element (reqs, 1));
  fresh = json_node_get_object (copy);
  *added = g_strdup_printf ("%s-999", json_object_get_string_member (fresh, "area"));
  json_object_set_string_member (fresh, "code", *added);
  json_object_set_string_member (json_object_get_object_member (fresh, "title"), "sv", "Nytt testkrav");
  json_array_add_element (reqs, copy);

  json_object_set_string_member (json_node_get_object (root), "version", version);
  write_json (root, path);
}

static void
add_procurement (const char *db_path,
                 int         id,
                 const char *dnr,
                 const char *title,
                 const char *status,
                 const char *codes[])
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO procurement (id, title, dnr, status, created) "
                                          "VALUES (%d, '%s', '%s', '%s', '2026-01-01T00:00:00Z')",
                                          id, title, dnr, status);
  g_autofree char *out = kk_test_sqlite3 (db_path, sql);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *insert = g_strdup_printf (
        "INSERT INTO procurement_requirement (procurement, requirement, code, revision, area, title_sv, title_en, "
        "  text_sv, text_en, verification_sv, verification_en, obligation, kind, level, position) "
        "SELECT %d, id, code, revision, area, title_sv, title_en, text_sv, text_en, verification_sv, "
        "  verification_en, obligation, kind, level, %u FROM requirement WHERE code = '%s' AND current = 1",
        id, i, codes[i]);
      g_autofree char *o = kk_test_sqlite3 (db_path, insert);
    }
}

static void
test_import_changes (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "modified.json", NULL);
  g_autofree char *changed = NULL, *removed = NULL, *added = NULL;
  g_autoptr(KkCatalogImportReport) report = NULL;
  g_autofree char *before_count = kk_test_sqlite3 (f->path, "SELECT count(*) FROM requirement WHERE current = 1");
  guint n_before = atoi (before_count);

  write_modified_bundled (file, "test-2", &changed, &removed, &added);

  {
    const char *p1[] = { changed, NULL };
    const char *p2[] = { changed, removed, NULL };
    const char *p3[] = { removed, NULL };
    g_autofree char *override = NULL, *o = NULL;

    add_procurement (f->path, 1, "KF 2026/1", "Städtjänster", "draft", p1);
    add_procurement (f->path, 2, "KF 2026/2", "IT-drift", "published", p2);
    add_procurement (f->path, 3, "KF 2026/3", "Bevakning", "decided", p3);
    add_procurement (f->path, 4, "KF 2026/4", "Ombyggnad", "evaluating", (const char *[]) { NULL });
    /* The officer made the draft's requirement the other obligation. */
    override = g_strdup_printf ("UPDATE procurement_requirement SET obligation = "
                                "CASE obligation WHEN 'shall' THEN 'should' ELSE 'shall' END "
                                "WHERE procurement = 1 AND code = '%s'", changed);
    o = kk_test_sqlite3 (f->path, override);
  }
  g_autofree char *draft_obligation = kk_test_sqlite3 (f->path, "SELECT obligation FROM procurement_requirement WHERE procurement = 1");
  g_autofree char *published_before = kk_test_sqlite3 (f->path, "SELECT * FROM procurement_requirement WHERE procurement IN (2, 3) ORDER BY id");

  report = import_path (f->db, file, FALSE);

  {
    g_autofree char *a = join_codes (report->added);
    g_autofree char *c = join_codes (report->changed);
    g_autofree char *r = join_codes (report->retired);

    g_assert_cmpstr (a, ==, added);
    g_assert_cmpstr (c, ==, changed);
    g_assert_cmpstr (r, ==, removed);
    g_assert_cmpuint (report->unchanged, ==, n_before - 2);
  }
  {
    g_autofree char *expected1 = g_strdup_printf ("KF 2026/1 “Städtjänster”: %s", changed);
    g_autofree char *expected2 = g_strdup_printf ("KF 2026/2 “IT-drift”: %s, %s", changed, removed);

    g_assert_cmpuint (report->affected->len, ==, 2);
    g_assert_cmpstr (report->affected->pdata[0], ==, expected1);
    g_assert_cmpstr (report->affected->pdata[1], ==, expected2);
  }

  /* Rows as the sqlite3 tool sees them. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT code, revision, current, retired, catalog_version FROM requirement "
                                            "WHERE code IN ('%s', '%s', '%s') ORDER BY code = '%s' DESC, code = '%s' DESC, revision",
                                            changed, removed, added, changed, removed);
    g_autofree char *rows = kk_test_sqlite3 (f->path, sql);
    g_autofree char *expected = g_strdup_printf ("%s|1|0|0|1\n%s|2|1|0|2\n%s|1|1|1|1\n%s|1|1|0|2",
                                                 changed, changed, removed, added);
    g_assert_cmpstr (rows, ==, expected);
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM requirement WHERE code = '%s' AND current = 1 "
                                            "AND text_sv LIKE '%%Ändradtestord%%'", changed);
    g_autofree char *n = kk_test_sqlite3 (f->path, sql);
    g_autofree char *versions = kk_test_sqlite3 (f->path, "SELECT group_concat (version, ',') FROM catalog_version");
    g_assert_cmpstr (n, ==, "1");
    g_assert_cmpstr (versions, !=, NULL);
    g_assert_nonnull (strstr (versions, ",test-2"));
  }
  /* Categories follow the new revision. */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT (SELECT count(*) FROM requirement_category WHERE requirement = (SELECT id FROM requirement WHERE code = '%s' AND revision = 1)) = "
      "       (SELECT count(*) FROM requirement_category WHERE requirement = (SELECT id FROM requirement WHERE code = '%s' AND revision = 2))",
      changed, changed);
    g_autofree char *same = kk_test_sqlite3 (f->path, sql);
    g_assert_cmpstr (same, ==, "1");
  }

  /* The draft follows the catalogue, keeping the officer's obligation; the
   * published and decided procurements keep their frozen wording. */
  {
    g_autofree char *draft = kk_test_sqlite3 (f->path,
      "SELECT pr.revision, pr.requirement = r.id, pr.text_sv = r.text_sv, pr.obligation FROM procurement_requirement pr "
      "JOIN requirement r ON r.code = pr.code AND r.current = 1 WHERE pr.procurement = 1");
    g_autofree char *expected = g_strdup_printf ("2|1|1|%s", draft_obligation);
    g_autofree char *published_after = kk_test_sqlite3 (f->path, "SELECT * FROM procurement_requirement WHERE procurement IN (2, 3) ORDER BY id");

    g_assert_cmpstr (draft, ==, expected);
    g_assert_cmpstr (published_after, ==, published_before);
  }

  /* Listing: the retired code is hidden unless asked for, the new wording is
   * searchable and the old one is not listed. */
  {
    KkCatalogQuery with_retired = { .include_retired = TRUE };
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) current = kk_catalog_list (f->db, NULL, &error);
    g_autoptr(GPtrArray) everything = kk_catalog_list (f->db, &with_retired, &error);
    g_autofree char *found = search_codes (f->db, "ändradtestord");
    g_autoptr(KkRequirement) retired = kk_catalog_get (f->db, removed, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (current->len, ==, n_before);
    g_assert_cmpuint (everything->len, ==, n_before + 1);
    g_assert_cmpstr (found, ==, changed);
    g_assert_true (retired->retired);
    for (guint i = 0; i < current->len; i++)
      g_assert_cmpstr (((KkRequirement *) current->pdata[i])->code, !=, removed);
  }

  /* One audit row, with the counts. */
  {
    g_autofree char *detail = kk_test_sqlite3 (f->path,
      "SELECT detail FROM audit_log WHERE action = 'catalog.import' ORDER BY id DESC LIMIT 1");
    g_autofree char *entity = kk_test_sqlite3 (f->path,
      "SELECT entity || ':' || entity_id || ':' || actor FROM audit_log WHERE action = 'catalog.import' ORDER BY id DESC LIMIT 1");
    g_autofree char *count = kk_test_sqlite3 (f->path, "SELECT count(*) FROM audit_log WHERE action = 'catalog.import'");
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *o;

    json_parser_load_from_data (parser, detail, -1, &error);
    g_assert_no_error (error);
    o = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (o, "added"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "changed"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "retired"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "unchanged"), ==, n_before - 2);
    g_assert_cmpstr (json_object_get_string_member (o, "version"), ==, "test-2");
    g_assert_nonnull (strstr (json_object_get_string_member (o, "file"), "modified.json"));
    g_assert_nonnull (json_object_get_string_member (o, "old_version"));
    g_assert_cmpstr (entity, ==, "catalog_version:2:Test Officer");
    g_assert_cmpstr (count, ==, "2");
  }

  /* The removed code comes back: a new revision, no longer retired. */
  {
    g_autoptr(JsonNode) root = parse_bundled ();
    g_autofree char *third = g_build_filename (f->dir, "third.json", NULL);
    g_autoptr(KkCatalogImportReport) again = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT revision || '|' || current || '|' || retired FROM requirement "
                                            "WHERE code = '%s' ORDER BY revision", removed);
    g_autofree char *rows = NULL;
    g_autofree char *a = NULL, *c = NULL, *r = NULL;

    json_object_set_string_member (json_node_get_object (root), "version", "test-3");
    write_json (root, third);
    again = import_path (f->db, third, FALSE);
    a = join_codes (again->added);
    c = join_codes (again->changed);
    r = join_codes (again->retired);
    g_assert_cmpstr (a, ==, removed);
    g_assert_cmpstr (c, ==, changed);   /* back to the original wording */
    g_assert_cmpstr (r, ==, added);
    rows = kk_test_sqlite3 (f->path, sql);
    g_assert_cmpstr (rows, ==, "1|0|1\n2|1|0");
  }
}

static void
test_import_dry_run (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "modified.json", NULL);
  g_autofree char *changed = NULL, *removed = NULL, *added = NULL;
  g_autoptr(KkCatalogImportReport) dry = NULL;
  g_autoptr(KkCatalogImportReport) real = NULL;
  g_autofree char *before = NULL, *after = NULL;
  const char *p1[] = { NULL, NULL };

  write_modified_bundled (file, "test-dry", &changed, &removed, &added);
  p1[0] = changed;
  add_procurement (f->path, 1, "KF 2026/9", "Torrsim", "draft", p1);

  before = kk_test_dump_db (f->path);
  dry = import_path (f->db, file, TRUE);
  after = kk_test_dump_db (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (kk_database_in_transaction (f->db));

  /* The dry run reports exactly what the import then does. */
  real = import_path (f->db, file, FALSE);
  {
    g_autofree char *da = join_codes (dry->added), *ra = join_codes (real->added);
    g_autofree char *dc = join_codes (dry->changed), *rc = join_codes (real->changed);
    g_autofree char *dr = join_codes (dry->retired), *rr = join_codes (real->retired);
    g_autofree char *daf = join_codes (dry->affected), *raf = join_codes (real->affected);

    g_assert_cmpstr (da, ==, ra);
    g_assert_cmpstr (dc, ==, rc);
    g_assert_cmpstr (dr, ==, rr);
    g_assert_cmpstr (daf, ==, raf);
    g_assert_cmpuint (dry->unchanged, ==, real->unchanged);
    g_assert_cmpstr (da, ==, added);
    g_assert_cmpuint (dry->affected->len, ==, 1);
  }
  {
    g_autofree char *imported = kk_test_dump_db (f->path);
    g_assert_cmpstr (before, !=, imported);
  }
}

static void
test_import_duplicate (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = kk_catalog_bundled_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KkCatalogFile) file = kk_catalog_file_load_bytes (bytes, "again.json", &error);
  g_autoptr(KkCatalogImportReport) report = NULL;
  g_autofree char *before = kk_test_dump_db (f->path), *after = NULL;

  g_assert_no_error (error);
  g_assert_false (kk_catalog_import (f->db, file, FALSE, &report, &error));
  g_assert_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_DUPLICATE);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "again.json"));
  g_assert_nonnull (strstr (error->message, kk_catalog_file_get_version (file)));
  g_clear_error (&error);
  /* A dry run refuses the same way. */
  g_assert_false (kk_catalog_import (f->db, file, TRUE, &report, &error));
  g_assert_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_DUPLICATE);
  after = kk_test_dump_db (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* The JSON Schema for other tools says what the loader says, up to what a
 * schema cannot express (references between parts, uniqueness of keys). */
static const char schema_check[] =
  "import json, os, sys\n"
  "try:\n"
  "    import jsonschema\n"
  "except ImportError:\n"
  "    sys.exit(77)\n"
  "schema = json.load(open(sys.argv[1], encoding='utf-8'))\n"
  "jsonschema.Draft202012Validator.check_schema(schema)\n"
  "v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)\n"
  "for path in sys.argv[2:]:\n"
  "    try:\n"
  "        doc = json.load(open(path, encoding='utf-8-sig'))\n"
  "    except Exception:\n"
  "        print(os.path.basename(path), 'unreadable'); continue\n"
  "    print(os.path.basename(path), 'invalid' if list(v.iter_errors(doc)) else 'valid')\n";

static void
test_schema (void)
{
  static const char * const semantic_only[] = {
    "bad-area-perspective.json", "bad-area-undeclared.json", "bad-code-outside-area.json",
    "bad-duplicate-area.json", "bad-duplicate-category.json", "bad-duplicate-code.json",
    "bad-unknown-category.json", NULL
  };
  static const char * const not_json[] = {
    "bad-deep-nesting.json", "bad-empty.json", "bad-not-utf8.json",
    "bad-syntax-trailing-comma.json", "bad-syntax-truncated.json", NULL
  };
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "data", "catalogue", "catalogue.schema.json", NULL);
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalogue", NULL);
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", "catalogue", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *dirs[] = { data_dir, fixtures };
  guint n_checked = 0;
  int status;

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup (schema_check));
  g_ptr_array_add (argv, g_strdup (schema));
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".schema.json"))
          g_ptr_array_add (argv, g_build_filename (dirs[d], name, NULL));
    }
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python3-jsonschema is not installed");
      return;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("schema check failed: %s", err);

  lines = g_strsplit (g_strchomp (out), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);
      const char *expected;

      if (g_str_has_prefix (parts[0], "bad-"))
        expected = g_strv_contains (semantic_only, parts[0]) ? "valid"
                 : g_strv_contains (not_json, parts[0]) ? "unreadable" : "invalid";
      else
        expected = "valid";   /* the bundled catalogues and the good fixtures */
      if (g_strcmp0 (parts[1], expected) != 0)
        g_error ("%s: the schema says %s, expected %s", parts[0], parts[1], expected);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, argv->len - 5);
}

/* ------------------------------------------------------------------ */
/* Hostile files */

static const struct {
  const char    *file;
  KkCatalogError code;
  const char    *where;   /* JSON path, requirement code or position in the message */
} hostile[] = {
  { "bad-syntax-trailing-comma.json", KK_CATALOG_ERROR_SYNTAX, "line 5, column 18: Parse error" },
  { "bad-syntax-truncated.json", KK_CATALOG_ERROR_SYNTAX, "line " },
  { "bad-empty.json", KK_CATALOG_ERROR_SYNTAX, "empty" },
  { "bad-not-utf8.json", KK_CATALOG_ERROR_SYNTAX, "is not valid UTF-8 text (line 19, column 18)" },
  { "bad-root-array.json", KK_CATALOG_ERROR_INVALID, "bad-root-array.json”: $: expected an object, found an array" },
  { "bad-deep-nesting.json", KK_CATALOG_ERROR_TOO_LARGE, "line 1, column" },
  { "bad-nul-escape.json", KK_CATALOG_ERROR_INVALID, "\\u0000" },
  { "bad-wrong-format.json", KK_CATALOG_ERROR_INVALID, "$.format: “kravkoll-supplier-list”" },
  { "bad-no-format.json", KK_CATALOG_ERROR_INVALID, "$.format: this member is missing" },
  { "bad-format-version-2.json", KK_CATALOG_ERROR_INVALID, "$.format_version: format version 2" },
  { "bad-format-version-string.json", KK_CATALOG_ERROR_INVALID, "$.format_version: expected a whole number, found a string" },
  { "bad-missing-title-en.json", KK_CATALOG_ERROR_INVALID, "$.requirements[1].title.en (requirement LEV-IN-02): this member is missing" },
  { "bad-missing-motive.json", KK_CATALOG_ERROR_INVALID, "$.requirements[2].motive (requirement LEV-KO-01)" },
  { "bad-categories-not-array.json", KK_CATALOG_ERROR_INVALID, "$.requirements[0].categories (requirement LEV-IN-01): expected an array, found a string" },
  { "bad-obligation-number.json", KK_CATALOG_ERROR_INVALID, "$.requirements[3].obligation (requirement VER-KR-01): expected a string" },
  { "bad-unknown-perspective.json", KK_CATALOG_ERROR_INVALID, "$.requirements[2].perspective (requirement LEV-KO-01): “citizen”" },
  { "bad-unknown-obligation.json", KK_CATALOG_ERROR_INVALID, "$.requirements[1].obligation (requirement LEV-IN-02): “must”" },
  { "bad-unknown-kind.json", KK_CATALOG_ERROR_INVALID, "$.requirements[0].kind (requirement LEV-IN-01): “wish”" },
  { "bad-unknown-level.json", KK_CATALOG_ERROR_INVALID, "$.requirements[4].level (requirement IND-TR-01): “expert”" },
  { "bad-area-undeclared.json", KK_CATALOG_ERROR_INVALID, "$.requirements[3].area (requirement VER-XX-01): the area “VER-XX” is not declared" },
  { "bad-area-perspective.json", KK_CATALOG_ERROR_INVALID, "$.requirements[3].perspective (requirement VER-KR-01)" },
  { "bad-code-outside-area.json", KK_CATALOG_ERROR_INVALID, "$.requirements[1].code (requirement LEV-KO-02): the code does not belong to its area LEV-IN" },
  { "bad-unknown-category.json", KK_CATALOG_ERROR_INVALID, "$.requirements[0].categories[1] (requirement LEV-IN-01): the category “catering”" },
  { "bad-duplicate-category-in-requirement.json", KK_CATALOG_ERROR_INVALID, "$.requirements[0].categories[1] (requirement LEV-IN-01)" },
  { "bad-duplicate-code.json", KK_CATALOG_ERROR_INVALID, "$.requirements[2].code (requirement LEV-IN-01): duplicate code: already used by $.requirements[0]" },
  { "bad-duplicate-area.json", KK_CATALOG_ERROR_INVALID, "$.areas[4].code: the area LEV-IN is declared twice" },
  { "bad-duplicate-category.json", KK_CATALOG_ERROR_INVALID, "$.categories[3].key: the category “cleaning” is declared twice" },
  { "bad-code-syntax.json", KK_CATALOG_ERROR_INVALID, "$.requirements[0].code: “LEV-IN-1”" },
  { "bad-code-lowercase.json", KK_CATALOG_ERROR_INVALID, "$.requirements[4].code: “ind-tr-01”" },
  { "bad-empty-text.json", KK_CATALOG_ERROR_INVALID, "$.requirements[1].text.sv (requirement LEV-IN-02): the text is empty" },
  { "bad-blank-title.json", KK_CATALOG_ERROR_INVALID, "$.requirements[2].title.en (requirement LEV-KO-01): the text holds only white space" },
  { "bad-blank-name.json", KK_CATALOG_ERROR_INVALID, "$.name: the text holds only white space" },
  { "bad-control-character.json", KK_CATALOG_ERROR_INVALID, "$.requirements[0].title.sv (requirement LEV-IN-01): the text contains the control character U+0007" },
  { "bad-newline-in-title.json", KK_CATALOG_ERROR_INVALID, "$.requirements[0].title.en (requirement LEV-IN-01): the text contains the control character U+000A" },
  { "bad-bidi-override.json", KK_CATALOG_ERROR_INVALID, "$.requirements[3].text.en (requirement VER-KR-01)" },
  { "bad-title-too-long.json", KK_CATALOG_ERROR_TOO_LARGE, "$.requirements[1].title.sv (requirement LEV-IN-02): the text is 201 characters long; at most 200" },
  { "bad-text-too-long.json", KK_CATALOG_ERROR_TOO_LARGE, "$.requirements[2].verification.en (requirement LEV-KO-01): the text is 4001 characters long; at most 4000" },
  { "bad-unknown-member.json", KK_CATALOG_ERROR_INVALID, "$.requirements[1].titel (requirement LEV-IN-02): unknown member" },
  { "bad-unknown-top-member.json", KK_CATALOG_ERROR_INVALID, "$.comment: unknown member" },
  { "bad-unknown-language.json", KK_CATALOG_ERROR_INVALID, "$.requirements[0].text.de (requirement LEV-IN-01)" },
  { "bad-no-requirements.json", KK_CATALOG_ERROR_INVALID, "$.requirements: the catalogue holds no requirements" },
  { "bad-no-areas.json", KK_CATALOG_ERROR_INVALID, "$.areas: the catalogue declares no areas" },
  { "bad-published-date.json", KK_CATALOG_ERROR_INVALID, "$.published: “2026-02-30”" },
  { "bad-requirement-not-object.json", KK_CATALOG_ERROR_INVALID, "$.requirements[2]: expected an object, found a string" },
  { "bad-name-null.json", KK_CATALOG_ERROR_INVALID, "$.name: expected a string, found null" },
};

static void
check_refused (KkDatabase  *db,
               const char  *path,
               const char  *file_name,
               KkCatalogError code,
               const char  *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkCatalogFile) file = kk_catalog_file_load (path, &error);

  g_test_message ("%s: %s", file_name, error ? error->message : "(accepted)");
  if (file != NULL)
    {
      /* Should the loader ever accept it, the import must not. */
      g_assert_false (kk_catalog_import (db, file, FALSE, NULL, &error));
    }
  g_assert_null (file);
  g_assert_error (error, KK_CATALOG_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, file_name));
  if (strstr (error->message, where) == NULL)
    g_error ("%s: “%s” does not mention “%s”", file_name, error->message, where);
}

static void
test_hostile_files (Fixture *f, gconstpointer data)
{
  g_autofree char *dir_path = fixture_path ("");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = kk_test_dump_db (f->path), *after = NULL;
  guint n_bad = 0, n_good = 0;
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_str_has_prefix (name, "bad-"))
        {
          guint i;

          for (i = 0; i < G_N_ELEMENTS (hostile); i++)
            if (g_str_equal (hostile[i].file, name))
              break;
          if (i == G_N_ELEMENTS (hostile))
            g_error ("fixture %s has no expectation in test-catalog.c", name);
          check_refused (f->db, path, name, hostile[i].code, hostile[i].where);
          n_bad++;
        }
      else if (g_str_has_prefix (name, "good-"))
        {
          g_autoptr(KkCatalogFile) file = kk_catalog_file_load (path, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (kk_catalog_file_get_n_requirements (file), ==, 5);
          n_good++;
        }
    }
  g_assert_cmpuint (n_bad, ==, G_N_ELEMENTS (hostile));
  g_assert_cmpuint (n_good, >=, 2);

  after = kk_test_dump_db (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_limits (Fixture *f, gconstpointer data)
{
  g_autofree char *big = g_build_filename (f->dir, "huge.json", NULL);
  g_autofree char *many = g_build_filename (f->dir, "many.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autofree char *before = kk_test_dump_db (f->path), *after = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  /* Over 10 MiB: refused on its size, before reading (a sparse file). */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 10 * 1024 * 1024 + 1), ==, 0);
  close (fd);
  check_refused (f->db, big, "huge.json", KK_CATALOG_ERROR_TOO_LARGE, "10485761 bytes");

  /* Over 20000 requirements. */
  g_string_append (s, "{\"format\": \"kravkoll-catalogue\", \"format_version\": 1, \"name\": \"n\", \"version\": \"v\", "
                      "\"published\": \"2026-01-01\", \"source_note\": \"\", \"categories\": [], "
                      "\"areas\": [{\"code\": \"LEV-IN\", \"perspective\": \"supplier\", \"name\": {\"sv\": \"a\", \"en\": \"a\"}}], "
                      "\"requirements\": [");
  for (guint i = 0; i < 20001; i++)
    g_string_append (s, i ? ",{}" : "{}");
  g_string_append (s, "]}");
  g_assert_true (g_file_set_contents (many, s->str, s->len, NULL));
  check_refused (f->db, many, "many.json", KK_CATALOG_ERROR_TOO_LARGE, "$.requirements: 20001 requirements; at most 20000");

  /* Not there, or not a file. */
  check_refused (f->db, missing, "missing.json", KK_CATALOG_ERROR_READ, "cannot be read");
  check_refused (f->db, f->dir, f->dir, KK_CATALOG_ERROR_READ, "not a regular file");

  /* The same limits hold for bytes from elsewhere. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (s->str, s->len);
    g_autoptr(KkCatalogFile) file = kk_catalog_file_load_bytes (bytes, "from-memory", &error);

    g_assert_null (file);
    g_assert_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "from-memory"));
  }

  after = kk_test_dump_db (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* ------------------------------------------------------------------ */
/* Listing and search */

static void
test_search (Fixture *f, gconstpointer data)
{
  static const char * const hostile_input[] = {
    "\"", "*", "NEAR(", "NEAR(a b", "AND", "OR NOT", "kontinuitet\"*", "-", "^", "title_sv:x",
    "(", ")", "{code}:x", "a OR", "\"\"\"", "' OR 1=1 --", "säk*", "NOT kontinuitet", "\xff\xfe",
  };
  g_autoptr(KkCatalogImportReport) report = import_fixture (f->db, "good-minimal.json");
  g_autofree char *all = list_codes (f->db, NULL);
  struct {
    const char *search;
    const char *codes;
  } cases[] = {
    { "sakerhet", "LEV-IN-01" },            /* säkerhetsincidenter, without the ä */
    { "säkerhet", "LEV-IN-01" },
    { "SÄKERHETSINCIDENTER", "LEV-IN-01" },
    { "kontinuitet", "LEV-KO-01" },          /* prefix of kontinuitetsplan */
    { "kontinuitetsplan", "LEV-KO-01" },
    { "continuity plan", "LEV-KO-01" },
    { "encrypt", "LEV-IN-02" },              /* English, prefix of encrypt/encryption */
    { "kryptering loggar", "LEV-IN-02" },    /* every word must match */
    { "kryptering kontinuitet", "" },
    { "leverantoren", "LEV-IN-01 LEV-IN-02 LEV-KO-01 IND-TR-01" },
    { "visitors", "IND-TR-01" },
    { "ovning", "VER-KR-01" },               /* Övning */
    { "LEV-KO-01", "LEV-KO-01" },
    { "reservkraft", "LEV-KO-01" },          /* second line of the text */
    { "zzzzz", "" },
    { "", NULL },                            /* no words: everything */
    { "  ,.;  ", NULL },
  };

  g_assert_cmpstr (all, ==, "LEV-IN-01 LEV-IN-02 LEV-KO-01 VER-KR-01 IND-TR-01");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = search_codes (f->db, cases[i].search);
      g_assert_cmpstr (got, ==, cases[i].codes ? cases[i].codes : all);
    }

  /* User text never reaches FTS5 as syntax. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile_input); i++)
    {
      KkCatalogQuery q = { .search = hostile_input[i] };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = kk_catalog_list (f->db, &q, &error);

      g_assert_no_error (error);
      g_assert_nonnull (list);
    }
  {
    g_autofree char *near = search_codes (f->db, "NEAR(kontinuitet");
    g_assert_cmpstr (near, ==, "");  /* "near" is a word like any other, and absent */
  }
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(KkCatalogImportReport) report = import_fixture (f->db, "good-minimal.json");
  struct {
    KkCatalogQuery query;
    const char    *codes;
  } cases[] = {
    { { .perspective = "supplier" }, "LEV-IN-01 LEV-IN-02 LEV-KO-01" },
    { { .perspective = "operations" }, "VER-KR-01" },
    { { .perspective = "individual" }, "IND-TR-01" },
    { { .area = "LEV-IN" }, "LEV-IN-01 LEV-IN-02" },
    { { .kind = "contract_clause" }, "LEV-KO-01 VER-KR-01" },
    { { .level = "basic" }, "LEV-IN-01 VER-KR-01 IND-TR-01" },
    { { .obligation = "should" }, "LEV-IN-02 IND-TR-01" },
    { { .category = "it" }, "LEV-IN-01 LEV-IN-02 LEV-KO-01" },
    { { .category = "care" }, "LEV-KO-01" },
    { { .category = "nonexistent" }, "" },
    { { .perspective = "supplier", .obligation = "shall", .search = "plan" }, "LEV-KO-01" },
    { { .perspective = "", .area = "" }, "LEV-IN-01 LEV-IN-02 LEV-KO-01 VER-KR-01 IND-TR-01" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KkRequirement) r = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) categories = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = list_codes (f->db, &cases[i].query);
      g_assert_cmpstr (got, ==, cases[i].codes);
    }

  r = kk_catalog_get (f->db, "LEV-KO-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->revision, ==, 1);
  g_assert_cmpstr (r->title_en, ==, "Continuity plan for the service");
  g_assert_cmpstr (r->text_sv, ==, "Leverantören ska ha en kontinuitetsplan som prövas årligen.\nPlanen ska omfatta reservkraft.");
  g_assert_cmpstr (r->source_ref, ==, "Trygghets- och säkerhetsprogram 2013–2016");
  /* Categories in the order they are declared, not as listed. */
  g_assert_cmpuint (g_strv_length (r->categories), ==, 2);
  g_assert_cmpstr (r->categories[0], ==, "it");
  g_assert_cmpstr (r->categories[1], ==, "care");
  g_clear_object (&r);
  r = kk_catalog_get (f->db, "LEV-XX-01", &error);
  g_assert_null (r);
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  areas = kk_catalog_list_areas (f->db, &error);
  g_assert_cmpuint (areas->len, ==, 4);
  g_assert_cmpstr (((KkArea *) areas->pdata[2])->code, ==, "VER-KR");
  g_assert_cmpstr (((KkArea *) areas->pdata[2])->perspective, ==, "operations");
  g_assert_cmpstr (((KkArea *) areas->pdata[2])->name_en, ==, "Crisis preparedness");
  categories = kk_catalog_list_categories (f->db, &error);
  g_assert_cmpuint (categories->len, ==, 3);
  g_assert_cmpstr (((KkCategory *) categories->pdata[2])->name_sv, ==, "Vård och omsorg");
}

/* Codes sort by their number within an area, and the areas by their
 * position in the newest file. */
static void
test_order (Fixture *f, gconstpointer data)
{
  g_autofree char *src = fixture_path ("good-minimal.json");
  g_autofree char *path = g_build_filename (f->dir, "order.json", NULL);
  g_autoptr(JsonNode) root = parse_file (src);
  JsonArray *reqs = member_array (root, "requirements");
  JsonArray *areas = member_array (root, "areas");
  const char *codes[] = { "LEV-IN-100", "LEV-IN-10", "LEV-IN-03" };
  g_autoptr(KkCatalogImportReport) first = import_fixture (f->db, "good-minimal.json");
  g_autoptr(KkCatalogImportReport) second = NULL;
  g_autofree char *got = NULL;
  JsonNode *ind;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      JsonNode *copy = deep_copy (json_array_get_element (reqs, 0));
      json_object_set_string_member (json_node_get_object (copy), "code", codes[i]);
      json_array_add_element (reqs, copy);
    }
  /* IND-TR moves first. */
  ind = deep_copy (json_array_get_element (areas, 3));
  json_array_remove_element (areas, 3);
  {
    g_autoptr(JsonArray) reordered = json_array_new ();
    JsonNode *node = json_node_new (JSON_NODE_ARRAY);

    json_array_add_element (reordered, ind);
    for (guint i = 0; i < json_array_get_length (areas); i++)
      json_array_add_element (reordered, deep_copy (json_array_get_element (areas, i)));
    json_node_set_array (node, reordered);
    json_object_set_member (json_node_get_object (root), "areas", node);
  }
  json_object_set_string_member (json_node_get_object (root), "version", "T2");
  write_json (root, path);

  second = import_path (f->db, path, FALSE);
  g_assert_cmpuint (second->added->len, ==, 3);
  g_assert_cmpuint (second->unchanged, ==, 5);
  got = list_codes (f->db, NULL);
  g_assert_cmpstr (got, ==, "IND-TR-01 LEV-IN-01 LEV-IN-02 LEV-IN-03 LEV-IN-10 LEV-IN-100 LEV-KO-01 VER-KR-01");
}

/* Any field makes a new revision; the order of the categories does not. */
static void
test_field_changes (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *member;
    const char *sub;      /* language, or NULL */
    const char *value;    /* NULL: the categories, see below */
    gboolean    changes;
  } edits[] = {
    { "title", "en", "Encryption of all logs", TRUE },
    { "text", "sv", "Leverantören bör kryptera loggar.", TRUE },
    { "motive", "en", "Logs may hold personal data.", TRUE },
    { "verification", "sv", "Intyg.", TRUE },
    { "obligation", NULL, "shall", TRUE },
    { "kind", NULL, "qualification", TRUE },
    { "level", NULL, "leading", TRUE },
    { "source_ref", NULL, "Ny källa", TRUE },
    { "categories", NULL, "it care", TRUE },
    { "categories", NULL, "care it", FALSE },    /* the same set */
    { "title", "en", "Encryption of all logs", FALSE },  /* unchanged since the first edit */
  };
  g_autofree char *src = fixture_path ("good-minimal.json");
  g_autoptr(JsonNode) root = parse_file (src);
  g_autoptr(KkCatalogImportReport) first = import_fixture (f->db, "good-minimal.json");
  int revision = 1;

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "edit.json", NULL);
      g_autofree char *version = g_strdup_printf ("E%u", i);
      g_autoptr(KkCatalogImportReport) report = NULL;
      g_autoptr(KkRequirement) r = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *changed = NULL;
      JsonObject *req = requirement_at (root, 1);

      if (g_str_equal (edits[i].member, "categories"))
        {
          g_auto(GStrv) keys = g_strsplit (edits[i].value, " ", -1);
          JsonArray *array = json_array_new ();

          for (guint k = 0; keys[k]; k++)
            json_array_add_string_element (array, keys[k]);
          json_object_set_array_member (req, "categories", array);
        }
      else if (edits[i].sub != NULL)
        json_object_set_string_member (json_object_get_object_member (req, edits[i].member), edits[i].sub, edits[i].value);
      else
        json_object_set_string_member (req, edits[i].member, edits[i].value);
      json_object_set_string_member (json_node_get_object (root), "version", version);
      write_json (root, path);

      report = import_path (f->db, path, FALSE);
      changed = join_codes (report->changed);
      g_assert_cmpstr (changed, ==, edits[i].changes ? "LEV-IN-02" : "");
      g_assert_cmpuint (report->unchanged, ==, edits[i].changes ? 4 : 5);
      g_assert_cmpuint (report->added->len + report->retired->len, ==, 0);
      if (edits[i].changes)
        revision++;
      r = kk_catalog_get (f->db, "LEV-IN-02", &error);
      g_assert_no_error (error);
      g_assert_cmpint (r->revision, ==, revision);
    }
  {
    g_autofree char *rows = kk_test_sqlite3 (f->path, "SELECT count(*) || '/' || sum(current) FROM requirement WHERE code = 'LEV-IN-02'");
    g_autofree char *expected = g_strdup_printf ("%d/1", revision);
    g_assert_cmpstr (rows, ==, expected);
  }
}

/* ------------------------------------------------------------------ */
/* Export */

static char *
read_text (const char *path)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_same_bilingual (JsonObject *a, JsonObject *b, const char *member)
{
  JsonObject *x = json_object_get_object_member (a, member);
  JsonObject *y = json_object_get_object_member (b, member);

  g_assert_cmpstr (json_object_get_string_member (x, "sv"), ==, json_object_get_string_member (y, "sv"));
  g_assert_cmpstr (json_object_get_string_member (x, "en"), ==, json_object_get_string_member (y, "en"));
}

/* Every requirement of @original is in @exported with the same content. */
static void
assert_same_catalogue (JsonNode *original, JsonNode *exported)
{
  JsonArray *a = member_array (original, "requirements");
  JsonArray *b = member_array (exported, "requirements");
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  static const char * const plain[] = { "perspective", "area", "obligation", "kind", "level", "source_ref" };
  static const char * const texts[] = { "title", "text", "motive", "verification" };

  g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (b));
  for (guint i = 0; i < json_array_get_length (b); i++)
    {
      JsonObject *o = json_array_get_object_element (b, i);
      g_hash_table_insert (by_code, (gpointer) json_object_get_string_member (o, "code"), o);
    }
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *x = json_array_get_object_element (a, i);
      JsonObject *y = g_hash_table_lookup (by_code, json_object_get_string_member (x, "code"));
      JsonArray *cx, *cy;

      g_assert_nonnull (y);
      g_assert_cmpuint (json_object_get_size (y), ==, 12);
      for (guint k = 0; k < G_N_ELEMENTS (plain); k++)
        g_assert_cmpstr (json_object_get_string_member (x, plain[k]), ==, json_object_get_string_member (y, plain[k]));
      for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
        assert_same_bilingual (x, y, texts[k]);
      cx = json_object_get_array_member (x, "categories");
      cy = json_object_get_array_member (y, "categories");
      g_assert_cmpuint (json_array_get_length (cx), ==, json_array_get_length (cy));
      for (guint k = 0; k < json_array_get_length (cx); k++)
        {
          gboolean found = FALSE;
          for (guint m = 0; m < json_array_get_length (cy); m++)
            found |= g_str_equal (json_array_get_string_element (cx, k), json_array_get_string_element (cy, m));
          g_assert_true (found);
        }
    }
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (original), "format"), ==,
                   json_object_get_string_member (json_node_get_object (exported), "format"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (exported), "format_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (original), "version"), ==,
                   json_object_get_string_member (json_node_get_object (exported), "version"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (original), "source_note"), ==,
                   json_object_get_string_member (json_node_get_object (exported), "source_note"));
}

static void
test_export_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *a = g_build_filename (f->dir, "a.json", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.json", NULL);
  g_autofree char *db2_path = g_build_filename (f->dir, "second.db", NULL);
  g_autofree char *text_a = NULL, *text_b = NULL;
  g_autoptr(KkDatabase) db2 = NULL;
  g_autoptr(KkCatalogImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bundled = parse_bundled ();
  g_autoptr(JsonNode) exported = NULL;
  GStatBuf st;

  g_assert_true (kk_catalog_export_json (f->db, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (a, &st), ==, 0);

  /* What was exported is what the bundled file says. */
  exported = parse_file (a);
  assert_same_catalogue (bundled, exported);

  /* export → import into a fresh database → export: the same bytes. */
  db2 = kk_database_open (db2_path, &error);
  g_assert_no_error (error);
  report = import_path (db2, a, FALSE);
  g_assert_cmpuint (report->added->len, ==, json_array_get_length (member_array (bundled, "requirements")));
  g_assert_true (kk_catalog_export_json (db2, b, &error));
  g_assert_no_error (error);
  text_a = read_text (a);
  text_b = read_text (b);
  g_assert_cmpstr (text_a, ==, text_b);
  /* And it is the layout the bundled files are kept in. */
  g_assert_true (g_str_has_prefix (text_a, "{\n  \"format\": \"kravkoll-catalogue\",\n  \"format_version\": 1,\n"));
  g_assert_true (g_str_has_suffix (text_a, "\n  ]\n}\n"));
}

static void
test_export_after_changes (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "modified.json", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *changed = NULL, *removed = NULL, *added = NULL;
  g_autoptr(KkCatalogImportReport) report = NULL;
  g_autoptr(JsonNode) modified = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkCatalogFile) again = NULL;

  write_modified_bundled (file, "test-export", &changed, &removed, &added);
  report = import_path (f->db, file, FALSE);
  g_assert_true (kk_catalog_export_json (f->db, out, &error));
  g_assert_no_error (error);
  modified = parse_file (file);
  exported = parse_file (out);
  /* Current, non-retired requirements only: exactly the modified file. */
  assert_same_catalogue (modified, exported);
  /* And it loads as a catalogue. */
  again = kk_catalog_file_load (out, &error);
  g_assert_no_error (error);
}

static void
test_export_fixture_texts (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "minimal.json", NULL);
  g_autofree char *src = fixture_path ("good-dangerous.json");
  g_autoptr(KkCatalogImportReport) report = import_fixture (f->db, "good-dangerous.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) original = parse_file (src);
  g_autoptr(JsonNode) exported = NULL;
  g_autofree char *text = NULL;

  g_assert_true (kk_catalog_export_json (f->db, out, &error));
  g_assert_no_error (error);
  exported = parse_file (out);
  assert_same_catalogue (original, exported);
  text = read_text (out);
  /* Escapes as Python writes them. */
  g_assert_nonnull (strstr (text, "\"=HYPERLINK(\\\"http://example.invalid\\\",\\\"klicka\\\")\""));
  g_assert_nonnull (strstr (text, "\"\\tTab first\""));
  g_assert_nonnull (strstr (text, "prövas årligen.\\nPlanen"));
  g_assert_nonnull (strstr (text, "\"categories\": []"));
}

static void
test_export_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "none.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (kk_catalog_export_json (f->db, out, &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_null (kk_catalog_describe_current_version (f->db));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, setup, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  g_test_add_func ("/catalog/bundled/validate", test_bundled_files_validate);
  g_test_add_func ("/catalog/schema", test_schema);
  ADD ("/catalog/bundled/counts", setup_bundled, test_bundled_counts);
  ADD ("/catalog/import/changes", setup_bundled, test_import_changes);
  ADD ("/catalog/import/dry-run", setup_bundled, test_import_dry_run);
  ADD ("/catalog/import/duplicate", setup_bundled, test_import_duplicate);
  ADD ("/catalog/import/field-changes", setup_empty, test_field_changes);
  ADD ("/catalog/load/hostile", setup_bundled, test_hostile_files);
  ADD ("/catalog/load/limits", setup_bundled, test_limits);
  ADD ("/catalog/list/search", setup_empty, test_search);
  ADD ("/catalog/list/filters", setup_empty, test_filters);
  ADD ("/catalog/list/order", setup_empty, test_order);
  ADD ("/catalog/export/round-trip", setup_bundled, test_export_round_trip);
  ADD ("/catalog/export/after-changes", setup_bundled, test_export_after_changes);
  ADD ("/catalog/export/texts", setup_empty, test_export_fixture_texts);
  ADD ("/catalog/export/empty", setup_empty, test_export_empty);
#undef ADD
  return g_test_run ();
}
