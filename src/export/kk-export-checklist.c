// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-export"

/* The checklist workbook a supplier fills in and returns. The layout below
 * is a contract with the checklist import: the hidden "kravkoll" sheet names
 * the procurement, the supplier and the columns; hidden columns carry the
 * ids that let the import match every row exactly. */

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kk-export-private.h"

#define CHECKLIST_FORMAT          "kravkoll-checklist"
#define CHECKLIST_FORMAT_VERSION  1
/* Not a secret: the protection only keeps the locked cells from being
 * changed by mistake, and the import checks them anyway. */
#define CHECKLIST_PASSWORD        "kravkoll"
#define META_SHEET                "kravkoll"
#define INSTRUCTION_WIDTH         100.0

enum {
  COL_NR,
  COL_CODE,
  COL_AREA,
  COL_OBLIGATION,
  COL_REQUIREMENT,
  COL_VERIFICATION,
  COL_ANSWER,
  COL_COMMENT,
  COL_EVIDENCE,
  COL_ID,          /* hidden: procurement_requirement.id */
  COL_REQ_CODE,    /* hidden: the requirement's code… */
  COL_REVISION,    /* hidden: …and the revision the procurement uses */
  N_COLS
};

static const char *answer_statuses[] = { "met", "partly_met", "not_met", "not_applicable" };

typedef struct {
  KkXlsxFormats base;
  lxw_format   *input;        /* unlocked, wrapped, pale fill: what the supplier fills in */
  lxw_format   *input_header;
  lxw_format   *title_bold;   /* bold fragment of the requirement cell */
  lxw_format   *label;
} Formats;

