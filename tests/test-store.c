// SPDX-License-Identifier: GPL-3.0-or-later
/* Procurements, requirement copies, suppliers in procurements, answers and
 * the audit trail (kk-store-procurement.c). Every test runs twice: on a
 * small catalogue written here with SQL, and on the bundled catalogue
 * (skipped while the database holds none). Results are read back with the
 * sqlite3 tool. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kk-store.h"
#include "kk-test-util.h"

#define NOW "2026-03-02T09:30:00Z"

typedef enum {
  MODE_MINI,
  MODE_BUNDLED,
} Mode;

typedef struct {
  char       *dir;
  char       *path;
  KkDatabase *db;
  Mode        mode;
  GStrv       codes;     /* 6 current, non-retired codes, alphabetical */
  char       *retired;   /* a retired code */
  gint64      audit_base; /* rows written before the test (catalogue load) */
} Fixture;

static const char mini_catalogue[] =
  "INSERT INTO catalog_version (id, name, version, published, source_note, imported_at) "
  "  VALUES (1, 'Testkatalog', '1.0', '2026-01-01', '', '2026-01-01T00:00:00Z');"
  /* Area positions are not alphabetical: LEV-IN comes before LEV-FY. */
  "INSERT INTO area (code, perspective, name_sv, name_en, position) VALUES"
  "  ('LEV-IN', 'supplier', 'Incidenter', 'Incidents', 0),"
  "  ('LEV-FY', 'supplier', 'Fysisk säkerhet', 'Physical security', 1),"
  "  ('VER-KO', 'operations', 'Kontinuitet', 'Continuity', 2);"
  "INSERT INTO category (id, key, name_sv, name_en) VALUES"
  "  (1, 'it', 'IT-tjänster', 'IT services'), (2, 'cleaning', 'Städ', 'Cleaning'), (3, 'food', 'Mat', 'Food');";

static const struct {
  const char *code, *perspective, *area, *obligation;
  gboolean retired;
  const char *categories;   /* category ids */
} mini_requirements[] = {
  { "LEV-IN-01", "supplier", "LEV-IN", "shall", FALSE, "1,2" },
  { "LEV-IN-02", "supplier", "LEV-IN", "should", FALSE, "1" },
  { "LEV-FY-01", "supplier", "LEV-FY", "shall", FALSE, "2" },
  { "LEV-FY-02", "supplier", "LEV-FY", "shall", TRUE, "1" },
  { "VER-KO-01", "operations", "VER-KO", "should", FALSE, "1,2" },
  { "VER-KO-02", "operations", "VER-KO", "shall", FALSE, "" },
  { "VER-KO-03", "operations", "VER-KO", "shall", FALSE, "" },
};

static void
exec_sql (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;

  kk_database_exec (f->db, sql, &error);
  g_assert_no_error (error);
}

static void
load_mini_catalogue (Fixture *f)
{
  exec_sql (f, mini_catalogue);
  for (guint i = 0; i < G_N_ELEMENTS (mini_requirements); i++)
    {
      g_autofree char *sql = NULL;
      g_auto(GStrv) cats = g_strsplit (mini_requirements[i].categories, ",", -1);
      const char *c = mini_requirements[i].code;

      sql = g_strdup_printf ("INSERT INTO requirement (id, catalog_version, code, revision, current, perspective, area, "
                             "  title_sv, title_en, text_sv, text_en, obligation, kind, level, verification_sv, "
                             "  verification_en, motive_sv, motive_en, source_ref, retired) VALUES "
                             "(%u, 1, '%s', 1, 1, '%s', '%s', 'Titel %s', 'Title %s', 'Text %s.\nRad två.', "
                             " 'Text %s.', '%s', 'qualification', 'basic', 'Kontroll %s', 'Check %s', "
                             " 'Motiv', 'Motive', '', %d)",
                             i + 1, c, mini_requirements[i].perspective, mini_requirements[i].area,
                             c, c, c, c, mini_requirements[i].obligation, c, c, mini_requirements[i].retired);
      exec_sql (f, sql);
      for (guint j = 0; cats[j] != NULL && *cats[j]; j++)
        {
          g_autofree char *cat_sql = g_strdup_printf ("INSERT INTO requirement_category VALUES (%u, %s)", i + 1, cats[j]);
          exec_sql (f, cat_sql);
        }
    }
}

static char *
sql (Fixture *f, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Runs a query with the sqlite3 tool (an independent reader). */
static char *
sql (Fixture *f, const char *format, ...)
{
  g_autofree char *query = NULL;
  va_list args;

  va_start (args, format);
  query = g_strdup_vprintf (format, args);
  va_end (args);
  return kk_test_sqlite3 (f->path, query);
}

static gint64
sql_int (Fixture *f, const char *query)
{
  g_autofree char *text = kk_test_sqlite3 (f->path, query);

  return g_ascii_strtoll (text, NULL, 10);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;

  f->mode = GPOINTER_TO_INT (data);
  if (f->mode == MODE_MINI)
    {
      f->dir = kk_test_mkdtemp ();
      f->path = g_build_filename (f->dir, "store.db", NULL);
      f->db = kk_database_open (f->path, &error);
      g_assert_no_error (error);
      load_mini_catalogue (f);
    }
  else
    {
      f->db = kk_test_open_db (&f->dir);
      f->path = g_strdup (kk_database_get_path (f->db));
    }
  kk_database_set_actor (f->db, "Tester");

  codes = kk_test_sqlite3 (f->path, "SELECT group_concat (code, ' ') FROM "
                                    "(SELECT code FROM requirement WHERE current = 1 AND retired = 0 "
                                    " ORDER BY code LIMIT 6)");
  f->codes = g_strsplit (codes, " ", -1);
  if (f->mode == MODE_MINI)
    f->retired = g_strdup ("LEV-FY-02");
  f->audit_base = sql_int (f, "SELECT count(*) FROM audit_log");
}

/* Every database holds the bundled catalogue; a missing one is a failure. */
static gboolean
have_catalogue (Fixture *f)
{
  g_assert_cmpuint (g_strv_length (f->codes), >=, 6);
  return TRUE;
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  kk_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_strfreev (f->codes);
  g_free (f->retired);
}

/* Runs @call, which must fail with a message containing @needle, and
 * checks with the sqlite3 tool that nothing in the database changed. */
#define ASSERT_REFUSED(f, call, needle) G_STMT_START {                  \
    g_autofree char *before_ = kk_test_dump_db ((f)->path);            \
    g_autofree char *after_ = NULL;                                    \
    g_autoptr(GError) err = NULL;                                      \
    gboolean ok_ = (call) != 0;                                        \
    g_assert_false (ok_);                                              \
    g_assert_nonnull (err);                                            \
    if (strstr (err->message, (needle)) == NULL)                       \
      g_error ("“%s” does not contain “%s”", err->message, (needle));  \
    after_ = kk_test_dump_db ((f)->path);                              \
    g_assert_cmpstr (before_, ==, after_);                             \
  } G_STMT_END

/* Audit rows written by the test itself. */
static gint64
audit_count (Fixture *f)
{
  return sql_int (f, "SELECT count(*) FROM audit_log") - f->audit_base;
}

