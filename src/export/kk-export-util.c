// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-export"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kk-catalog.h"
#include "kk-export-private.h"

/* ------------------------------------------------------------------ */
/* Document strings */

static const struct {
  const char *sv;
  const char *en;
} doc_strings[KK_DOC_N_STRINGS] = {
  [KK_DOC_APPENDIX] = { "Kravbilaga", "Requirement appendix" },
  [KK_DOC_APPENDIX_SUBTITLE] = { "Säkerhetskrav på leverantören", "Security requirements for the supplier" },
  [KK_DOC_DNR] = { "Diarienummer", "Reference number" },
  [KK_DOC_DNR_SHORT] = { "Dnr", "Ref." },
  [KK_DOC_PROCUREMENT] = { "Upphandling", "Procurement" },
  [KK_DOC_UNIT] = { "Ansvarig enhet", "Responsible unit" },
  [KK_DOC_DATE] = { "Datum", "Date" },
  [KK_DOC_CATALOGUE] = { "Kravkatalog", "Requirement catalogue" },
  [KK_DOC_N_REQUIREMENTS] = { "Omfattning", "Scope" },
  [KK_DOC_N_REQUIREMENTS_VALUE] = { "{1} krav, varav {2} SKA-krav och {3} BÖR-krav",
                                    "{1} requirements: {2} SHALL and {3} SHOULD" },
  [KK_DOC_HOW_TO_ANSWER] = { "Så besvarar ni kraven", "How to answer the requirements" },
  [KK_DOC_HOW_SHALL] = {
    "SKA-krav är obligatoriska. Samtliga SKA-krav måste vara uppfyllda för att anbudet ska kunna prövas; "
    "ett anbud som inte uppfyller ett SKA-krav går inte vidare till utvärdering.",
    "SHALL requirements are mandatory. Every SHALL requirement must be met for the tender to be considered; "
    "a tender that fails a SHALL requirement is not evaluated further." },
  [KK_DOC_HOW_SHOULD] = {
    "BÖR-krav är önskvärda. De är inte obligatoriska, men de BÖR-krav som anbudet uppfyller vägs in i "
    "utvärderingen.",
    "SHOULD requirements are desired. They are not mandatory, but the SHOULD requirements a tender meets "
    "count in its evaluation." },
  [KK_DOC_HOW_CHECKLIST] = {
    "Besvara varje krav i checklistan (Excel) som hör till upphandlingen: välj {1}, {2}, {3} eller {4} "
    "och förklara i kommentarsfältet hur kravet uppfylls, eller varför det inte gör det.",
    "Answer each requirement in the checklist (Excel) that belongs to this procurement: choose {1}, {2}, "
    "{3} or {4} and explain in the comment how the requirement is met, or why it is not." },
  [KK_DOC_HOW_VERIFICATION] = {
    "Under Verifiering anges för varje krav hur uppfyllandet ska styrkas. Bifoga de underlag som efterfrågas "
    "och hänvisa till dem i checklistans kolumn Underlag.",
    "Under Verification, each requirement states how compliance is to be shown. Attach the documents asked "
    "for and refer to them in the checklist’s Evidence column." },
  [KK_DOC_CONTENTS_NOTE] = {
    "Kraven är grupperade per område och numrerade. Ange kravets nummer eller kravkod vid frågor.",
    "The requirements are grouped by area and numbered. Quote a requirement’s number or code in questions." },
  [KK_DOC_VERIFICATION] = { "Verifiering:", "Verification:" },
  [KK_DOC_PAGE_N_OF_M] = { "Sida {1} av {2}", "Page {1} of {2}" },
  [KK_DOC_NONE] = { "–", "–" },
  [KK_DOC_CODE] = { "Kravkod", "Code" },
  [KK_DOC_NR] = { "Nr", "No." },
  [KK_DOC_AREA] = { "Område", "Area" },
  [KK_DOC_OBLIGATION] = { "SKA/BÖR", "SHALL/SHOULD" },
  [KK_DOC_REQUIREMENT] = { "Krav", "Requirement" },
  [KK_DOC_ANSWER] = { "Svar", "Answer" },
  [KK_DOC_COMMENT] = { "Kommentar", "Comment" },
  [KK_DOC_EVIDENCE] = { "Underlag", "Evidence" },
  [KK_DOC_ID] = { "Id", "Id" },
  [KK_DOC_REVISION] = { "Version", "Revision" },
  [KK_DOC_SUPPLIER] = { "Leverantör", "Supplier" },
  [KK_DOC_ORG_NUMBER] = { "Organisationsnummer", "Organisation number" },
  [KK_DOC_CHECKLIST] = { "Checklista", "Checklist" },
  [KK_DOC_INSTRUCTIONS] = { "Instruktioner", "Instructions" },
  [KK_DOC_CHECKLIST_TITLE] = { "Checklista – säkerhetskrav", "Checklist – security requirements" },
  [KK_DOC_CHECKLIST_STEPS] = {
    "1. Gå till bladet Checklista. Varje rad är ett krav ur kravbilagan, med samma nummer och kravkod.\n"
    "2. Välj ett svar för varje krav i kolumnen Svar: {1}, {2}, {3} eller {4}.\n"
    "3. Beskriv i kolumnen Kommentar hur kravet uppfylls. Förklara varför när det bara delvis uppfylls, "
    "inte uppfylls eller inte är tillämpligt.\n"
    "4. Ange i kolumnen Underlag vilka bifogade dokument som styrker svaret (till exempel certifikat, "
    "policy eller rutin, med dokumentnamn och avsnitt), så som kravets verifiering anger.\n"
    "5. SKA-krav måste vara uppfyllda för att anbudet ska prövas. BÖR-krav vägs in i utvärderingen.\n"
    "6. Ändra inte andra celler, bladens namn eller radernas ordning: arbetsboken läses in maskinellt och "
    "kan inte tas emot om låsta celler har ändrats.\n"
    "7. Spara filen som Excel-arbetsbok (.xlsx) och lämna in den tillsammans med anbudet.",
    "1. Go to the Checklist sheet. Each row is a requirement from the requirement appendix, with the same "
    "number and code.\n"
    "2. Choose an answer for each requirement in the Answer column: {1}, {2}, {3} or {4}.\n"
    "3. Describe in the Comment column how the requirement is met. Explain why when it is only partly met, "
    "not met or not applicable.\n"
    "4. List in the Evidence column the attached documents that support the answer (for example a "
    "certificate, policy or procedure, with document name and section), as the requirement's verification "
    "asks.\n"
    "5. SHALL requirements must be met for the tender to be considered. SHOULD requirements count in the "
    "evaluation.\n"
    "6. Do not change other cells, the sheet names or the order of the rows: the workbook is read by a "
    "program and cannot be accepted if locked cells were changed.\n"
    "7. Save the file as an Excel workbook (.xlsx) and submit it with the tender." },
  [KK_DOC_OTHER_LANGUAGE] = { "In English", "På svenska" },
  [KK_DOC_ANSWER_ERROR_TITLE] = { "Ogiltigt svar", "Invalid answer" },
  [KK_DOC_ANSWER_ERROR] = { "Välj ett av svaren i listan: {1}, {2}, {3} eller {4}.",
                            "Choose one of the answers in the list: {1}, {2}, {3} or {4}." },
  [KK_DOC_ANSWER_INPUT_TITLE] = { "Svar", "Answer" },
  [KK_DOC_ANSWER_INPUT] = { "Välj ett svar i listan.", "Choose an answer from the list." },
  [KK_DOC_MATRIX] = { "Matris", "Matrix" },
  [KK_DOC_MATRIX_TITLE] = { "Jämförelsematris", "Comparison matrix" },
  [KK_DOC_SHALL_MET] = { "SKA-krav uppfyllda", "SHALL requirements met" },
  [KK_DOC_SHALL_NOT_MET] = { "SKA-krav ej uppfyllda", "SHALL requirements not met" },
  [KK_DOC_SHALL_UNANSWERED] = { "SKA-krav obesvarade", "SHALL requirements unanswered" },
  [KK_DOC_ALL_SHALL_MET] = { "Alla SKA-krav uppfyllda", "All SHALL requirements met" },
  [KK_DOC_YES] = { "Ja", "Yes" },
  [KK_DOC_NO] = { "Nej", "No" },
  [KK_DOC_MATRIX_NOTE] = {
    "Uppfyllda räknar även {1}; ej uppfyllda räknar även {2}.",
    "Met includes {1}; not met includes {2}." },
  [KK_DOC_EXPORTED] = { "Skapad", "Created" },
};

