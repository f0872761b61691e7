// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-import"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <gio/gio.h>

#include "kk-checklist-import.h"
#include "kk-store.h"
#include "kk-store-private.h"
#include "kk-types.h"
#include "kk-xlsx-reader.h"

G_DEFINE_QUARK (kk-import-error-quark, kk_import_error)

#define META_SHEET "kravkoll"

static void
change_free (gpointer data)
{
  KkImportChange *c = data;

  g_free (c->code);
  g_free (c->old_status);
  g_free (c->status);
  g_free (c->old_comment);
  g_free (c->comment);
  g_free (c->old_evidence);
  g_free (c->evidence);
  g_free (c);
}

static void
problem_free (gpointer data)
{
  KkImportProblem *p = data;

  g_free (p->sheet);
  g_free (p->column);
  g_free (p->message);
  g_free (p);
}

void
kk_checklist_import_free (KkChecklistImport *import)
{
  if (import == NULL)
    return;
  g_free (import->file_name);
  g_free (import->sha256);
  g_free (import->dnr);
  g_free (import->supplier_name);
  g_free (import->org_number);
  g_clear_pointer (&import->changes, g_ptr_array_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}

static void
add_problem (KkChecklistImport *import,
             const char        *sheet,
             guint              row,
             int                col,
             const char        *format,
             ...) G_GNUC_PRINTF (5, 6);

static void
add_problem (KkChecklistImport *import,
             const char        *sheet,
             guint              row,
             int                col,
             const char        *format,
             ...)
{
  KkImportProblem *p = g_new0 (KkImportProblem, 1);
  va_list args;

  p->sheet = g_strdup (sheet);
  p->row = row;
  p->column = col >= 0 ? kk_xlsx_column_name (col) : NULL;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (import->problems, p);
}

/* Metadata rows: key in column A, value in column B. */
static const char *
meta_get (KkXlsxSheet *meta, const char *key)
{
  guint n = kk_xlsx_sheet_get_n_rows (meta);

  for (guint r = 0; r < n; r++)
    {
      const KkXlsxCell *k = kk_xlsx_sheet_get_cell (meta, r, 0);
      const KkXlsxCell *v = kk_xlsx_sheet_get_cell (meta, r, 1);

      if (k != NULL && g_strcmp0 (k->text, key) == 0)
        return v != NULL ? v->text : "";
    }
  return NULL;
}

static gboolean
meta_get_int (KkXlsxSheet *meta, const char *key, gint64 *out)
{
  const char *text = meta_get (meta, key);

  return text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL);
}

/* "G" → 6; -1 when absent or not a column name. */
static int
meta_get_column (KkXlsxSheet *meta, const char *key)
{
  const char *text = meta_get (meta, key);
  int col = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 3)
    return -1;
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isupper (*p))
        return -1;
      col = col * 26 + (*p - 'A' + 1);
    }
  return col - 1;
}

static const char *
cell_text (KkXlsxSheet *sheet, guint row, int col)
{
  const KkXlsxCell *cell;

  if (col < 0)
    return NULL;
  cell = kk_xlsx_sheet_get_cell (sheet, row, col);
  return cell != NULL ? cell->text : NULL;
}

static gboolean
cell_has_formula (KkXlsxSheet *sheet, guint row, int col)
{
  const KkXlsxCell *cell = col >= 0 ? kk_xlsx_sheet_get_cell (sheet, row, col) : NULL;

  return cell != NULL && cell->has_formula;
}

/* The answer labels, accepted in either document language and any case. */
static const char *
status_from_label (const char *label)
{
  static const char *statuses[] = { "met", "partly_met", "not_met", "not_applicable" };
  g_autofree char *folded = g_utf8_casefold (label, -1);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *sv = g_utf8_casefold (kk_answer_status_label_for_lang (statuses[i], "sv"), -1);
      g_autofree char *en = g_utf8_casefold (kk_answer_status_label_for_lang (statuses[i], "en"), -1);

      if (g_str_equal (folded, sv) || g_str_equal (folded, en))
        return statuses[i];
    }
  return NULL;
}