/* The newest audit row's detail, parsed by json-glib. */
static JsonObject *
last_detail (Fixture *f, const char *action)
{
  g_autofree char *row_action = sql (f, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
  g_autofree char *detail = sql (f, "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (row_action, ==, action);
  node = json_from_string (detail, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static KkProcurement *
create (Fixture *f, const char *title, const char *dnr)
{
  g_autoptr(GError) error = NULL;
  KkProcurementInput input = { .title = title, .dnr = dnr };
  KkProcurement *p = kk_store_create_procurement (f->db, &input, &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

static void
add_codes (Fixture *f, gint64 id, const char *codes)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = g_strsplit (codes, ",", -1);

  kk_store_procurement_add_requirements (f->db, id, (const char * const *) list, &error);
  g_assert_no_error (error);
}

static void
add_codes_list (Fixture *f, gint64 id, const char *a, const char *b, const char *c)
{
  g_autofree char *codes = g_strjoin (",", a, b, c, NULL);

  add_codes (f, id, codes);
}

static char *
positions (Fixture *f, gint64 id)
{
  return sql (f, "SELECT group_concat (position || ':' || code, ' ') FROM "
                 "(SELECT position, code FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                 " ORDER BY position)", id);
}

static void
publish (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;

  kk_store_procurement_set_status (f->db, id, "published", &error);
  g_assert_no_error (error);
}

static KkSupplier *
supplier (Fixture *f, const char *name, const char *org)
{
  g_autoptr(GError) error = NULL;
  KkSupplier *s = kk_store_add_supplier (f->db, name, org, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return s;
}

/* A new catalogue version that rewrites @code (as an import does: a new
 * current revision, the old one kept). */
static void
catalogue_changes (Fixture *f, const char *code, const char *new_text)
{
  g_autofree char *query = g_strdup_printf (
    "INSERT INTO catalog_version (name, version, published, imported_at) "
    "  SELECT 'Ändrad katalog', '9.' || count(*), '2027-01-01', '2027-01-01T00:00:00Z' FROM catalog_version;"
    "UPDATE requirement SET current = 0 WHERE code = '%s' AND current = 1;"
    "INSERT INTO requirement (catalog_version, code, revision, current, perspective, area, title_sv, title_en, "
    "  text_sv, text_en, obligation, kind, level, verification_sv, verification_en, motive_sv, motive_en, source_ref, retired) "
    "SELECT (SELECT max (id) FROM catalog_version), code, revision + 1, 1, perspective, area, title_sv || ' (ny)', title_en, "
    "  '%s', text_en, obligation, kind, level, verification_sv, verification_en, motive_sv, motive_en, source_ref, 0 "
    "FROM requirement WHERE code = '%s' ORDER BY revision DESC LIMIT 1;",
    code, new_text, code);

  exec_sql (f, query);
}

static KkChecklistItem *
item_for (GPtrArray *items, const char *code)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((KkChecklistItem *) g_ptr_array_index (items, i))->code, code))
      return g_ptr_array_index (items, i);
  g_error ("no item %s", code);
  return NULL;
}

/* ------------------------------------------------------------------ */

static void
test_create_find (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL, by_dnr = NULL, by_id = NULL, numeric = NULL, other = NULL;
  g_autofree char *row = NULL;
  KkProcurementInput input = {
    .title = "  Städning av skolor\t2026 ", .dnr = "KS 2026/0142", .unit = "Utbildningsförvaltningen",
    .category = "cleaning", .deadline = "2026-04-30", .note = "Första raden\nAndra raden",
  };

  if (!have_catalogue (f))
    return;

  p = kk_store_create_procurement (f->db, &input, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->title, ==, "Städning av skolor 2026");
  g_assert_cmpstr (p->status, ==, "draft");
  g_assert_cmpstr (p->created, ==, NOW);
  g_assert_null (p->published_at);
  g_assert_null (p->catalog_version);
  g_assert_cmpuint (p->n_requirements, ==, 0);

  row = sql (f, "SELECT title, dnr, unit, category, status, deadline, created, published_at IS NULL, "
                "catalog_version IS NULL, replace (note, char(10), '/') FROM procurement");
  g_assert_cmpstr (row, ==, "Städning av skolor 2026|KS 2026/0142|Utbildningsförvaltningen|cleaning|draft|2026-04-30|"
                            NOW "|1|1|Första raden/Andra raden");
  g_assert_cmpint (audit_count (f), ==, 1);
  {
    g_autoptr(JsonObject) d = last_detail (f, "procurement.create");
    g_autofree char *who = sql (f, "SELECT actor || '|' || entity || '|' || entity_id || '|' || procurement FROM audit_log "
                                   "ORDER BY id DESC LIMIT 1");
    g_autofree char *expected = g_strdup_printf ("Tester|procurement|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, p->id, p->id);

    g_assert_cmpstr (json_object_get_string_member (d, "dnr"), ==, "KS 2026/0142");
    g_assert_cmpstr (json_object_get_string_member (d, "deadline"), ==, "2026-04-30");
    g_assert_cmpstr (who, ==, expected);
  }

  /* Found by dnr (trimmed) and by id; a numeric dnr works when no id matches. */
  by_dnr = kk_store_find_procurement (f->db, " KS 2026/0142 ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_dnr->id, ==, p->id);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);

    by_id = kk_store_find_procurement (f->db, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (by_id->dnr, ==, "KS 2026/0142");
  }
  other = create (f, "Nummerdnr", "4711");
  numeric = kk_store_find_procurement (f->db, "4711", &error);
  g_assert_no_error (error);
  g_assert_cmpint (numeric->id, ==, other->id);
  g_assert_null (kk_store_find_procurement (f->db, "KS 1999/1", &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "KS 1999/1"));
  g_clear_error (&error);
  g_assert_null (kk_store_get_procurement (f->db, 999, &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND);
}

static void
test_create_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(KkProcurement) first = NULL;
  g_autofree char *long_title = g_strnfill (KK_MAX_NAME_LENGTH + 1, 'x');
  const char *bad_dates[] = { "2026-02-30", "2026-1-01", "30/04/2026", "2026-13-01", "20260430", "0000-01-01" };

  if (!have_catalogue (f))
    return;
  first = create (f, "Bevakning", "KS 2026/1");

  {
    KkProcurementInput in = { .title = "Annan", .dnr = "KS 2026/1" };
    ASSERT_REFUSED (f, kk_store_create_procurement (f->db, &in, &err), "“Bevakning”");
  }
  {
    KkProcurementInput in = { .title = "X", .dnr = "KS 2026/2", .category = "rymdfart" };
    ASSERT_REFUSED (f, kk_store_create_procurement (f->db, &in, &err), "rymdfart");
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      KkProcurementInput in = { .title = "X", .dnr = "KS 2026/3", .deadline = bad_dates[i] };
      ASSERT_REFUSED (f, kk_store_create_procurement (f->db, &in, &err), bad_dates[i]);
    }
  {
    KkProcurementInput in = { .title = "  ", .dnr = "KS 2026/4" };
    ASSERT_REFUSED (f, kk_store_create_procurement (f->db, &in, &err), "title");
  }
  {
    KkProcurementInput in = { .title = "X", .dnr = "" };
    ASSERT_REFUSED (f, kk_store_create_procurement (f->db, &in, &err), "dnr");
  }
  {
    KkProcurementInput in = { .title = long_title, .dnr = "KS 2026/5" };
    ASSERT_REFUSED (f, kk_store_create_procurement (f->db, &in, &err), "too long");
  }
  {
    KkProcurementInput in = { .title = "X", .dnr = "KS 2026/6", .note = "\xff\xfe" };
    ASSERT_REFUSED (f, kk_store_create_procurement (f->db, &in, &err), "UTF-8");
  }
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM procurement"), ==, 1);
}

static void
test_update_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) a = NULL, b = NULL, a2 = NULL;
  g_autoptr(GPtrArray) all = NULL, drafts = NULL, published = NULL, by_supplier = NULL;
  guint counts[4];
  KkProcurementInput in = { .title = "Ny titel", .dnr = "KS 2026/10", .unit = "Enhet",
                            .category = "it", .deadline = "2026-12-31", .note = "" };
  gint64 before;

  if (!have_catalogue (f))
    return;
  a = create (f, "A", "KS 2026/10");
  b = create (f, "B", "KS 2026/11");

  g_assert_true (kk_store_update_procurement (f->db, a->id, &in, &error));
  g_assert_no_error (error);
  a2 = kk_store_get_procurement (f->db, a->id, &error);
  g_assert_cmpstr (a2->title, ==, "Ny titel");
  g_assert_cmpstr (a2->category, ==, "it");
  {
    g_autoptr(JsonObject) d = last_detail (f, "procurement.edit");

    g_assert_cmpstr (json_object_get_string_member (d, "old_title"), ==, "A");
    g_assert_cmpstr (json_object_get_string_member (d, "title"), ==, "Ny titel");
    g_assert_true (json_object_get_null_member (d, "old_category"));
    g_assert_cmpstr (json_object_get_string_member (d, "category"), ==, "it");
  }

  /* Nothing changes: nothing recorded. */
  before = audit_count (f);
  g_assert_true (kk_store_update_procurement (f->db, a->id, &in, &error));
  g_assert_cmpint (audit_count (f), ==, before);

  /* Clearing category and deadline with empty strings. */
  in.category = "";
  in.deadline = "";
  g_assert_true (kk_store_update_procurement (f->db, a->id, &in, &error));
  g_assert_no_error (error);
  {
    g_autofree char *row = sql (f, "SELECT category IS NULL, deadline IS NULL FROM procurement WHERE dnr = 'KS 2026/10'");
    g_assert_cmpstr (row, ==, "1|1");
  }

  in.dnr = "KS 2026/11";
  ASSERT_REFUSED (f, kk_store_update_procurement (f->db, a->id, &in, &err), "“B”");
  in.dnr = "KS 2026/10";
  in.deadline = "2026-02-29";
  ASSERT_REFUSED (f, kk_store_update_procurement (f->db, a->id, &in, &err), "2026-02-29");
  in.deadline = NULL;
  ASSERT_REFUSED (f, kk_store_update_procurement (f->db, 4242, &in, &err), "4242");

  add_codes (f, b->id, f->codes[0]);
  publish (f, b->id);

  all = kk_store_list_procurements (f->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((KkProcurement *) all->pdata[0])->dnr, ==, "KS 2026/10");
  drafts = kk_store_list_procurements (f->db, "draft", &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  published = kk_store_list_procurements (f->db, "published", &error);
  g_assert_cmpuint (published->len, ==, 1);
  g_assert_cmpuint (((KkProcurement *) published->pdata[0])->n_requirements, ==, 1);
  g_assert_null (kk_store_list_procurements (f->db, "archived", &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (kk_store_count_procurements (f->db, counts, &error));
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, 1);
  g_assert_cmpuint (counts[2], ==, 0);
  g_assert_cmpuint (counts[3], ==, 0);

  {
    g_autoptr(KkSupplier) s = supplier (f, "Leverantör AB", "556012-5790");

    g_assert_true (kk_store_procurement_add_supplier (f->db, b->id, s->id, &error));
    by_supplier = kk_store_supplier_procurements (f->db, s->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (by_supplier->len, ==, 1);
    g_assert_cmpint (((KkProcurement *) by_supplier->pdata[0])->id, ==, b->id);
    g_assert_cmpuint (((KkProcurement *) by_supplier->pdata[0])->n_suppliers, ==, 1);
  }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_suggested (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) it = NULL, cleaning = NULL, none = NULL, food = NULL;

  if (!have_catalogue (f))
    return;

  it = kk_store_suggested_codes (f->db, "it", &error);
  g_assert_no_error (error);
  none = kk_store_suggested_codes (f->db, NULL, &error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_null (kk_store_suggested_codes (f->db, "rymdfart", &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  if (f->mode == MODE_MINI)
    {
      g_autofree char *joined = g_strjoinv (" ", it);
      g_autofree char *joined2 = NULL;

      /* Area position first (LEV-IN before LEV-FY), then code; LEV-FY-02 is retired. */
      g_assert_cmpstr (joined, ==, "LEV-IN-01 LEV-IN-02 VER-KO-01");
      cleaning = kk_store_suggested_codes (f->db, "cleaning", &error);
      joined2 = g_strjoinv (" ", cleaning);
      g_assert_cmpstr (joined2, ==, "LEV-IN-01 LEV-FY-01 VER-KO-01");
      food = kk_store_suggested_codes (f->db, "food", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (food), ==, 0);
    }
  else
    {
      /* The bundled file, read by Python, says which codes suggest themselves for IT. */
      g_autofree char *json = g_test_build_filename (G_TEST_DIST, "..", "data", "catalogue", "kravkoll-2026.1.json", NULL);
      const char *argv[] = { "/usr/bin/python3", "-c",
        "import json,sys; d=json.load(open(sys.argv[1]));"
        "print(' '.join(sorted(r['code'] for r in d['requirements'] if 'it' in r.get('categories', []))))",
        json, NULL };
      g_autofree char *out = NULL, *sorted = NULL, *in_list = NULL, *expected = NULL, *got = NULL;
      g_autoptr(GPtrArray) copy = g_ptr_array_new ();
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_strchomp (out);
      for (guint i = 0; it[i] != NULL; i++)
        g_ptr_array_add (copy, it[i]);
      g_ptr_array_sort (copy, compare_strings);
      g_ptr_array_add (copy, NULL);
      sorted = g_strjoinv (" ", (char **) copy->pdata);
      g_assert_cmpstr (sorted, ==, out);

      /* And the order follows the areas' positions. */
      in_list = g_strjoinv ("','", it);
      expected = sql (f, "SELECT group_concat (code, ' ') FROM (SELECT r.code FROM requirement r "
                         "JOIN area a ON a.code = r.area WHERE r.current = 1 AND r.code IN ('%s') "
                         "ORDER BY a.position, r.code)", in_list);
      got = g_strjoinv (" ", it);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_requirements (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *pos = NULL, *same = NULL;
  char **c = f->codes;
  g_autofree char *retired = NULL;
  gint64 before;

  if (!have_catalogue (f))
    return;
  retired = f->retired ? g_strdup (f->retired) : g_strdup (c[5]);
  if (f->retired == NULL)
    {
      g_autofree char *q = g_strdup_printf ("UPDATE requirement SET retired = 1 WHERE code = '%s' AND current = 1", retired);
      exec_sql (f, q);
    }

  p = create (f, "Krav", "KS 2026/20");
  before = audit_count (f);

  /* Appended in the given order, duplicates skipped. */
  {
    const char *first[] = { c[0], c[2], NULL };
    const char *second[] = { c[1], c[0], " ", c[3], c[1], NULL };

    g_assert_true (kk_store_procurement_add_requirements (f->db, p->id, first, &error));
    g_assert_true (kk_store_procurement_add_requirements (f->db, p->id, second, &error));
    g_assert_no_error (error);
  }
  pos = positions (f, p->id);
  {
    g_autofree char *expected = g_strdup_printf ("0:%s 1:%s 2:%s 3:%s", c[0], c[2], c[1], c[3]);
    g_assert_cmpstr (pos, ==, expected);
  }
  g_assert_cmpint (audit_count (f), ==, before + 2);
  {
    g_autoptr(JsonObject) d = last_detail (f, "procurement.add_requirements");
    JsonArray *added = json_object_get_array_member (d, "added");

    g_assert_cmpuint (json_array_get_length (added), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (added, 0), ==, c[1]);
    g_assert_cmpstr (json_array_get_string_element (added, 1), ==, c[3]);
  }

  /* The copies carry the catalogue's current wording exactly. */
  same = sql (f, "SELECT count(*) FROM procurement_requirement pr JOIN requirement r ON r.id = pr.requirement "
                 "WHERE r.current = 1 AND pr.code = r.code AND pr.revision = r.revision AND pr.title_sv = r.title_sv "
                 "AND pr.title_en = r.title_en AND pr.text_sv = r.text_sv AND pr.text_en = r.text_en "
                 "AND pr.verification_sv = r.verification_sv AND pr.verification_en = r.verification_en "
                 "AND pr.obligation = r.obligation AND pr.kind = r.kind AND pr.level = r.level AND pr.area = r.area");
  g_assert_cmpstr (same, ==, "4");

  /* Only duplicates: no change, no audit row. */
  {
    const char *dups[] = { c[0], c[3], NULL };

    before = audit_count (f);
    g_assert_true (kk_store_procurement_add_requirements (f->db, p->id, dups, &error));
    g_assert_cmpint (audit_count (f), ==, before);
  }

  /* Unknown and retired codes are refused by name, and nothing is added. */
  {
    const char *bad[] = { c[4], "XXX-99", NULL };
    const char *gone[] = { c[4], retired, NULL };

    ASSERT_REFUSED (f, kk_store_procurement_add_requirements (f->db, p->id, bad, &err), "XXX-99");
    ASSERT_REFUSED (f, kk_store_procurement_add_requirements (f->db, p->id, gone, &err), retired);
  }

  /* Move: c[3] to the top; positions stay 0..n-1. */
  g_assert_true (kk_store_procurement_move_requirement (f->db, p->id, c[3], 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&pos, g_free);
  pos = positions (f, p->id);
  {
    g_autofree char *expected = g_strdup_printf ("0:%s 1:%s 2:%s 3:%s", c[3], c[0], c[2], c[1]);
    g_autoptr(JsonObject) d = last_detail (f, "procurement.move_requirement");

    g_assert_cmpstr (pos, ==, expected);
    g_assert_cmpstr (json_object_get_string_member (d, "old_position"), ==, "3");
    g_assert_cmpstr (json_object_get_string_member (d, "position"), ==, "0");
  }
  before = audit_count (f);
  g_assert_true (kk_store_procurement_move_requirement (f->db, p->id, c[3], 0, &error));
  g_assert_cmpint (audit_count (f), ==, before);
  ASSERT_REFUSED (f, kk_store_procurement_move_requirement (f->db, p->id, c[3], 4, &err), "0 to 3");
  ASSERT_REFUSED (f, kk_store_procurement_move_requirement (f->db, p->id, c[3], -1, &err), "-1");
  ASSERT_REFUSED (f, kk_store_procurement_move_requirement (f->db, p->id, c[4], 1, &err), c[4]);

  /* Remove: renumbered. */
  {
    const char *rm[] = { c[0], NULL };
    const char *rm_bad[] = { c[2], c[4], NULL };

    g_assert_true (kk_store_procurement_remove_requirements (f->db, p->id, rm, &error));
    g_assert_no_error (error);
    g_clear_pointer (&pos, g_free);
    pos = positions (f, p->id);
    {
      g_autofree char *expected = g_strdup_printf ("0:%s 1:%s 2:%s", c[3], c[2], c[1]);
      g_autoptr(JsonObject) d = last_detail (f, "procurement.remove_requirements");

      g_assert_cmpstr (pos, ==, expected);
      g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (d, "removed"), 0), ==, c[0]);
    }
    ASSERT_REFUSED (f, kk_store_procurement_remove_requirements (f->db, p->id, rm_bad, &err), c[4]);
  }

  /* Obligation override. */
  {
    g_autofree char *catalogue = sql (f, "SELECT obligation FROM requirement WHERE code = '%s' AND current = 1", c[2]);
    const char *other = g_str_equal (catalogue, "shall") ? "should" : "shall";
    g_autofree char *stored = NULL;

    g_assert_true (kk_store_procurement_set_obligation (f->db, p->id, c[2], other, &error));
    g_assert_no_error (error);
    stored = sql (f, "SELECT obligation FROM procurement_requirement WHERE code = '%s'", c[2]);
    g_assert_cmpstr (stored, ==, other);
    {
      g_autoptr(JsonObject) d = last_detail (f, "procurement.set_obligation");
      g_assert_cmpstr (json_object_get_string_member (d, "old_obligation"), ==, catalogue);
      g_assert_cmpstr (json_object_get_string_member (d, "obligation"), ==, other);
    }
    ASSERT_REFUSED (f, kk_store_procurement_set_obligation (f->db, p->id, c[2], "must", &err), "must");
    ASSERT_REFUSED (f, kk_store_procurement_set_obligation (f->db, p->id, c[4], "shall", &err), c[4]);
  }

  items = kk_store_procurement_requirements (f->db, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[0])->code, ==, c[3]);
  g_assert_cmpint (((KkChecklistItem *) items->pdata[2])->position, ==, 2);
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[0])->status, ==, "unanswered");
  g_assert_false (((KkChecklistItem *) items->pdata[0])->newer_revision);

  {
    const char *one[] = { c[0], NULL };
    ASSERT_REFUSED (f, kk_store_procurement_add_requirements (f->db, 999, one, &err), "999");
  }
}

static void
test_publish (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL, empty = NULL, after = NULL, retired_one = NULL;
  g_autoptr(GPtrArray) items = NULL, items2 = NULL;
  g_autofree char *frozen_before = NULL, *frozen_after = NULL, *cv = NULL, *text = NULL;
  char **c = f->codes;
  gint64 before;

  if (!have_catalogue (f))
    return;

  empty = create (f, "Tom", "KS 2026/30");
  ASSERT_REFUSED (f, kk_store_procurement_set_status (f->db, empty->id, "published", &err), "no requirements");
  ASSERT_REFUSED (f, kk_store_procurement_set_status (f->db, empty->id, "evaluating", &err), "publish it");
  ASSERT_REFUSED (f, kk_store_procurement_set_status (f->db, empty->id, "archived", &err), "archived");

  p = create (f, "Publiceras", "KS 2026/31");
  add_codes_list (f, p->id, c[0], c[1], c[2]);
  {
    g_autofree char *catalogue = sql (f, "SELECT obligation FROM requirement WHERE code = '%s' AND current = 1", c[0]);

    g_assert_true (kk_store_procurement_set_obligation (f->db, p->id, c[0],
                                                        g_str_equal (catalogue, "shall") ? "should" : "shall", &error));
  }

  /* The catalogue changes c[1] while the procurement is a draft: the copy
   * is behind, and publishing brings it up to date. */
  catalogue_changes (f, c[1], "Ny lydelse före publicering.");
  items = kk_store_procurement_requirements (f->db, p->id, &error);
  g_assert_true (item_for (items, c[1])->newer_revision);
  g_assert_false (item_for (items, c[0])->newer_revision);

  before = audit_count (f);
  publish (f, p->id);
  g_assert_cmpint (audit_count (f), ==, before + 1);
  after = kk_store_get_procurement (f->db, p->id, &error);
  g_assert_cmpstr (after->status, ==, "published");
  g_assert_cmpstr (after->published_at, ==, NOW);
  cv = sql (f, "SELECT name || ' ' || version FROM catalog_version ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (after->catalog_version, ==, cv);
  {
    g_autofree char *id = sql (f, "SELECT catalog_version = (SELECT max (id) FROM catalog_version) FROM procurement WHERE id = %"
                                  G_GINT64_FORMAT, p->id);
    g_autoptr(JsonObject) d = last_detail (f, "procurement.status");

    g_assert_cmpstr (id, ==, "1");
    g_assert_cmpstr (json_object_get_string_member (d, "old_status"), ==, "draft");
    g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "published");
    g_assert_cmpstr (json_object_get_string_member (d, "catalog_version"), ==, cv);
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (d, "refreshed"), 0), ==, c[1]);
  }
  text = sql (f, "SELECT text_sv || '|' || revision FROM procurement_requirement WHERE code = '%s'", c[1]);
  g_assert_cmpstr (text, ==, "Ny lydelse före publicering.|2");
  {
    /* The per-procurement obligation survived the refresh. */
    g_autofree char *differs = sql (f, "SELECT pr.obligation <> r.obligation FROM procurement_requirement pr "
                                       "JOIN requirement r ON r.id = pr.requirement WHERE pr.code = '%s'", c[0]);
    g_assert_cmpstr (differs, ==, "1");
  }

  /* Published: the requirements are frozen. */
  {
    const char *one[] = { c[3], NULL };
    const char *mine[] = { c[0], NULL };

    ASSERT_REFUSED (f, kk_store_procurement_add_requirements (f->db, p->id, one, &err), "is published; its requirements are frozen");
    ASSERT_REFUSED (f, kk_store_procurement_remove_requirements (f->db, p->id, mine, &err), "is published; its requirements are frozen");
    ASSERT_REFUSED (f, kk_store_procurement_move_requirement (f->db, p->id, c[0], 2, &err), "is published; its requirements are frozen");
    ASSERT_REFUSED (f, kk_store_procurement_set_obligation (f->db, p->id, c[0], "shall", &err), "is published; its requirements are frozen");
  }

  /* A later catalogue change leaves the published wording exactly as it was. */
  frozen_before = sql (f, "SELECT * FROM procurement_requirement ORDER BY id");
  catalogue_changes (f, c[0], "Helt ny text efter publicering.");
  {
    g_autofree char *q = g_strdup_printf ("UPDATE requirement SET retired = 1 WHERE code = '%s' AND current = 1", c[2]);
    exec_sql (f, q);
  }
  frozen_after = sql (f, "SELECT * FROM procurement_requirement ORDER BY id");
  g_assert_cmpstr (frozen_before, ==, frozen_after);
  items2 = kk_store_procurement_requirements (f->db, p->id, &error);
  g_assert_true (item_for (items2, c[0])->newer_revision);
  g_assert_false (item_for (items2, c[1])->newer_revision);
  g_assert_true (item_for (items2, c[2])->newer_revision);   /* retired */
  g_assert_cmpstr (item_for (items2, c[0])->text_sv, !=, "Helt ny text efter publicering.");

  /* A draft holding a now-retired requirement cannot be published. */
  retired_one = create (f, "Med utgånget krav", "KS 2026/32");
  {
    g_autoptr(GError) e2 = NULL;
    const char *one[] = { c[3], NULL };

    g_assert_true (kk_store_procurement_add_requirements (f->db, retired_one->id, one, &e2));
    g_assert_no_error (e2);
  }
  {
    g_autofree char *q = g_strdup_printf ("UPDATE requirement SET retired = 1 WHERE code = '%s' AND current = 1", c[3]);
    exec_sql (f, q);
  }
  ASSERT_REFUSED (f, kk_store_procurement_set_status (f->db, retired_one->id, "published", &err), c[3]);

  /* Forward only. */
  ASSERT_REFUSED (f, kk_store_procurement_set_status (f->db, p->id, "draft", &err), "forward");
  ASSERT_REFUSED (f, kk_store_procurement_set_status (f->db, p->id, "published", &err), "already");
  g_assert_true (kk_store_procurement_set_status (f->db, p->id, "evaluating", &error));
  g_assert_no_error (error);
  {
    const char *one[] = { c[3], NULL };
    ASSERT_REFUSED (f, kk_store_procurement_add_requirements (f->db, p->id, one, &err), "frozen");
  }
  g_assert_true (kk_store_procurement_set_status (f->db, p->id, "decided", &error));
  ASSERT_REFUSED (f, kk_store_procurement_set_status (f->db, p->id, "evaluating", &err), "forward");
  {
    g_autofree char *status = sql (f, "SELECT status FROM procurement WHERE id = %" G_GINT64_FORMAT, p->id);
    g_autofree char *published_at = sql (f, "SELECT published_at FROM procurement WHERE id = %" G_GINT64_FORMAT, p->id);

    g_assert_cmpstr (status, ==, "decided");
    g_assert_cmpstr (published_at, ==, NOW);
  }
}

static void
test_suppliers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) a = NULL, b = NULL;
  g_autoptr(GPtrArray) list = NULL;
  KkAnswerInput met = { .status = "met" }, unanswered = { .status = "unanswered" };

  if (!have_catalogue (f))
    return;
  p = create (f, "Leverantörer", "KS 2026/40");
  add_codes (f, p->id, f->codes[0]);
  a = supplier (f, "Östra Bygg AB", "556012-5790");
  b = supplier (f, "Alfa Städ AB", "556016-0680");

  g_assert_true (kk_store_procurement_add_supplier (f->db, p->id, a->id, &error));
  g_assert_true (kk_store_procurement_add_supplier (f->db, p->id, b->id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) d = last_detail (f, "procurement.add_supplier");
    g_autofree char *entity = sql (f, "SELECT entity || '|' || (entity_id = (SELECT max (id) FROM assessment)) "
                                      "FROM audit_log ORDER BY id DESC LIMIT 1");

    g_assert_cmpstr (json_object_get_string_member (d, "org_number"), ==, "556016-0680");
    g_assert_cmpstr (entity, ==, "assessment|1");
  }
  ASSERT_REFUSED (f, kk_store_procurement_add_supplier (f->db, p->id, a->id, &err), "already takes part");
  ASSERT_REFUSED (f, kk_store_procurement_add_supplier (f->db, p->id, 999, &err), "999");
  ASSERT_REFUSED (f, kk_store_procurement_add_supplier (f->db, 999, a->id, &err), "999");

  list = kk_store_procurement_suppliers (f->db, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((KkSupplier *) list->pdata[0])->name, ==, "Alfa Städ AB");
  g_assert_cmpuint (((KkSupplier *) list->pdata[0])->n_procurements, ==, 1);

  /* With a real answer the supplier stays; back to unanswered, it may go. */
  publish (f, p->id);
  g_assert_true (kk_store_set_answer (f->db, p->id, a->id, f->codes[0], &met, NULL, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, kk_store_procurement_remove_supplier (f->db, p->id, a->id, &err), "1 answer");
  g_assert_true (kk_store_set_answer (f->db, p->id, a->id, f->codes[0], &unanswered, NULL, &error));
  g_assert_true (kk_store_procurement_remove_supplier (f->db, p->id, a->id, &error));
  g_assert_no_error (error);
  g_assert_true (kk_store_procurement_remove_supplier (f->db, p->id, b->id, &error));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM assessment"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM answer"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'procurement.remove_supplier'"), ==, 2);
  ASSERT_REFUSED (f, kk_store_procurement_remove_supplier (f->db, p->id, b->id, &err), "does not take part");
}

static void
test_answers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL, other = NULL;
  g_autoptr(KkSupplier) s = NULL, outsider = NULL;
  g_autoptr(KkChecklistItem) previous = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *row = NULL, *long_text = g_strnfill (KK_MAX_TEXT_LENGTH + 1, 'x');
  char **c = f->codes;
  KkAnswerInput in = { .status = "met", .comment = "  Rutinen bifogad.\nGranskad av oss. ",
                       .evidence = "Bilaga 3", .valid_until = "2027-06-30" };
  gint64 before;

  if (!have_catalogue (f))
    return;
  p = create (f, "Svar", "KS 2026/50");
  add_codes_list (f, p->id, c[0], c[1], c[2]);
  s = supplier (f, "Bevakning Syd AB", "556012-5790");
  outsider = supplier (f, "Utanför AB", "556016-0680");
  g_assert_true (kk_store_procurement_add_supplier (f->db, p->id, s->id, &error));

  ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[0], &in, NULL, &err), "publish it first");
  publish (f, p->id);

  ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, outsider->id, c[0], &in, NULL, &err), "does not take part");
  ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[4], &in, NULL, &err), c[4]);
  {
    KkAnswerInput bad = in;
    bad.status = "kanske";
    ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[0], &bad, NULL, &err), "kanske");
    bad.status = "met";
    bad.valid_until = "2027-02-31";
    ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[0], &bad, NULL, &err), "2027-02-31");
    bad.valid_until = NULL;
    bad.comment = long_text;
    ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[0], &bad, NULL, &err), "too long");
    bad.comment = NULL;
    bad.evidence = "\xc3\x28";
    ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[0], &bad, NULL, &err), "UTF-8");
  }

  before = audit_count (f);
  g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[0], &in, &previous, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (f), ==, before + 1);
  g_assert_cmpstr (previous->status, ==, "unanswered");
  g_assert_cmpstr (previous->comment, ==, "");
  g_clear_object (&previous);

  row = sql (f, "SELECT status, replace (comment, char(10), '/'), evidence, valid_until, checked_by, checked_at, source "
                "FROM answer");
  g_assert_cmpstr (row, ==, "met|Rutinen bifogad./Granskad av oss.|Bilaga 3|2027-06-30|Tester|" NOW "|officer");
  {
    g_autoptr(JsonObject) d = last_detail (f, "answer.set");
    g_autofree char *meta = sql (f, "SELECT entity || '|' || (entity_id = (SELECT id FROM answer)) || '|' || procurement "
                                    "FROM audit_log ORDER BY id DESC LIMIT 1");
    g_autofree char *expected = g_strdup_printf ("answer|1|%" G_GINT64_FORMAT, p->id);

    g_assert_cmpstr (meta, ==, expected);
    g_assert_cmpstr (json_object_get_string_member (d, "code"), ==, c[0]);
    g_assert_cmpstr (json_object_get_string_member (d, "org_number"), ==, "556012-5790");
    g_assert_cmpstr (json_object_get_string_member (d, "old_status"), ==, "unanswered");
    g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "met");
    g_assert_cmpstr (json_object_get_string_member (d, "old_comment"), ==, "");
    g_assert_cmpstr (json_object_get_string_member (d, "comment"), ==, "Rutinen bifogad.\nGranskad av oss.");
    g_assert_cmpstr (json_object_get_string_member (d, "evidence"), ==, "Bilaga 3");
    g_assert_true (json_object_get_null_member (d, "old_valid_until"));
    g_assert_cmpstr (json_object_get_string_member (d, "valid_until"), ==, "2027-06-30");
  }

  /* The same again changes nothing and records nothing. */
  before = audit_count (f);
  g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[0], &in, &previous, &error));
  g_assert_cmpint (audit_count (f), ==, before);
  g_assert_cmpstr (previous->status, ==, "met");
  g_clear_object (&previous);

  /* A change: previous is what it was, the upsert keeps one row. */
  {
    KkAnswerInput change = { .status = "not_met", .comment = "Saknas", .evidence = "", .valid_until = "" };

    g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[0], &change, &previous, &error));
    g_assert_cmpstr (previous->status, ==, "met");
    g_assert_cmpstr (previous->valid_until, ==, "2027-06-30");
    g_assert_cmpstr (previous->evidence, ==, "Bilaga 3");
    g_assert_cmpint (sql_int (f, "SELECT count(*) FROM answer"), ==, 1);
    {
      g_autoptr(JsonObject) d = last_detail (f, "answer.set");
      g_assert_cmpstr (json_object_get_string_member (d, "old_valid_until"), ==, "2027-06-30");
      g_assert_true (json_object_get_null_member (d, "valid_until"));
    }
  }
  {
    KkAnswerInput partly = { .status = "partly_met" };
    g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[2], &partly, NULL, &error));
    g_assert_no_error (error);
  }

  /* The checklist: every requirement in order, missing answers unanswered. */
  items = kk_store_checklist (f->db, p->id, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[0])->code, ==, c[0]);
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[0])->status, ==, "not_met");
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[0])->comment, ==, "Saknas");
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[0])->checked_by, ==, "Tester");
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[1])->status, ==, "unanswered");
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[1])->comment, ==, "");
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[1])->valid_until, ==, "");
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[1])->checked_at, ==, "");
  g_assert_cmpstr (((KkChecklistItem *) items->pdata[2])->status, ==, "partly_met");
  g_assert_null (kk_store_checklist (f->db, p->id, outsider->id, &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Answers are read per supplier: another procurement's are separate. */
  other = create (f, "Annan", "KS 2026/51");
  add_codes (f, other->id, c[0]);
  g_assert_true (kk_store_procurement_add_supplier (f->db, other->id, s->id, &error));
  publish (f, other->id);
  {
    g_autoptr(GPtrArray) other_items = kk_store_checklist (f->db, other->id, s->id, &error);
    g_assert_cmpstr (((KkChecklistItem *) other_items->pdata[0])->status, ==, "unanswered");
  }

  /* Evaluating still takes answers; decided does not. */
  g_assert_true (kk_store_procurement_set_status (f->db, p->id, "evaluating", &error));
  g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[1], &in, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kk_store_procurement_set_status (f->db, p->id, "decided", &error));
  ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[1], &(KkAnswerInput) { .status = "not_met" }, NULL, &err),
                  "decided");
}

