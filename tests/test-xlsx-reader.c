// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The .xlsx reader against workbooks written by openpyxl, xlsxwriter,
 * LibreOffice (when installed) and by hand, and against hostile ones.
 * tests/fixtures/make-xlsx-fixtures.py writes them into a temporary
 * directory the first time a test needs them.
 */
#include "kk-xlsx-reader.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

static char *fixtures_dir;
static char *scratch_dir;  /* LibreOffice's home and output */

static void
rm_rf (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_clear_pointer (&dir, g_dir_close);
    }
  g_remove (path);
}

static const char *
fixtures (void)
{
  if (fixtures_dir == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *script = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                       "make-xlsx-fixtures.py", NULL);
      g_autofree char *err_out = NULL;
      int status = 0;

      fixtures_dir = g_dir_make_tmp ("kk-xlsx-fixtures-XXXXXX", &error);
      g_assert_no_error (error);
      /* /usr/bin/python3: a pyenv shim on PATH may not see Debian's openpyxl. */
      const char *argv[] = { "/usr/bin/python3", script, fixtures_dir, NULL };
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                    NULL, &err_out, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, &error))
        g_error ("%s failed: %s\n%s", script, error->message, err_out);
    }
  return fixtures_dir;
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (fixtures (), name, NULL);
}

static KkXlsxWorkbook *
open_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  KkXlsxWorkbook *wb = kk_xlsx_workbook_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (wb);
  return wb;
}

static KkXlsxWorkbook *
open_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);

  return open_path (path);
}

static void
parse_ref (const char *ref,
           guint      *row,
           guint      *col)
{
  guint c = 0;

  while (g_ascii_isupper (*ref))
    c = c * 26 + (guint) (*ref++ - 'A' + 1);
  *col = c - 1;
  *row = (guint) g_ascii_strtoull (ref, NULL, 10) - 1;
}

static const KkXlsxCell *
cell_at (KkXlsxSheet *sheet,
         const char  *ref)
{
  guint row, col;

  parse_ref (ref, &row, &col);
  return kk_xlsx_sheet_get_cell (sheet, row, col);
}

#define assert_cell(sheet, ref, type_, text_, formula_) G_STMT_START {     \
  const KkXlsxCell *c_ = cell_at ((sheet), (ref));                          \
  if (c_ == NULL)                                                            \
    g_error ("%s!%s: no cell, expected “%s”",                                \
             kk_xlsx_sheet_get_name (sheet), (ref), (text_));                \
  g_assert_cmpstr (c_->text, ==, (text_));                                   \
  g_assert_cmpint (c_->type, ==, (type_));                                   \
  g_assert_cmpint (c_->has_formula, ==, (formula_));                         \
} G_STMT_END

#define assert_no_cell(sheet, ref) G_STMT_START {                            \
  const KkXlsxCell *c_ = cell_at ((sheet), (ref));                          \
  if (c_ != NULL)                                                            \
    g_error ("%s!%s: expected no cell, found “%s”",                          \
             kk_xlsx_sheet_get_name (sheet), (ref), c_->text);               \
} G_STMT_END

static void
assert_date (KkXlsxSheet *sheet,
             const char  *ref,
             const char  *iso)
{
  const KkXlsxCell *cell = cell_at (sheet, ref);
  g_autofree char *date = NULL;

  g_assert_nonnull (cell);
  g_assert_cmpint (cell->type, ==, KK_XLSX_CELL_NUMBER);
  date = kk_xlsx_serial_to_iso_date (cell->number);
  g_assert_cmpstr (date, ==, iso);
}

/* What every writer of the "Checklista" fixture must give back. */
/* LibreOffice saves TRUE and FALSE as the formulas TRUE() and FALSE(),
 * and numbers with 15 digits. */