typedef struct {
  gint64 id;
  char  *code;
  int    revision;
  char  *title;
  char  *text;
  char  *old_status;
  char  *old_comment;
  char  *old_evidence;
  char  *old_source;
  gboolean seen;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->code);
  g_free (e->title);
  g_free (e->text);
  g_free (e->old_status);
  g_free (e->old_comment);
  g_free (e->old_evidence);
  g_free (e->old_source);
  g_free (e);
}

static GHashTable *
load_expected (KkDatabase *db,
               gint64      procurement_id,
               gint64      supplier_id,
               const char *lang,
               GError    **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, expected_free);
  gboolean en = g_strcmp0 (lang, "en") == 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = kk_database_prepare (db,
    "SELECT pr.id, pr.code, pr.revision, pr.title_sv, pr.title_en, pr.text_sv, pr.text_en, "
    "       coalesce (a.status, 'unanswered'), coalesce (a.comment, ''), coalesce (a.evidence, ''), "
    "       coalesce (a.source, '') "
    "FROM procurement_requirement pr "
    "LEFT JOIN assessment s ON s.procurement = pr.procurement AND s.supplier = ?2 "
    "LEFT JOIN answer a ON a.assessment = s.id AND a.procurement_requirement = pr.id "
    "WHERE pr.procurement = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, procurement_id);
  sqlite3_bind_int64 (stmt, 2, supplier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Expected *e = g_new0 (Expected, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->code = kk_stmt_dup_text (stmt, 1);
      e->revision = sqlite3_column_int (stmt, 2);
      e->title = kk_stmt_dup_text (stmt, en ? 4 : 3);
      e->text = kk_stmt_dup_text (stmt, en ? 6 : 5);
      e->old_status = kk_stmt_dup_text (stmt, 7);
      e->old_comment = kk_stmt_dup_text (stmt, 8);
      e->old_evidence = kk_stmt_dup_text (stmt, 9);
      e->old_source = kk_stmt_dup_text (stmt, 10);
      g_hash_table_insert (table, &e->id, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&table);
}

/* Whole-file checks against the hidden metadata sheet. */
static gboolean
check_metadata (KkDatabase        *db,
                KkChecklistImport *import,
                KkXlsxSheet       *meta,
                gint64             procurement_id,
                GError           **error)
{
  const char *name = import->file_name;
  const char *dnr = meta_get (meta, "dnr");
  const char *org = meta_get (meta, "org_number");
  const char *catalog = meta_get (meta, "catalog_version");
  gint64 meta_procurement = 0, meta_supplier = 0, assessment = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (g_strcmp0 (meta_get (meta, "format"), "kravkoll-checklist") != 0 ||
      g_strcmp0 (meta_get (meta, "format_version"), "1") != 0)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_NOT_CHECKLIST,
                   _("%s: sheet “%s” does not describe a Kravkoll checklist (format version 1)"),
                   name, META_SHEET);
      return FALSE;
    }
  if (!meta_get_int (meta, "procurement_id", &meta_procurement) ||
      !meta_get_int (meta, "supplier_id", &meta_supplier))
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_NOT_CHECKLIST,
                   _("%s: sheet “%s” lacks the procurement or supplier id"), name, META_SHEET);
      return FALSE;
    }

  stmt = kk_database_prepare (db,
    "SELECT p.dnr, s.name, s.org_number, coalesce (cv.name || ' ' || cv.version, ''), a.id "
    "FROM procurement p CROSS JOIN supplier s "
    "LEFT JOIN catalog_version cv ON cv.id = p.catalog_version "
    "LEFT JOIN assessment a ON a.procurement = p.id AND a.supplier = s.id "
    "WHERE p.id = ? AND s.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, procurement_id);
  sqlite3_bind_int64 (stmt, 2, meta_supplier);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      import->dnr = kk_stmt_dup_text (stmt, 0);
      import->supplier_name = kk_stmt_dup_text (stmt, 1);
      import->org_number = kk_stmt_dup_text (stmt, 2);
      if (catalog != NULL && g_strcmp0 (catalog, kk_stmt_get_text (stmt, 3)) != 0)
        catalog = NULL; /* mismatch, reported below */
      else
        catalog = "";
      assessment = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return kk_database_set_error (db, rc, error);

  if (meta_procurement != procurement_id || import->dnr == NULL || g_strcmp0 (dnr, import->dnr) != 0)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_WRONG_TARGET,
                   _("%s belongs to procurement %s (id %" PRId64 "), not to this one (%s)"),
                   name, dnr ? dnr : "?", meta_procurement, import->dnr ? import->dnr : "?");
      return FALSE;
    }
  import->procurement_id = procurement_id;
  if (import->org_number == NULL || g_strcmp0 (org, import->org_number) != 0)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_WRONG_TARGET,
                   _("%s was exported for the supplier with organisation number %s, which does not match the register"),
                   name, org ? org : "?");
      return FALSE;
    }
  import->supplier_id = meta_supplier;
  if (assessment == 0)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_WRONG_TARGET,
                   _("%s: %s (%s) does not take part in procurement %s"),
                   name, import->supplier_name, import->org_number, import->dnr);
      return FALSE;
    }
  if (catalog == NULL)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_WRONG_TARGET,
                   _("%s was exported with catalogue version “%s”, but procurement %s uses another; export a new checklist"),
                   name, meta_get (meta, "catalog_version"), import->dnr);
      return FALSE;
    }
  return TRUE;
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

