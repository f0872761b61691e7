// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-store"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kk-orgnr.h"
#include "kk-store.h"
#include "kk-store-private.h"

char *
kk_store_clean_text (const char  *value,
                     const char  *field,
                     gsize        max_chars,
                     gboolean     multiline,
                     GError     **error)
{
  g_autofree char *copy = NULL;
  GString *out;

  if (value == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("The %s is not valid UTF-8 text"), field);
      return NULL;
    }

  copy = g_strstrip (g_strdup (value));
  if (g_utf8_strlen (copy, -1) > (glong) max_chars)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("The %s is too long: %ld characters, at most %u are allowed"),
                   field, g_utf8_strlen (copy, -1), (guint) max_chars);
      return NULL;
    }

  /* Control characters are dropped, except line breaks and tabs in
   * multi-line fields; they only confuse documents and terminals. */
  out = g_string_sized_new (strlen (copy));
  for (const char *p = copy; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        {
          if (multiline)
            g_string_append_unichar (out, c);
          else
            g_string_append_c (out, ' ');
        }
      else if (c == '\r' || g_unichar_iscntrl (c))
        continue;
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
kk_store_audit_detail (const char *first_key, ...)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (b);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      json_builder_set_member_name (b, key);
      if (value != NULL)
        json_builder_add_string_value (b, value);
      else
        json_builder_add_null_value (b);
    }
  va_end (args);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gpointer
kk_store_supplier_from_row (sqlite3_stmt *stmt)
{
  KkSupplier *s = kk_supplier_new ();

  s->id = sqlite3_column_int64 (stmt, 0);
  s->name = kk_stmt_dup_text (stmt, 1);
  s->org_number = kk_stmt_dup_text (stmt, 2);
  s->country = kk_stmt_dup_text (stmt, 3);
  s->contact = kk_stmt_dup_text (stmt, 4);
  s->note = kk_stmt_dup_text (stmt, 5);
  s->created = kk_stmt_dup_text (stmt, 6);
  s->n_procurements = sqlite3_column_int (stmt, 7);
  return s;
}

KkSupplier *
kk_store_get_supplier (KkDatabase *db,
              gint64      id,
              GError    **error)
{
  sqlite3_stmt *stmt;
  KkSupplier *s = NULL;
  int rc;

  stmt = kk_database_prepare (db, "SELECT " KK_STORE_SUPPLIER_COLUMNS " FROM supplier s WHERE s.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    s = kk_store_supplier_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                 _("There is no supplier with id %" PRId64), id);
  else
    kk_database_set_error (db, rc, error);
  sqlite3_reset (stmt);
  return s;
}

static KkSupplier *
get_supplier_by_org_number (KkDatabase *db,
                            const char *org_number,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  KkSupplier *s = NULL;
  int rc;

  stmt = kk_database_prepare (db, "SELECT " KK_STORE_SUPPLIER_COLUMNS " FROM supplier s WHERE s.org_number = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, org_number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    s = kk_store_supplier_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                 _("There is no supplier with organisation number %s"), org_number);
  else
    kk_database_set_error (db, rc, error);
  sqlite3_reset (stmt);
  return s;
}

KkSupplier *
kk_store_find_supplier (KkDatabase  *db,
                        const char  *ref,
                        GError     **error)
{
  g_autofree char *normalized = NULL;
  guint64 id;

  if (ref != NULL && g_ascii_string_to_unsigned (ref, 10, 1, G_MAXINT64, &id, NULL) &&
      strlen (ref) < 10)
    return kk_store_get_supplier (db, (gint64) id, error);

  normalized = kk_orgnr_normalize (ref, NULL, NULL);
  if (normalized == NULL)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                   _("“%s” is neither a supplier id nor a valid organisation number"), ref ? ref : "");
      return NULL;
    }
  return get_supplier_by_org_number (db, normalized, error);
}

static gboolean
valid_country (const char *country)
{
  return strlen (country) == 2 && g_ascii_isupper (country[0]) && g_ascii_isupper (country[1]);
}

