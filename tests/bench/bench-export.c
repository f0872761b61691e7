// SPDX-License-Identifier: GPL-3.0-or-later
/* Export benchmarks, each reported against a baseline measured in the same
 * run (machines here are shared and noisy: ratios, not absolute times).
 *
 *  1. Comparison matrix, 500 requirements × 400 suppliers (200,000 answer
 *     cells): kk_export_matrix_xlsx (reading the database included) against
 *     /usr/bin/python3 + XlsxWriter writing the same cells with the same
 *     formats (bench_matrix_xlsxwriter.py, which times only its writing).
 *  2. Appendix of 500 requirements: pages and time, against laying out the
 *     same paragraphs with Pango (same fonts, widths and wrapping) without
 *     drawing or pagination. The ratio is what pagination, drawing, font
 *     embedding and PDF writing cost on top of the text layout.
 *
 * Usage: bench-export PATH/TO/bench_matrix_xlsxwriter.py */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <pango/pangocairo.h>

#include "kk-export.h"
#include "kk-store.h"
#include "kk-test-util.h"

#define N_REQUIREMENTS 500
#define N_SUPPLIERS    400
#define RUNS           3

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, compare_double);
  return v[n / 2];
}

static void
exec_sql (KkDatabase *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (kk_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A published procurement whose requirements cycle through the bundled
 * catalogue's real wording, with suppliers and answers. */
static gint64
fill (KkDatabase *db)
{
  sqlite3 *h = kk_database_get_handle (db);
  sqlite3_stmt *stmt;
  gint64 procurement;

  exec_sql (db, "BEGIN");
  exec_sql (db, "INSERT INTO procurement (title, dnr, unit, status, created, catalog_version) "
                "VALUES ('Drift av verksamhetssystem för hela staden', 'SLK 2026/0500', 'Serviceförvaltningen', "
                "'evaluating', '2026-01-01T00:00:00Z', (SELECT min (id) FROM catalog_version))");
  procurement = sqlite3_last_insert_rowid (h);

  g_assert_cmpint (sqlite3_prepare_v2 (h,
    "INSERT INTO procurement_requirement (procurement, requirement, code, revision, area, title_sv, title_en, "
    "text_sv, text_en, verification_sv, verification_en, obligation, kind, level, position) "
    "SELECT ?1, r.id, r.code || '-' || ?2, 1, r.area, r.title_sv, r.title_en, r.text_sv, r.text_en, "
    "r.verification_sv, r.verification_en, r.obligation, r.kind, r.level, ?2 "
    "FROM requirement r WHERE r.current = 1 ORDER BY r.id LIMIT 1 OFFSET ?3", -1, &stmt, NULL), ==, SQLITE_OK);
  {
    int n_catalogue = (int) kk_test_query_int (db, "SELECT count(*) FROM requirement WHERE current = 1");

    for (int i = 0; i < N_REQUIREMENTS; i++)
      {
        sqlite3_bind_int64 (stmt, 1, procurement);
        sqlite3_bind_int (stmt, 2, i);
        sqlite3_bind_int (stmt, 3, i % n_catalogue);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
        sqlite3_reset (stmt);
      }
  }
  sqlite3_finalize (stmt);

  for (int s = 0; s < N_SUPPLIERS; s++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO supplier (name, org_number, created) VALUES ('Leverantör %03d Aktiebolag', '55%08d', '2026');"
        "INSERT INTO assessment (procurement, supplier) VALUES (%" G_GINT64_FORMAT ", last_insert_rowid ());",
        s, s, procurement);

      exec_sql (db, sql);
    }
  /* Every status, spread over requirements and suppliers; 1 in 7 unanswered. */
  g_assert_cmpint (sqlite3_prepare_v2 (h,
    "INSERT INTO answer (assessment, procurement_requirement, status) "
    "SELECT a.id, pr.id, CASE (pr.position * 3 + a.supplier * 5 + pr.position * a.supplier) % 7 "
    "  WHEN 0 THEN 'partly_met' WHEN 1 THEN 'not_met' WHEN 2 THEN 'not_applicable' ELSE 'met' END "
    "FROM assessment a JOIN procurement_requirement pr ON pr.procurement = a.procurement "
    "WHERE a.procurement = ?1 AND (pr.position * 3 + a.supplier * 5 + pr.position * a.supplier) % 7 <> 6",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, procurement);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  exec_sql (db, "COMMIT");
  return procurement;
}

/* The same cells, as JSON for the Python writer: read back from the
 * database with one query per table. */
static void
write_cells_json (KkDatabase *db, gint64 procurement, const char *path)
{
  sqlite3 *h = kk_database_get_handle (db);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  g_autofree char *sql = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, "Jämförelsematris – Drift av verksamhetssystem för hela staden");
  json_builder_set_member_name (b, "suppliers");
  json_builder_begin_array (b);
  g_assert_cmpint (sqlite3_prepare_v2 (h, "SELECT name || char(10) || org_number FROM supplier ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  sql = g_strdup_printf ("SELECT pr.position, pr.code, pr.obligation, pr.title_sv, "
                         "  (SELECT group_concat (coalesce (an.status, 'unanswered'), ',') FROM "
                         "     (SELECT a.id AS aid FROM assessment a WHERE a.procurement = pr.procurement ORDER BY a.supplier) "
                         "   LEFT JOIN answer an ON an.assessment = aid AND an.procurement_requirement = pr.id) "
                         "FROM procurement_requirement pr WHERE pr.procurement = %" G_GINT64_FORMAT " ORDER BY pr.position",
                         procurement);
  g_assert_cmpint (sqlite3_prepare_v2 (h, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_auto(GStrv) cells = g_strsplit ((const char *) sqlite3_column_text (stmt, 4), ",", -1);

      json_builder_begin_array (b);
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_add_string_value (b, g_str_equal (sqlite3_column_text (stmt, 2), "shall") ? "SKA" : "BÖR");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 3));
      json_builder_begin_array (b);
      for (guint j = 0; cells[j] != NULL; j++)
        json_builder_add_string_value (b, cells[j]);
      json_builder_end_array (b);
      json_builder_end_array (b);
    }
  sqlite3_finalize (stmt);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_to_file (gen, path, &error);
  g_assert_no_error (error);
}

static void
bench_matrix (KkDatabase *db, gint64 procurement, const char *dir, const char *script)
{
  g_autofree char *path = g_build_filename (dir, "matris.xlsx", NULL);
  g_autofree char *json = g_build_filename (dir, "cells.json", NULL);
  g_autofree char *py_out = g_build_filename (dir, "matris-python.xlsx", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  double c_times[RUNS], python;
  const char *argv[] = { "/usr/bin/python3", script, json, py_out, NULL };
  int status;
  GStatBuf st_c, st_py;

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!kk_export_matrix_xlsx_for_lang (db, procurement, "sv", path, &error))
        g_error ("%s", error->message);
      c_times[r] = (g_get_monotonic_time () - start) / 1e6;
    }

  write_cells_json (db, procurement, json);
  g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || sscanf (out, "seconds %lf", &python) != 1)
    g_error ("bench_matrix_xlsxwriter.py: %s%s", out, err);

  g_stat (path, &st_c);
  g_stat (py_out, &st_py);
  g_print ("matrix %d requirements × %d suppliers (%d cells)\n", N_REQUIREMENTS, N_SUPPLIERS,
           N_REQUIREMENTS * N_SUPPLIERS);
  g_print ("  kravkoll (C, libxlsxwriter, database read included): %.3f s  (%.1f MB)\n",
           median (c_times, RUNS), st_c.st_size / 1e6);
  g_print ("  /usr/bin/python3 + XlsxWriter (writing only):         %.3f s  (%.1f MB)\n",
           python, st_py.st_size / 1e6);
  g_print ("  ratio: C is %.1f× faster (target ≥ 3×)%s\n", python / median (c_times, RUNS),
           python / median (c_times, RUNS) < 3.0 ? "  BELOW TARGET" : "");
}