static const char *months_sv[] = {
  "januari", "februari", "mars", "april", "maj", "juni",
  "juli", "augusti", "september", "oktober", "november", "december",
};
static const char *months_en[] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

static gboolean
is_english (const char *lang)
{
  return g_strcmp0 (lang, "en") == 0;
}

gboolean
kk_export_check_lang (const char  *lang,
                      GError     **error)
{
  if (g_strcmp0 (lang, "sv") == 0 || g_strcmp0 (lang, "en") == 0)
    return TRUE;
  g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_INVALID,
               _("Unknown document language “%s”: use sv or en"), lang ? lang : "");
  return FALSE;
}

const char *
kk_doc_str (KkDocString  id,
            const char  *lang)
{
  g_return_val_if_fail (id < KK_DOC_N_STRINGS, "");
  return is_english (lang) ? doc_strings[id].en : doc_strings[id].sv;
}

char *
kk_doc_expand (KkDocString  id,
               const char  *lang,
               ...)
{
  const char *args[10] = { NULL };
  const char *p = kk_doc_str (id, lang);
  GString *out = g_string_sized_new (strlen (p) + 32);
  guint n_args = 0;
  va_list ap;

  va_start (ap, lang);
  for (const char *a = va_arg (ap, const char *); a != NULL && n_args < G_N_ELEMENTS (args);
       a = va_arg (ap, const char *))
    args[n_args++] = a;
  va_end (ap);

  while (*p != '\0')
    {
      if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' && (guint) (p[1] - '1') < n_args)
        {
          g_string_append (out, args[p[1] - '1']);
          p += 3;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

const char *
kk_export_ui_lang (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "sv") ? "sv" : "en";
}

char *
kk_export_format_date (const char *iso,
                       const char *lang)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;
  int y, m, d;

  if (iso == NULL)
    return g_strdup (kk_doc_str (KK_DOC_NONE, lang));
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt != NULL)
    {
      local = g_date_time_to_local (dt);
      y = g_date_time_get_year (local);
      m = g_date_time_get_month (local);
      d = g_date_time_get_day_of_month (local);
    }
  else if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
    return g_strdup (iso);

  if (is_english (lang))
    return g_strdup_printf ("%d %s %d", d, months_en[m - 1], y);
  return g_strdup_printf ("%d %s %d", d, months_sv[m - 1], y);
}