static void
test_summary (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  KkChecklistSummary summary = { 0 };
  const char *statuses[] = { "met", "not_met", "partly_met", "not_applicable", NULL, "met" };
  char **c = f->codes;
  g_autofree char *all = NULL;
  guint shall_total = 0;

  if (!have_catalogue (f))
    return;
  p = create (f, "Summering", "KS 2026/60");
  all = g_strjoinv (",", c);
  add_codes (f, p->id, all);
  /* Make the obligations known: even positions shall, odd should. */
  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (kk_store_procurement_set_obligation (f->db, p->id, c[i], i % 2 == 0 ? "shall" : "should", &error));
      g_assert_no_error (error);
    }
  s = supplier (f, "Summa AB", "556012-5790");
  g_assert_true (kk_store_procurement_add_supplier (f->db, p->id, s->id, &error));
  publish (f, p->id);

  for (guint i = 0; i < 6; i++)
    if (statuses[i] != NULL)
      {
        KkAnswerInput in = { .status = statuses[i] };
        g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[i], &in, NULL, &error));
        g_assert_no_error (error);
      }
  /* shall: c0 met, c2 partly_met, c4 unanswered; should: c1 not_met, c3 n/a, c5 met. */
  g_assert_true (kk_store_checklist_summary (f->db, p->id, s->id, &summary, &error));
  g_assert_no_error (error);
  shall_total = (guint) sql_int (f, "SELECT count(*) FROM procurement_requirement WHERE obligation = 'shall'");
  g_assert_cmpuint (shall_total, ==, 3);
  g_assert_cmpuint (summary.total, ==, 6);
  g_assert_cmpuint (summary.answered, ==, 5);
  g_assert_cmpuint (summary.shall_total, ==, 3);
  g_assert_cmpuint (summary.shall_met, ==, 1);
  g_assert_cmpuint (summary.shall_not_met, ==, 1);
  g_assert_cmpuint (summary.shall_unanswered, ==, 1);
  g_assert_cmpuint (summary.shortcomings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary.shortcomings, 0), ==, c[2]);

  /* The same as counted from the whole checklist, read item by item. */
  {
    g_autoptr(GPtrArray) items = kk_store_checklist (f->db, p->id, s->id, &error);
    KkChecklistSummary of_items = { 0 };

    g_assert_no_error (error);
    kk_checklist_summary_of_items (items, &of_items);
    g_assert_cmpuint (of_items.total, ==, summary.total);
    g_assert_cmpuint (of_items.answered, ==, summary.answered);
    g_assert_cmpuint (of_items.shall_total, ==, summary.shall_total);
    g_assert_cmpuint (of_items.shall_met, ==, summary.shall_met);
    g_assert_cmpuint (of_items.shall_not_met, ==, summary.shall_not_met);
    g_assert_cmpuint (of_items.shall_unanswered, ==, summary.shall_unanswered);
    g_assert_cmpuint (of_items.shortcomings->len, ==, summary.shortcomings->len);
    g_assert_cmpstr (g_ptr_array_index (of_items.shortcomings, 0), ==, g_ptr_array_index (summary.shortcomings, 0));
    kk_checklist_summary_clear (&of_items);
  }
  kk_checklist_summary_clear (&summary);
  g_assert_null (summary.shortcomings);
  g_assert_cmpuint (summary.total, ==, 0);

  /* A supplier not in the procurement has no checklist to sum up. */
  {
    g_autoptr(KkSupplier) other = supplier (f, "Utanför AB", "556036-0793");

    g_assert_false (kk_store_checklist_summary (f->db, p->id, other->id, &summary, &error));
    g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND);
    g_assert_null (summary.shortcomings);
    g_clear_error (&error);
  }
}