static void
check_checklista_values (KkXlsxSheet *s,
                         gboolean     libreoffice)
{
  const KkXlsxCell *cell;

  g_assert_cmpstr (kk_xlsx_sheet_get_name (s), ==, "Checklista");
  assert_cell (s, "A1", KK_XLSX_CELL_STRING, "Krav", FALSE);
  assert_cell (s, "G1", KK_XLSX_CELL_STRING, "Formel", FALSE);

  assert_cell (s, "A2", KK_XLSX_CELL_STRING, "Åtkomstkontroll ÅÄÖ åäö", FALSE);
  assert_cell (s, "B2", KK_XLSX_CELL_STRING, "Ja", FALSE);
  assert_cell (s, "C2", KK_XLSX_CELL_STRING, "Bra 👍🏽", FALSE);
  assert_cell (s, "D2", KK_XLSX_CELL_NUMBER, "42", FALSE);
  g_assert_cmpfloat (cell_at (s, "D2")->number, ==, 42.0);
  assert_date (s, "E2", "2026-12-31");
  assert_cell (s, "F2", KK_XLSX_CELL_BOOL, "TRUE", libreoffice);
  g_assert_cmpfloat (cell_at (s, "F2")->number, ==, 1.0);

  assert_cell (s, "A3", KK_XLSX_CELL_STRING, "שלום עולם", FALSE);
  assert_cell (s, "C3", KK_XLSX_CELL_STRING, "مرحبا بالعالم", FALSE);
  assert_cell (s, "D3", KK_XLSX_CELL_NUMBER, "0.1", FALSE);
  assert_date (s, "E3", "2024-02-29");
  assert_cell (s, "F3", KK_XLSX_CELL_BOOL, "FALSE", libreoffice);

  assert_cell (s, "A4", KK_XLSX_CELL_STRING, "  blanksteg  ", FALSE);
  assert_no_cell (s, "B4");
  assert_cell (s, "D4", KK_XLSX_CELL_NUMBER, "-1234.5678", FALSE);
  assert_cell (s, "D5", KK_XLSX_CELL_NUMBER, "1e-07", FALSE);
  assert_no_cell (s, "A6");
  assert_cell (s, "A7", KK_XLSX_CELL_STRING, "Sista", FALSE);
  assert_cell (s, "B7", KK_XLSX_CELL_STRING, "x", FALSE);
  cell = cell_at (s, "D7");
  if (libreoffice)
    assert_cell (s, "D7", KK_XLSX_CELL_NUMBER, "0.333333333333333", FALSE);
  else
    {
      /* openpyxl and xlsxwriter keep 16 digits, and so must we. */
      assert_cell (s, "D7", KK_XLSX_CELL_NUMBER, "0.3333333333333333", FALSE);
      g_assert_cmpfloat (cell->number, ==, 1.0 / 3);
    }
  g_assert_cmpuint (cell->row, ==, 6);
  g_assert_cmpuint (cell->col, ==, 3);

  g_assert_true (kk_xlsx_sheet_column_is_hidden (s, 2));
  g_assert_false (kk_xlsx_sheet_column_is_hidden (s, 1));
  g_assert_false (kk_xlsx_sheet_column_is_hidden (s, 3));
  g_assert_false (kk_xlsx_sheet_column_is_hidden (s, G_MAXUINT));
  g_assert_true (kk_xlsx_sheet_row_is_hidden (s, 4));
  g_assert_false (kk_xlsx_sheet_row_is_hidden (s, 3));
  g_assert_true (kk_xlsx_sheet_is_protected (s));
  g_assert_false (kk_xlsx_sheet_is_hidden (s));
}

