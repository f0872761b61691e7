// SPDX-License-Identifier: GPL-3.0-or-later
/* Procurements, their requirement copies, suppliers in them, checklist
 * answers and reading the audit trail. The supplier register itself is in
 * kk-store.c. */
#define G_LOG_DOMAIN "kk-store"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kk-store.h"
#include "kk-store-private.h"

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

/* Steps @stmt to the end, turning each row into an element with @func. */
static GPtrArray *
collect_rows (KkDatabase     *db,
              sqlite3_stmt   *stmt,
              RowFunc         func,
              GDestroyNotify  free_func,
              GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, func (stmt));
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

/* The first row of @stmt in @row (NULL when there is none). Returns FALSE
 * only on a database error. */
static gboolean
fetch_one (KkDatabase    *db,
           sqlite3_stmt  *stmt,
           RowFunc        func,
           gpointer      *row,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  *row = NULL;
  if (rc == SQLITE_ROW)
    *row = func (stmt);
  else if (rc != SQLITE_DONE)
    kk_database_set_error (db, rc, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* One integer from a single-row query; -1 on error. */
static gint64
query_int (KkDatabase   *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  gint64 value = 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      value = -1;
    }
  sqlite3_reset (stmt);
  return value;
}

/* Ends the transaction begun by the caller: commit when @ok, else roll back. */
static gboolean
finish (KkDatabase *db,
        gboolean    ok,
        GError    **error)
{
  if (!ok)
    {
      kk_database_rollback (db);
      return FALSE;
    }
  return kk_database_commit (db, error);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static void
add_string_member (JsonBuilder *b,
                   const char  *key,
                   const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_codes_member (JsonBuilder *b,
                  const char  *key,
                  GPtrArray   *codes)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < codes->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (codes, i));
  json_builder_end_array (b);
}

static gboolean
valid_date (const char *s)
{
  guint64 y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  y = g_ascii_strtoull (s, NULL, 10);
  m = g_ascii_strtoull (s + 5, NULL, 10);
  d = g_ascii_strtoull (s + 8, NULL, 10);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* NULL or empty gives NULL (no date); anything else must be YYYY-MM-DD. */
static gboolean
clean_date (const char  *value,
            const char  *field,
            char       **out,
            GError     **error)
{
  g_autofree char *copy = NULL;

  *out = NULL;
  if (value == NULL)
    return TRUE;
  copy = g_strstrip (g_strdup (value));
  if (*copy == '\0')
    return TRUE;
  if (!g_utf8_validate (copy, -1, NULL) || !valid_date (copy))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   /* Translators: the first %s is a field name ("deadline"), the second the value */
                   _("The %s “%s” is not a valid date in the form YYYY-MM-DD"),
                   field, g_utf8_validate (copy, -1, NULL) ? copy : "?");
      return FALSE;
    }
  *out = g_steal_pointer (&copy);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Rows */

#define PROCUREMENT_SELECT \
  "SELECT p.id, p.title, p.dnr, p.unit, p.category, p.status, p.deadline, p.created, " \
  "       p.published_at, cv.name || ' ' || cv.version, p.note, " \
  "       (SELECT count(*) FROM procurement_requirement pr WHERE pr.procurement = p.id), " \
  "       (SELECT count(*) FROM assessment a WHERE a.procurement = p.id) " \
  "FROM procurement p LEFT JOIN catalog_version cv ON cv.id = p.catalog_version "

static gpointer
procurement_from_row (sqlite3_stmt *stmt)
{
  KkProcurement *p = kk_procurement_new ();

  p->id = sqlite3_column_int64 (stmt, 0);
  p->title = kk_stmt_dup_text (stmt, 1);
  p->dnr = kk_stmt_dup_text (stmt, 2);
  p->unit = kk_stmt_dup_text (stmt, 3);
  p->category = kk_stmt_dup_text (stmt, 4);
  p->status = kk_stmt_dup_text (stmt, 5);
  p->deadline = kk_stmt_dup_text (stmt, 6);
  p->created = kk_stmt_dup_text (stmt, 7);
  p->published_at = kk_stmt_dup_text (stmt, 8);
  p->catalog_version = kk_stmt_dup_text (stmt, 9);
  p->note = kk_stmt_dup_text (stmt, 10);
  p->n_requirements = sqlite3_column_int (stmt, 11);
  p->n_suppliers = sqlite3_column_int (stmt, 12);
  return p;
}

/* ?1 = assessment id (0 reads no answers), ?2 = procurement id. Answer
 * fields are never NULL: a missing answer reads as unanswered with empty
 * strings. */
#define ITEM_SELECT \
  "SELECT pr.id, pr.requirement, pr.position, pr.revision, " \
  "       EXISTS (SELECT 1 FROM requirement r WHERE r.code = pr.code AND r.current = 1 " \
  "               AND (r.revision > pr.revision OR r.retired = 1)), " \
  "       pr.code, pr.area, pr.title_sv, pr.title_en, pr.text_sv, pr.text_en, " \
  "       pr.verification_sv, pr.verification_en, pr.obligation, pr.kind, pr.level, " \
  "       coalesce (an.status, 'unanswered'), coalesce (an.comment, ''), coalesce (an.evidence, ''), " \
  "       coalesce (an.valid_until, ''), coalesce (an.checked_by, ''), coalesce (an.checked_at, '') " \
  "FROM procurement_requirement pr " \
  "LEFT JOIN answer an ON an.procurement_requirement = pr.id AND an.assessment = ?1 " \
  "WHERE pr.procurement = ?2 "

static gpointer
item_from_row (sqlite3_stmt *stmt)
{
  KkChecklistItem *item = kk_checklist_item_new ();

  item->procurement_requirement = sqlite3_column_int64 (stmt, 0);
  item->requirement = sqlite3_column_int64 (stmt, 1);
  item->position = sqlite3_column_int (stmt, 2);
  item->revision = sqlite3_column_int (stmt, 3);
  item->newer_revision = sqlite3_column_int (stmt, 4) != 0;
  item->code = kk_stmt_dup_text (stmt, 5);
  item->area = kk_stmt_dup_text (stmt, 6);
  item->title_sv = kk_stmt_dup_text (stmt, 7);
  item->title_en = kk_stmt_dup_text (stmt, 8);
  item->text_sv = kk_stmt_dup_text (stmt, 9);
  item->text_en = kk_stmt_dup_text (stmt, 10);
  item->verification_sv = kk_stmt_dup_text (stmt, 11);
  item->verification_en = kk_stmt_dup_text (stmt, 12);
  item->obligation = kk_stmt_dup_text (stmt, 13);
  item->kind = kk_stmt_dup_text (stmt, 14);
  item->level = kk_stmt_dup_text (stmt, 15);
  item->status = kk_stmt_dup_text (stmt, 16);
  item->comment = kk_stmt_dup_text (stmt, 17);
  item->evidence = kk_stmt_dup_text (stmt, 18);
  item->valid_until = kk_stmt_dup_text (stmt, 19);
  item->checked_by = kk_stmt_dup_text (stmt, 20);
  item->checked_at = kk_stmt_dup_text (stmt, 21);
  return item;
}

static gpointer
audit_from_row (sqlite3_stmt *stmt)
{
  KkAuditEntry *e = g_new0 (KkAuditEntry, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->at = kk_stmt_dup_text (stmt, 1);
  e->actor = kk_stmt_dup_text (stmt, 2);
  e->action = kk_stmt_dup_text (stmt, 3);
  e->entity = kk_stmt_dup_text (stmt, 4);
  e->entity_id = sqlite3_column_int64 (stmt, 5);
  e->procurement = sqlite3_column_int64 (stmt, 6);
  e->detail = kk_stmt_dup_text (stmt, 7);
  return e;
}

static gpointer
text_from_row (sqlite3_stmt *stmt)
{
  return kk_stmt_dup_text (stmt, 0);
}

/* ------------------------------------------------------------------ */
/* Procurements */

KkProcurement *
kk_store_get_procurement (KkDatabase  *db,
                          gint64       procurement_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gpointer p;

  stmt = kk_database_prepare (db, PROCUREMENT_SELECT "WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, procurement_id);
  if (!fetch_one (db, stmt, procurement_from_row, &p, error))
    return NULL;
  if (p == NULL)
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                 _("There is no procurement with id %" PRId64), procurement_id);
  return p;
}

/* @p receives the procurement or NULL; FALSE only on a database error. */
static gboolean
get_procurement_by_dnr (KkDatabase     *db,
                        const char     *dnr,
                        KkProcurement **p,
                        GError        **error)
{
  sqlite3_stmt *stmt;

  *p = NULL;
  stmt = kk_database_prepare (db, PROCUREMENT_SELECT "WHERE p.dnr = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dnr, -1, SQLITE_TRANSIENT);
  return fetch_one (db, stmt, procurement_from_row, (gpointer *) p, error);
}

KkProcurement *
kk_store_find_procurement (KkDatabase  *db,
                           const char  *ref,
                           GError     **error)
{
  g_autofree char *key = g_strstrip (g_strdup (ref ? ref : ""));
  g_autoptr(GError) local = NULL;
  KkProcurement *p;
  guint64 id;

  /* A number is an id; a dnr that happens to be a number still works when
   * no procurement has that id. */
  if (g_ascii_string_to_unsigned (key, 10, 1, G_MAXINT64, &id, NULL))
    {
      p = kk_store_get_procurement (db, (gint64) id, &local);
      if (p != NULL)
        return p;
      if (!g_error_matches (local, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }

  if (!get_procurement_by_dnr (db, key, &p, error))
    return NULL;
  if (p == NULL)
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                 _("There is no procurement with id or dnr “%s”"), key);
  return p;
}

GPtrArray *
kk_store_list_procurements (KkDatabase  *db,
                            const char  *status,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  if (status != NULL && !kk_is_procurement_status (status))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("“%s” is not a procurement status: use draft, published, evaluating or decided"),
                   status);
      return NULL;
    }
  stmt = kk_database_prepare (db, PROCUREMENT_SELECT "WHERE ?1 IS NULL OR p.status = ?1 ORDER BY p.id", error);
  if (stmt == NULL)
    return NULL;
  if (status != NULL)
    sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  return collect_rows (db, stmt, procurement_from_row, g_object_unref, error);
}

gboolean
kk_store_count_procurements (KkDatabase  *db,
                             guint        counts[4],
                             GError     **error)
{
  static const char * const statuses[] = { "draft", "published", "evaluating", "decided" };
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < 4; i++)
    counts[i] = 0;
  stmt = kk_database_prepare (db, "SELECT status, count(*) FROM procurement GROUP BY status", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = kk_stmt_get_text (stmt, 0);

      for (guint i = 0; i < 4; i++)
        if (g_str_equal (status, statuses[i]))
          counts[i] = sqlite3_column_int (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    kk_database_set_error (db, rc, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

typedef struct {
  char *title;
  char *dnr;
  char *unit;
  char *category;   /* NULL = none */
  char *deadline;   /* NULL = none */
  char *note;
} CleanProcurement;

static void
clean_procurement_clear (CleanProcurement *c)
{
  g_clear_pointer (&c->title, g_free);
  g_clear_pointer (&c->dnr, g_free);
  g_clear_pointer (&c->unit, g_free);
  g_clear_pointer (&c->category, g_free);
  g_clear_pointer (&c->deadline, g_free);
  g_clear_pointer (&c->note, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CleanProcurement, clean_procurement_clear)

static gboolean
category_exists (KkDatabase  *db,
                 const char  *key,
                 GError     **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *known = NULL;
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (db, "SELECT key FROM category ORDER BY id", error);
  if (stmt == NULL || (keys = collect_rows (db, stmt, text_from_row, g_free, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;

  g_ptr_array_add (keys, NULL);
  known = g_strjoinv (", ", (char **) keys->pdata);
  g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
               _("There is no procurement category “%s” (known categories: %s)"),
               key, *known ? known : _("none"));
  return FALSE;
}

/* Checks and trims every field; the category is looked up, so this runs
 * inside the caller's transaction. */
static gboolean
clean_procurement_input (KkDatabase               *db,
                         const KkProcurementInput *input,
                         CleanProcurement         *out,
                         GError                  **error)
{
  g_autofree char *category = NULL;

  if ((out->title = kk_store_clean_text (input->title, _("title"), KK_MAX_NAME_LENGTH, FALSE, error)) == NULL ||
      (out->dnr = kk_store_clean_text (input->dnr, _("dnr"), KK_MAX_NAME_LENGTH, FALSE, error)) == NULL ||
      (out->unit = kk_store_clean_text (input->unit, _("unit"), KK_MAX_NAME_LENGTH, FALSE, error)) == NULL ||
      (out->note = kk_store_clean_text (input->note, _("note"), KK_MAX_TEXT_LENGTH, TRUE, error)) == NULL ||
      (category = kk_store_clean_text (input->category, _("category"), KK_MAX_NAME_LENGTH, FALSE, error)) == NULL ||
      !clean_date (input->deadline, _("deadline"), &out->deadline, error))
    return FALSE;

  if (*out->title == '\0')
    {
      g_set_error_literal (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                           _("The procurement needs a title"));
      return FALSE;
    }
  if (*out->dnr == '\0')
    {
      g_set_error_literal (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                           _("The procurement needs a registration number (dnr)"));
      return FALSE;
    }
  if (*category != '\0')
    {
      if (!category_exists (db, category, error))
        return FALSE;
      out->category = g_steal_pointer (&category);
    }
  return TRUE;
}

/* Refuses a dnr that another procurement (other than @self_id) uses. */
static gboolean
check_dnr_free (KkDatabase  *db,
                const char  *dnr,
                gint64       self_id,
                GError     **error)
{
  g_autoptr(KkProcurement) existing = NULL;

  if (!get_procurement_by_dnr (db, dnr, &existing, error))
    return FALSE;
  if (existing == NULL || existing->id == self_id)
    return TRUE;
  g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
               _("The dnr %s is already used by procurement “%s” (id %" PRId64 ")"),
               dnr, existing->title, existing->id);
  return FALSE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           col,
                   const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, col, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

static gint64
create_procurement_locked (KkDatabase               *db,
                           const KkProcurementInput *input,
                           GError                  **error)
{
  g_auto(CleanProcurement) c = { 0 };
  g_autofree char *now = NULL, *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!clean_procurement_input (db, input, &c, error) ||
      !check_dnr_free (db, c.dnr, 0, error))
    return 0;

  now = kk_now_iso8601 ();
  stmt = kk_database_prepare (db,
                              "INSERT INTO procurement (title, dnr, unit, category, deadline, created, note) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, c.title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, c.dnr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c.unit, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, c.category);
  bind_text_or_null (stmt, 5, c.deadline);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, c.note, -1, SQLITE_TRANSIENT);
  if (!kk_database_step_done (db, stmt, error))
    return 0;
  id = kk_database_last_insert_id (db);

  detail = kk_store_audit_detail ("title", c.title, "dnr", c.dnr, "unit", c.unit,
                                  "category", c.category, "deadline", c.deadline,
                                  "note", c.note, NULL);
  if (!kk_database_audit (db, "procurement.create", "procurement", id, id, detail, error))
    return 0;
  return id;
}

KkProcurement *
kk_store_create_procurement (KkDatabase               *db,
                             const KkProcurementInput *input,
                             GError                  **error)
{
  gint64 id;

  g_return_val_if_fail (input != NULL, NULL);

  if (!kk_database_begin (db, error))
    return NULL;
  id = create_procurement_locked (db, input, error);
  if (!finish (db, id > 0, error))
    return NULL;
  return kk_store_get_procurement (db, id, error);
}

static gboolean
update_procurement_locked (KkDatabase               *db,
                           gint64                    procurement_id,
                           const KkProcurementInput *input,
                           GError                  **error)
{
  g_auto(CleanProcurement) c = { 0 };
  g_autoptr(KkProcurement) old = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if ((old = kk_store_get_procurement (db, procurement_id, error)) == NULL ||
      !clean_procurement_input (db, input, &c, error) ||
      !check_dnr_free (db, c.dnr, procurement_id, error))
    return FALSE;
  if (input->expected != NULL &&
      (g_strcmp0 (old->title, input->expected->title) != 0 || g_strcmp0 (old->dnr, input->expected->dnr) != 0 ||
       g_strcmp0 (old->unit, input->expected->unit) != 0 || g_strcmp0 (old->category, input->expected->category) != 0 ||
       g_strcmp0 (old->deadline, input->expected->deadline) != 0 || g_strcmp0 (old->note, input->expected->note) != 0))
    {
      g_autofree char *what = g_strdup_printf (_("Procurement %s"), old->dnr);

      return kk_store_conflict_error (db, "procurement", procurement_id, what, error);
    }

  if (g_str_equal (old->title, c.title) && g_str_equal (old->dnr, c.dnr) &&
      g_str_equal (old->unit, c.unit) && g_strcmp0 (old->category, c.category) == 0 &&
      g_strcmp0 (old->deadline, c.deadline) == 0 && g_str_equal (old->note, c.note))
    return TRUE;  /* nothing to record */

  stmt = kk_database_prepare (db,
                              "UPDATE procurement SET title = ?, dnr = ?, unit = ?, category = ?, "
                              "deadline = ?, note = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c.title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, c.dnr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c.unit, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, c.category);
  bind_text_or_null (stmt, 5, c.deadline);
  sqlite3_bind_text (stmt, 6, c.note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, procurement_id);
  if (!kk_database_step_done (db, stmt, error))
    return FALSE;

  detail = kk_store_audit_detail ("old_title", old->title, "title", c.title,
                                  "old_dnr", old->dnr, "dnr", c.dnr,
                                  "old_unit", old->unit, "unit", c.unit,
                                  "old_category", old->category, "category", c.category,
                                  "old_deadline", old->deadline, "deadline", c.deadline,
                                  "old_note", old->note, "note", c.note, NULL);
  return kk_database_audit (db, "procurement.edit", "procurement", procurement_id,
                            procurement_id, detail, error);
}

gboolean
kk_store_update_procurement (KkDatabase               *db,
                             gint64                    procurement_id,
                             const KkProcurementInput *input,
                             GError                  **error)
{
  g_return_val_if_fail (input != NULL, FALSE);

  if (!kk_database_begin (db, error))
    return FALSE;
  return finish (db, update_procurement_locked (db, procurement_id, input, error), error);
}

/* ------------------------------------------------------------------ */
/* Requirement selection */

GStrv
kk_store_suggested_codes (KkDatabase  *db,
                          const char  *category,
                          GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  sqlite3_stmt *stmt;

  if (category == NULL || *category == '\0')
    return g_new0 (char *, 1);
  if (!category_exists (db, category, error))
    return NULL;

  stmt = kk_database_prepare (db,
                              "SELECT r.code FROM requirement r "
                              "JOIN requirement_category rc ON rc.requirement = r.id "
                              "JOIN category c ON c.id = rc.category "
                              "JOIN area a ON a.code = r.area "
                              "WHERE r.current = 1 AND r.retired = 0 AND c.key = ? "
                              "ORDER BY a.position, r.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, category, -1, SQLITE_TRANSIENT);
  if ((codes = collect_rows (db, stmt, text_from_row, g_free, error)) == NULL)
    return NULL;
  g_ptr_array_add (codes, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
}

/* The requirements of a procurement can change only while it is a draft. */
static gboolean
check_draft (KkProcurement  *p,
             GError        **error)
{
  if (g_strcmp0 (p->status, "draft") == 0)
    return TRUE;
  if (g_strcmp0 (p->status, "published") == 0)
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                 _("Procurement %s “%s” is published; its requirements are frozen"), p->dnr, p->title);
  else if (g_strcmp0 (p->status, "evaluating") == 0)
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                 _("Procurement %s “%s” is being evaluated; its requirements are frozen"), p->dnr, p->title);
  else
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                 _("Procurement %s “%s” is decided; its requirements are frozen"), p->dnr, p->title);
  return FALSE;
}

static KkProcurement *
get_draft (KkDatabase  *db,
           gint64       procurement_id,
           GError     **error)
{
  g_autoptr(KkProcurement) p = kk_store_get_procurement (db, procurement_id, error);

  if (p == NULL || !check_draft (p, error))
    return NULL;
  return g_steal_pointer (&p);
}

/* The procurement's requirement copies as (id, code) in position order. */
typedef struct {
  gint64 id;
  char  *code;
} PrRow;

static void
pr_row_free (gpointer data)
{
  PrRow *row = data;

  g_free (row->code);
  g_free (row);
}

static gpointer
pr_row_from_row (sqlite3_stmt *stmt)
{
  PrRow *row = g_new0 (PrRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->code = kk_stmt_dup_text (stmt, 1);
  return row;
}

static GPtrArray *
list_pr_rows (KkDatabase  *db,
              gint64       procurement_id,
              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (db,
                              "SELECT id, code FROM procurement_requirement WHERE procurement = ? "
                              "ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, procurement_id);
  return collect_rows (db, stmt, pr_row_from_row, pr_row_free, error);
}

static int
find_pr_row (GPtrArray  *rows,
             const char *code)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((PrRow *) g_ptr_array_index (rows, i))->code, code) == 0)
      return (int) i;
  return -1;
}

/* Writes positions 0..n-1 in the order of @rows. */
static gboolean
write_positions (KkDatabase  *db,
                 GPtrArray   *rows,
                 GError     **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PrRow *row = g_ptr_array_index (rows, i);
      sqlite3_stmt *stmt;

      stmt = kk_database_prepare (db, "UPDATE procurement_requirement SET position = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, row->id);
      if (!kk_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static char *
clean_code (const char *code)
{
  return g_strstrip (g_strdup (code ? code : ""));
}

static gboolean
not_in_procurement_error (KkProcurement  *p,
                          const char     *code,
                          GError        **error)
{
  g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
               _("Requirement %s is not part of procurement %s “%s”"), code, p->dnr, p->title);
  return FALSE;
}

static gboolean
add_requirements_locked (KkDatabase         *db,
                         gint64              procurement_id,
                         const char * const *codes,
                         GError            **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *detail = NULL;
  int position;

  if ((p = get_draft (db, procurement_id, error)) == NULL ||
      (rows = list_pr_rows (db, procurement_id, error)) == NULL)
    return FALSE;
  position = (int) rows->len;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = clean_code (codes[i]);
      sqlite3_stmt *stmt;
      gint64 requirement, retired;
      int rc;

      if (*code == '\0')
        continue;
      if (find_pr_row (rows, code) >= 0 || g_ptr_array_find_with_equal_func (added, code, g_str_equal, NULL))
        continue;

      stmt = kk_database_prepare (db,
                                  "SELECT id, retired FROM requirement WHERE code = ? AND current = 1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      switch ((rc = sqlite3_step (stmt)))
        {
        case SQLITE_ROW:
          requirement = sqlite3_column_int64 (stmt, 0);
          retired = sqlite3_column_int64 (stmt, 1);
          sqlite3_reset (stmt);
          break;
        case SQLITE_DONE:
          sqlite3_reset (stmt);
          g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                       _("There is no requirement %s in the catalogue"), code);
          return FALSE;
        default:
          kk_database_set_error (db, rc, error);
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (retired)
        {
          g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                       _("Requirement %s is retired from the catalogue and cannot be added"), code);
          return FALSE;
        }

      stmt = kk_database_prepare (db,
                                  "INSERT INTO procurement_requirement (procurement, requirement, code, revision, area, "
                                  "  title_sv, title_en, text_sv, text_en, verification_sv, verification_en, "
                                  "  obligation, kind, level, position) "
                                  "SELECT ?1, r.id, r.code, r.revision, r.area, r.title_sv, r.title_en, r.text_sv, "
                                  "  r.text_en, r.verification_sv, r.verification_en, r.obligation, r.kind, r.level, ?3 "
                                  "FROM requirement r WHERE r.id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, procurement_id);
      sqlite3_bind_int64 (stmt, 2, requirement);
      sqlite3_bind_int (stmt, 3, position++);
      if (!kk_database_step_done (db, stmt, error))
        return FALSE;
      g_ptr_array_add (added, g_steal_pointer (&code));
    }

  if (added->len == 0)
    return TRUE;

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_codes_member (b, "added", added);
  json_builder_end_object (b);
  detail = builder_to_string (b);
  return kk_database_audit (db, "procurement.add_requirements", "procurement", procurement_id,
                            procurement_id, detail, error);
}

gboolean
kk_store_procurement_add_requirements (KkDatabase         *db,
                                       gint64              procurement_id,
                                       const char * const *codes,
                                       GError            **error)
{
  if (!kk_database_begin (db, error))
    return FALSE;
  return finish (db, add_requirements_locked (db, procurement_id, codes, error), error);
}

static gboolean
remove_requirements_locked (KkDatabase         *db,
                            gint64              procurement_id,
                            const char * const *codes,
                            GError            **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *detail = NULL;

  if ((p = get_draft (db, procurement_id, error)) == NULL ||
      (rows = list_pr_rows (db, procurement_id, error)) == NULL)
    return FALSE;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = clean_code (codes[i]);
      sqlite3_stmt *stmt;
      PrRow *row;
      int index;

      if (*code == '\0' || g_ptr_array_find_with_equal_func (removed, code, g_str_equal, NULL))
        continue;
      if ((index = find_pr_row (rows, code)) < 0)
        return not_in_procurement_error (p, code, error);
      row = g_ptr_array_index (rows, index);

      stmt = kk_database_prepare (db, "DELETE FROM procurement_requirement WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->id);
      if (!kk_database_step_done (db, stmt, error))
        return FALSE;
      g_ptr_array_remove_index (rows, index);
      g_ptr_array_add (removed, g_steal_pointer (&code));
    }

  if (removed->len == 0)
    return TRUE;
  if (!write_positions (db, rows, error))
    return FALSE;

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_codes_member (b, "removed", removed);
  json_builder_end_object (b);
  detail = builder_to_string (b);
  return kk_database_audit (db, "procurement.remove_requirements", "procurement", procurement_id,
                            procurement_id, detail, error);
}

gboolean
kk_store_procurement_remove_requirements (KkDatabase         *db,
                                          gint64              procurement_id,
                                          const char * const *codes,
                                          GError            **error)
{
  if (!kk_database_begin (db, error))
    return FALSE;
  return finish (db, remove_requirements_locked (db, procurement_id, codes, error), error);
}

static gboolean
move_requirement_locked (KkDatabase  *db,
                         gint64       procurement_id,
                         const char  *code,
                         int          new_position,
                         GError     **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *clean = clean_code (code);
  g_autofree char *old_text = NULL, *new_text = NULL, *detail = NULL;
  gpointer row;
  int index;

  if ((p = get_draft (db, procurement_id, error)) == NULL ||
      (rows = list_pr_rows (db, procurement_id, error)) == NULL)
    return FALSE;
  if ((index = find_pr_row (rows, clean)) < 0)
    return not_in_procurement_error (p, clean, error);
  if (new_position < 0 || new_position >= (int) rows->len)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("Position %d is outside procurement %s, which has positions 0 to %u"),
                   new_position, p->dnr, rows->len - 1);
      return FALSE;
    }
  if (index == new_position)
    return TRUE;

  row = g_ptr_array_steal_index (rows, index);
  g_ptr_array_insert (rows, new_position, row);
  if (!write_positions (db, rows, error))
    return FALSE;

  old_text = g_strdup_printf ("%d", index);
  new_text = g_strdup_printf ("%d", new_position);
  detail = kk_store_audit_detail ("code", clean, "old_position", old_text, "position", new_text, NULL);
  return kk_database_audit (db, "procurement.move_requirement", "procurement", procurement_id,
                            procurement_id, detail, error);
}

gboolean
kk_store_procurement_move_requirement (KkDatabase  *db,
                                       gint64       procurement_id,
                                       const char  *code,
                                       int          new_position,
                                       GError     **error)
{
  if (!kk_database_begin (db, error))
    return FALSE;
  return finish (db, move_requirement_locked (db, procurement_id, code, new_position, error), error);
}

static gboolean
set_obligation_locked (KkDatabase  *db,
                       gint64       procurement_id,
                       const char  *code,
                       const char  *obligation,
                       GError     **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *clean = clean_code (code);
  g_autofree char *old = NULL, *detail = NULL;
  sqlite3_stmt *stmt;
  PrRow *row;
  int index;

  if (!kk_is_obligation (obligation))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("“%s” is not an obligation: use shall or should"), obligation ? obligation : "");
      return FALSE;
    }
  if ((p = get_draft (db, procurement_id, error)) == NULL ||
      (rows = list_pr_rows (db, procurement_id, error)) == NULL)
    return FALSE;
  if ((index = find_pr_row (rows, clean)) < 0)
    return not_in_procurement_error (p, clean, error);
  row = g_ptr_array_index (rows, index);

  stmt = kk_database_prepare (db, "SELECT obligation FROM procurement_requirement WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (!fetch_one (db, stmt, text_from_row, (gpointer *) &old, error))
    return FALSE;
  if (old == NULL)
    return not_in_procurement_error (p, clean, error);
  if (g_str_equal (old, obligation))
    return TRUE;

  stmt = kk_database_prepare (db, "UPDATE procurement_requirement SET obligation = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, obligation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, row->id);
  if (!kk_database_step_done (db, stmt, error))
    return FALSE;

  detail = kk_store_audit_detail ("code", clean, "old_obligation", old, "obligation", obligation, NULL);
  return kk_database_audit (db, "procurement.set_obligation", "procurement", procurement_id,
                            procurement_id, detail, error);
}

gboolean
kk_store_procurement_set_obligation (KkDatabase  *db,
                                     gint64       procurement_id,
                                     const char  *code,
                                     const char  *obligation,
                                     GError     **error)
{
  if (!kk_database_begin (db, error))
    return FALSE;
  return finish (db, set_obligation_locked (db, procurement_id, code, obligation, error), error);
}

/* ------------------------------------------------------------------ */
/* Status */

static int
status_index (const char *status)
{
  static const char * const order[] = { "draft", "published", "evaluating", "decided" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (status, order[i]) == 0)
      return (int) i;
  return -1;
}

/* Brings every copy to the catalogue's current wording and records the
 * catalogue version. A per-procurement obligation (one that differs from
 * the revision it was copied from) is kept. @refreshed receives the codes
 * whose wording changed. */
static gboolean
publish_locked (KkDatabase     *db,
                KkProcurement  *p,
                const char     *now,
                GPtrArray     **refreshed,
                char          **catalog_version,
                GError        **error)
{
  g_autoptr(GPtrArray) retired = NULL;
  sqlite3_stmt *stmt;
  gint64 version;

  if (p->n_requirements == 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("Procurement %s “%s” has no requirements; add at least one before publishing"),
                   p->dnr, p->title);
      return FALSE;
    }

  stmt = kk_database_prepare (db,
                              "SELECT pr.code FROM procurement_requirement pr "
                              "LEFT JOIN requirement r ON r.code = pr.code AND r.current = 1 "
                              "WHERE pr.procurement = ? AND (r.id IS NULL OR r.retired = 1) "
                              "ORDER BY pr.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if ((retired = collect_rows (db, stmt, text_from_row, g_free, error)) == NULL)
    return FALSE;
  if (retired->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (retired, NULL);
      list = g_strjoinv (", ", (char **) retired->pdata);
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("Procurement %s cannot be published: requirement %s has been retired from the catalogue; remove it first"),
                   p->dnr, list);
      return FALSE;
    }

  stmt = kk_database_prepare (db,
                              "SELECT pr.code FROM procurement_requirement pr "
                              "JOIN requirement r ON r.code = pr.code AND r.current = 1 "
                              "WHERE pr.procurement = ? AND r.id <> pr.requirement "
                              "ORDER BY pr.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if ((*refreshed = collect_rows (db, stmt, text_from_row, g_free, error)) == NULL)
    return FALSE;

  stmt = kk_database_prepare (db,
                              "UPDATE procurement_requirement AS pr SET "
                              "  requirement = r.id, revision = r.revision, area = r.area, "
                              "  title_sv = r.title_sv, title_en = r.title_en, text_sv = r.text_sv, text_en = r.text_en, "
                              "  verification_sv = r.verification_sv, verification_en = r.verification_en, "
                              "  kind = r.kind, level = r.level, "
                              "  obligation = CASE WHEN pr.obligation = (SELECT o.obligation FROM requirement o WHERE o.id = pr.requirement) "
                              "                    THEN r.obligation ELSE pr.obligation END "
                              "FROM requirement r "
                              "WHERE r.code = pr.code AND r.current = 1 AND pr.procurement = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (!kk_database_step_done (db, stmt, error))
    return FALSE;

  stmt = kk_database_prepare (db, "SELECT max (id) FROM catalog_version", error);
  if (stmt == NULL || (version = query_int (db, stmt, error)) < 0)
    return FALSE;

  stmt = kk_database_prepare (db,
                              "UPDATE procurement SET published_at = ?, catalog_version = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  if (version > 0)
    sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_int64 (stmt, 3, p->id);
  if (!kk_database_step_done (db, stmt, error))
    return FALSE;

  if (version > 0)
    {
      stmt = kk_database_prepare (db, "SELECT name || ' ' || version FROM catalog_version WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, version);
      if (!fetch_one (db, stmt, text_from_row, (gpointer *) catalog_version, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_status_locked (KkDatabase  *db,
                   gint64       procurement_id,
                   const char  *status,
                   GError     **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) refreshed = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *now = NULL, *catalog_version = NULL, *detail = NULL;
  sqlite3_stmt *stmt;
  int from, to;

  if (!kk_is_procurement_status (status))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("“%s” is not a procurement status: use draft, published, evaluating or decided"),
                   status ? status : "");
      return FALSE;
    }
  if ((p = kk_store_get_procurement (db, procurement_id, error)) == NULL)
    return FALSE;

  from = status_index (p->status);
  to = status_index (status);
  if (to == from)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   _("Procurement %s “%s” already has the status %s"), p->dnr, p->title, status);
      return FALSE;
    }
  if (to < from)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   _("Procurement %s “%s” cannot go back from %s to %s: a status only moves forward (draft, published, evaluating, decided)"),
                   p->dnr, p->title, p->status, status);
      return FALSE;
    }
  /* Leaving the draft is what freezes the wording: it goes through publishing. */
  if (from == 0 && to != 1)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   _("Procurement %s “%s” is a draft: publish it before setting it to %s"),
                   p->dnr, p->title, status);
      return FALSE;
    }

  now = kk_now_iso8601 ();
  if (to == 1 && !publish_locked (db, p, now, &refreshed, &catalog_version, error))
    return FALSE;

  stmt = kk_database_prepare (db, "UPDATE procurement SET status = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, procurement_id);
  if (!kk_database_step_done (db, stmt, error))
    return FALSE;

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_string_member (b, "old_status", p->status);
  add_string_member (b, "status", status);
  if (to == 1)
    {
      add_string_member (b, "published_at", now);
      add_string_member (b, "catalog_version", catalog_version);
      add_codes_member (b, "refreshed", refreshed);
    }
  json_builder_end_object (b);
  detail = builder_to_string (b);
  return kk_database_audit (db, "procurement.status", "procurement", procurement_id,
                            procurement_id, detail, error);
}

gboolean
kk_store_procurement_set_status (KkDatabase  *db,
                                 gint64       procurement_id,
                                 const char  *status,
                                 GError     **error)
{
  if (!kk_database_begin (db, error))
    return FALSE;
  return finish (db, set_status_locked (db, procurement_id, status, error), error);
}

static GPtrArray *
list_items (KkDatabase  *db,
            gint64       procurement_id,
            gint64       assessment_id,
            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (db, ITEM_SELECT "ORDER BY pr.position, pr.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  sqlite3_bind_int64 (stmt, 2, procurement_id);
  return collect_rows (db, stmt, item_from_row, g_object_unref, error);
}

GPtrArray *
kk_store_procurement_requirements (KkDatabase  *db,
                                   gint64       procurement_id,
                                   GError     **error)
{
  g_autoptr(KkProcurement) p = kk_store_get_procurement (db, procurement_id, error);

  if (p == NULL)
    return NULL;
  return list_items (db, procurement_id, 0, error);
}

/* ------------------------------------------------------------------ */
/* Suppliers in a procurement */

/* The assessment id of @s in @p, 0 when the supplier is not in it, -1 on error. */
static gint64
find_assessment (KkDatabase  *db,
                 gint64       procurement_id,
                 gint64       supplier_id,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (db, "SELECT id FROM assessment WHERE procurement = ? AND supplier = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, procurement_id);
  sqlite3_bind_int64 (stmt, 2, supplier_id);
  return query_int (db, stmt, error);
}

/* Looks up both and the assessment; refuses when the supplier is not in the
 * procurement. */
static gint64
require_assessment (KkDatabase     *db,
                    gint64          procurement_id,
                    gint64          supplier_id,
                    KkProcurement **p_out,
                    KkSupplier    **s_out,
                    GError        **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  gint64 assessment;

  if ((p = kk_store_get_procurement (db, procurement_id, error)) == NULL ||
      (s = kk_store_get_supplier (db, supplier_id, error)) == NULL ||
      (assessment = find_assessment (db, procurement_id, supplier_id, error)) < 0)
    return -1;
  if (assessment == 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                   _("Supplier “%s” (%s) does not take part in procurement %s “%s”"),
                   s->name, s->org_number, p->dnr, p->title);
      return -1;
    }
  if (p_out != NULL)
    *p_out = g_steal_pointer (&p);
  if (s_out != NULL)
    *s_out = g_steal_pointer (&s);
  return assessment;
}

static gboolean
add_supplier_locked (KkDatabase  *db,
                     gint64       procurement_id,
                     gint64       supplier_id,
                     GError     **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 assessment;

  if ((p = kk_store_get_procurement (db, procurement_id, error)) == NULL ||
      (s = kk_store_get_supplier (db, supplier_id, error)) == NULL ||
      (assessment = find_assessment (db, procurement_id, supplier_id, error)) < 0)
    return FALSE;
  if (assessment > 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   _("Supplier “%s” (%s) already takes part in procurement %s “%s”"),
                   s->name, s->org_number, p->dnr, p->title);
      return FALSE;
    }

  stmt = kk_database_prepare (db, "INSERT INTO assessment (procurement, supplier) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, procurement_id);
  sqlite3_bind_int64 (stmt, 2, supplier_id);
  if (!kk_database_step_done (db, stmt, error))
    return FALSE;
  assessment = kk_database_last_insert_id (db);

  detail = kk_store_audit_detail ("org_number", s->org_number, "name", s->name, NULL);
  return kk_database_audit (db, "procurement.add_supplier", "assessment", assessment,
                            procurement_id, detail, error);
}

gboolean
kk_store_procurement_add_supplier (KkDatabase  *db,
                                   gint64       procurement_id,
                                   gint64       supplier_id,
                                   GError     **error)
{
  if (!kk_database_begin (db, error))
    return FALSE;
  return finish (db, add_supplier_locked (db, procurement_id, supplier_id, error), error);
}

static gboolean
remove_supplier_locked (KkDatabase  *db,
                        gint64       procurement_id,
                        gint64       supplier_id,
                        GError     **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 assessment, answered;

  if ((assessment = require_assessment (db, procurement_id, supplier_id, &p, &s, error)) < 0)
    return FALSE;

  stmt = kk_database_prepare (db,
                              "SELECT count(*) FROM answer WHERE assessment = ? AND status <> 'unanswered'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment);
  if ((answered = query_int (db, stmt, error)) < 0)
    return FALSE;
  if (answered > 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Supplier “%s” (%s) cannot be removed from procurement %s: it has %u answer, which would be lost",
                                "Supplier “%s” (%s) cannot be removed from procurement %s: it has %u answers, which would be lost",
                                (gulong) answered),
                   s->name, s->org_number, p->dnr, (guint) answered);
      return FALSE;
    }

  stmt = kk_database_prepare (db, "DELETE FROM assessment WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment);
  if (!kk_database_step_done (db, stmt, error))
    return FALSE;

  detail = kk_store_audit_detail ("org_number", s->org_number, "name", s->name, NULL);
  return kk_database_audit (db, "procurement.remove_supplier", "assessment", assessment,
                            procurement_id, detail, error);
}

gboolean
kk_store_procurement_remove_supplier (KkDatabase  *db,
                                      gint64       procurement_id,
                                      gint64       supplier_id,
                                      GError     **error)
{
  if (!kk_database_begin (db, error))
    return FALSE;
  return finish (db, remove_supplier_locked (db, procurement_id, supplier_id, error), error);
}

GPtrArray *
kk_store_procurement_suppliers (KkDatabase  *db,
                                gint64       procurement_id,
                                GError     **error)
{
  g_autoptr(KkProcurement) p = kk_store_get_procurement (db, procurement_id, error);
  sqlite3_stmt *stmt;

  if (p == NULL)
    return NULL;
  stmt = kk_database_prepare (db,
                              "SELECT " KK_STORE_SUPPLIER_COLUMNS " FROM supplier s "
                              "JOIN assessment x ON x.supplier = s.id WHERE x.procurement = ? "
                              "ORDER BY s.name COLLATE NOCASE, s.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, procurement_id);
  return collect_rows (db, stmt, kk_store_supplier_from_row, g_object_unref, error);
}

GPtrArray *
kk_store_supplier_procurements (KkDatabase  *db,
                                gint64       supplier_id,
                                GError     **error)
{
  g_autoptr(KkSupplier) s = kk_store_get_supplier (db, supplier_id, error);
  sqlite3_stmt *stmt;

  if (s == NULL)
    return NULL;
  stmt = kk_database_prepare (db,
                              PROCUREMENT_SELECT
                              "JOIN assessment x ON x.procurement = p.id WHERE x.supplier = ? ORDER BY p.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, supplier_id);
  return collect_rows (db, stmt, procurement_from_row, g_object_unref, error);
}

/* ------------------------------------------------------------------ */
/* Checklists */

void
kk_checklist_summary_clear (KkChecklistSummary *summary)
{
  g_clear_pointer (&summary->shortcomings, g_ptr_array_unref);
  memset (summary, 0, sizeof *summary);
}

GPtrArray *
kk_store_checklist (KkDatabase  *db,
                    gint64       procurement_id,
                    gint64       supplier_id,
                    GError     **error)
{
  gint64 assessment = require_assessment (db, procurement_id, supplier_id, NULL, NULL, error);

  if (assessment < 0)
    return NULL;
  return list_items (db, procurement_id, assessment, error);
}

static gboolean
set_answer_locked (KkDatabase           *db,
                   gint64                procurement_id,
                   gint64                supplier_id,
                   const char           *code,
                   const char           *status,       /* NULL: keep */
                   const char           *comment,      /* NULL: keep */
                   const char           *evidence,     /* NULL: keep */
                   gboolean              set_valid_until,
                   const char           *valid_until,  /* NULL = none */
                   const KkChecklistItem *expected,
                   KkChecklistItem     **previous,
                   GError              **error)
{
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  g_autoptr(KkChecklistItem) old = NULL;
  g_autofree char *clean = clean_code (code);
  g_autofree char *now = NULL, *detail = NULL;
  const char *old_valid_until;
  sqlite3_stmt *stmt;
  gint64 assessment, answer_id;

  if ((p = kk_store_get_procurement (db, procurement_id, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (p->status, "draft") == 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   _("Procurement %s “%s” is a draft: publish it first, then record answers"),
                   p->dnr, p->title);
      return FALSE;
    }
  if (g_strcmp0 (p->status, "decided") == 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   _("Procurement %s “%s” is decided; its answers can no longer change"),
                   p->dnr, p->title);
      return FALSE;
    }
  g_clear_object (&p);
  if ((assessment = require_assessment (db, procurement_id, supplier_id, &p, &s, error)) < 0)
    return FALSE;

  stmt = kk_database_prepare (db, ITEM_SELECT "AND pr.code = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment);
  sqlite3_bind_int64 (stmt, 2, procurement_id);
  sqlite3_bind_text (stmt, 3, clean, -1, SQLITE_TRANSIENT);
  if (!fetch_one (db, stmt, item_from_row, (gpointer *) &old, error))
    return FALSE;
  if (old == NULL)
    return not_in_procurement_error (p, clean, error);

  old_valid_until = *old->valid_until ? old->valid_until : NULL;
  if (expected != NULL &&
      ((status != NULL && g_strcmp0 (old->status, expected->status) != 0) ||
       (comment != NULL && g_strcmp0 (old->comment, expected->comment ? expected->comment : "") != 0) ||
       (evidence != NULL && g_strcmp0 (old->evidence, expected->evidence ? expected->evidence : "") != 0) ||
       (set_valid_until && g_strcmp0 (old->valid_until, expected->valid_until ? expected->valid_until : "") != 0)))
    {
      if (old->checked_by != NULL && *old->checked_by != '\0')
        g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT,
                     /* Translators: code, who and when (2026-11-25T16:20:00Z); nothing was written */
                     _("The answer to %s was changed by %s at %s, after it was read here; nothing was written"),
                     clean, old->checked_by, old->checked_at ? old->checked_at : "?");
      else
        g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT,
                     _("The answer to %s was changed after it was read here; nothing was written"), clean);
      return FALSE;
    }
  /* What the change leaves as it was, as it is now. */
  if (status == NULL)
    status = old->status;
  if (comment == NULL)
    comment = old->comment;
  if (evidence == NULL)
    evidence = old->evidence;
  if (!set_valid_until)
    valid_until = old_valid_until;
  if (g_str_equal (old->status, status) && g_str_equal (old->comment, comment) &&
      g_str_equal (old->evidence, evidence) && g_strcmp0 (old_valid_until, valid_until) == 0)
    {
      if (previous != NULL)
        *previous = g_steal_pointer (&old);
      return TRUE;  /* nothing changes, nothing to record */
    }

  now = kk_now_iso8601 ();
  stmt = kk_database_prepare (db,
                              "INSERT INTO answer (assessment, procurement_requirement, status, comment, evidence, "
                              "  valid_until, checked_by, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                              "ON CONFLICT (assessment, procurement_requirement) DO UPDATE SET "
                              "  status = excluded.status, comment = excluded.comment, evidence = excluded.evidence, "
                              "  valid_until = excluded.valid_until, checked_by = excluded.checked_by, "
                              "  checked_at = excluded.checked_at, source = 'officer'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment);
  sqlite3_bind_int64 (stmt, 2, old->procurement_requirement);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, comment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, evidence, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 6, valid_until);
  sqlite3_bind_text (stmt, 7, kk_database_get_actor (db), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!kk_database_step_done (db, stmt, error))
    return FALSE;

  stmt = kk_database_prepare (db, "SELECT id FROM answer WHERE assessment = ? AND procurement_requirement = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment);
  sqlite3_bind_int64 (stmt, 2, old->procurement_requirement);
  if ((answer_id = query_int (db, stmt, error)) < 0)
    return FALSE;

  detail = kk_store_audit_detail ("code", clean, "org_number", s->org_number,
                                  "old_status", old->status, "status", status,
                                  "old_comment", old->comment, "comment", comment,
                                  "old_evidence", old->evidence, "evidence", evidence,
                                  "old_valid_until", old_valid_until, "valid_until", valid_until,
                                  NULL);
  if (!kk_database_audit (db, "answer.set", "answer", answer_id, procurement_id, detail, error))
    return FALSE;
  if (previous != NULL)
    *previous = g_steal_pointer (&old);
  return TRUE;
}

gboolean
kk_store_set_answer (KkDatabase           *db,
                     gint64                procurement_id,
                     gint64                supplier_id,
                     const char           *code,
                     const KkAnswerInput  *input,
                     KkChecklistItem     **previous,
                     GError              **error)
{
  g_autofree char *comment = NULL, *evidence = NULL, *valid_until = NULL;
  g_autoptr(KkChecklistItem) prev = NULL;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (previous == NULL || *previous == NULL, FALSE);

  if (input->status != NULL && !kk_is_answer_status (input->status))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("“%s” is not an answer status: use unanswered, met, partly_met, not_met or not_applicable"),
                   input->status ? input->status : "");
      return FALSE;
    }
  if ((input->comment != NULL &&
       (comment = kk_store_clean_text (input->comment, _("comment"), KK_MAX_TEXT_LENGTH, TRUE, error)) == NULL) ||
      (input->evidence != NULL &&
       (evidence = kk_store_clean_text (input->evidence, _("evidence"), KK_MAX_TEXT_LENGTH, TRUE, error)) == NULL) ||
      !clean_date (input->valid_until, _("valid-until date"), &valid_until, error))
    return FALSE;

  if (!kk_database_begin (db, error))
    return FALSE;
  if (!finish (db, set_answer_locked (db, procurement_id, supplier_id, code, input->status,
                                      comment, evidence, input->valid_until != NULL, valid_until,
                                      input->expected, previous ? &prev : NULL, error), error))
    return FALSE;
  if (previous != NULL)
    *previous = g_steal_pointer (&prev);
  return TRUE;
}

/* Counts one requirement of a checklist in @summary. */
static void
summary_add (KkChecklistSummary *summary,
             const char         *code,
             const char         *obligation,
             const char         *status)
{
  gboolean answered = g_strcmp0 (status, "unanswered") != 0;

  summary->total++;
  if (answered)
    summary->answered++;
  if (g_strcmp0 (obligation, "shall") != 0)
    return;
  summary->shall_total++;
  if (!answered)
    summary->shall_unanswered++;
  else if (g_str_equal (status, "met") || g_str_equal (status, "not_applicable"))
    summary->shall_met++;
  else if (g_str_equal (status, "not_met") || g_str_equal (status, "partly_met"))
    {
      summary->shall_not_met++;
      g_ptr_array_add (summary->shortcomings, g_strdup (code));
    }
}

/* Reads only the code, obligation and status of each requirement, not the
 * whole checklist: a procurement's suppliers tab shows a summary per
 * supplier, and reading 500 checklist items for each took 5-10 ms. */
gboolean
kk_store_checklist_summary (KkDatabase          *db,
                            gint64               procurement_id,
                            gint64               supplier_id,
                            KkChecklistSummary  *summary,
                            GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 assessment;
  int rc;

  g_return_val_if_fail (summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  if ((assessment = require_assessment (db, procurement_id, supplier_id, NULL, NULL, error)) < 0)
    return FALSE;
  stmt = kk_database_prepare (db,
                              "SELECT pr.code, pr.obligation, coalesce (an.status, 'unanswered') "
                              "FROM procurement_requirement pr "
                              "LEFT JOIN answer an ON an.procurement_requirement = pr.id AND an.assessment = ?1 "
                              "WHERE pr.procurement = ?2 ORDER BY pr.position, pr.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment);
  sqlite3_bind_int64 (stmt, 2, procurement_id);
  summary->shortcomings = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    summary_add (summary, (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      kk_checklist_summary_clear (summary);
      return FALSE;
    }
  return TRUE;
}

void
kk_checklist_summary_of_items (GPtrArray          *items,
                               KkChecklistSummary *summary)
{
  g_return_if_fail (items != NULL);
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->shortcomings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < items->len; i++)
    {
      KkChecklistItem *item = g_ptr_array_index (items, i);

      summary_add (summary, item->code, item->obligation, item->status);
    }
}

/* ------------------------------------------------------------------ */
/* Audit trail */

void
kk_audit_entry_free (KkAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->detail);
  g_free (entry);
}

GPtrArray *
kk_store_list_audit (KkDatabase  *db,
                     gint64       procurement_id,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (db,
                              "SELECT id, at, actor, action, entity, entity_id, procurement, detail "
                              "FROM audit_log WHERE ?1 = 0 OR procurement = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, procurement_id);
  return collect_rows (db, stmt, audit_from_row, (GDestroyNotify) kk_audit_entry_free, error);
}
