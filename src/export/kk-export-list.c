// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-export"

/* The requirement list: one sheet, one row per requirement, both languages,
 * for reading and filtering in a spreadsheet program. */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kk-catalog.h"
#include "kk-export-private.h"

/* One row, whether it comes from the catalogue or from a procurement. */
typedef struct {
  const char *code;
  const char *area;
  const char *obligation;
  const char *kind;
  const char *level;
  const char *title_sv, *title_en;
  const char *text_sv, *text_en;
  const char *verification_sv, *verification_en;
  const char *motive_sv, *motive_en;
  const char *source_ref;
} ListRow;

enum {
  COL_CODE,
  COL_AREA,
  COL_OBLIGATION,
  COL_KIND,
  COL_LEVEL,
  COL_TITLE_SV,
  COL_TITLE_EN,
  COL_TEXT_SV,
  COL_TEXT_EN,
  COL_VERIFICATION_SV,
  COL_VERIFICATION_EN,
  COL_MOTIVE_SV,
  COL_MOTIVE_EN,
  COL_SOURCE,
  N_COLUMNS
};

/* Document text in both languages, not the UI's: the list is bilingual. */
static const struct {
  const char *head;
  double      width;
} columns[N_COLUMNS] = {
  [COL_CODE] = { "Kravkod / Code", 13 },
  [COL_AREA] = { "Område / Area", 28 },
  [COL_OBLIGATION] = { "SKA/BÖR / SHALL/SHOULD", 14 },
  [COL_KIND] = { "Typ / Kind", 22 },
  [COL_LEVEL] = { "Nivå / Level", 16 },
  [COL_TITLE_SV] = { "Rubrik (sv)", 34 },
  [COL_TITLE_EN] = { "Title (en)", 34 },
  [COL_TEXT_SV] = { "Kravtext (sv)", 60 },
  [COL_TEXT_EN] = { "Requirement (en)", 60 },
  [COL_VERIFICATION_SV] = { "Verifiering (sv)", 42 },
  [COL_VERIFICATION_EN] = { "Verification (en)", 42 },
  [COL_MOTIVE_SV] = { "Motiv (sv)", 42 },
  [COL_MOTIVE_EN] = { "Motive (en)", 42 },
  [COL_SOURCE] = { "Källa / Source", 32 },
};

static const struct {
  const char *value, *sv, *en;
} value_labels[] = {
  { "shall", "SKA", "SHALL" },
  { "should", "BÖR", "SHOULD" },
  { "qualification", "Kvalificeringskrav", "Qualification" },
  { "technical", "Tekniskt krav", "Technical" },
  { "contract_clause", "Avtalsvillkor", "Contract clause" },
  { "award_criterion", "Tilldelningskriterium", "Award criterion" },
  { "basic", "Grundläggande", "Basic" },
  { "advanced", "Fördjupad", "Advanced" },
  { "leading", "Ledande", "Leading" },
};

/* "SKA / SHALL"; an unknown value is shown as it is. */
static char *
bilingual_label (const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if (g_strcmp0 (value, value_labels[i].value) == 0)
      return g_strdup_printf ("%s / %s", value_labels[i].sv, value_labels[i].en);
  return g_strdup (value ? value : "");
}

static char *
area_label (GHashTable *areas,
            const char *code)
{
  KkArea *area = g_hash_table_lookup (areas, code ? code : "");

  if (area == NULL)
    return g_strdup (code ? code : "");
  if (g_strcmp0 (area->name_sv, area->name_en) == 0)
    return g_strdup_printf ("%s %s", area->code, area->name_sv);
  return g_strdup_printf ("%s %s / %s", area->code, area->name_sv, area->name_en);
}

/* Spreadsheet programs do not all grow a row to fit wrapped text they did
 * not lay out themselves, so the height is estimated: Calibri 11 fits about
 * 1.1 characters per unit of column width, 15 points a line. */