static void
test_openpyxl (void)
{
  g_autoptr(KkXlsxWorkbook) wb = open_fixture ("normal-openpyxl.xlsx");
  KkXlsxSheet *s;

  g_assert_cmpstr (kk_xlsx_workbook_get_display_name (wb), ==, "normal-openpyxl.xlsx");
  g_assert_false (kk_xlsx_workbook_is_date1904 (wb));
  g_assert_cmpuint (kk_xlsx_workbook_get_n_sheets (wb), ==, 4);
  s = kk_xlsx_workbook_get_sheet (wb, 0);
  check_checklista_values (s, FALSE);
  g_assert_cmpuint (kk_xlsx_sheet_get_n_rows (s), ==, 7);
  g_assert_cmpuint (kk_xlsx_sheet_get_n_cols (s), ==, 7);

  /* openpyxl writes formulas without a cached result: empty, never computed. */
  assert_cell (s, "G2", KK_XLSX_CELL_STRING, "", TRUE);
  assert_cell (s, "G3", KK_XLSX_CELL_STRING, "", TRUE);

  g_assert_true (kk_xlsx_workbook_get_sheet_by_name (wb, "Checklista") == s);
  g_assert_true (kk_xlsx_workbook_get_sheet_by_name (wb, "CHECKLISTA") == s);
  g_assert_null (kk_xlsx_workbook_get_sheet_by_name (wb, "Saknas"));

  s = kk_xlsx_workbook_get_sheet_by_name (wb, "Dold");
  g_assert_nonnull (s);
  g_assert_true (kk_xlsx_sheet_is_hidden (s));
  assert_cell (s, "A1", KK_XLSX_CELL_STRING, "hemlig", FALSE);
  s = kk_xlsx_workbook_get_sheet_by_name (wb, "Mycket dold");
  g_assert_true (kk_xlsx_sheet_is_hidden (s));
  s = kk_xlsx_workbook_get_sheet (wb, 3);
  g_assert_cmpstr (kk_xlsx_sheet_get_name (s), ==, "Tom");
  g_assert_false (kk_xlsx_sheet_is_hidden (s));
  g_assert_false (kk_xlsx_sheet_is_protected (s));
  g_assert_cmpuint (kk_xlsx_sheet_get_n_rows (s), ==, 0);
  g_assert_null (kk_xlsx_sheet_get_cell (s, 0, 0));
}

static void
check_xlsxwriter_formulas (KkXlsxSheet *s)
{
  /* Cached results, even where evaluation would say otherwise (1+1 → 3). */
  assert_cell (s, "G2", KK_XLSX_CELL_NUMBER, "84", TRUE);
  assert_cell (s, "G3", KK_XLSX_CELL_NUMBER, "3", TRUE);
  assert_cell (s, "H2", KK_XLSX_CELL_STRING, "ab", TRUE);
  assert_cell (s, "H3", KK_XLSX_CELL_ERROR, "#DIV/0!", TRUE);
  assert_cell (s, "H4", KK_XLSX_CELL_BOOL, "TRUE", TRUE);
}

static void
test_xlsxwriter (void)
{
  g_autoptr(KkXlsxWorkbook) wb = open_fixture ("normal-xlsxwriter.xlsx");
  KkXlsxSheet *s;

  g_assert_cmpuint (kk_xlsx_workbook_get_n_sheets (wb), ==, 3);
  s = kk_xlsx_workbook_get_sheet (wb, 0);
  check_checklista_values (s, FALSE);
  check_xlsxwriter_formulas (s);
  /* Rich text: the runs joined, formatting dropped. */
  assert_cell (s, "A8", KK_XLSX_CELL_STRING, "Fet och normal", FALSE);
  g_assert_cmpuint (kk_xlsx_sheet_get_n_rows (s), ==, 8);
  g_assert_cmpuint (kk_xlsx_sheet_get_n_cols (s), ==, 8);

  s = kk_xlsx_workbook_get_sheet (wb, 1);
  g_assert_cmpstr (kk_xlsx_sheet_get_name (s), ==, "Dold");
  g_assert_true (kk_xlsx_sheet_is_hidden (s));
}

static void
test_xlsxwriter_inline (void)
{
  /* constant_memory mode writes inline strings instead of shared ones. */
  g_autoptr(KkXlsxWorkbook) wb = open_fixture ("inline-xlsxwriter.xlsx");
  KkXlsxSheet *s = kk_xlsx_workbook_get_sheet (wb, 0);

  assert_cell (s, "A2", KK_XLSX_CELL_STRING, "Åtkomstkontroll ÅÄÖ åäö", FALSE);
  assert_cell (s, "A4", KK_XLSX_CELL_STRING, "  blanksteg  ", FALSE);
  assert_cell (s, "A3", KK_XLSX_CELL_STRING, "שלום עולם", FALSE);
  assert_cell (s, "D3", KK_XLSX_CELL_NUMBER, "0.1", FALSE);
  check_xlsxwriter_formulas (s);
}

