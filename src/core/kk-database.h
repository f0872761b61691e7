// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define KK_DATABASE_ERROR (kk_database_error_quark ())

typedef enum {
  KK_DATABASE_ERROR_OPEN,        /* cannot open or create the file */
  KK_DATABASE_ERROR_NOT_DATABASE, /* not SQLite, or corrupt */
  KK_DATABASE_ERROR_TOO_NEW,     /* written by a newer Kravkoll */
  KK_DATABASE_ERROR_MIGRATION,
  KK_DATABASE_ERROR_SQL,
  KK_DATABASE_ERROR_BUSY,        /* locked by another process for too long */
  KK_DATABASE_ERROR_READ_ONLY,
  KK_DATABASE_ERROR_FULL,
  KK_DATABASE_ERROR_CONSTRAINT,
  KK_DATABASE_ERROR_NOT_FOUND,
  KK_DATABASE_ERROR_INVALID,     /* refused input */
  KK_DATABASE_ERROR_CONFLICT,    /* changed by someone else since it was read */
} KkDatabaseError;

/* The schema version this build writes. */
#define KK_DATABASE_SCHEMA_VERSION 1

#define KK_TYPE_DATABASE (kk_database_get_type ())
G_DECLARE_FINAL_TYPE (KkDatabase, kk_database, KK, DATABASE, GObject)

GQuark        kk_database_error_quark       (void);

char         *kk_database_default_path      (void);
KkDatabase   *kk_database_open              (const char  *path,
                                             GError     **error);
const char   *kk_database_get_path          (KkDatabase  *self);
sqlite3      *kk_database_get_handle        (KkDatabase  *self);
int           kk_database_get_schema_version (KkDatabase *self);

/* Who is recorded in the audit log for changes made through this handle. */
void          kk_database_set_actor         (KkDatabase  *self,
                                             const char  *actor);
const char   *kk_database_get_actor         (KkDatabase  *self);

/* Prepared statements are cached per SQL text; the returned statement is
 * reset and its bindings cleared. Owned by the database. */
sqlite3_stmt *kk_database_prepare           (KkDatabase  *self,
                                             const char  *sql,
                                             GError     **error);
gboolean      kk_database_exec              (KkDatabase  *self,
                                             const char  *sql,
                                             GError     **error);
/* Run sqlite3_step() until done; maps result codes to GErrors. */
gboolean      kk_database_step_done         (KkDatabase   *self,
                                             sqlite3_stmt *stmt,
                                             GError      **error);
gint64        kk_database_last_insert_id    (KkDatabase  *self);
int           kk_database_changes           (KkDatabase  *self);

/* Transactions nest with savepoints; commit of an inner level releases it. */
gboolean      kk_database_begin             (KkDatabase  *self,
                                             GError     **error);
gboolean      kk_database_commit            (KkDatabase  *self,
                                             GError     **error);
void          kk_database_rollback          (KkDatabase  *self);
gboolean      kk_database_in_transaction    (KkDatabase  *self);

typedef gboolean (*KkTransactionFunc) (KkDatabase *db, gpointer user_data, GError **error);
gboolean      kk_database_transaction       (KkDatabase        *self,
                                             KkTransactionFunc  func,
                                             gpointer           user_data,
                                             GError           **error);

/* Appends one row to audit_log. Must be called inside the transaction that
 * makes the change; refuses outside a transaction. */
gboolean      kk_database_audit             (KkDatabase  *self,
                                             const char  *action,
                                             const char  *entity,
                                             gint64       entity_id,
                                             gint64       procurement_id,
                                             const char  *detail,
                                             GError     **error);

/* Sets @error from the connection's last SQLite error. Returns FALSE. */
gboolean      kk_database_set_error         (KkDatabase  *self,
                                             int          rc,
                                             GError     **error);

gboolean      kk_database_backup_to         (KkDatabase  *self,
                                             const char  *dest_path,
                                             GError     **error);

/* Small helpers for statement columns: NULL-safe duplicates. */
char         *kk_stmt_dup_text              (sqlite3_stmt *stmt,
                                             int           col);
const char   *kk_stmt_get_text              (sqlite3_stmt *stmt,
                                             int           col);

/* Current time as ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ"; overridable with
 * KRAVKOLL_NOW for reproducible tests. */
char         *kk_now_iso8601                (void);

G_END_DECLS