static double
estimate_lines (const char *text,
                double      width)
{
  double per_line = MAX (1.0, width * 1.1);
  double lines = 0;
  g_auto(GStrv) paragraphs = NULL;

  if (text == NULL || *text == '\0')
    return 1;
  paragraphs = g_strsplit (text, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    lines += MAX (1.0, ceil (g_utf8_strlen (paragraphs[i], -1) / per_line));
  return lines;
}

static void
write_row (KkXlsxOut     *out,
           lxw_worksheet *sheet,
           lxw_row_t      row,
           const ListRow *r,
           GHashTable    *areas,
           lxw_format    *text)
{
  g_autofree char *area = area_label (areas, r->area);
  g_autofree char *obligation = bilingual_label (r->obligation);
  g_autofree char *kind = bilingual_label (r->kind);
  g_autofree char *level = bilingual_label (r->level);
  const char *values[N_COLUMNS] = {
    [COL_CODE] = r->code,
    [COL_AREA] = area,
    [COL_OBLIGATION] = obligation,
    [COL_KIND] = kind,
    [COL_LEVEL] = level,
    [COL_TITLE_SV] = r->title_sv,
    [COL_TITLE_EN] = r->title_en,
    [COL_TEXT_SV] = r->text_sv,
    [COL_TEXT_EN] = r->text_en,
    [COL_VERIFICATION_SV] = r->verification_sv,
    [COL_VERIFICATION_EN] = r->verification_en,
    [COL_MOTIVE_SV] = r->motive_sv,
    [COL_MOTIVE_EN] = r->motive_en,
    [COL_SOURCE] = r->source_ref,
  };

  /* Always as strings: a text that starts with = + - @ stays text
   * (kk_export_text_is_dangerous), never becomes a formula. */
  double lines = 1;

  for (lxw_col_t col = 0; col < N_COLUMNS; col++)
    {
      kk_xlsx_write_text (out, sheet, row, col, values[col], text);
      lines = MAX (lines, estimate_lines (values[col], columns[col].width));
    }
  /* 409 points is the largest row height Excel allows. */
  kk_xlsx_out_check (out, sheet, row, 0, worksheet_set_row (sheet, row, MIN (409.0, lines * 15.0 + 2.0), NULL));
}

static void
row_from_requirement (ListRow       *row,
                      KkRequirement *r)
{
  row->code = r->code;
  row->area = r->area;
  row->obligation = r->obligation;
  row->kind = r->kind;
  row->level = r->level;
  row->title_sv = r->title_sv;
  row->title_en = r->title_en;
  row->text_sv = r->text_sv;
  row->text_en = r->text_en;
  row->verification_sv = r->verification_sv;
  row->verification_en = r->verification_en;
  row->motive_sv = r->motive_sv;
  row->motive_en = r->motive_en;
  row->source_ref = r->source_ref;
}

/* The frozen copy holds what the procurement publishes; the motive and the
 * source are not part of it and come from the catalogue when it still has
 * the same revision. */
static void
row_from_item (ListRow         *row,
               KkChecklistItem *item,
               GHashTable      *catalogue)
{
  KkRequirement *r = g_hash_table_lookup (catalogue, item->code);

  memset (row, 0, sizeof *row);
  row->code = item->code;
  row->area = item->area;
  row->obligation = item->obligation;
  row->kind = item->kind;
  row->level = item->level;
  row->title_sv = item->title_sv;
  row->title_en = item->title_en;
  row->text_sv = item->text_sv;
  row->text_en = item->text_en;
  row->verification_sv = item->verification_sv;
  row->verification_en = item->verification_en;
  if (r != NULL && r->revision == item->revision)
    {
      row->motive_sv = r->motive_sv;
      row->motive_en = r->motive_en;
      row->source_ref = r->source_ref;
    }
}

gboolean
kk_export_requirement_list_xlsx (KkDatabase  *db,
                                 gint64       procurement_id,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(GPtrArray) requirements = NULL;  /* KkRequirement: the catalogue */
  g_autoptr(GPtrArray) items = NULL;         /* KkChecklistItem: a procurement */
  g_autoptr(GPtrArray) area_list = NULL;
  g_autoptr(GHashTable) areas = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(KkProcurement) procurement = NULL;
  g_autoptr(KkXlsxOut) out = NULL;
  g_autofree char *version = NULL;
  g_autofree char *title = NULL;
  KkXlsxFormats formats;
  lxw_doc_properties properties = { 0 };
  lxw_worksheet *sheet;
  KkCatalogQuery all = { .include_retired = TRUE };
  guint n_rows;

  g_return_val_if_fail (KK_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  version = kk_catalog_describe_current_version (db);
  if ((area_list = kk_catalog_list_areas (db, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < area_list->len; i++)
    {
      KkArea *a = g_ptr_array_index (area_list, i);
      g_hash_table_insert (areas, a->code, a);
    }

  if (procurement_id == 0)
    {
      if ((requirements = kk_catalog_list (db, NULL, error)) == NULL)
        return FALSE;
      n_rows = requirements->len;
      if (n_rows == 0)
        {
          g_set_error_literal (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_EMPTY,
                               _("The catalogue holds no requirements to export"));
          return FALSE;
        }
      title = g_strdup_printf ("Kravlista – %s", version ? version : "Kravkoll");
    }
  else
    {
      if ((procurement = kk_store_get_procurement (db, procurement_id, error)) == NULL ||
          (items = kk_store_procurement_requirements (db, procurement_id, error)) == NULL ||
          (requirements = kk_catalog_list (db, &all, error)) == NULL)
        return FALSE;
      n_rows = items->len;
      if (n_rows == 0)
        {
          g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_EMPTY,
                       _("Procurement %s “%s” has no requirements yet: choose its requirements before exporting"),
                       procurement->dnr, procurement->title);
          return FALSE;
        }
      for (guint i = 0; i < requirements->len; i++)
        {
          KkRequirement *r = g_ptr_array_index (requirements, i);
          g_hash_table_insert (by_code, r->code, r);
        }
      title = g_strdup_printf ("Kravlista – %s %s", procurement->dnr, procurement->title);
    }

  if ((out = kk_xlsx_out_new (path, FALSE, error)) == NULL)
    return FALSE;

  properties.title = title;
  properties.subject = (char *) "Säkerhetskrav / Security requirements";
  properties.author = (char *) "Kravkoll";
  properties.company = (char *) "Kravkoll";
  properties.comments = version;
  workbook_set_properties (out->workbook, &properties);
  kk_xlsx_formats_init (&formats, out->workbook);

  if ((sheet = kk_xlsx_out_add_sheet (out, "Kravlista")) == NULL)
    return kk_xlsx_out_close (out, error);

  for (lxw_col_t col = 0; col < N_COLUMNS; col++)
    {
      kk_xlsx_out_check (out, sheet, 0, col, worksheet_set_column (sheet, col, col, columns[col].width, NULL));
      kk_xlsx_write_text (out, sheet, 0, col, columns[col].head, formats.header);
    }
  kk_xlsx_out_check (out, sheet, 0, 0, worksheet_set_row (sheet, 0, 30, NULL));

  for (guint i = 0; i < n_rows; i++)
    {
      ListRow row;

      if (items != NULL)
        row_from_item (&row, g_ptr_array_index (items, i), by_code);
      else
        row_from_requirement (&row, g_ptr_array_index (requirements, i));
      write_row (out, sheet, i + 1, &row, areas, formats.text);
    }

  worksheet_freeze_panes (sheet, 1, 0);
  kk_xlsx_out_check (out, sheet, 0, 0, worksheet_autofilter (sheet, 0, 0, n_rows, N_COLUMNS - 1));
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);  /* A4 */
  kk_xlsx_out_check (out, sheet, 0, 0, worksheet_repeat_rows (sheet, 0, 0));

  return kk_xlsx_out_close (out, error);
}