static void
assert_same_workbook (KkXlsxWorkbook *a,
                      KkXlsxWorkbook *b)
{
  g_assert_cmpuint (kk_xlsx_workbook_get_n_sheets (a), ==, kk_xlsx_workbook_get_n_sheets (b));
  for (guint i = 0; i < kk_xlsx_workbook_get_n_sheets (a); i++)
    {
      KkXlsxSheet *sa = kk_xlsx_workbook_get_sheet (a, i);
      KkXlsxSheet *sb = kk_xlsx_workbook_get_sheet (b, i);
      guint na, nb;
      const KkXlsxCell *ca = kk_xlsx_sheet_get_cells (sa, &na);
      const KkXlsxCell *cb = kk_xlsx_sheet_get_cells (sb, &nb);

      g_assert_cmpstr (kk_xlsx_sheet_get_name (sa), ==, kk_xlsx_sheet_get_name (sb));
      g_assert_cmpuint (na, ==, nb);
      for (guint k = 0; k < na; k++)
        {
          g_assert_cmpuint (ca[k].row, ==, cb[k].row);
          g_assert_cmpuint (ca[k].col, ==, cb[k].col);
          g_assert_cmpint (ca[k].type, ==, cb[k].type);
          g_assert_cmpstr (ca[k].text, ==, cb[k].text);
          g_assert_cmpint (ca[k].has_formula, ==, cb[k].has_formula);
        }
    }
}