/* ------------------------------------------------------------------ */
/* Data */

static void
export_area_free (gpointer data)
{
  KkExportArea *area = data;

  g_free (area->code);
  g_free (area->name);
  g_clear_pointer (&area->items, g_ptr_array_unref);
  g_free (area);
}

gboolean
kk_export_data_load (KkExportData  *data,
                     KkDatabase    *db,
                     gint64         procurement_id,
                     gint64         supplier_id,
                     const char    *lang,
                     GError       **error)
{
  g_autoptr(GPtrArray) catalog_areas = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) by_code = NULL;

  memset (data, 0, sizeof *data);

  data->procurement = kk_store_get_procurement (db, procurement_id, error);
  if (data->procurement == NULL)
    return FALSE;

  if (supplier_id != 0)
    data->items = kk_store_checklist (db, procurement_id, supplier_id, error);
  else
    data->items = kk_store_procurement_requirements (db, procurement_id, error);
  if (data->items == NULL)
    return FALSE;
  if (data->items->len == 0)
    {
      g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_EMPTY,
                   _("Procurement %s “%s” has no requirements yet: choose its requirements before exporting"),
                   data->procurement->dnr, data->procurement->title);
      return FALSE;
    }

  /* Area names; an area the catalogue no longer knows shows its code. */
  names = g_hash_table_new (g_str_hash, g_str_equal);
  catalog_areas = kk_catalog_list_areas (db, error);
  if (catalog_areas == NULL)
    return FALSE;
  for (guint i = 0; i < catalog_areas->len; i++)
    {
      KkArea *a = g_ptr_array_index (catalog_areas, i);

      g_hash_table_insert (names, a->code, is_english (lang) ? a->name_en : a->name_sv);
    }

  data->areas = g_ptr_array_new_with_free_func (export_area_free);
  data->numbers = g_ptr_array_new_full (data->items->len, g_free);
  by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < data->items->len; i++)
    {
      KkChecklistItem *item = g_ptr_array_index (data->items, i);
      const char *code = item->area ? item->area : "";
      KkExportArea *area = g_hash_table_lookup (by_code, code);

      if (area == NULL)
        {
          const char *name = g_hash_table_lookup (names, code);

          area = g_new0 (KkExportArea, 1);
          area->code = g_strdup (code);
          area->name = g_strdup (name != NULL && *name != '\0' ? name : code);
          area->number = data->areas->len + 1;
          area->items = g_ptr_array_new ();
          g_ptr_array_add (data->areas, area);
          g_hash_table_insert (by_code, area->code, area);
        }
      g_ptr_array_add (area->items, item);
      g_ptr_array_add (data->numbers, g_strdup_printf ("%u.%u", area->number, area->items->len));
      if (g_strcmp0 (item->obligation, "shall") == 0)
        data->n_shall++;
      else
        data->n_should++;
    }
  return TRUE;
}