static void
formats_init (Formats      *f,
              lxw_workbook *wb)
{
  kk_xlsx_formats_init (&f->base, wb);

  f->input = workbook_add_format (wb);
  format_set_unlocked (f->input);
  format_set_text_wrap (f->input);
  format_set_align (f->input, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (f->input, 0xFFF9E3);
  format_set_border (f->input, LXW_BORDER_THIN);
  format_set_border_color (f->input, 0xD9CFA8);

  f->input_header = workbook_add_format (wb);
  format_set_bold (f->input_header);
  format_set_text_wrap (f->input_header);
  format_set_align (f->input_header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (f->input_header, 0xF6E7B4);
  format_set_bottom (f->input_header, LXW_BORDER_THIN);
  format_set_bottom_color (f->input_header, 0x7A8CA5);

  f->title_bold = workbook_add_format (wb);
  format_set_bold (f->title_bold);

  f->label = workbook_add_format (wb);
  format_set_bold (f->label);
  format_set_align (f->label, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (f->label);
}

static gboolean
is_answer_status (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (answer_statuses); i++)
    if (g_strcmp0 (status, answer_statuses[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The bold title, a line break and the text in one cell. */
static void
write_requirement_cell (KkXlsxOut     *out,
                        lxw_worksheet *ws,
                        lxw_row_t      row,
                        Formats       *f,
                        const char    *title,
                        const char    *text)
{
  g_autofree char *joined = NULL;
  g_autofree char *safe_title = NULL, *safe_text = NULL;
  g_autofree char *second = NULL;

  if (title == NULL || *title == '\0' || text == NULL || *text == '\0')
    {
      kk_xlsx_write_text (out, ws, row, COL_REQUIREMENT, title && *title ? title : text, f->base.text);
      return;
    }

  joined = g_strconcat (title, "\n", text, NULL);
  safe_title = kk_xlsx_escape (title);
  second = g_strconcat ("\n", text, NULL);
  safe_text = kk_xlsx_escape (second);
  if (g_utf8_strlen (safe_title ? safe_title : title, -1) + g_utf8_strlen (safe_text ? safe_text : second, -1) > KK_XLSX_MAX_CHARS)
    {
      /* Too long for one cell: the plain writer cuts it. */
      kk_xlsx_write_text (out, ws, row, COL_REQUIREMENT, joined, f->base.text);
      return;
    }

  {
    lxw_rich_string_tuple bold = { f->title_bold, safe_title ? safe_title : (char *) title };
    lxw_rich_string_tuple rest = { NULL, safe_text ? safe_text : second };
    lxw_rich_string_tuple *fragments[] = { &bold, &rest, NULL };

    kk_xlsx_out_check (out, ws, row, COL_REQUIREMENT,
                       worksheet_write_rich_string (ws, row, COL_REQUIREMENT, fragments, f->base.text));
  }
}

static char *
steps_text (const char *lang)
{
  return kk_doc_expand (KK_DOC_CHECKLIST_STEPS, lang,
                        kk_answer_status_label_for_lang ("met", lang),
                        kk_answer_status_label_for_lang ("partly_met", lang),
                        kk_answer_status_label_for_lang ("not_met", lang),
                        kk_answer_status_label_for_lang ("not_applicable", lang),
                        NULL);
}

static lxw_row_t
write_steps (KkXlsxOut     *out,
             lxw_worksheet *ws,
             lxw_row_t      row,
             Formats       *f,
             const char    *lang)
{
  g_autofree char *steps = steps_text (lang);
  g_auto(GStrv) lines = g_strsplit (steps, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++, row++)
    {
      kk_xlsx_write_text (out, ws, row, 1, lines[i], f->base.text);
      kk_xlsx_out_check (out, ws, row, 1, worksheet_set_row (ws, row, kk_xlsx_text_height (lines[i], INSTRUCTION_WIDTH), NULL));
    }
  return row;
}

static void
write_instructions (KkXlsxOut     *out,
                    lxw_worksheet *ws,
                    Formats       *f,
                    KkExportData  *data,
                    KkSupplier    *supplier,
                    const char    *lang,
                    const char    *date)
{
  const char *other = g_strcmp0 (lang, "en") == 0 ? "sv" : "en";
  KkProcurement *p = data->procurement;
  struct {
    KkDocString label;
    const char *value;
  } facts[] = {
    { KK_DOC_PROCUREMENT, p->title },
    { KK_DOC_DNR, p->dnr },
    { KK_DOC_SUPPLIER, supplier->name },
    { KK_DOC_ORG_NUMBER, supplier->org_number },
    { KK_DOC_CATALOGUE, p->catalog_version },
    { KK_DOC_EXPORTED, date },
  };
  lxw_row_t row = 0;

  worksheet_set_column (ws, 0, 0, 24, f->label);
  worksheet_set_column (ws, 1, 1, INSTRUCTION_WIDTH, f->base.text);
  worksheet_gridlines (ws, LXW_HIDE_ALL_GRIDLINES);

  kk_xlsx_write_text (out, ws, row++, 0, kk_doc_str (KK_DOC_CHECKLIST_TITLE, lang), f->base.title);
  row++;
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      const char *value = facts[i].value && *facts[i].value ? facts[i].value : kk_doc_str (KK_DOC_NONE, lang);

      kk_xlsx_write_text (out, ws, row, 0, kk_doc_str (facts[i].label, lang), f->label);
      kk_xlsx_write_text (out, ws, row, 1, value, f->base.text);
      kk_xlsx_out_check (out, ws, row, 1, worksheet_set_row (ws, row, kk_xlsx_text_height (value, INSTRUCTION_WIDTH), NULL));
      row++;
    }
  row++;
  kk_xlsx_write_text (out, ws, row, 0, kk_doc_str (KK_DOC_INSTRUCTIONS, lang), f->label);
  row = write_steps (out, ws, row, f, lang);

  /* The same in the other language, for a supplier who reads it better. */
  row += 2;
  kk_xlsx_write_text (out, ws, row++, 0, kk_doc_str (KK_DOC_OTHER_LANGUAGE, lang), f->base.title);
  kk_xlsx_write_text (out, ws, row, 0, kk_doc_str (KK_DOC_INSTRUCTIONS, other), f->label);
  kk_xlsx_write_text (out, ws, row++, 1, kk_doc_str (KK_DOC_CHECKLIST_TITLE, other), f->base.bold);
  write_steps (out, ws, row, f, other);

  worksheet_set_portrait (ws);
  worksheet_set_paper (ws, 9);   /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_protect (ws, CHECKLIST_PASSWORD, NULL);
}

static void
write_checklist (KkXlsxOut     *out,
                 lxw_worksheet *ws,
                 Formats       *f,
                 KkExportData  *data,
                 const char    *lang)
{
  const char *labels[G_N_ELEMENTS (answer_statuses) + 1] = { NULL };
  g_autofree char *error_message = NULL;
  g_autofree char *footer = NULL, *header = NULL, *dnr = NULL;
  g_autofree char *page = NULL;
  lxw_data_validation validation = { 0 };
  lxw_protection protection = { 0 };
  lxw_row_col_options hidden = { .hidden = LXW_TRUE };
  lxw_row_t last_row = data->items->len;
  const struct {
    KkDocString title;
    double      width;
    lxw_format *format;
  } columns[] = {
    [COL_NR] = { KK_DOC_NR, 6, f->base.text },
    [COL_CODE] = { KK_DOC_CODE, 13, f->base.text },
    [COL_AREA] = { KK_DOC_AREA, 20, f->base.text },
    [COL_OBLIGATION] = { KK_DOC_OBLIGATION, 9, f->base.text_center },
    [COL_REQUIREMENT] = { KK_DOC_REQUIREMENT, 62, f->base.text },
    [COL_VERIFICATION] = { KK_DOC_VERIFICATION, 36, f->base.text },
    [COL_ANSWER] = { KK_DOC_ANSWER, 17, f->input },
    [COL_COMMENT] = { KK_DOC_COMMENT, 40, f->input },
    [COL_EVIDENCE] = { KK_DOC_EVIDENCE, 32, f->input },
    [COL_ID] = { KK_DOC_ID, 8, NULL },
    [COL_REQ_CODE] = { KK_DOC_CODE, 13, NULL },
    [COL_REVISION] = { KK_DOC_REVISION, 8, NULL },
  };

  for (guint c = 0; c < N_COLS; c++)
    {
      g_autofree char *title = NULL;
      const char *head = kk_doc_str (columns[c].title, lang);
      gboolean input = c == COL_ANSWER || c == COL_COMMENT || c == COL_EVIDENCE;

      if (c == COL_VERIFICATION)   /* "Verifiering:" without its colon */
        head = title = g_strndup (head, strlen (head) - 1);
      worksheet_set_column_opt (ws, c, c, columns[c].width, NULL, c >= COL_ID ? &hidden : NULL);
      kk_xlsx_write_text (out, ws, 0, c, head, input ? f->input_header : f->base.header);
    }

  for (guint i = 0; i < data->items->len; i++)
    {
      KkChecklistItem *item = g_ptr_array_index (data->items, i);
      const char *area = item->area;
      lxw_row_t row = i + 1;

      for (guint a = 0; a < data->areas->len; a++)
        {
          KkExportArea *ea = g_ptr_array_index (data->areas, a);

          if (g_strcmp0 (ea->code, item->area) == 0)
            {
              area = ea->name;
              break;
            }
        }

      kk_xlsx_write_text (out, ws, row, COL_NR, g_ptr_array_index (data->numbers, i), f->base.text);
      kk_xlsx_write_text (out, ws, row, COL_CODE, item->code, f->base.text);
      kk_xlsx_write_text (out, ws, row, COL_AREA, area, f->base.text);
      kk_xlsx_write_text (out, ws, row, COL_OBLIGATION, kk_obligation_label_for_lang (item->obligation, lang),
                          f->base.text_center);
      write_requirement_cell (out, ws, row, f, kk_checklist_item_get_title (item, lang),
                              kk_checklist_item_get_text (item, lang));
      kk_xlsx_write_text (out, ws, row, COL_VERIFICATION, kk_checklist_item_get_verification (item, lang),
                          f->base.text);
      kk_xlsx_write_text (out, ws, row, COL_ANSWER,
                          is_answer_status (item->status) ? kk_answer_status_label_for_lang (item->status, lang) : NULL,
                          f->input);
      kk_xlsx_write_text (out, ws, row, COL_COMMENT, item->comment, f->input);
      kk_xlsx_write_text (out, ws, row, COL_EVIDENCE, item->evidence, f->input);
      {
        g_autofree char *requirement = g_strconcat (kk_checklist_item_get_title (item, lang), "\n",
                                                    kk_checklist_item_get_text (item, lang), NULL);
        double height = kk_xlsx_text_height (requirement, columns[COL_REQUIREMENT].width);

        height = MAX (height, kk_xlsx_text_height (kk_checklist_item_get_verification (item, lang),
                                                   columns[COL_VERIFICATION].width));
        height = MAX (height, kk_xlsx_text_height (area, columns[COL_AREA].width));
        height = MAX (height, kk_xlsx_text_height (item->comment, columns[COL_COMMENT].width));
        height = MAX (height, kk_xlsx_text_height (item->evidence, columns[COL_EVIDENCE].width));
        kk_xlsx_out_check (out, ws, row, 0, worksheet_set_row (ws, row, height, NULL));
      }
      kk_xlsx_write_number (out, ws, row, COL_ID, (double) item->procurement_requirement, NULL);
      kk_xlsx_write_text (out, ws, row, COL_REQ_CODE, item->code, NULL);
      kk_xlsx_write_number (out, ws, row, COL_REVISION, item->revision, NULL);
    }

  /* The answer drop-down: exactly the four labels, nothing else accepted. */
  for (guint i = 0; i < G_N_ELEMENTS (answer_statuses); i++)
    labels[i] = kk_answer_status_label_for_lang (answer_statuses[i], lang);
  error_message = kk_doc_expand (KK_DOC_ANSWER_ERROR, lang, labels[0], labels[1], labels[2], labels[3], NULL);
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = (char **) labels;
  validation.ignore_blank = LXW_VALIDATION_ON;
  validation.show_input = LXW_VALIDATION_ON;
  validation.show_error = LXW_VALIDATION_ON;
  validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  validation.input_title = (char *) kk_doc_str (KK_DOC_ANSWER_INPUT_TITLE, lang);
  validation.input_message = (char *) kk_doc_str (KK_DOC_ANSWER_INPUT, lang);
  validation.error_title = (char *) kk_doc_str (KK_DOC_ANSWER_ERROR_TITLE, lang);
  validation.error_message = error_message;
  kk_xlsx_out_check (out, ws, 1, COL_ANSWER,
                     worksheet_data_validation_range (ws, 1, COL_ANSWER, last_row, COL_ANSWER, &validation));

  /* Selecting any cell and resizing rows (long answers) stay allowed. */
  protection.format_rows = LXW_TRUE;
  worksheet_protect (ws, CHECKLIST_PASSWORD, &protection);
  worksheet_freeze_panes (ws, 1, COL_AREA);

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);   /* A4 */
  worksheet_set_margins (ws, 0.5, 0.5, 0.7, 0.7);
  worksheet_fit_to_pages (ws, 1, 0);
  kk_xlsx_out_check (out, ws, 0, 0, worksheet_repeat_rows (ws, 0, 0));
  dnr = kk_xlsx_header_text (data->procurement->dnr, 40);
  header = g_strdup_printf ("&L%s&R%s %s", kk_doc_str (KK_DOC_CHECKLIST_TITLE, lang),
                            kk_doc_str (KK_DOC_DNR_SHORT, lang), dnr);
  kk_xlsx_out_check (out, ws, 0, 0, worksheet_set_header (ws, header));
  page = kk_doc_expand (KK_DOC_PAGE_N_OF_M, lang, "&P", "&N", NULL);
  footer = g_strdup_printf ("&R%s", page);
  kk_xlsx_out_check (out, ws, 0, 0, worksheet_set_footer (ws, footer));
}

static void
write_meta (KkXlsxOut     *out,
            lxw_worksheet *ws,
            KkExportData  *data,
            KkSupplier    *supplier,
            const char    *lang,
            const char    *now)
{
  KkProcurement *p = data->procurement;
  char cols[N_COLS][LXW_MAX_COL_NAME_LENGTH];
  const struct {
    const char *key;
    const char *text;     /* or */
    double      number;
  } rows[] = {
    { "format", CHECKLIST_FORMAT },
    { "format_version", NULL, CHECKLIST_FORMAT_VERSION },
    { "procurement_id", NULL, (double) p->id },
    { "dnr", p->dnr },
    { "procurement_title", p->title },
    { "supplier_id", NULL, (double) supplier->id },
    { "supplier_name", supplier->name },
    { "org_number", supplier->org_number },
    { "catalog_version", p->catalog_version ? p->catalog_version : "" },
    { "lang", lang },
    { "exported_at", now },
    { "n_requirements", NULL, data->items->len },
    { "sheet", kk_doc_str (KK_DOC_CHECKLIST, lang) },
    { "header_row", NULL, 1 },
    { "first_row", NULL, 2 },
    { "nr_column", cols[COL_NR] },
    { "visible_code_column", cols[COL_CODE] },
    { "requirement_column", cols[COL_REQUIREMENT] },
    { "answer_column", cols[COL_ANSWER] },
    { "comment_column", cols[COL_COMMENT] },
    { "evidence_column", cols[COL_EVIDENCE] },
    { "id_column", cols[COL_ID] },
    { "code_column", cols[COL_REQ_CODE] },
    { "revision_column", cols[COL_REVISION] },
  };

  for (guint c = 0; c < N_COLS; c++)
    lxw_col_to_name (cols[c], c, LXW_FALSE);

  worksheet_set_column (ws, 0, 0, 20, NULL);
  worksheet_set_column (ws, 1, 1, 60, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      kk_xlsx_write_text (out, ws, i, 0, rows[i].key, NULL);
      if (rows[i].text != NULL)
        kk_xlsx_write_text (out, ws, i, 1, rows[i].text, NULL);
      else
        kk_xlsx_write_number (out, ws, i, 1, rows[i].number, NULL);
    }
  worksheet_protect (ws, CHECKLIST_PASSWORD, NULL);
  worksheet_hide (ws);
}

gboolean
kk_export_checklist_xlsx (KkDatabase  *db,
                          gint64       procurement_id,
                          gint64       supplier_id,
                          const char  *lang,
                          const char  *path,
                          GError     **error)
{
  g_auto(KkExportData) data = { 0 };
  g_autoptr(KkSupplier) supplier = NULL;
  g_autoptr(KkXlsxOut) out = NULL;
  g_autofree char *now = NULL, *date = NULL, *title = NULL, *subject = NULL;
  lxw_worksheet *instructions, *checklist, *meta;
  lxw_doc_properties properties = { 0 };
  Formats f;

  g_return_val_if_fail (KK_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!kk_export_check_lang (lang, error))
    return FALSE;
  if (!kk_export_data_load (&data, db, procurement_id, supplier_id, lang, error))
    return FALSE;
  /* The supplier takes part: kk_store_checklist() refused otherwise. */
  {
    g_autoptr(GPtrArray) suppliers = kk_store_procurement_suppliers (db, procurement_id, error);

    if (suppliers == NULL)
      return FALSE;
    for (guint i = 0; i < suppliers->len && supplier == NULL; i++)
      if (((KkSupplier *) g_ptr_array_index (suppliers, i))->id == supplier_id)
        supplier = g_object_ref (g_ptr_array_index (suppliers, i));
    if (supplier == NULL)
      {
        g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_INVALID,
                     _("Supplier %" PRId64 " does not take part in procurement %s"),
                     supplier_id, data.procurement->dnr);
        return FALSE;
      }
  }
  if ((out = kk_xlsx_out_new (path, FALSE, error)) == NULL)
    return FALSE;

  now = kk_now_iso8601 ();
  date = kk_export_format_date (now, lang);
  formats_init (&f, out->workbook);

  {
    g_autofree char *full = g_strdup_printf ("%s – %s", kk_doc_str (KK_DOC_CHECKLIST_TITLE, lang), data.procurement->title);

    title = kk_export_one_line (full, 250);
  }
  subject = kk_export_one_line (data.procurement->dnr, 250);
  properties.title = title;
  properties.subject = subject;
  properties.author = (char *) "Kravkoll";
  kk_xlsx_out_check (out, NULL, 0, 0, workbook_set_properties (out->workbook, &properties));

  instructions = kk_xlsx_out_add_sheet (out, kk_doc_str (KK_DOC_INSTRUCTIONS, lang));
  checklist = kk_xlsx_out_add_sheet (out, kk_doc_str (KK_DOC_CHECKLIST, lang));
  meta = kk_xlsx_out_add_sheet (out, META_SHEET);
  if (instructions == NULL || checklist == NULL || meta == NULL)
    return kk_xlsx_out_close (out, error);

  write_instructions (out, instructions, &f, &data, supplier, lang, date);
  write_checklist (out, checklist, &f, &data, lang);
  write_meta (out, meta, &data, supplier, lang, now);
  worksheet_activate (instructions);

  return kk_xlsx_out_close (out, error);
}