static void
test_audit_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) a = NULL, b = NULL;
  g_autoptr(KkSupplier) s = NULL;
  g_autoptr(GPtrArray) all = NULL, only_a = NULL;
  gint64 rows, base;

  if (!have_catalogue (f))
    return;
  s = supplier (f, "Spår AB", "556012-5790");   /* 1 */
  a = create (f, "A", "KS 2026/70");              /* 2 */
  b = create (f, "B", "KS 2026/71");              /* 3 */
  add_codes (f, a->id, f->codes[0]);              /* 4 */
  add_codes (f, b->id, f->codes[1]);              /* 5 */
  publish (f, a->id);                             /* 6 */
  g_assert_true (kk_store_procurement_add_supplier (f->db, a->id, s->id, &error));  /* 7 */

  all = kk_store_list_audit (f->db, 0, &error);
  g_assert_no_error (error);
  rows = sql_int (f, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (audit_count (f), ==, 7);
  g_assert_cmpuint (all->len, ==, rows);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (((KkAuditEntry *) all->pdata[i - 1])->id, <, ((KkAuditEntry *) all->pdata[i])->id);
  base = f->audit_base;
  g_assert_cmpstr (((KkAuditEntry *) all->pdata[base])->action, ==, "supplier.add");
  g_assert_cmpint (((KkAuditEntry *) all->pdata[base])->procurement, ==, 0);
  g_assert_cmpstr (((KkAuditEntry *) all->pdata[base + 6])->entity, ==, "assessment");
  g_assert_cmpstr (((KkAuditEntry *) all->pdata[base + 6])->actor, ==, "Tester");
  g_assert_cmpstr (((KkAuditEntry *) all->pdata[base + 6])->at, ==, NOW);

  only_a = kk_store_list_audit (f->db, a->id, &error);
  g_assert_cmpuint (only_a->len, ==, 4);
  for (guint i = 0; i < only_a->len; i++)
    g_assert_cmpint (((KkAuditEntry *) only_a->pdata[i])->procurement, ==, a->id);
  g_assert_cmpstr (((KkAuditEntry *) only_a->pdata[0])->action, ==, "procurement.create");
  g_assert_cmpstr (((KkAuditEntry *) only_a->pdata[3])->action, ==, "procurement.add_supplier");
}