void
kk_export_data_clear (KkExportData *data)
{
  g_clear_object (&data->procurement);
  g_clear_pointer (&data->areas, g_ptr_array_unref);
  g_clear_pointer (&data->numbers, g_ptr_array_unref);
  g_clear_pointer (&data->items, g_ptr_array_unref);
}

/* ------------------------------------------------------------------ */
/* Files */

char *
kk_export_part_path (const char *path)
{
  return g_strconcat (path, ".part", NULL);
}

gboolean
kk_export_probe_part (const char  *part,
                      const char  *path,
                      GError     **error)
{
  int fd = g_open (part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  int saved;

  if (fd >= 0)
    {
      g_close (fd, NULL);
      return TRUE;
    }
  saved = errno;
  g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
               _("Cannot write “%s”: %s"), path, g_strerror (saved));
  return FALSE;
}

gboolean
kk_export_commit_part (const char  *part,
                       const char  *path,
                       GError     **error)
{
  int saved;

  if (g_rename (part, path) == 0)
    return TRUE;
  saved = errno;
  g_unlink (part);
  g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
               _("Cannot write “%s”: %s"), path, g_strerror (saved));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* xlsx */

KkXlsxOut *
kk_xlsx_out_new (const char  *path,
                 gboolean     constant_memory,
                 GError     **error)
{
  g_autofree char *part = kk_export_part_path (path);
  lxw_workbook_options options = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE };
  KkXlsxOut *out;

  if (!kk_export_probe_part (part, path, error))
    return NULL;

  out = g_new0 (KkXlsxOut, 1);
  /* libxlsxwriter prints doubles (widths, heights, numbers) with snprintf:
   * under sv_SE that writes "0,7", which Excel and openpyxl reject. Switch
   * this thread to the C numeric locale until the workbook is closed. */
  out->c_numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  if (out->c_numeric != (locale_t) 0)
    out->saved_locale = uselocale (out->c_numeric);
  out->path = g_strdup (path);
  out->part = g_steal_pointer (&part);
  out->workbook = workbook_new_opt (out->part, &options);
  if (out->workbook == NULL)
    {
      g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
                   _("Cannot write “%s”: the workbook could not be created"), path);
      kk_xlsx_out_free (out);
      return NULL;
    }
  return out;
}

static void
restore_locale (KkXlsxOut *out)
{
  if (out->c_numeric == (locale_t) 0)
    return;
  uselocale (out->saved_locale);
  freelocale (out->c_numeric);
  out->c_numeric = (locale_t) 0;
}

void
kk_xlsx_out_free (KkXlsxOut *out)
{
  if (out == NULL)
    return;
  if (out->workbook != NULL)
    workbook_close (out->workbook);
  restore_locale (out);
  if (out->part != NULL)
    g_unlink (out->part);
  g_free (out->path);
  g_free (out->part);
  g_free (out->first_error_at);
  g_free (out);
}

