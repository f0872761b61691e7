// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-database"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "kk-core-resources.h"
#include "kk-database.h"

struct _KkDatabase
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  char       *actor;
  GHashTable *statements; /* SQL text → sqlite3_stmt */
  guint       depth;      /* transaction nesting */
  int         schema_version;
};

G_DEFINE_FINAL_TYPE (KkDatabase, kk_database, G_TYPE_OBJECT)
G_DEFINE_QUARK (kk-database-error-quark, kk_database_error)

static void
kk_database_finalize (GObject *object)
{
  KkDatabase *self = KK_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);

  G_OBJECT_CLASS (kk_database_parent_class)->finalize (object);
}

static void
kk_database_class_init (KkDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kk_database_finalize;
}

static void
kk_database_init (KkDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

char *
kk_database_default_path (void)
{
  const char *env = g_getenv ("KRAVKOLL_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "kravkoll", "kravkoll.db", NULL);
}

static int
code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return KK_DATABASE_ERROR_NOT_DATABASE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return KK_DATABASE_ERROR_BUSY;
    case SQLITE_READONLY:
      return KK_DATABASE_ERROR_READ_ONLY;
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return KK_DATABASE_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return KK_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return KK_DATABASE_ERROR_OPEN;
    default:
      return KK_DATABASE_ERROR_SQL;
    }
}

static const char *
explain_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return _("the file is not a Kravkoll database");
    case SQLITE_CORRUPT:
      return _("the database file is damaged");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return _("the database is in use by another program; try again in a moment");
    case SQLITE_READONLY:
      return _("the database file is read-only");
    case SQLITE_FULL:
      return _("the disk is full");
    case SQLITE_IOERR:
      return _("the database file could not be written (disk full or file size limit?)");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return _("the file cannot be opened");
    default:
      return NULL;
    }
}

gboolean
kk_database_set_error (KkDatabase *self,
                       int         rc,
                       GError    **error)
{
  const char *why = explain_sqlite (rc);
  const char *detail = self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);

  if (why != NULL)
    g_set_error (error, KK_DATABASE_ERROR, code_for_sqlite (rc),
                 /* Translators: database file, reason, SQLite's own message */
                 _("Database “%s”: %s (%s)"), self->path, why, detail);
  else
    g_set_error (error, KK_DATABASE_ERROR, code_for_sqlite (rc),
                 _("Database “%s”: %s"), self->path, detail);
  return FALSE;
}

gboolean
kk_database_exec (KkDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return kk_database_set_error (self, rc, error);
  return TRUE;
}