static void
test_stored (void)
{
  const char *pairs[][2] = {
    { "normal-xlsxwriter.xlsx", "stored-xlsxwriter.xlsx" },
    { "normal-openpyxl.xlsx", "stored-openpyxl.xlsx" },
    { "handmade.xlsx", "stored-handmade.xlsx" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(KkXlsxWorkbook) a = open_fixture (pairs[i][0]);
      g_autoptr(KkXlsxWorkbook) b = open_fixture (pairs[i][1]);
      assert_same_workbook (a, b);
    }
}

static void
test_handmade (void)
{
  g_autoptr(KkXlsxWorkbook) wb = open_fixture ("handmade.xlsx");
  KkXlsxSheet *s;
  guint n_cells;

  g_assert_true (kk_xlsx_workbook_is_date1904 (wb));
  g_assert_cmpuint (kk_xlsx_workbook_get_n_sheets (wb), ==, 3);

  /* Rows and cells without r=, absolute target, oddly cased sharedStrings. */
  s = kk_xlsx_workbook_get_sheet (wb, 0);
  g_assert_cmpstr (kk_xlsx_sheet_get_name (s), ==, "Utan ref");
  assert_cell (s, "A1", KK_XLSX_CELL_STRING, "Ett", FALSE);
  assert_cell (s, "B1", KK_XLSX_CELL_STRING, "Rik text", FALSE);  /* no phonetic run */
  assert_cell (s, "C1", KK_XLSX_CELL_NUMBER, "7", FALSE);
  assert_cell (s, "A2", KK_XLSX_CELL_STRING, "Rad\rbrytning _x0041_ A _x12_ _xD800_", FALSE);
  assert_cell (s, "B2", KK_XLSX_CELL_STRING, "   ", FALSE);
  assert_cell (s, "C2", KK_XLSX_CELL_STRING, "<b>&amp;</b>", FALSE);
  assert_cell (s, "D2", KK_XLSX_CELL_STRING, "A & B 😀 <", FALSE);
  assert_cell (s, "A5", KK_XLSX_CELL_NUMBER, "1", FALSE);
  assert_cell (s, "D5", KK_XLSX_CELL_STRING, "inline ", FALSE);
  assert_cell (s, "E5", KK_XLSX_CELL_STRING, "formelsträng", TRUE);
  /* Out of order, and C6 twice: the later one counts. */
  assert_cell (s, "A6", KK_XLSX_CELL_NUMBER, "1", FALSE);
  assert_cell (s, "C6", KK_XLSX_CELL_NUMBER, "3", FALSE);
  assert_cell (s, "D6", KK_XLSX_CELL_STRING, "2026-12-31T00:00:00", FALSE);
  assert_cell (s, "E6", KK_XLSX_CELL_BOOL, "TRUE", FALSE);
  assert_cell (s, "F6", KK_XLSX_CELL_ERROR, "#N/A", FALSE);
  assert_no_cell (s, "G6");
  assert_cell (s, "H6", KK_XLSX_CELL_NUMBER, "12.5", FALSE);
  /* Shortest text that reads back the same double. */
  assert_cell (s, "I6", KK_XLSX_CELL_NUMBER, "0.30000000000000004", FALSE);
  g_assert_cmpfloat (cell_at (s, "I6")->number, ==, 0.1 + 0.2);
  assert_cell (s, "J6", KK_XLSX_CELL_NUMBER, "1.2345678901234568e+17", FALSE);
  assert_cell (s, "K6", KK_XLSX_CELL_NUMBER, "1000", FALSE);
  assert_cell (s, "B10", KK_XLSX_CELL_STRING, "", TRUE);
  g_assert_cmpuint (kk_xlsx_sheet_get_n_rows (s), ==, 10);
  g_assert_cmpuint (kk_xlsx_sheet_get_n_cols (s), ==, 11);
  g_assert_true (kk_xlsx_sheet_row_is_hidden (s, 9));
  g_assert_false (kk_xlsx_sheet_column_is_hidden (s, 0));
  g_assert_true (kk_xlsx_sheet_column_is_hidden (s, 1));
  g_assert_true (kk_xlsx_sheet_column_is_hidden (s, 2));
  g_assert_false (kk_xlsx_sheet_column_is_hidden (s, 3));
  g_assert_false (kk_xlsx_sheet_is_protected (s));

  /* Cells come back in row-major order, one per position. */
  {
    const KkXlsxCell *cells = kk_xlsx_sheet_get_cells (s, &n_cells);
    g_assert_cmpuint (n_cells, ==, 20);
    for (guint i = 1; i < n_cells; i++)
      g_assert_true (cells[i - 1].row < cells[i].row ||
                     (cells[i - 1].row == cells[i].row && cells[i - 1].col < cells[i].col));
  }

  /* Strict namespace, "./worksheets/../worksheets/sheet%202.xml". */
  s = kk_xlsx_workbook_get_sheet (wb, 1);
  g_assert_cmpstr (kk_xlsx_sheet_get_name (s), ==, "Strikt");
  assert_cell (s, "A1", KK_XLSX_CELL_NUMBER, "5", FALSE);
  g_assert_true (kk_xlsx_sheet_is_protected (s));

  /* A chart sheet keeps its tab, without cells. */
  s = kk_xlsx_workbook_get_sheet (wb, 2);
  g_assert_cmpstr (kk_xlsx_sheet_get_name (s), ==, "Diagram");
  g_assert_cmpuint (kk_xlsx_sheet_get_n_rows (s), ==, 0);
}

static void
test_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL, *outdir = NULL, *input = NULL, *output = NULL, *err_out = NULL;
  g_auto(GStrv) env = NULL;
  g_autoptr(KkXlsxWorkbook) wb = NULL;
  KkXlsxSheet *s;
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("soffice is not installed (apt-get install libreoffice-calc)");
      return;
    }

  scratch_dir = g_dir_make_tmp ("kk-xlsx-lo-XXXXXX", &error);
  g_assert_no_error (error);
  home = g_build_filename (scratch_dir, "home", NULL);
  outdir = g_build_filename (scratch_dir, "out", NULL);
  g_mkdir (home, 0700);
  input = fixture_path ("normal-openpyxl.xlsx");
  env = g_environ_setenv (g_get_environ (), "HOME", home, TRUE);
  {
    const char *argv[] = { soffice, "--headless", "--convert-to", "xlsx", "--outdir", outdir, input, NULL };
    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, &err_out, &status, &error);
  }
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  output = g_build_filename (outdir, "normal-openpyxl.xlsx", NULL);
  if (!g_file_test (output, G_FILE_TEST_EXISTS))
    g_error ("LibreOffice wrote nothing: %s", err_out);

  wb = open_path (output);
  s = kk_xlsx_workbook_get_sheet (wb, 0);
  check_checklista_values (s, TRUE);
  /* LibreOffice computes and caches the results when it saves. */
  assert_cell (s, "G2", KK_XLSX_CELL_NUMBER, "84", TRUE);
  g_assert_true (kk_xlsx_sheet_is_hidden (kk_xlsx_workbook_get_sheet_by_name (wb, "Dold")));
  g_assert_true (kk_xlsx_sheet_is_hidden (kk_xlsx_workbook_get_sheet_by_name (wb, "Mycket dold")));
  assert_cell (kk_xlsx_workbook_get_sheet_by_name (wb, "Dold"), "A1",
               KK_XLSX_CELL_STRING, "hemlig", FALSE);
}

