// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * libFuzzer target for kk_xlsx_workbook_open_bytes(). Compile the reader's
 * own source into this target with -fsanitize=fuzzer: libgsf and libxml2
 * are not instrumented, so coverage only comes from our code.
 *
 * Seeds that work: workbooks zipped without compression (the fixture
 * script writes stored-*.xlsx), so that mutations reach the XML. The reader
 * checks CRCs only after parsing, so mutated parts are still parsed.
 */
#include "kk-xlsx-reader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical or warning from GLib or libgsf is a bug to find. abort(), not
 * GLib's fatal-log breakpoint: libFuzzer saves the input on SIGABRT only. */
static void
abort_on_warning (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

int
LLVMFuzzerInitialize (int    *argc G_GNUC_UNUSED,
                      char ***argv G_GNUC_UNUSED)
{
  g_log_set_default_handler (abort_on_warning, NULL);
  return 0;
}

static void
check_sheet (KkXlsxWorkbook     *wb,
             KkXlsxSheet        *sheet,
             const KkXlsxLimits *limits)
{
  guint n_cells, n_rows = 0, n_cols = 0;
  const KkXlsxCell *cells = kk_xlsx_sheet_get_cells (sheet, &n_cells);
  const char *name = kk_xlsx_sheet_get_name (sheet);
  KkXlsxSheet *by_name = kk_xlsx_workbook_get_sheet_by_name (wb, name);

  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_nonnull (by_name);
  (void) kk_xlsx_sheet_is_hidden (sheet);
  (void) kk_xlsx_sheet_is_protected (sheet);

  for (guint i = 0; i < n_cells; i++)
    {
      const KkXlsxCell *cell = &cells[i];

      g_assert_nonnull (cell->text);
      g_assert_true (g_utf8_validate (cell->text, -1, NULL));
      g_assert_cmpuint (cell->row, <, limits->max_rows);
      g_assert_cmpuint (cell->col, <, limits->max_cols);
      g_assert_true (cell->type <= KK_XLSX_CELL_ERROR);
      if (i > 0)
        g_assert_true (cells[i - 1].row < cell->row ||
                       (cells[i - 1].row == cell->row && cells[i - 1].col < cell->col));
      g_assert_true (kk_xlsx_sheet_get_cell (sheet, cell->row, cell->col) == cell);
      n_rows = MAX (n_rows, cell->row + 1);
      n_cols = MAX (n_cols, cell->col + 1);
      (void) kk_xlsx_sheet_column_is_hidden (sheet, cell->col);
      (void) kk_xlsx_sheet_row_is_hidden (sheet, cell->row);
    }
  g_assert_cmpuint (kk_xlsx_sheet_get_n_rows (sheet), ==, n_rows);
  g_assert_cmpuint (kk_xlsx_sheet_get_n_cols (sheet), ==, n_cols);
  g_assert_null (kk_xlsx_sheet_get_cell (sheet, n_rows, 0));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(KkXlsxWorkbook) wb = NULL;
  KkXlsxLimits limits;

  /* Smaller than the defaults, so that one input cannot take seconds. */
  kk_xlsx_limits_init_default (&limits);
  limits.max_entry_size = 4 * 1024 * 1024;
  limits.max_total_size = 16 * 1024 * 1024;
  limits.max_cells = 200000;

  wb = kk_xlsx_workbook_open_bytes (bytes, "fuzz.xlsx", &limits, &error);
  if (wb == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == KK_XLSX_ERROR);
      g_assert_nonnull (strstr (error->message, "fuzz.xlsx"));
      return 0;
    }
  g_assert_no_error (error);

  for (guint i = 0; i < kk_xlsx_workbook_get_n_sheets (wb); i++)
    check_sheet (wb, kk_xlsx_workbook_get_sheet (wb, i), &limits);
  return 0;
}
