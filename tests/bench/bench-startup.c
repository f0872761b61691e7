// SPDX-License-Identifier: GPL-3.0-or-later
/* Startup time and peak memory of Kravkoll on a large database, against the
 * minimal GTK 4 window built in the same tree, measured in the same run.
 * Both quit after their first frame. Needs a display (run under Xvfb). */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

typedef struct {
  double seconds;
  long   max_rss_kib;
} Run;

static Run
run_once (const char * const *argv, char **envp)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  Run result = { 0 };
  gint64 start = g_get_monotonic_time ();
  GPid pid;
  int status;

  if (!g_spawn_async (NULL, (char **) argv, envp,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (wait4 (pid, &status, 0, &usage) != pid)
    g_error ("wait4 failed");
  result.seconds = (g_get_monotonic_time () - start) / 1e6;
  result.max_rss_kib = usage.ru_maxrss;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s did not exit cleanly (status %d)", argv[0], status);
  g_spawn_close_pid (pid);
  return result;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
measure (const char * const *argv, char **envp, guint runs, double *median_s, long *rss_kib)
{
  g_autofree double *times = g_new (double, runs);

  *rss_kib = 0;
  run_once (argv, envp);  /* warm the page cache */
  for (guint i = 0; i < runs; i++)
    {
      Run r = run_once (argv, envp);
      times[i] = r.seconds;
      *rss_kib = MAX (*rss_kib, r.max_rss_kib);
    }
  qsort (times, runs, sizeof (double), compare_double);
  *median_s = times[runs / 2];
}

int
main (int argc, char **argv)
{
  const char *cli = g_getenv ("KRAVKOLL_CLI");
  const char *gui = g_getenv ("KRAVKOLL_GUI");
  const char *minimal = g_getenv ("KRAVKOLL_MINIMAL_WINDOW");
  g_autofree char *dir = NULL, *db = NULL;
  g_auto(GStrv) envp = NULL;
  double app_s, base_s;
  long app_rss, base_rss;
  guint runs = 7;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("startup: skipped, no display (run under xvfb-run)\n");
      return 77;
    }
  g_assert_nonnull (cli);
  g_assert_nonnull (gui);
  g_assert_nonnull (minimal);

  dir = g_dir_make_tmp ("kravkoll-bench-XXXXXX", NULL);
  db = g_build_filename (dir, "large.db", NULL);
  {
    const char *demo[] = { cli, "--db", db, "demo", "--requirements", "10000", "--suppliers", "2000",
                           "--procurements", "500", NULL };
    Run r = run_once (demo, NULL);
    g_print ("demo database (10,000 requirements, 2,000 suppliers, 500 procurements, 200,000 answers): %.1f s\n",
             r.seconds);
  }

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "KRAVKOLL_QUIT_AFTER_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "GDK_DEBUG", "gl-disable", TRUE);
  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
  {
    const char *app_argv[] = { gui, "--db", db, NULL };
    const char *base_argv[] = { minimal, NULL };

    measure (base_argv, envp, runs, &base_s, &base_rss);
    measure (app_argv, envp, runs, &app_s, &app_rss);
  }

  g_print ("startup to first frame (median of %u): kravkoll %.0f ms, minimal window %.0f ms, ratio %.2f (target <= 1.5)\n",
           runs, app_s * 1000, base_s * 1000, app_s / base_s);
  g_print ("peak RSS: kravkoll %.1f MB, minimal window %.1f MB, ratio %.2f (target < 100 MB)\n",
           app_rss / 1024.0, base_rss / 1024.0, (double) app_rss / base_rss);

  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL), *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return app_rss / 1024.0 < 100.0 ? 0 : 1;
}