static void
test_bad_timestamp (void)
{
  /* libgsf would log a critical for the impossible DOS dates (and
   * g_test_init() makes criticals fatal). */
  g_autoptr(KkXlsxWorkbook) wb = open_fixture ("bad-timestamp.xlsx");

  assert_cell (kk_xlsx_workbook_get_sheet (wb, 0), "A1", KK_XLSX_CELL_NUMBER, "1", FALSE);
}

static void
test_open_bytes (void)
{
  g_autofree char *path = fixture_path ("normal-xlsxwriter.xlsx");
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KkXlsxWorkbook) wb = NULL;
  g_autoptr(GError) error = NULL;
  KkXlsxLimits limits = { 0 };
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (contents, len);

  wb = kk_xlsx_workbook_open_bytes (bytes, "svar från leverantör.xlsx", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kk_xlsx_workbook_get_display_name (wb), ==, "svar från leverantör.xlsx");
  check_checklista_values (kk_xlsx_workbook_get_sheet (wb, 0), FALSE);

  limits.max_file_size = len - 1;
  g_assert_null (kk_xlsx_workbook_open_bytes (bytes, "svar från leverantör.xlsx", &limits, &error));
  g_assert_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "svar från leverantör.xlsx"));
}

static void
test_limits_default (void)
{
  KkXlsxLimits limits;

  kk_xlsx_limits_init_default (&limits);
  g_assert_cmpuint (limits.max_file_size, ==, 20 * 1024 * 1024);
  g_assert_cmpuint (limits.max_entry_size, ==, 50 * 1024 * 1024);
  g_assert_cmpuint (limits.max_entries, ==, 200);
  g_assert_cmpuint (limits.max_rows, ==, 100000);
  g_assert_cmpuint (limits.max_cols, ==, 200);
  g_assert_cmpuint (limits.max_total_size, ==, 200 * 1024 * 1024);
  g_assert_cmpuint (limits.max_cells, ==, 2000000);
}