KkSupplier *
kk_store_add_supplier (KkDatabase  *db,
                       const char  *name,
                       const char  *org_number,
                       const char  *country,
                       const char  *contact,
                       const char  *note,
                       GError     **error)
{
  g_autofree char *clean_name = NULL, *clean_contact = NULL, *clean_note = NULL;
  g_autofree char *normalized = NULL, *now = NULL, *detail = NULL, *cc = NULL;
  g_autoptr(KkSupplier) existing = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if ((clean_name = kk_store_clean_text (name, _("name"), KK_MAX_NAME_LENGTH, FALSE, error)) == NULL ||
      (clean_contact = kk_store_clean_text (contact, _("contact"), KK_MAX_NAME_LENGTH, FALSE, error)) == NULL ||
      (clean_note = kk_store_clean_text (note, _("note"), KK_MAX_TEXT_LENGTH, TRUE, error)) == NULL)
    return NULL;
  if (*clean_name == '\0')
    {
      g_set_error_literal (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                           _("The supplier needs a name"));
      return NULL;
    }
  cc = g_ascii_strup (country && *country ? country : "SE", -1);
  g_strstrip (cc);
  if (!valid_country (cc))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("The country “%s” is not a two-letter country code (SE, NO, FI…)"), country);
      return NULL;
    }

  if ((normalized = kk_orgnr_normalize (org_number, NULL, error)) == NULL)
    return NULL;

  if (!kk_database_begin (db, error))
    return NULL;

  existing = get_supplier_by_org_number (db, normalized, NULL);
  if (existing != NULL)
    {
      kk_database_rollback (db);
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   _("The organisation number %s is already registered, for “%s” (id %" PRId64 ")"),
                   normalized, existing->name, existing->id);
      return NULL;
    }

  now = kk_now_iso8601 ();
  stmt = kk_database_prepare (db,
                              "INSERT INTO supplier (name, org_number, country, contact, note, created) "
                              "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, normalized, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clean_contact, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, clean_note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!kk_database_step_done (db, stmt, error))
    goto fail;
  id = kk_database_last_insert_id (db);

  detail = kk_store_audit_detail ("name", clean_name, "org_number", normalized, "country", cc, NULL);
  if (!kk_database_audit (db, "supplier.add", "supplier", id, 0, detail, error) ||
      !kk_database_commit (db, error))
    goto fail;

  return kk_store_get_supplier (db, id, error);

fail:
  if (kk_database_in_transaction (db))
    kk_database_rollback (db);
  return NULL;
}

gboolean
kk_store_conflict_error (KkDatabase  *db,
                         const char  *entity,
                         gint64       entity_id,
                         const char  *what,
                         GError     **error)
{
  g_autofree char *actor = NULL, *at = NULL;
  sqlite3_stmt *stmt = kk_database_prepare (db, "SELECT actor, at FROM audit_log WHERE entity = ? AND entity_id = ? "
                                                "ORDER BY id DESC LIMIT 1", NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, entity_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          actor = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  if (actor != NULL && *actor != '\0')
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT,
                 /* Translators: "The supplier 556677-8899 was changed by Anna at 2026-…; nothing was written" */
                 _("%s was changed by %s at %s, after it was read here; nothing was written"), what, actor, at);
  else
    g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT,
                 _("%s was changed after it was read here; nothing was written"), what);
  return FALSE;
}