/* The baseline: every paragraph of the appendix laid out with Pango as the
 * appendix does (fonts, widths, wrapping, line spacing), nothing drawn. */
static double
layout_only (KkDatabase *db, gint64 procurement)
{
  g_autoptr(GPtrArray) items = NULL;
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();
  const double width = 595.276 - 70.87 - 56.69 - 34.0;
  struct {
    const char *font;
    double      width;
  } kinds[] = {
    { "DejaVu Sans Bold 10", width - 50.0 },   /* title */
    { "DejaVu Sans 7.5", width },              /* code */
    { "DejaVu Serif 9.5", width },             /* text */
    { "DejaVu Sans 8.5", width },              /* verification */
  };
  PangoFontDescription *fonts[G_N_ELEMENTS (kinds)];
  guint lines = 0;
  gint64 start;

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    fonts[k] = pango_font_description_from_string (kinds[k].font);

  start = g_get_monotonic_time ();
  items = kk_store_procurement_requirements (db, procurement, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      KkChecklistItem *item = g_ptr_array_index (items, i);
      const char *texts[] = { item->title_sv, item->code, item->text_sv, item->verification_sv };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          PangoLayout *layout = pango_layout_new (context);

          pango_layout_set_font_description (layout, fonts[k]);
          pango_layout_set_width (layout, (int) (kinds[k].width * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_line_spacing (layout, 1.2);
          pango_layout_set_text (layout, texts[k], -1);
          lines += pango_layout_get_line_count (layout);
          g_object_unref (layout);
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    pango_font_description_free (fonts[k]);
  g_object_unref (context);
  g_assert_cmpuint (lines, >, N_REQUIREMENTS);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench_appendix (KkDatabase *db, gint64 procurement, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "kravbilaga.pdf", NULL);
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  double pdf_times[RUNS], layout_times[RUNS];
  const char *pages;
  GStatBuf st;

  /* Warm up fontconfig and the font cache, so neither side pays for it. */
  layout_only (db, procurement);
  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!kk_export_appendix_pdf (db, procurement, "sv", path, NULL, NULL, &error))
        g_error ("%s", error->message);
      pdf_times[r] = (g_get_monotonic_time () - start) / 1e6;
      layout_times[r] = layout_only (db, procurement);
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &info, NULL, NULL, NULL);
  pages = info ? strstr (info, "Pages:") : NULL;
  g_stat (path, &st);
  g_print ("appendix %d requirements: %d pages, %.1f MB\n", N_REQUIREMENTS,
           pages ? atoi (pages + strlen ("Pages:")) : -1, st.st_size / 1e6);
  g_print ("  kk_export_appendix_pdf (read, layout, paginate, draw, write): %.3f s\n", median (pdf_times, RUNS));
  g_print ("  baseline: the same paragraphs laid out by Pango, not drawn:  %.3f s\n", median (layout_times, RUNS));
  g_print ("  ratio: %.1f× the layout-only time\n", median (pdf_times, RUNS) / median (layout_times, RUNS));
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(KkDatabase) db = NULL;
  gint64 procurement;

  if (argc != 2)
    {
      g_printerr ("usage: %s bench_matrix_xlsxwriter.py\n", argv[0]);
      return 2;
    }
  setlocale (LC_ALL, "");
  g_setenv ("KRAVKOLL_NOW", "2026-01-01T00:00:00Z", TRUE);
  db = kk_test_open_db (&dir);
  procurement = fill (db);

  bench_matrix (db, procurement, dir, argv[1]);
  bench_appendix (db, procurement, dir);

  g_clear_object (&db);
  kk_test_rmdir (dir);
  return 0;
}