/* The transaction covers the change and its audit row: when the audit row
 * cannot be written, the change is gone too. */
static void
test_atomic (Fixture *f, gconstpointer data)
{
  g_autoptr(KkProcurement) p = NULL;
  const char *one[2] = { NULL, NULL };

  if (!have_catalogue (f))
    return;
  p = create (f, "Atom", "KS 2026/80");
  one[0] = f->codes[0];
  exec_sql (f, "CREATE TRIGGER test_no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE (ABORT, 'audit refused'); END");
  ASSERT_REFUSED (f, kk_store_procurement_add_requirements (f->db, p->id, one, &err), "audit refused");
  {
    KkProcurementInput in = { .title = "Atom 2", .dnr = "KS 2026/81" };
    ASSERT_REFUSED (f, kk_store_create_procurement (f->db, &in, &err), "audit refused");
  }
  g_assert_false (kk_database_in_transaction (f->db));
}

/* Two writers on one answer: a field a change leaves out (NULL) keeps what
 * the answer says when the change is written, not what the writer read;
 * a change made with the answer it read (expected) is refused, with who
 * changed it since and nothing written, when a field it sets has moved. */
static void
test_answer_fields_and_conflicts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  g_autoptr(GPtrArray) read_by_a = NULL;
  g_autoptr(GPtrArray) items = NULL;
  KkChecklistItem *seen, *now;
  char **c = f->codes;
  gint64 before;

  if (!have_catalogue (f))
    return;
  p = create (f, "Två handläggare", "KS 2026/60");
  add_codes_list (f, p->id, c[0], c[1], c[2]);
  s = supplier (f, "Bevakning Syd AB", "556012-5790");
  g_assert_true (kk_store_procurement_add_supplier (f->db, p->id, s->id, &error));
  publish (f, p->id);
  g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[0],
                                      &(KkAnswerInput) { .status = "partly_met", .comment = "Första",
                                                         .evidence = "Bilaga 1", .valid_until = "2027-01-31" },
                                      NULL, &error));
  g_assert_no_error (error);

  /* Writer A reads the checklist; writer B then changes the comment. */
  read_by_a = kk_store_checklist (f->db, p->id, s->id, &error);
  seen = g_ptr_array_index (read_by_a, 0);
  kk_database_set_actor (f->db, "Bertil B");
  g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[0], &(KkAnswerInput) { .comment = "Andra" }, NULL, &error));
  g_assert_no_error (error);

  /* A sets the status only: B's comment stays, as do the rest. */
  kk_database_set_actor (f->db, "Anna A");
  g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[0], &(KkAnswerInput) { .status = "met" }, NULL, &error));
  items = kk_store_checklist (f->db, p->id, s->id, &error);
  now = g_ptr_array_index (items, 0);
  g_assert_cmpstr (now->status, ==, "met");
  g_assert_cmpstr (now->comment, ==, "Andra");
  g_assert_cmpstr (now->evidence, ==, "Bilaga 1");
  g_assert_cmpstr (now->valid_until, ==, "2027-01-31");
  g_assert_cmpstr (now->checked_by, ==, "Anna A");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A saves a comment typed over the one it read ("Första"), which B
   * has changed since: refused, naming who changed the answer last. */
  before = audit_count (f);
  ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[0],
                                          &(KkAnswerInput) { .comment = "Anna skriver", .expected = seen },
                                          NULL, &err),
                  "nothing was written");
  g_assert_cmpint (audit_count (f), ==, before);
  {
    g_autoptr(GError) conflict = NULL;

    g_assert_false (kk_store_set_answer (f->db, p->id, s->id, c[0],
                                         &(KkAnswerInput) { .comment = "Annat", .expected = seen },
                                         NULL, &conflict));
    g_assert_error (conflict, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT);
    g_assert_nonnull (strstr (conflict->message, "Anna A"));
    g_assert_nonnull (strstr (conflict->message, c[0]));
  }

  /* With what is there now as the expected answer, the same change goes
   * through; fields it does not set are not compared. */
  items = kk_store_checklist (f->db, p->id, s->id, &error);
  now = g_ptr_array_index (items, 0);
  g_assert_true (kk_store_set_answer (f->db, p->id, s->id, c[0],
                                      &(KkAnswerInput) { .comment = "Anna skriver", .valid_until = "",
                                                         .expected = now },
                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (f), ==, before + 1);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = kk_store_checklist (f->db, p->id, s->id, &error);
  now = g_ptr_array_index (items, 0);
  g_assert_cmpstr (now->comment, ==, "Anna skriver");
  g_assert_cmpstr (now->valid_until, ==, "");
  g_assert_cmpstr (now->evidence, ==, "Bilaga 1");
  g_assert_cmpstr (now->status, ==, "met");

  /* A status change against a stale status is refused too. */
  ASSERT_REFUSED (f, kk_store_set_answer (f->db, p->id, s->id, c[0],
                                          &(KkAnswerInput) { .status = "not_met", .expected = seen },
                                          NULL, &err),
                  "changed by");
}