gboolean
kk_store_update_supplier (KkDatabase        *db,
                          gint64             supplier_id,
                          const char        *name,
                          const char        *country,
                          const char        *contact,
                          const char        *note,
                          const KkSupplier  *expected,
                          GError           **error)
{
  g_autofree char *clean_name = NULL, *clean_contact = NULL, *clean_note = NULL, *cc = NULL, *detail = NULL;
  g_autoptr(KkSupplier) old = NULL;
  sqlite3_stmt *stmt;

  if ((clean_name = kk_store_clean_text (name, _("name"), KK_MAX_NAME_LENGTH, FALSE, error)) == NULL ||
      (clean_contact = kk_store_clean_text (contact, _("contact"), KK_MAX_NAME_LENGTH, FALSE, error)) == NULL ||
      (clean_note = kk_store_clean_text (note, _("note"), KK_MAX_TEXT_LENGTH, TRUE, error)) == NULL)
    return FALSE;
  if (*clean_name == '\0')
    {
      g_set_error_literal (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                           _("The supplier needs a name"));
      return FALSE;
    }
  cc = g_ascii_strup (country && *country ? country : "SE", -1);
  g_strstrip (cc);
  if (!valid_country (cc))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                   _("The country “%s” is not a two-letter country code (SE, NO, FI…)"), country);
      return FALSE;
    }

  if (!kk_database_begin (db, error))
    return FALSE;
  if ((old = kk_store_get_supplier (db, supplier_id, error)) == NULL)
    goto fail;
  if (expected != NULL &&
      (g_strcmp0 (old->name, expected->name) != 0 || g_strcmp0 (old->country, expected->country) != 0 ||
       g_strcmp0 (old->contact, expected->contact) != 0 || g_strcmp0 (old->note, expected->note) != 0))
    {
      g_autofree char *what = g_strdup_printf (_("The supplier %s"), old->org_number);

      kk_store_conflict_error (db, "supplier", supplier_id, what, error);
      goto fail;
    }

  stmt = kk_database_prepare (db,
                              "UPDATE supplier SET name = ?, country = ?, contact = ?, note = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, cc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clean_contact, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clean_note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, supplier_id);
  if (!kk_database_step_done (db, stmt, error))
    goto fail;

  detail = kk_store_audit_detail ("old_name", old->name, "name", clean_name,
                         "old_country", old->country, "country", cc,
                         "old_contact", old->contact, "contact", clean_contact,
                         "old_note", old->note, "note", clean_note, NULL);
  if (!kk_database_audit (db, "supplier.edit", "supplier", supplier_id, 0, detail, error))
    goto fail;
  return kk_database_commit (db, error);

fail:
  kk_database_rollback (db);
  return FALSE;
}

gboolean
kk_store_delete_supplier (KkDatabase  *db,
                          gint64       supplier_id,
                          GError     **error)
{
  g_autoptr(KkSupplier) old = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if (!kk_database_begin (db, error))
    return FALSE;
  if ((old = kk_store_get_supplier (db, supplier_id, error)) == NULL)
    goto fail;
  if (old->n_procurements > 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” (%s) cannot be deleted: the supplier takes part in %u procurement",
                                "“%s” (%s) cannot be deleted: the supplier takes part in %u procurements",
                                old->n_procurements),
                   old->name, old->org_number, old->n_procurements);
      goto fail;
    }
  stmt = kk_database_prepare (db, "DELETE FROM supplier WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, supplier_id);
  if (!kk_database_step_done (db, stmt, error))
    goto fail;
  detail = kk_store_audit_detail ("name", old->name, "org_number", old->org_number, NULL);
  if (!kk_database_audit (db, "supplier.delete", "supplier", supplier_id, 0, detail, error))
    goto fail;
  return kk_database_commit (db, error);

fail:
  kk_database_rollback (db);
  return FALSE;
}

GPtrArray *
kk_store_list_suppliers (KkDatabase  *db,
                         const char  *search,
                         GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = kk_database_prepare (db,
                              "SELECT " KK_STORE_SUPPLIER_COLUMNS " FROM supplier s "
                              "WHERE ?1 IS NULL OR s.name LIKE '%' || ?1 || '%' "
                              "   OR replace (s.org_number, '-', '') LIKE '%' || replace (?1, '-', '') || '%' "
                              "ORDER BY s.name COLLATE NOCASE, s.id", error);
  if (stmt == NULL)
    return NULL;
  if (search != NULL && *search != '\0')
    sqlite3_bind_text (stmt, 1, search, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, kk_store_supplier_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}
