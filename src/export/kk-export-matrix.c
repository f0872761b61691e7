// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-export"

/* The comparison matrix: requirements down, suppliers across, one answer
 * per cell, and a summary per supplier. Written row by row so that big
 * matrices can use libxlsxwriter's constant-memory mode. */

#include <glib/gi18n-lib.h>

#include "kk-export-private.h"

#define FIRST_SUPPLIER_COL  4
#define HEADER_ROW          2
#define FIRST_DATA_ROW      3
#define TITLE_WIDTH         50.0
/* From this many cells on, rows are streamed to disk instead of kept. */
#define CONSTANT_MEMORY_CELLS 20000

typedef enum {
  STATUS_UNANSWERED,
  STATUS_MET,
  STATUS_PARTLY_MET,
  STATUS_NOT_MET,
  STATUS_NOT_APPLICABLE,
  N_STATUSES
} Status;

static const char *status_names[N_STATUSES] = {
  "unanswered", "met", "partly_met", "not_met", "not_applicable",
};

/* Excel's own "good / neutral / bad" colours, and a grey. */
static const struct {
  lxw_color_t fill, font;
} status_colors[N_STATUSES] = {
  [STATUS_MET] = { 0xC6EFCE, 0x006100 },
  [STATUS_PARTLY_MET] = { 0xFFEB9C, 0x9C5700 },
  [STATUS_NOT_MET] = { 0xFFC7CE, 0x9C0006 },
  [STATUS_NOT_APPLICABLE] = { 0xE7E6E6, 0x595959 },
};

static Status
status_from_string (const char *s)
{
  for (guint i = 0; i < N_STATUSES; i++)
    if (g_strcmp0 (s, status_names[i]) == 0)
      return i;
  return STATUS_UNANSWERED;
}

/* All answers of the procurement in one query: @grid[row * n_suppliers + col]. */
static guint8 *
load_answers (KkDatabase    *db,
              KkExportData  *data,
              GPtrArray     *suppliers,
              GError       **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) cols = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint8 *grid = g_new0 (guint8, (gsize) MAX (data->items->len, 1) * MAX (suppliers->len, 1));
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < data->items->len; i++)
    {
      KkChecklistItem *item = g_ptr_array_index (data->items, i);

      g_hash_table_insert (rows, &item->procurement_requirement, GUINT_TO_POINTER (i + 1));
    }
  for (guint j = 0; j < suppliers->len; j++)
    {
      KkSupplier *s = g_ptr_array_index (suppliers, j);

      g_hash_table_insert (cols, &s->id, GUINT_TO_POINTER (j + 1));
    }

  stmt = kk_database_prepare (db,
                              "SELECT an.procurement_requirement, a.supplier, an.status "
                              "FROM answer an JOIN assessment a ON a.id = an.assessment "
                              "WHERE a.procurement = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, data->procurement->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pr = sqlite3_column_int64 (stmt, 0);
      gint64 supplier = sqlite3_column_int64 (stmt, 1);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (rows, &pr));
      guint col = GPOINTER_TO_UINT (g_hash_table_lookup (cols, &supplier));

      if (row > 0 && col > 0)
        grid[(gsize) (row - 1) * suppliers->len + (col - 1)] =
          status_from_string ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&grid);
}

static lxw_format *
status_format (lxw_workbook *wb,
               Status        status)
{
  lxw_format *format = workbook_add_format (wb);

  format_set_bg_color (format, status_colors[status].fill);
  format_set_font_color (format, status_colors[status].font);
  return format;
}

/* Colours cells whose text equals @label. */
static void
highlight (KkXlsxOut     *out,
           lxw_worksheet *ws,
           lxw_row_t      first_row,
           lxw_row_t      last_row,
           lxw_col_t      first_col,
           lxw_col_t      last_col,
           const char    *label,
           lxw_format    *format)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", label);
  lxw_conditional_format rule = { 0 };

  rule.type = LXW_CONDITIONAL_TYPE_CELL;
  rule.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
  rule.value_string = quoted;
  rule.format = format;
  kk_xlsx_out_check (out, ws, first_row, first_col,
                     worksheet_conditional_format_range (ws, first_row, first_col, last_row, last_col, &rule));
}