static void
test_column_name (void)
{
  const struct { guint col; const char *name; } cases[] = {
    { 0, "A" }, { 1, "B" }, { 25, "Z" }, { 26, "AA" }, { 27, "AB" },
    { 701, "ZZ" }, { 702, "AAA" }, { 16383, "XFD" }, { G_MAXUINT, "MWLQKWV" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = kk_xlsx_column_name (cases[i].col);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
  {
    g_autofree char *cell = kk_xlsx_cell_name (6, 1);
    g_assert_cmpstr (cell, ==, "B7");
  }
}

static void
test_serial_date (void)
{
  const struct { double serial; const char *iso; } cases[] = {
    { 1, "1900-01-01" }, { 59, "1900-02-28" }, { 60, NULL }, { 61, "1900-03-01" },
    { 45351, "2024-02-29" }, { 46387, "2026-12-31" }, { 46387.999, "2026-12-31" },
    { 2958465, "9999-12-31" }, { 2958466, NULL }, { 0, NULL }, { 0.5, NULL }, { -1, NULL },
    { NAN, NULL }, { INFINITY, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = kk_xlsx_serial_to_iso_date (cases[i].serial);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

/* --- hostile input ------------------------------------------------------ */

typedef struct {
  const char  *file;
  KkXlsxError  code;
  const char  *mentions;  /* besides the file name; may be NULL */
} Hostile;

static void
assert_refused (const char         *file,
                const KkXlsxLimits *limits,
                KkXlsxError         code,
                const char         *mentions)
{
  g_autofree char *path = fixture_path (file);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  KkXlsxWorkbook *wb;
  gsize len;

  wb = kk_xlsx_workbook_open (path, limits, &error);
  g_test_message ("%s: %s", file, error ? error->message : "(opened)");
  g_assert_null (wb);
  g_assert_error (error, KK_XLSX_ERROR, (int) code);
  if (strstr (error->message, file) == NULL)
    g_error ("“%s” does not name the file", error->message);
  if (mentions != NULL && strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  g_clear_error (&error);

  /* The same through the in-memory opener. */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  wb = kk_xlsx_workbook_open_bytes (bytes, file, limits, &error);
  g_assert_null (wb);
  g_assert_error (error, KK_XLSX_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, file));
}

static void
test_hostile (gconstpointer data)
{
  const Hostile *h = data;

  assert_refused (h->file, NULL, h->code, h->mentions);
}

static const Hostile hostile_cases[] = {
  { "not-a-zip.xlsx", KK_XLSX_ERROR_NOT_XLSX, "not an Excel workbook (.xlsx)" },
  { "empty.xlsx", KK_XLSX_ERROR_NOT_XLSX, "not an Excel workbook (.xlsx)" },
  { "ole2.xlsx", KK_XLSX_ERROR_NOT_XLSX, "password" },
  { "docx.xlsx", KK_XLSX_ERROR_NOT_XLSX, "not an Excel workbook (.xlsx)" },
  { "ods.xlsx", KK_XLSX_ERROR_NOT_XLSX, "not an Excel workbook (.xlsx)" },
  { "truncated.xlsx", KK_XLSX_ERROR_MALFORMED, "incomplete" },
  { "zip-bomb.xlsx", KK_XLSX_ERROR_TOO_LARGE, "xl/worksheets/sheet1.xml" },
  { "zip-bomb-lying.xlsx", KK_XLSX_ERROR_MALFORMED, "xl/worksheets/sheet1.xml" },
  { "many-entries.xlsx", KK_XLSX_ERROR_TOO_LARGE, "306" },
  { "deep-name.xlsx", KK_XLSX_ERROR_MALFORMED, NULL },
  { "xxe.xlsx", KK_XLSX_ERROR_UNSAFE, "xl/worksheets/sheet1.xml uses a DTD/external entities" },
  { "billion-laughs.xlsx", KK_XLSX_ERROR_UNSAFE, "xl/sharedStrings.xml" },
  { "dtd-utf16.xlsx", KK_XLSX_ERROR_UNSAFE, "xl/workbook.xml" },
  { "dtd-rels.xlsx", KK_XLSX_ERROR_UNSAFE, "xl/_rels/workbook.xml.rels" },
  { "malformed.xlsx", KK_XLSX_ERROR_MALFORMED, "xl/worksheets/sheet1.xml is not valid XML" },
  { "undeclared-entity.xlsx", KK_XLSX_ERROR_MALFORMED, "foo" },
  { "sst-range.xlsx", KK_XLSX_ERROR_MALFORMED, "sheet “Checklista”, cell B7: shared string 99" },
  { "bad-number.xlsx", KK_XLSX_ERROR_MALFORMED, "cell C3: “12abc” is not a number" },
  { "bad-ref.xlsx", KK_XLSX_ERROR_MALFORMED, "“7B”" },
  { "wide.xlsx", KK_XLSX_ERROR_TOO_LARGE, "cell XFD1" },
  { "tall.xlsx", KK_XLSX_ERROR_TOO_LARGE, "cell A200000" },
  { "external-target.xlsx", KK_XLSX_ERROR_MALFORMED, "outside the workbook" },
  { "shared-part.xlsx", KK_XLSX_ERROR_MALFORMED, "Två" },
  { "escape-root.xlsx", KK_XLSX_ERROR_MALFORMED, "Checklista" },
  { "bad-crc.xlsx", KK_XLSX_ERROR_MALFORMED, "checksum" },
  { "encrypted-entry.xlsx", KK_XLSX_ERROR_MALFORMED, "encrypted" },
};

static void
test_hostile_limits (void)
{
  KkXlsxLimits limits;

  kk_xlsx_limits_init_default (&limits);
  limits.max_file_size = 1000;
  assert_refused ("normal-openpyxl.xlsx", &limits, KK_XLSX_ERROR_TOO_LARGE, "too large");

  kk_xlsx_limits_init_default (&limits);
  limits.max_total_size = 1024 * 1024;
  assert_refused ("total-size.xlsx", &limits, KK_XLSX_ERROR_TOO_LARGE, "uncompressed");

  kk_xlsx_limits_init_default (&limits);
  limits.max_rows = 5;
  assert_refused ("normal-xlsxwriter.xlsx", &limits, KK_XLSX_ERROR_TOO_LARGE, "cell A7");

  kk_xlsx_limits_init_default (&limits);
  limits.max_cols = 3;
  assert_refused ("normal-xlsxwriter.xlsx", &limits, KK_XLSX_ERROR_TOO_LARGE, "cell D1");

  kk_xlsx_limits_init_default (&limits);
  limits.max_cells = 10;
  assert_refused ("inline-xlsxwriter.xlsx", &limits, KK_XLSX_ERROR_TOO_LARGE, "more than 10 cells");
  assert_refused ("normal-xlsxwriter.xlsx", &limits, KK_XLSX_ERROR_TOO_LARGE, "shared strings");

  kk_xlsx_limits_init_default (&limits);
  limits.max_entry_size = 1000;
  /* Declared sizes are checked for every part before anything is read. */
  assert_refused ("cells-10k.xlsx", &limits, KK_XLSX_ERROR_TOO_LARGE, "too large when uncompressed");

  kk_xlsx_limits_init_default (&limits);
  limits.max_entries = 5;
  assert_refused ("normal-xlsxwriter.xlsx", &limits, KK_XLSX_ERROR_TOO_LARGE, "parts");
}

static void
test_io_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixtures (), "saknas.xlsx", NULL);

  g_assert_null (kk_xlsx_workbook_open (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "saknas.xlsx"));
  g_clear_error (&error);

  g_assert_null (kk_xlsx_workbook_open (fixtures (), NULL, &error));
  g_assert_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_NOT_XLSX);
}

/* --- speed ----------------------------------------------------------------- */

static double
best_time_ms (const char *name,
              guint      *n_cells)
{
  g_autofree char *path = fixture_path (name);
  double best = G_MAXDOUBLE;

  for (int i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(KkXlsxWorkbook) wb = open_path (path);
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);
      kk_xlsx_sheet_get_cells (kk_xlsx_workbook_get_sheet (wb, 0), n_cells);
    }
  return best;
}

static void
test_speed (void)
{
  guint n500, n10k, n100k;
  double t500 = best_time_ms ("rows-500.xlsx", &n500);
  double t10k = best_time_ms ("cells-10k.xlsx", &n10k);
  double t100k = best_time_ms ("cells-100k.xlsx", &n100k);

  g_assert_cmpuint (n500, ==, 500 * 8);
  g_assert_cmpuint (n10k, ==, 10000);
  g_assert_cmpuint (n100k, ==, 100000);
  g_test_message ("500 rows: %.2f ms; 10k cells: %.2f ms; 100k cells: %.2f ms (ratio %.1f)",
                  t500, t10k, t100k, t100k / t10k);
  /* Machines are shared and noisy: only the growth is checked. Linear is
   * ~10 for ten times the cells; quadratic would be ~100. */
  g_assert_cmpfloat (t100k / t10k, <, 30);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  /* Numbers must not come out with a decimal comma; messages stay English
   * (the assertions read them) even where Kravkoll's catalogue is installed. */
  setlocale (LC_ALL, "C.UTF-8");
  setlocale (LC_NUMERIC, "sv_SE.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xlsx/column-name", test_column_name);
  g_test_add_func ("/xlsx/serial-date", test_serial_date);
  g_test_add_func ("/xlsx/limits-default", test_limits_default);
  g_test_add_func ("/xlsx/read/openpyxl", test_openpyxl);
  g_test_add_func ("/xlsx/read/xlsxwriter", test_xlsxwriter);
  g_test_add_func ("/xlsx/read/xlsxwriter-inline", test_xlsxwriter_inline);
  g_test_add_func ("/xlsx/read/stored", test_stored);
  g_test_add_func ("/xlsx/read/handmade", test_handmade);
  g_test_add_func ("/xlsx/read/libreoffice", test_libreoffice);
  g_test_add_func ("/xlsx/read/bytes", test_open_bytes);
  g_test_add_func ("/xlsx/read/bad-timestamp", test_bad_timestamp);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/xlsx/hostile/%s", hostile_cases[i].file);
      g_test_add_data_func (name, &hostile_cases[i], test_hostile);
    }
  g_test_add_func ("/xlsx/hostile/limits", test_hostile_limits);
  g_test_add_func ("/xlsx/hostile/io", test_io_errors);
  g_test_add_func ("/xlsx/speed", test_speed);

  ret = g_test_run ();

  if (fixtures_dir != NULL)
    rm_rf (fixtures_dir);
  if (scratch_dir != NULL)
    rm_rf (scratch_dir);
  g_free (fixtures_dir);
  g_free (scratch_dir);
  return ret;
}