KkChecklistImport *
kk_checklist_import_read (KkDatabase  *db,
                          gint64       procurement_id,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(KkChecklistImport) import = g_new0 (KkChecklistImport, 1);
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) seen_ids = NULL;
  g_autoptr(GBytes) bytes = NULL;
  KkXlsxLimits limits;
  KkXlsxWorkbook *wb;
  KkXlsxSheet *meta, *sheet = NULL;
  const char *lang, *sheet_name;
  int id_col, ref_col, rev_col, answer_col, comment_col, evidence_col, code_col, text_col;
  guint n_rows;
  GStatBuf st;

  import->file_name = g_path_get_basename (path);
  import->changes = g_ptr_array_new_with_free_func (change_free);
  import->problems = g_ptr_array_new_with_free_func (problem_free);

  kk_xlsx_limits_init_default (&limits);
  if (g_stat (path, &st) == 0 && (gsize) st.st_size > limits.max_file_size)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE,
                   _("%s is too large (%" PRIu64 " bytes; at most %zu are accepted)"),
                   import->file_name, (guint64) st.st_size, limits.max_file_size);
      return NULL;
    }
  {
    /* Read, not mapped: a file truncated while mapped would kill us. */
    g_autoptr(GFile) file = g_file_new_for_path (path);

    bytes = g_file_load_bytes (file, NULL, NULL, error);
    if (bytes == NULL)
      return NULL;
  }
  import->sha256 = sha256_of (bytes);

  wb = kk_xlsx_workbook_open_bytes (bytes, import->file_name, &limits, error);
  if (wb == NULL)
    return NULL;

  meta = kk_xlsx_workbook_get_sheet_by_name (wb, META_SHEET);
  if (meta == NULL)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_NOT_CHECKLIST,
                   _("%s is not a checklist exported by Kravkoll (it has no sheet “%s”)"),
                   import->file_name, META_SHEET);
      kk_xlsx_workbook_free (wb);
      return NULL;
    }
  if (!check_metadata (db, import, meta, procurement_id, error))
    {
      kk_xlsx_workbook_free (wb);
      return NULL;
    }

  lang = meta_get (meta, "lang");
  sheet_name = meta_get (meta, "sheet");
  if (sheet_name != NULL)
    sheet = kk_xlsx_workbook_get_sheet_by_name (wb, sheet_name);
  id_col = meta_get_column (meta, "id_column");
  ref_col = meta_get_column (meta, "code_column");
  rev_col = meta_get_column (meta, "revision_column");
  answer_col = meta_get_column (meta, "answer_column");
  comment_col = meta_get_column (meta, "comment_column");
  evidence_col = meta_get_column (meta, "evidence_column");
  /* The visible, locked cells the import checks for tampering. */
  code_col = meta_get_column (meta, "visible_code_column");
  text_col = meta_get_column (meta, "requirement_column");
  if (sheet == NULL || id_col < 0 || ref_col < 0 || rev_col < 0 || answer_col < 0 ||
      comment_col < 0 || evidence_col < 0 || code_col < 0 || text_col < 0)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_NOT_CHECKLIST,
                   _("%s: the checklist sheet “%s” or its columns are missing (were sheets or columns deleted?)"),
                   import->file_name, sheet_name ? sheet_name : "?");
      kk_xlsx_workbook_free (wb);
      return NULL;
    }
  if (!kk_xlsx_sheet_column_is_hidden (sheet, id_col))
    g_debug ("%s: the id column is visible; it was hidden on export", import->file_name);

  expected = load_expected (db, procurement_id, import->supplier_id, lang, error);
  if (expected == NULL)
    {
      kk_xlsx_workbook_free (wb);
      return NULL;
    }
  seen_ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  n_rows = kk_xlsx_sheet_get_n_rows (sheet);
  for (guint r = 1; r < n_rows; r++)
    {
      const char *id_text = cell_text (sheet, r, id_col);
      const char *answer = cell_text (sheet, r, answer_col);
      const char *comment_in = cell_text (sheet, r, comment_col);
      const char *evidence_in = cell_text (sheet, r, evidence_col);
      g_autofree char *want_ref = NULL;
      g_autofree char *comment = NULL, *evidence = NULL, *trimmed = NULL;
      g_autoptr(GError) local = NULL;
      const char *status = NULL;
      gint64 id;
      Expected *e;
      guint shown = r + 1;
      gboolean bad = FALSE;

      if (id_text == NULL && answer == NULL && comment_in == NULL && evidence_in == NULL &&
          cell_text (sheet, r, code_col) == NULL)
        continue; /* an empty row */

      if (id_text == NULL || !g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
        {
          add_problem (import, kk_xlsx_sheet_get_name (sheet), shown, id_col,
                       _("the row has no valid requirement id (rows cannot be added to a checklist)"));
          continue;
        }
      e = g_hash_table_lookup (expected, &id);
      if (e == NULL)
        {
          add_problem (import, kk_xlsx_sheet_get_name (sheet), shown, id_col,
                       _("requirement id %" PRId64 " is not part of procurement %s"), id, import->dnr);
          continue;
        }
      if (e->seen)
        {
          add_problem (import, kk_xlsx_sheet_get_name (sheet), shown, id_col,
                       _("requirement %s appears more than once"), e->code);
          continue;
        }
      e->seen = TRUE;

      want_ref = g_strdup_printf ("%d", e->revision);
      if (g_strcmp0 (cell_text (sheet, r, ref_col), e->code) != 0 ||
          g_strcmp0 (cell_text (sheet, r, rev_col), want_ref) != 0)
        {
          add_problem (import, kk_xlsx_sheet_get_name (sheet), shown, rev_col,
                       _("requirement %s: the row is for %s revision %s, but the procurement uses revision %d"),
                       e->code, cell_text (sheet, r, ref_col) ? cell_text (sheet, r, ref_col) : "?",
                       cell_text (sheet, r, rev_col) ? cell_text (sheet, r, rev_col) : "?", e->revision);
          bad = TRUE;
        }
      if (g_strcmp0 (cell_text (sheet, r, code_col), e->code) != 0)
        {
          add_problem (import, kk_xlsx_sheet_get_name (sheet), shown, code_col,
                       _("the locked code cell was changed from %s to “%s”"),
                       e->code, cell_text (sheet, r, code_col) ? cell_text (sheet, r, code_col) : "");
          bad = TRUE;
        }
      {
        const char *text = cell_text (sheet, r, text_col);

        if (text == NULL || strstr (text, e->text) == NULL || strstr (text, e->title) == NULL)
          {
            add_problem (import, kk_xlsx_sheet_get_name (sheet), shown, text_col,
                         _("requirement %s: the locked requirement text was changed"), e->code);
            bad = TRUE;
          }
      }
      if (cell_has_formula (sheet, r, answer_col) || cell_has_formula (sheet, r, comment_col) ||
          cell_has_formula (sheet, r, evidence_col))
        {
          int col = cell_has_formula (sheet, r, answer_col) ? answer_col
                    : cell_has_formula (sheet, r, comment_col) ? comment_col : evidence_col;

          add_problem (import, kk_xlsx_sheet_get_name (sheet), shown, col,
                       _("requirement %s: the cell holds a formula; only plain values are accepted"), e->code);
          continue;
        }
      if (bad)
        continue;

      if (answer != NULL)
        trimmed = g_strstrip (g_strdup (answer));
      if (trimmed != NULL && *trimmed != '\0')
        {
          status = status_from_label (trimmed);
          if (status == NULL)
            {
              add_problem (import, kk_xlsx_sheet_get_name (sheet), shown, answer_col,
                           _("requirement %s: “%s” is not one of the allowed answers (%s, %s, %s, %s)"),
                           e->code, trimmed,
                           kk_answer_status_label_for_lang ("met", lang),
                           kk_answer_status_label_for_lang ("partly_met", lang),
                           kk_answer_status_label_for_lang ("not_met", lang),
                           kk_answer_status_label_for_lang ("not_applicable", lang));
              continue;
            }
        }

      comment = kk_store_clean_text (comment_in, _("comment"), KK_MAX_TEXT_LENGTH, TRUE, &local);
      if (comment != NULL)
        evidence = kk_store_clean_text (evidence_in, _("evidence"), KK_MAX_TEXT_LENGTH, TRUE, &local);
      if (comment == NULL || evidence == NULL)
        {
          add_problem (import, kk_xlsx_sheet_get_name (sheet), shown,
                       comment == NULL ? comment_col : evidence_col,
                       _("requirement %s: %s"), e->code, local->message);
          continue;
        }

      if (status == NULL && *comment == '\0' && *evidence == '\0')
        {
          import->unanswered++;
          continue;
        }

      {
        /* Empty cells keep what is stored: a partial file erases nothing. */
        const char *new_status = status ? status : e->old_status;
        const char *new_comment = *comment ? comment : e->old_comment;
        const char *new_evidence = *evidence ? evidence : e->old_evidence;
        KkImportChange *c;

        if (g_str_equal (new_status, e->old_status) && g_str_equal (new_comment, e->old_comment) &&
            g_str_equal (new_evidence, e->old_evidence))
          {
            import->unchanged++;
            continue;
          }
        c = g_new0 (KkImportChange, 1);
        c->row = shown;
        c->code = g_strdup (e->code);
        c->procurement_requirement = e->id;
        c->old_status = g_strdup (e->old_status);
        c->status = g_strdup (new_status);
        c->old_comment = g_strdup (e->old_comment);
        c->comment = g_strdup (new_comment);
        c->old_evidence = g_strdup (e->old_evidence);
        c->evidence = g_strdup (new_evidence);
        c->overwrites_officer = g_str_equal (e->old_source, "officer") &&
                                !g_str_equal (e->old_status, "unanswered");
        if (c->overwrites_officer)
          import->conflicts++;
        g_ptr_array_add (import->changes, c);
      }
    }

  kk_xlsx_workbook_free (wb);
  return g_steal_pointer (&import);
}