sqlite3_stmt *
kk_database_prepare (KkDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      kk_database_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
kk_database_step_done (KkDatabase   *self,
                       sqlite3_stmt *stmt,
                       GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gint64
kk_database_last_insert_id (KkDatabase *self)
{
  return sqlite3_last_insert_rowid (self->handle);
}

int
kk_database_changes (KkDatabase *self)
{
  return sqlite3_changes (self->handle);
}

gboolean
kk_database_begin (KkDatabase  *self,
                   GError     **error)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT kk_%u", self->depth);
  if (!kk_database_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
kk_database_commit (KkDatabase  *self,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE kk_%u", self->depth - 1);
  if (!kk_database_exec (self, sql, error))
    {
      kk_database_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
kk_database_rollback (KkDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO kk_%u; RELEASE kk_%u", self->depth - 1, self->depth - 1);
  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Rollback failed: %s", sqlite3_errmsg (self->handle));
  self->depth--;
}

gboolean
kk_database_in_transaction (KkDatabase *self)
{
  return self->depth > 0;
}

gboolean
kk_database_transaction (KkDatabase        *self,
                         KkTransactionFunc  func,
                         gpointer           user_data,
                         GError           **error)
{
  if (!kk_database_begin (self, error))
    return FALSE;
  if (!func (self, user_data, error))
    {
      kk_database_rollback (self);
      return FALSE;
    }
  return kk_database_commit (self, error);
}

char *
kk_now_iso8601 (void)
{
  const char *fixed = g_getenv ("KRAVKOLL_NOW");
  g_autoptr(GDateTime) now = NULL;

  if (fixed != NULL && *fixed != '\0')
    return g_strdup (fixed);
  now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
kk_database_audit (KkDatabase  *self,
                   const char  *action,
                   const char  *entity,
                   gint64       entity_id,
                   gint64       procurement_id,
                   const char  *detail,
                   GError     **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (action != NULL && entity != NULL, FALSE);

  /* An audit row outside the change's own transaction could survive a
   * change that was rolled back, or be lost while the change stays. */
  if (self->depth == 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_SQL,
                   "audit row for %s written outside a transaction", action);
      return FALSE;
    }

  stmt = kk_database_prepare (self,
                              "INSERT INTO audit_log (at, actor, action, entity, entity_id, procurement, detail) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  now = kk_now_iso8601 ();
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kk_database_get_actor (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entity, -1, SQLITE_TRANSIENT);
  if (entity_id > 0)
    sqlite3_bind_int64 (stmt, 5, entity_id);
  if (procurement_id > 0)
    sqlite3_bind_int64 (stmt, 6, procurement_id);
  sqlite3_bind_text (stmt, 7, detail ? detail : "", -1, SQLITE_TRANSIENT);
  return kk_database_step_done (self, stmt, error);
}

void
kk_database_set_actor (KkDatabase *self,
                       const char *actor)
{
  g_free (self->actor);
  self->actor = (actor != NULL && *actor != '\0') ? g_strdup (actor) : NULL;
}

const char *
kk_database_get_actor (KkDatabase *self)
{
  if (self->actor == NULL)
    {
      const char *real = g_get_real_name ();
      const char *env = g_getenv ("KRAVKOLL_ACTOR");

      if (env != NULL && *env != '\0')
        self->actor = g_strdup (env);
      else if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0)
        self->actor = g_strdup (real);
      else
        self->actor = g_strdup (g_get_user_name ());
    }
  return self->actor;
}

const char *
kk_database_get_path (KkDatabase *self)
{
  return self->path;
}

sqlite3 *
kk_database_get_handle (KkDatabase *self)
{
  return self->handle;
}

int
kk_database_get_schema_version (KkDatabase *self)
{
  return self->schema_version;
}

char *
kk_stmt_dup_text (sqlite3_stmt *stmt,
                  int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

const char *
kk_stmt_get_text (sqlite3_stmt *stmt,
                  int           col)
{
  const char *s = (const char *) sqlite3_column_text (stmt, col);
  return s ? s : "";
}

static int
read_user_version (KkDatabase *self,
                   GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc, version = -1;

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (version < 0)
    kk_database_set_error (self, rc, error);
  sqlite3_finalize (stmt);
  return version;
}

/* Copies the file (after a checkpoint, so the copy is complete) before a
 * migration touches it. The backup sits next to the database. */
static gboolean
backup_before_migration (KkDatabase  *self,
                         int          from_version,
                         GError     **error)
{
  g_autofree char *dest = NULL;

  if (from_version == 0)
    return TRUE; /* a new, empty file: nothing to keep */

  dest = g_strdup_printf ("%s.v%d.bak", self->path, from_version);
  return kk_database_backup_to (self, dest, error);
}

static gboolean
migrate (KkDatabase  *self,
         GError     **error)
{
  static const char *migrations[] = {
    "/io/github/kravkoll/Kravkoll/core/kk-schema.sql",
  };
  int version;

  G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KK_DATABASE_SCHEMA_VERSION);

  version = read_user_version (self, error);
  if (version < 0)
    return FALSE;

  if (version > KK_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_TOO_NEW,
                   _("Database “%s” was written by a newer version of Kravkoll (schema %d; this version understands up to %d). Update Kravkoll to open it."),
                   self->path, version, KK_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  if (version == KK_DATABASE_SCHEMA_VERSION)
    {
      self->schema_version = version;
      return TRUE;
    }

  if (!backup_before_migration (self, version, error))
    return FALSE;

  if (!kk_database_begin (self, error))
    return FALSE;

  for (int v = version; v < KK_DATABASE_SCHEMA_VERSION; v++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *pragma = NULL;
      int rc;

      bytes = g_resource_lookup_data (kk_core_get_resource (), migrations[v],
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (bytes != NULL);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      pragma = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if ((rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL)) != SQLITE_OK ||
          (rc = sqlite3_exec (self->handle, pragma, NULL, NULL, NULL)) != SQLITE_OK)
        {
          g_autoptr(GError) local = NULL;

          kk_database_set_error (self, rc, &local);
          kk_database_rollback (self);
          g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_MIGRATION,
                       _("Database “%s” could not be upgraded to schema %d: %s"),
                       self->path, v + 1, local->message);
          return FALSE;
        }
    }

  if (!kk_database_commit (self, error))
    return FALSE;
  self->schema_version = KK_DATABASE_SCHEMA_VERSION;
  return TRUE;
}

/* How long a write waits for another program's transaction to finish.
 * KRAVKOLL_BUSY_TIMEOUT_MS shortens it for tests. */
static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("KRAVKOLL_BUSY_TIMEOUT_MS");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 0, 600000, &value, NULL))
    return (int) value;
  return 10000;
}

KkDatabase *
kk_database_open (const char  *path,
                  GError     **error)
{
  g_autoptr(KkDatabase) self = NULL;
  g_autofree char *dir = NULL;
  gboolean existed;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KK_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_OPEN,
                   _("Database “%s”: cannot create folder “%s”: %s"),
                   path, dir, g_strerror (saved));
      return NULL;
    }

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_OPEN,
                   _("Database “%s” is a folder, not a file"), path);
      return NULL;
    }
  if (!existed)
    {
      /* Create it ourselves so it is private (0600) from the first byte. */
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_OPEN,
                       _("Database “%s” cannot be created: %s"), path, g_strerror (saved));
          return NULL;
        }
      close (fd);
    }

  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      kk_database_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, busy_timeout_ms ());

  if (sqlite3_db_readonly (self->handle, "main") == 1)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_READ_ONLY,
                   _("Database “%s” is read-only: Kravkoll needs to write to it"), path);
      return NULL;
    }

  /* Reading the header is the first real I/O: it fails here for files that
   * are not SQLite at all. */
  if (read_user_version (self, error) < 0)
    return NULL;

  if (!kk_database_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !kk_database_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !kk_database_exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
kk_database_backup_to (KkDatabase  *self,
                       const char  *dest_path,
                       GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  g_autofree char *tmp = NULL;
  int rc;

  tmp = g_strdup_printf ("%s.part", dest_path);
  g_unlink (tmp);
  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->handle, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          do
            {
              rc = sqlite3_backup_step (backup, 256);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (50);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (dest);

  if (rc != SQLITE_OK)
    {
      g_unlink (tmp);
      g_set_error (error, KK_DATABASE_ERROR, code_for_sqlite (rc),
                   _("Backup of “%s” to “%s” failed: %s"),
                   self->path, dest_path, sqlite3_errstr (rc));
      return FALSE;
    }
  g_chmod (tmp, 0600);
  if (g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_OPEN,
                   _("Backup of “%s” to “%s” failed: %s"),
                   self->path, dest_path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