/* Editing what another writer has changed since it was read: the supplier
 * and the procurement are refused with who changed them, nothing written;
 * with what is there now as the expected version, the edit goes through. */
static void
test_edit_conflicts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkSupplier) s = NULL, s_now = NULL;
  g_autoptr(KkProcurement) p = NULL, p_now = NULL;
  KkProcurementInput in = { .title = "Bevakning, ny titel", .dnr = "KS 2026/70", .unit = "Stadsledningskontoret" };
  gint64 before;

  if (!have_catalogue (f))
    return;
  s = supplier (f, "Bevakning Syd AB", "556012-5790");
  p = create (f, "Bevakning", "KS 2026/70");

  kk_database_set_actor (f->db, "Bertil B");
  g_assert_true (kk_store_update_supplier (f->db, s->id, s->name, "SE", "växel 08-123 45", s->note, NULL, &error));
  g_assert_no_error (error);
  kk_database_set_actor (f->db, "Anna A");
  ASSERT_REFUSED (f, kk_store_update_supplier (f->db, s->id, "Bevakning Syd", "SE", s->contact, s->note, s, &err),
                  "Bertil B");
  {
    g_autoptr(GError) conflict = NULL;

    g_assert_false (kk_store_update_supplier (f->db, s->id, "Bevakning Syd", "SE", s->contact, s->note, s, &conflict));
    g_assert_error (conflict, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT);
    g_assert_nonnull (strstr (conflict->message, "556012-5790"));
  }
  s_now = kk_store_find_supplier (f->db, "556012-5790", &error);
  before = audit_count (f);
  g_assert_true (kk_store_update_supplier (f->db, s->id, "Bevakning Syd", "SE", s_now->contact, s_now->note, s_now,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (f), ==, before + 1);
  {
    g_autofree char *row = sql (f, "SELECT name || '|' || contact FROM supplier WHERE org_number = '556012-5790'");

    g_assert_cmpstr (row, ==, "Bevakning Syd|växel 08-123 45");
  }

  kk_database_set_actor (f->db, "Bertil B");
  {
    KkProcurementInput other = { .title = p->title, .dnr = p->dnr, .unit = "Serviceförvaltningen" };

    g_assert_true (kk_store_update_procurement (f->db, p->id, &other, &error));
    g_assert_no_error (error);
  }
  kk_database_set_actor (f->db, "Anna A");
  in.expected = p;
  ASSERT_REFUSED (f, kk_store_update_procurement (f->db, p->id, &in, &err), "changed by Bertil B");
  p_now = kk_store_get_procurement (f->db, p->id, &error);
  in.expected = p_now;
  g_assert_true (kk_store_update_procurement (f->db, p->id, &in, &error));
  g_assert_no_error (error);
  {
    g_autofree char *row = sql (f, "SELECT title || '|' || unit FROM procurement WHERE dnr = 'KS 2026/70'");

    g_assert_cmpstr (row, ==, "Bevakning, ny titel|Stadsledningskontoret");
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("KRAVKOLL_NOW", NOW, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/mini/" name, Fixture, GINT_TO_POINTER (MODE_MINI), setup, func, teardown); \
  g_test_add ("/store/bundled/" name, Fixture, GINT_TO_POINTER (MODE_BUNDLED), setup, func, teardown)
  ADD ("create-find", test_create_find);
  ADD ("create-refused", test_create_refused);
  ADD ("update-list", test_update_list);
  ADD ("suggested", test_suggested);
  ADD ("requirements", test_requirements);
  ADD ("publish", test_publish);
  ADD ("suppliers", test_suppliers);
  ADD ("answers", test_answers);
  ADD ("answer-fields-conflicts", test_answer_fields_and_conflicts);
  ADD ("edit-conflicts", test_edit_conflicts);
  ADD ("summary", test_summary);
  ADD ("audit-list", test_audit_list);
  ADD ("atomic", test_atomic);
#undef ADD
  return g_test_run ();
}