gboolean
kk_checklist_import_apply (KkDatabase         *db,
                           KkChecklistImport  *import,
                           gboolean            overwrite,
                           guint              *n_applied,
                           GError            **error)
{
  g_autofree char *now = kk_now_iso8601 ();
  sqlite3_stmt *stmt;
  gint64 assessment = 0;
  guint applied = 0;
  int rc;

  if (import->problems->len > 0)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_REFUSED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s was not imported: %u row has a problem; correct the file and import it again",
                                "%s was not imported: %u rows have problems; correct the file and import it again",
                                import->problems->len),
                   import->file_name, import->problems->len);
      return FALSE;
    }

  if (!kk_database_begin (db, error))
    return FALSE;

  stmt = kk_database_prepare (db, "SELECT id FROM assessment WHERE procurement = ? AND supplier = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, import->procurement_id);
  sqlite3_bind_int64 (stmt, 2, import->supplier_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    assessment = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (assessment == 0)
    {
      g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_STALE,
                   _("%s: the supplier is no longer part of procurement %s"), import->file_name, import->dnr);
      goto fail;
    }

  for (guint i = 0; i < import->changes->len; i++)
    {
      KkImportChange *c = g_ptr_array_index (import->changes, i);
      g_autofree char *detail = NULL;
      gboolean same;

      if (c->overwrites_officer && !overwrite)
        continue;

      /* The preview is only a promise while nobody changed the answer since. */
      stmt = kk_database_prepare (db,
        "SELECT coalesce ((SELECT status || char(31) || comment || char(31) || evidence FROM answer "
        "                  WHERE assessment = ?1 AND procurement_requirement = ?2), "
        "                 'unanswered' || char(31) || char(31))", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, assessment);
      sqlite3_bind_int64 (stmt, 2, c->procurement_requirement);
      rc = sqlite3_step (stmt);
      {
        g_autofree char *expected = g_strdup_printf ("%s\x1f%s\x1f%s", c->old_status, c->old_comment, c->old_evidence);
        same = rc == SQLITE_ROW && g_strcmp0 (kk_stmt_get_text (stmt, 0), expected) == 0;
      }
      sqlite3_reset (stmt);
      if (!same)
        {
          g_set_error (error, KK_IMPORT_ERROR, KK_IMPORT_ERROR_STALE,
                       _("%s: the answer to %s changed after the preview; nothing was imported, preview again"),
                       import->file_name, c->code);
          goto fail;
        }

      stmt = kk_database_prepare (db,
        "INSERT INTO answer (assessment, procurement_requirement, status, comment, evidence, checked_by, checked_at, source) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'import') "
        "ON CONFLICT (assessment, procurement_requirement) DO UPDATE SET "
        "status = ?3, comment = ?4, evidence = ?5, checked_by = ?6, checked_at = ?7, source = 'import'", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, assessment);
      sqlite3_bind_int64 (stmt, 2, c->procurement_requirement);
      sqlite3_bind_text (stmt, 3, c->status, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, c->comment, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, c->evidence, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, kk_database_get_actor (db), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
      if (!kk_database_step_done (db, stmt, error))
        goto fail;

      detail = kk_store_audit_detail ("code", c->code, "org_number", import->org_number,
                                      "old_status", c->old_status, "status", c->status,
                                      "old_comment", c->old_comment, "comment", c->comment,
                                      "old_evidence", c->old_evidence, "evidence", c->evidence,
                                      "source", "import", "file", import->file_name,
                                      "sha256", import->sha256, NULL);
      if (!kk_database_audit (db, "answer.import", "answer", c->procurement_requirement,
                              import->procurement_id, detail, error))
        goto fail;
      applied++;
    }

  if (!kk_database_commit (db, error))
    return FALSE;
  if (n_applied)
    *n_applied = applied;
  return TRUE;

fail:
  kk_database_rollback (db);
  return FALSE;
}