gboolean
kk_xlsx_out_close (KkXlsxOut  *out,
                   GError    **error)
{
  lxw_error err;
  int saved;

  errno = 0;
  err = workbook_close (out->workbook);
  saved = errno;
  out->workbook = NULL;
  restore_locale (out);

  if (out->first_error != LXW_NO_ERROR)
    {
      g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
                   _("Cannot write “%s”: %s (cell %s)"), out->path,
                   lxw_strerror (out->first_error), out->first_error_at ? out->first_error_at : "?");
      g_unlink (out->part);
      return FALSE;
    }
  if (err != LXW_NO_ERROR)
    {
      if (saved != 0 && (err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_CREATING_TMPFILE ||
                         err == LXW_ERROR_ZIP_FILE_OPERATION || err == LXW_ERROR_ZIP_FILE_ADD ||
                         err == LXW_ERROR_ZIP_CLOSE))
        g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
                     _("Cannot write “%s”: %s (%s)"), out->path, lxw_strerror (err), g_strerror (saved));
      else
        g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
                     _("Cannot write “%s”: %s"), out->path, lxw_strerror (err));
      g_unlink (out->part);
      return FALSE;
    }
  return kk_export_commit_part (out->part, out->path, error);
}

lxw_worksheet *
kk_xlsx_out_add_sheet (KkXlsxOut  *out,
                       const char *name)
{
  lxw_worksheet *sheet = workbook_add_worksheet (out->workbook, name);

  if (sheet == NULL && out->first_error == LXW_NO_ERROR)
    {
      out->first_error = LXW_ERROR_MEMORY_MALLOC_FAILED;
      out->first_error_at = g_strdup (name);
    }
  return sheet;
}

void
kk_xlsx_out_check (KkXlsxOut     *out,
                   lxw_worksheet *sheet,
                   lxw_row_t      row,
                   lxw_col_t      col,
                   lxw_error      err)
{
  char cell[LXW_MAX_CELL_NAME_LENGTH];

  if (err == LXW_NO_ERROR || out->first_error != LXW_NO_ERROR)
    return;
  out->first_error = err;
  lxw_rowcol_to_cell (cell, row, col);
  out->first_error_at = g_strdup_printf ("%s!%s", sheet && sheet->name ? sheet->name : "", cell);
}

static gboolean
is_hex4 (const char *p)
{
  return g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]) &&
         g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]);
}

/* Characters a cell cannot hold as they are: XML has no place for most
 * control characters, and a parser turns CR into LF. */
static gboolean
needs_escape (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n') || c == 0xFFFE || c == 0xFFFF;
}

/* "_xHHHH_" is how OOXML escapes a character (ECMA-376 ST_Xstring). Such
 * characters are escaped here, and a literal "_xHHHH_" has its underscore
 * escaped, or Excel would read it back as the character. libxlsxwriter
 * escapes control characters in plain strings but not in rich strings, so
 * everything is done here, the same way for both. */
