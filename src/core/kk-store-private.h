// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kk-store.h"

G_BEGIN_DECLS

/* A JSON object of key → string value (NULL gives null), for audit_log.detail. */
char *kk_store_audit_detail (const char *first_key, ...) G_GNUC_NULL_TERMINATED;

/* The columns kk_store_supplier_from_row() reads, for "FROM supplier s". */
#define KK_STORE_SUPPLIER_COLUMNS \
  "s.id, s.name, s.org_number, s.country, s.contact, s.note, s.created, " \
  "(SELECT count(*) FROM assessment a WHERE a.supplier = s.id)"

/* A KkSupplier from a row of KK_STORE_SUPPLIER_COLUMNS. */
gpointer kk_store_supplier_from_row (sqlite3_stmt *stmt);

/* One supplier by id; KK_DATABASE_ERROR_NOT_FOUND when there is none. */
KkSupplier *kk_store_get_supplier (KkDatabase *db, gint64 supplier_id, GError **error);

/* Sets KK_DATABASE_ERROR_CONFLICT for @what (a name for the message),
 * changed after the caller read it: who changed @entity @entity_id last
 * and when, from the audit trail. Returns FALSE. */
gboolean kk_store_conflict_error (KkDatabase  *db,
                                  const char  *entity,
                                  gint64       entity_id,
                                  const char  *what,
                                  GError     **error);

G_END_DECLS
