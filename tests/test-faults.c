// SPDX-License-Identifier: GPL-3.0-or-later
/* What happens to the database when the world misbehaves: damaged or foreign
 * files, read-only files, another program holding the write lock, a full
 * disk, and several programs writing at once. Each must give a clear message
 * and lose nothing. */
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kk-orgnr.h"
#include "kk-test-util.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = kk_test_mkdtemp ();
  f->db = g_build_filename (f->dir, "k.db", NULL);
  g_assert_cmpint (kk_test_run_cli (f->db, (const char * const[]) { "init", NULL }, NULL, NULL), ==, 0);
  g_assert_cmpint (kk_test_run_cli (f->db, (const char * const[]) { "supplier", "add", "--name", "Första AB", "--org-number", "556012-5790", NULL }, NULL, NULL), ==, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  kk_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
checkpoint_and_dump (const char *db)
{
  g_free (kk_test_sqlite3 (db, "PRAGMA wal_checkpoint(TRUNCATE)"));
  return kk_test_dump_db (db);
}

static void
test_not_sqlite (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *err = NULL, *content = NULL;
  const char *text = "Mötesanteckningar\nDetta är ingen databas, men den är lång nog att ha en rubrik på 100 byte.\n";

  g_file_set_contents (path, text, -1, NULL);
  g_assert_cmpint (kk_test_run_cli (path, (const char * const[]) { "supplier", "list", NULL }, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, "not a Kravkoll database"));
  g_file_get_contents (path, &content, NULL, NULL);
  g_assert_cmpstr (content, ==, text);
}

static void
test_corrupt (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL, *content = NULL, *after = NULL;
  gsize len;
  FILE *fp;

  g_free (kk_test_sqlite3 (f->db, "PRAGMA wal_checkpoint(TRUNCATE)"));
  g_assert_true (g_file_get_contents (f->db, &content, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  /* Overwrite the second page onward with garbage, keeping the header. */
  fp = fopen (f->db, "r+b");
  g_assert_nonnull (fp);
  fseek (fp, 4096, SEEK_SET);
  for (gsize i = 4096; i < len; i++)
    fputc ((int) (i * 7919 % 251), fp);
  fclose (fp);
  g_free (content);
  g_file_get_contents (f->db, &content, &len, NULL);

  g_assert_cmpint (kk_test_run_cli (f->db, (const char * const[]) { "supplier", "add", "--name", "Andra AB", "--org-number", "556703-7485", NULL }, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, f->db));
  g_assert_true (strstr (err, "damaged") != NULL || strstr (err, "not a Kravkoll database") != NULL);
  /* We did not write into the damaged file. */
  g_file_get_contents (f->db, &after, NULL, NULL);
  g_assert_true (memcmp (content, after, len) == 0);
}

static void
drop_privileges (gpointer user_data)
{
  /* Run as "nobody" so file permissions apply (the tests may run as root). */
  if (setgid (65534) != 0 || setuid (65534) != 0)
    _exit (99);
}

static void
test_read_only (Fixture *f, gconstpointer data)
{
  g_autofree char *before = checkpoint_and_dump (f->db), *after = NULL, *err = NULL;
  const char *argv[] = { g_getenv ("KRAVKOLL_CLI"), "--db", f->db, "supplier", "add",
                         "--name", "Andra AB", "--org-number", "556703-7485", NULL };
  gboolean root = geteuid () == 0;
  int status;

  g_chmod (f->db, 0444);
  if (root)
    {
      /* nobody can enter the directory and read, but not write, the file. */
      g_chmod (f->dir, 0755);
      if (g_access (g_getenv ("KRAVKOLL_CLI"), X_OK) != 0)
        {
          g_test_skip ("the CLI is not executable for the unprivileged user");
          return;
        }
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, root ? drop_privileges : NULL, NULL,
                NULL, &err, &status, NULL);
  if (root && WIFEXITED (status) && WEXITSTATUS (status) == 99)
    {
      g_test_skip ("cannot switch to an unprivileged user");
      return;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_nonnull (strstr (err, f->db));
  g_chmod (f->db, 0600);
  after = checkpoint_and_dump (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autofree char *before = checkpoint_and_dump (f->db), *after = NULL, *err = NULL;
  sqlite3 *holder = NULL;
  int status;
  const char *argv[] = { g_getenv ("KRAVKOLL_CLI"), "--db", f->db, "supplier", "add",
                         "--name", "Andra AB", "--org-number", "556703-7485", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "KRAVKOLL_BUSY_TIMEOUT_MS", "300", TRUE);

  /* Another program holds the write lock for the whole attempt. */
  g_assert_cmpint (sqlite3_open (f->db, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE; UPDATE supplier SET note = note", NULL, NULL, NULL), ==, SQLITE_OK);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, NULL);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "in use by another program"));

  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
  after = checkpoint_and_dump (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 256 * 1024, 256 * 1024 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autofree char *before = checkpoint_and_dump (f->db), *after = NULL, *err = NULL, *check = NULL;
  const char *argv[] = { g_getenv ("KRAVKOLL_CLI"), "--db", f->db, "demo", "--requirements", "3000",
                         "--suppliers", "300", "--procurements", "60", NULL };
  int status;

  /* The demo data set is far larger than 256 KiB: the write fails midway. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, limit_file_size, NULL,
                NULL, &err, &status, NULL);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_true (strstr (err, "disk is full") != NULL || strstr (err, "could not be written") != NULL);
  check = kk_test_sqlite3 (f->db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  after = checkpoint_and_dump (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_concurrent_writers (Fixture *f, gconstpointer data)
{
  const guint n = 12;
  GPid pids[12];
  g_autofree char *count = NULL, *audit = NULL;

  /* Twelve programs add suppliers at the same moment; none may be lost and
   * none may fail with "database is locked". */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Samtidig %u AB", i);
      g_autofree char *org = NULL;
      char digits[11];
      g_autoptr(GError) error = NULL;

      g_snprintf (digits, sizeof digits, "55677%04u", i);
      for (char d = '0'; d <= '9'; d++)
        {
          digits[9] = d;
          if (kk_orgnr_luhn_valid (digits))
            break;
        }
      org = g_strdup (digits);
      {
        const char *argv[] = { g_getenv ("KRAVKOLL_CLI"), "--db", f->db, "supplier", "add",
                               "--name", name, "--org-number", org, NULL };
        g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                       NULL, NULL, &pids[i], &error);
        g_assert_no_error (error);
      }
    }
  for (guint i = 0; i < n; i++)
    {
      int status;
      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_spawn_close_pid (pids[i]);
    }
  count = kk_test_sqlite3 (f->db, "SELECT count(*) FROM supplier");
  g_assert_cmpstr (count, ==, "13");
  audit = kk_test_sqlite3 (f->db, "SELECT count(*) FROM audit_log WHERE action = 'supplier.add'");
  g_assert_cmpstr (audit, ==, "13");
}

static void
test_backup_restore (Fixture *f, gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *before = checkpoint_and_dump (f->db), *restored = NULL, *err = NULL, *out = NULL;

  g_assert_cmpint (kk_test_run_cli (f->db, (const char * const[]) { "backup", "-o", copy, NULL }, NULL, NULL), ==, 0);
  /* Refuses to overwrite. */
  g_assert_cmpint (kk_test_run_cli (f->db, (const char * const[]) { "backup", "-o", copy, NULL }, NULL, &err), ==, 1);
  /* The backup opens as a database of its own with the same content. */
  g_assert_cmpint (kk_test_run_cli (copy, (const char * const[]) { "supplier", "list", NULL }, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Första AB"));
  restored = kk_test_dump_db (copy);
  g_assert_cmpstr (before, ==, restored);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/faults/not-sqlite", test_not_sqlite);
  ADD ("/faults/corrupt", test_corrupt);
  ADD ("/faults/read-only", test_read_only);
  ADD ("/faults/locked", test_locked);
  ADD ("/faults/disk-full", test_disk_full);
  ADD ("/faults/concurrent-writers", test_concurrent_writers);
  ADD ("/faults/backup-restore", test_backup_restore);
#undef ADD
  return g_test_run ();
}