static char *
escape_ooxml (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (p[0] == '_' && p[1] == 'x' && is_hex4 (p + 2) && p[6] == '_')
        g_string_append (out, "_x005F_");
      else if (needs_escape (c))
        g_string_append_printf (out, "_x%04X_", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_plain (const char *text)
{
  gsize n = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++, n++)
    {
      if ((*p < 0x20 && *p != '\t' && *p != '\n') || (p[0] == '_' && p[1] == 'x') ||
          (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))
        return FALSE;
    }
  return n <= KK_XLSX_MAX_CHARS;
}

char *
kk_xlsx_escape (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *escaped = NULL;
  const char *s = text;

  if (!g_utf8_validate (text, -1, NULL))
    s = valid = g_utf8_make_valid (text, -1);

  if (s == text && is_plain (text))
    return NULL;

  escaped = escape_ooxml (s);
  /* Cut the text (not its escaped form, so no escape is split) until the
   * escaped form fits Excel's limit; the cut is marked with an ellipsis. */
  if (g_utf8_strlen (escaped, -1) > KK_XLSX_MAX_CHARS)
    {
      glong keep = g_utf8_strlen (s, -1);

      do
        {
          g_autofree char *cut = NULL;

          keep -= g_utf8_strlen (escaped, -1) - KK_XLSX_MAX_CHARS + 1;
          cut = g_utf8_substring (s, 0, MAX (keep, 0));
          g_free (escaped);
          escaped = escape_ooxml (cut);
          {
            char *marked = g_strconcat (escaped, "…", NULL);
            g_free (escaped);
            escaped = marked;
          }
        }
      while (g_utf8_strlen (escaped, -1) > KK_XLSX_MAX_CHARS && keep > 0);
    }
  return g_steal_pointer (&escaped);
}

char *
kk_export_one_line (const char *text,
                    gsize       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_new (NULL);
  gsize n = 0;

  for (const char *p = valid; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, needs_escape (c) || c == '\n' || c == '\t' ? ' ' : c);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

char *
kk_xlsx_header_text (const char *text,
                     gsize       max_chars)
{
  GString *out = g_string_new (NULL);
  gsize n = 0;

  for (const char *p = text ? text : ""; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c < 0x20)
        c = ' ';
      if (c == '&')
        g_string_append (out, "&&");
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
kk_xlsx_write_text (KkXlsxOut     *out,
                    lxw_worksheet *sheet,
                    lxw_row_t      row,
                    lxw_col_t      col,
                    const char    *text,
                    lxw_format    *format)
{
  g_autofree char *safe = NULL;
  lxw_error err;

  if (text == NULL || *text == '\0')
    {
      if (format != NULL)
        kk_xlsx_out_check (out, sheet, row, col, worksheet_write_blank (sheet, row, col, format));
      return;
    }
  safe = kk_xlsx_escape (text);
  err = worksheet_write_string (sheet, row, col, safe ? safe : text, format);
  kk_xlsx_out_check (out, sheet, row, col, err);
}

void
kk_xlsx_write_number (KkXlsxOut     *out,
                      lxw_worksheet *sheet,
                      lxw_row_t      row,
                      lxw_col_t      col,
                      double         number,
                      lxw_format    *format)
{
  kk_xlsx_out_check (out, sheet, row, col, worksheet_write_number (sheet, row, col, number, format));
}

double
kk_xlsx_text_height (const char *text,
                     double      width)
{
  /* Text is a little narrower than the "0" a column width counts in, and
   * word wrapping leaves the end of most lines empty. */
  double per_line = MAX (4.0, width * 1.2 - 2.0);
  const double line_height = 15.0;
  guint lines = 0;

  if (text == NULL || *text == '\0')
    return line_height;
  for (const char *p = text; p != NULL; )
    {
      const char *end = strchr (p, '\n');
      glong n = g_utf8_strlen (p, end ? end - p : -1);

      lines += MAX (1, (guint) ((n + per_line - 1) / per_line));
      if (lines * line_height > 409.0)
        return 409.0;
      p = end ? end + 1 : NULL;
    }
  return MIN (409.0, lines * line_height + 2.0);
}

void
kk_xlsx_formats_init (KkXlsxFormats *formats,
                      lxw_workbook  *workbook)
{
  formats->title = workbook_add_format (workbook);
  format_set_bold (formats->title);
  format_set_font_size (formats->title, 14);

  formats->header = workbook_add_format (workbook);
  format_set_bold (formats->header);
  format_set_text_wrap (formats->header);
  format_set_align (formats->header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (formats->header, 0xE4EAF2);
  format_set_bottom (formats->header, LXW_BORDER_THIN);
  format_set_bottom_color (formats->header, 0x7A8CA5);

  formats->text = workbook_add_format (workbook);
  format_set_text_wrap (formats->text);
  format_set_align (formats->text, LXW_ALIGN_VERTICAL_TOP);

  formats->text_center = workbook_add_format (workbook);
  format_set_align (formats->text_center, LXW_ALIGN_CENTER);
  format_set_align (formats->text_center, LXW_ALIGN_VERTICAL_TOP);

  formats->bold = workbook_add_format (workbook);
  format_set_bold (formats->bold);
  format_set_align (formats->bold, LXW_ALIGN_VERTICAL_TOP);

  formats->muted = workbook_add_format (workbook);
  format_set_font_color (formats->muted, 0x5E6670);
  format_set_align (formats->muted, LXW_ALIGN_VERTICAL_TOP);
}
