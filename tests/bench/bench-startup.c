// SPDX-License-Identifier: GPL-3.0-or-later
/* Startup time and peak memory of Kravkoll on a large database (10,000
 * requirements, 2,000 suppliers, 500 procurements, 200,000 answers),
 * against the minimal GTK 4 window built in the same tree, measured in the
 * same run. Needs a display (run under Xvfb).
 *
 * Programs, each run in turn (one of each per round, so that a machine
 * getting busier slows all of them alike), quitting after:
 *   minimal window     its first frame (the baseline);
 *   minimal Adwaita    its first frame (what libadwaita alone adds; shown
 *                      for reading the figures, not a target);
 *   kravkoll           its first frame (KRAVKOLL_QUIT_AFTER_FIRST_FRAME=1);
 *   kravkoll, loaded   the frame that shows the 10,000 catalogue rows
 *                      (KRAVKOLL_QUIT_AFTER_FIRST_FRAME=loaded).
 *
 * Each prints the monotonic time of that frame ("frame-painted-us N"): the
 * figures are from process start (just before the spawn) to that frame, so
 * the time each takes to shut down is not counted (it is printed too).
 * Prints the median wall time of each and the peak RSS; the time to first
 * frame is compared with the baseline (target: at most 1.5 times), the peak
 * RSS with the data loaded with 100 MB (fails above). */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_RUNS 9

typedef struct {
  double seconds;        /* to the end of the process */
  double frame_seconds;  /* to the frame it reported painting (0 if none) */
  long   max_rss_kib;
} Run;

typedef struct {
  const char  *name;
  const char **argv;
  char       **envp;
  double       times[N_RUNS];
  double       frame_times[N_RUNS];
  long         max_rss_kib;
} Program;

static Run
run_once (const char * const *argv, char **envp)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  Run result = { 0 };
  gint64 start = g_get_monotonic_time ();
  char output[4096];
  ssize_t n;
  const char *line;
  GPid pid;
  int status, out_fd;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
  /* The programs print one short line; the pipe holds it until they end. */
  if (wait4 (pid, &status, 0, &usage) != pid)
    g_error ("wait4 failed");
  result.seconds = (g_get_monotonic_time () - start) / 1e6;
  result.max_rss_kib = usage.ru_maxrss;
  n = read (out_fd, output, sizeof output - 1);
  close (out_fd);
  output[MAX (n, 0)] = '\0';
  if ((line = strstr (output, "frame-painted-us ")) != NULL)
    result.frame_seconds = (g_ascii_strtoll (line + strlen ("frame-painted-us "), NULL, 10) - start) / 1e6;
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

static double
median_ms (const double *times)
{
  double sorted[N_RUNS];

  memcpy (sorted, times, sizeof sorted);
  qsort (sorted, N_RUNS, sizeof (double), compare_double);
  return sorted[N_RUNS / 2] * 1000;
}

int
main (int argc, char **argv)
{
  const char *cli = g_getenv ("KRAVKOLL_CLI");
  const char *gui = g_getenv ("KRAVKOLL_GUI");
  const char *minimal = g_getenv ("KRAVKOLL_MINIMAL_WINDOW");
  const char *minimal_adwaita = g_getenv ("KRAVKOLL_MINIMAL_ADWAITA");
  g_autofree char *dir = NULL, *db = NULL;
  g_auto(GStrv) envp = NULL, first_envp = NULL, loaded_envp = NULL;
  double base_ms, adw_ms, app_ms, loaded_ms;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("startup: skipped, no display (run under xvfb-run)\n");
      return 77;
    }
  g_assert_nonnull (cli);
  g_assert_nonnull (gui);
  g_assert_nonnull (minimal);
  g_assert_nonnull (minimal_adwaita);

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
  envp = g_environ_setenv (envp, "GDK_DEBUG", "gl-disable", TRUE);
  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
  first_envp = g_environ_setenv (g_strdupv (envp), "KRAVKOLL_QUIT_AFTER_FIRST_FRAME", "1", TRUE);
  loaded_envp = g_environ_setenv (g_strdupv (envp), "KRAVKOLL_QUIT_AFTER_FIRST_FRAME", "loaded", TRUE);
  {
    const char *base_argv[] = { minimal, NULL };
    const char *adw_argv[] = { minimal_adwaita, NULL };
    const char *app_argv[] = { gui, "--db", db, NULL };
    Program programs[] = {
      { "minimal window", base_argv, first_envp, { 0 }, { 0 }, 0 },
      { "minimal Adwaita window", adw_argv, first_envp, { 0 }, { 0 }, 0 },
      { "kravkoll, first frame", app_argv, first_envp, { 0 }, { 0 }, 0 },
      { "kravkoll, catalogue rows painted", app_argv, loaded_envp, { 0 }, { 0 }, 0 },
    };

    /* Warm the page cache, then the rounds. */
    for (guint p = 0; p < G_N_ELEMENTS (programs); p++)
      run_once (programs[p].argv, programs[p].envp);
    for (guint run = 0; run < N_RUNS; run++)
      for (guint p = 0; p < G_N_ELEMENTS (programs); p++)
        {
          Run r = run_once (programs[p].argv, programs[p].envp);

          if (r.frame_seconds <= 0)
            g_error ("%s did not print the time of its frame", programs[p].name);
          programs[p].times[run] = r.seconds;
          programs[p].frame_times[run] = r.frame_seconds;
          programs[p].max_rss_kib = MAX (programs[p].max_rss_kib, r.max_rss_kib);
        }

    for (guint p = 0; p < G_N_ELEMENTS (programs); p++)
      g_print ("%-34s median of %d: %6.0f ms to the frame, %6.0f ms to the end, peak RSS %5.1f MB\n",
               programs[p].name, N_RUNS, median_ms (programs[p].frame_times), median_ms (programs[p].times),
               programs[p].max_rss_kib / 1024.0);

    base_ms = median_ms (programs[0].frame_times);
    adw_ms = median_ms (programs[1].frame_times);
    app_ms = median_ms (programs[2].frame_times);
    loaded_ms = median_ms (programs[3].frame_times);
    g_print ("process start to its end (the frame, then shutting down): kravkoll %.0f ms, minimal window %.0f ms, "
             "ratio %.2f\n", median_ms (programs[2].times), median_ms (programs[0].times),
             median_ms (programs[2].times) / median_ms (programs[0].times));
    g_print ("startup to first frame: kravkoll %.0f ms, minimal window %.0f ms, ratio %.2f (target <= 1.5: %s); "
             "minimal Adwaita window ratio %.2f\n",
             app_ms, base_ms, app_ms / base_ms, app_ms / base_ms <= 1.5 ? "met" : "NOT met", adw_ms / base_ms);
    g_print ("startup to the 10,000 catalogue rows painted: %.0f ms, ratio %.2f to the minimal window\n",
             loaded_ms, loaded_ms / base_ms);
    g_print ("peak RSS: kravkoll %.1f MB at first frame, %.1f MB with the catalogue loaded; minimal window %.1f MB "
             "(target < 100 MB)\n",
             programs[2].max_rss_kib / 1024.0, programs[3].max_rss_kib / 1024.0, programs[0].max_rss_kib / 1024.0);

    g_unlink (db);
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL), *shm = g_strconcat (db, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
    }
    g_rmdir (dir);
    return programs[3].max_rss_kib / 1024.0 < 100.0 ? 0 : 1;
  }
}