gboolean
kk_export_matrix_xlsx_for_lang (KkDatabase  *db,
                                gint64       procurement_id,
                                const char  *lang,
                                const char  *path,
                                GError     **error)
{
  g_auto(KkExportData) data = { 0 };
  g_autoptr(GPtrArray) suppliers = NULL;
  g_autoptr(KkXlsxOut) out = NULL;
  g_autofree guint8 *grid = NULL;
  g_autofree guint *shall_met = NULL, *shall_not_met = NULL, *shall_unanswered = NULL;
  g_autofree char *now = NULL, *date = NULL, *title = NULL, *subtitle = NULL;
  g_autofree char *note = NULL, *footer = NULL, *page = NULL;
  lxw_format *status_formats[N_STATUSES] = { NULL };
  lxw_format *cell, *label, *number, *summary_label, *supplier_header, *yes_format, *no_format;
  KkXlsxFormats f;
  lxw_worksheet *ws;
  lxw_doc_properties properties = { 0 };
  lxw_row_t row, last_data_row;
  lxw_col_t last_col;
  guint n_suppliers;

  g_return_val_if_fail (KK_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!kk_export_check_lang (lang, error))
    return FALSE;
  if (!kk_export_data_load (&data, db, procurement_id, 0, lang, error))
    return FALSE;
  if ((suppliers = kk_store_procurement_suppliers (db, procurement_id, error)) == NULL)
    return FALSE;
  n_suppliers = suppliers->len;
  if (n_suppliers > LXW_COL_MAX - FIRST_SUPPLIER_COL || data.items->len > LXW_ROW_MAX - 16)
    {
      g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_INVALID,
                   _("Procurement %s has %u requirements and %u suppliers: too many for one worksheet"),
                   data.procurement->dnr, data.items->len, n_suppliers);
      return FALSE;
    }
  if ((grid = load_answers (db, &data, suppliers, error)) == NULL)
    return FALSE;
  out = kk_xlsx_out_new (path, (gsize) data.items->len * n_suppliers >= CONSTANT_MEMORY_CELLS, error);
  if (out == NULL)
    return FALSE;

  now = kk_now_iso8601 ();
  date = kk_export_format_date (now, lang);
  kk_xlsx_formats_init (&f, out->workbook);

  label = workbook_add_format (out->workbook);
  format_set_align (label, LXW_ALIGN_VERTICAL_TOP);

  cell = workbook_add_format (out->workbook);
  format_set_align (cell, LXW_ALIGN_CENTER);
  format_set_align (cell, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (cell, LXW_BORDER_HAIR);
  format_set_border_color (cell, 0xBFBFBF);

  number = workbook_add_format (out->workbook);
  format_set_align (number, LXW_ALIGN_CENTER);
  format_set_bold (number);

  summary_label = workbook_add_format (out->workbook);
  format_set_bold (summary_label);

  supplier_header = workbook_add_format (out->workbook);
  format_set_bold (supplier_header);
  format_set_text_wrap (supplier_header);
  format_set_align (supplier_header, LXW_ALIGN_CENTER);
  format_set_align (supplier_header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (supplier_header, 0xE4EAF2);
  format_set_bottom (supplier_header, LXW_BORDER_THIN);
  format_set_bottom_color (supplier_header, 0x7A8CA5);

  for (Status s = STATUS_MET; s < N_STATUSES; s++)
    status_formats[s] = status_format (out->workbook, s);
  yes_format = status_formats[STATUS_MET];
  no_format = status_formats[STATUS_NOT_MET];

  title = g_strdup_printf ("%s – %s", kk_doc_str (KK_DOC_MATRIX_TITLE, lang), data.procurement->title);
  {
    g_autofree char *one_title = kk_export_one_line (title, 250);
    g_autofree char *one_dnr = kk_export_one_line (data.procurement->dnr, 250);

    properties.title = one_title;
    properties.subject = one_dnr;
    properties.author = (char *) "Kravkoll";
    kk_xlsx_out_check (out, NULL, 0, 0, workbook_set_properties (out->workbook, &properties));
  }

  ws = kk_xlsx_out_add_sheet (out, kk_doc_str (KK_DOC_MATRIX, lang));
  if (ws == NULL)
    return kk_xlsx_out_close (out, error);

  /* Layout first: constant-memory mode needs it before the rows. */
  worksheet_set_column (ws, 0, 0, 6, NULL);
  worksheet_set_column (ws, 1, 1, 13, NULL);
  worksheet_set_column (ws, 2, 2, 9, NULL);
  worksheet_set_column (ws, 3, 3, TITLE_WIDTH, NULL);
  if (n_suppliers > 0)
    worksheet_set_column (ws, FIRST_SUPPLIER_COL, FIRST_SUPPLIER_COL + n_suppliers - 1, 17, NULL);
  worksheet_freeze_panes (ws, FIRST_DATA_ROW, FIRST_SUPPLIER_COL);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);   /* A4 */
  worksheet_set_margins (ws, 0.5, 0.5, 0.7, 0.7);
  if (n_suppliers <= 10)
    worksheet_fit_to_pages (ws, 1, 0);
  kk_xlsx_out_check (out, ws, 0, 0, worksheet_repeat_rows (ws, HEADER_ROW, HEADER_ROW));
  kk_xlsx_out_check (out, ws, 0, 0, worksheet_repeat_columns (ws, 0, FIRST_SUPPLIER_COL - 1));
  page = kk_doc_expand (KK_DOC_PAGE_N_OF_M, lang, "&P", "&N", NULL);
  footer = g_strdup_printf ("&R%s", page);
  kk_xlsx_out_check (out, ws, 0, 0, worksheet_set_footer (ws, footer));

  /* Title */
  subtitle = g_strdup_printf ("%s %s · %s %s", kk_doc_str (KK_DOC_DNR_SHORT, lang), data.procurement->dnr,
                              kk_doc_str (KK_DOC_EXPORTED, lang), date);
  kk_xlsx_write_text (out, ws, 0, 0, title, f.title);
  kk_xlsx_write_text (out, ws, 1, 0, subtitle, f.muted);

  /* Column heads */
  kk_xlsx_out_check (out, ws, HEADER_ROW, 0, worksheet_set_row (ws, HEADER_ROW, 45, NULL));
  kk_xlsx_write_text (out, ws, HEADER_ROW, 0, kk_doc_str (KK_DOC_NR, lang), f.header);
  kk_xlsx_write_text (out, ws, HEADER_ROW, 1, kk_doc_str (KK_DOC_CODE, lang), f.header);
  kk_xlsx_write_text (out, ws, HEADER_ROW, 2, kk_doc_str (KK_DOC_OBLIGATION, lang), f.header);
  kk_xlsx_write_text (out, ws, HEADER_ROW, 3, kk_doc_str (KK_DOC_REQUIREMENT, lang), f.header);
  for (guint j = 0; j < n_suppliers; j++)
    {
      KkSupplier *s = g_ptr_array_index (suppliers, j);
      g_autofree char *head = g_strdup_printf ("%s\n%s", s->name, s->org_number);

      kk_xlsx_write_text (out, ws, HEADER_ROW, FIRST_SUPPLIER_COL + j, head, supplier_header);
    }

  /* One row per requirement */
  shall_met = g_new0 (guint, MAX (n_suppliers, 1));
  shall_not_met = g_new0 (guint, MAX (n_suppliers, 1));
  shall_unanswered = g_new0 (guint, MAX (n_suppliers, 1));
  {
    const char *labels[N_STATUSES];

    for (Status s = 0; s < N_STATUSES; s++)
      labels[s] = kk_answer_status_label_for_lang (status_names[s], lang);

    for (guint i = 0; i < data.items->len; i++)
      {
        KkChecklistItem *item = g_ptr_array_index (data.items, i);
        gboolean shall = g_strcmp0 (item->obligation, "shall") == 0;
        const guint8 *answers = grid + (gsize) i * n_suppliers;

        row = FIRST_DATA_ROW + i;
        /* Before the cells: constant-memory mode writes a row once. */
        kk_xlsx_out_check (out, ws, row, 0,
                           worksheet_set_row (ws, row, kk_xlsx_text_height (kk_checklist_item_get_title (item, lang),
                                                                            TITLE_WIDTH), NULL));
        kk_xlsx_write_text (out, ws, row, 0, g_ptr_array_index (data.numbers, i), label);
        kk_xlsx_write_text (out, ws, row, 1, item->code, label);
        kk_xlsx_write_text (out, ws, row, 2, kk_obligation_label_for_lang (item->obligation, lang), f.text_center);
        kk_xlsx_write_text (out, ws, row, 3, kk_checklist_item_get_title (item, lang), f.text);
        for (guint j = 0; j < n_suppliers; j++)
          {
            Status s = answers[j];

            kk_xlsx_write_text (out, ws, row, FIRST_SUPPLIER_COL + j,
                                s == STATUS_UNANSWERED ? NULL : labels[s], cell);
            if (!shall)
              continue;
            if (s == STATUS_MET || s == STATUS_NOT_APPLICABLE)
              shall_met[j]++;
            else if (s == STATUS_NOT_MET || s == STATUS_PARTLY_MET)
              shall_not_met[j]++;
            else
              shall_unanswered[j]++;
          }
      }
  }
  last_data_row = FIRST_DATA_ROW + data.items->len - 1;

  /* Summary per supplier: numbers the application counted, not formulas. */
  row = last_data_row + 2;
  {
    const struct {
      KkDocString label;
      guint      *counts;
    } sums[] = {
      { KK_DOC_SHALL_MET, shall_met },
      { KK_DOC_SHALL_NOT_MET, shall_not_met },
      { KK_DOC_SHALL_UNANSWERED, shall_unanswered },
    };

    for (guint k = 0; k < G_N_ELEMENTS (sums); k++, row++)
      {
        kk_xlsx_write_text (out, ws, row, 3, kk_doc_str (sums[k].label, lang), summary_label);
        for (guint j = 0; j < n_suppliers; j++)
          kk_xlsx_write_number (out, ws, row, FIRST_SUPPLIER_COL + j, sums[k].counts[j], number);
      }
    kk_xlsx_write_text (out, ws, row, 3, kk_doc_str (KK_DOC_ALL_SHALL_MET, lang), summary_label);
    for (guint j = 0; j < n_suppliers; j++)
      {
        gboolean all = shall_not_met[j] == 0 && shall_unanswered[j] == 0;

        kk_xlsx_write_text (out, ws, row, FIRST_SUPPLIER_COL + j,
                            kk_doc_str (all ? KK_DOC_YES : KK_DOC_NO, lang), number);
      }
  }
  last_col = FIRST_SUPPLIER_COL + MAX (n_suppliers, 1) - 1;
  if (n_suppliers > 0)
    {
      highlight (out, ws, row, row, FIRST_SUPPLIER_COL, last_col, kk_doc_str (KK_DOC_YES, lang), yes_format);
      highlight (out, ws, row, row, FIRST_SUPPLIER_COL, last_col, kk_doc_str (KK_DOC_NO, lang), no_format);
    }
  row += 2;
  note = kk_doc_expand (KK_DOC_MATRIX_NOTE, lang,
                        kk_answer_status_label_for_lang ("not_applicable", lang),
                        kk_answer_status_label_for_lang ("partly_met", lang), NULL);
  kk_xlsx_write_text (out, ws, row, 3, note, f.muted);

  if (n_suppliers > 0)
    for (Status s = STATUS_MET; s < N_STATUSES; s++)
      highlight (out, ws, FIRST_DATA_ROW, last_data_row, FIRST_SUPPLIER_COL, last_col,
                 kk_answer_status_label_for_lang (status_names[s], lang), status_formats[s]);

  return kk_xlsx_out_close (out, error);
}

gboolean
kk_export_matrix_xlsx (KkDatabase  *db,
                       gint64       procurement_id,
                       const char  *path,
                       GError     **error)
{
  return kk_export_matrix_xlsx_for_lang (db, procurement_id, kk_export_ui_lang (), path, error);
}
