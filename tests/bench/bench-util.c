// SPDX-License-Identifier: GPL-3.0-or-later
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

double
bench_median (const double *values,
              guint         n)
{
  g_autofree double *copy = g_memdup2 (values, n * sizeof (double));

  qsort (copy, n, sizeof (double), compare_double);
  return n % 2 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
}

double
bench_wall_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

double
bench_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static char *
spawn (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed (status %d): %s", argv[0], argv[1] ? argv[1] : "", status, err);
  return out;
}

char *
bench_cli (const char         *db_path,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("KRAVKOLL_CLI");

  if (cli == NULL)
    g_error ("KRAVKOLL_CLI is not set (run through meson test --benchmark)");
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return spawn ((const char * const *) argv->pdata);
}

char *
bench_python (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "/usr/bin/python3");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return spawn ((const char * const *) argv->pdata);
}

char *
bench_sqlite3 (const char *db_path,
               const char *sql)
{
  const char *argv[] = { "sqlite3", "-batch", "-bail", db_path, sql, NULL };

  return g_strchomp (spawn (argv));
}

char *
bench_demo_db (char **dir_out)
{
  const char * const demo[] = { "demo", "--requirements", "10000", "--suppliers", "2000",
                                "--procurements", "500", NULL };
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kravkoll-bench-XXXXXX", &error);
  char *db;
  double start = bench_wall_ms ();

  if (dir == NULL)
    g_error ("%s", error->message);
  db = g_build_filename (dir, "large.db", NULL);
  g_free (bench_cli (db, demo));
  printf ("demo database (10,000 requirements, 2,000 suppliers, 500 procurements, 200,000 answers): %.1f s\n",
          (bench_wall_ms () - start) / 1000);
  *dir_out = dir;
  return db;
}

char *
bench_procurement_500 (const char *db_path,
                       GStrv      *codes_out)
{
  const char * const list[] = { "catalog", "list", "--format", "tsv", NULL };
  const char * const suppliers[] = { "supplier", "list", "--format", "tsv", NULL };
  g_autofree char *listed = bench_cli (db_path, list);
  g_autofree char *supplier_list = NULL;
  g_auto(GStrv) lines = g_strsplit (listed, "\n", -1);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) code_array = NULL;
  g_auto(GStrv) supplier_fields = NULL;
  g_autofree char *joined = NULL;
  char *org_number;
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && n < 500; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 2);

      if (fields[0] != NULL && *fields[0] != '\0')
        {
          g_strv_builder_add (codes, fields[0]);
          n++;
        }
    }
  g_assert (n == 500);
  code_array = g_strv_builder_end (codes);
  joined = g_strjoinv (",", code_array);
  {
    const char * const create[] = { "procurement", "create", "--title", "Bench 500", "--dnr", BENCH_DNR,
                                    "--requirements", joined, NULL };
    const char * const publish[] = { "procurement", "publish", BENCH_DNR, NULL };

    g_free (bench_cli (db_path, create));
    g_free (bench_cli (db_path, publish));
  }
  supplier_list = bench_cli (db_path, suppliers);
  supplier_fields = g_strsplit (supplier_list, "\t", 3);
  g_assert (supplier_fields[0] != NULL && supplier_fields[1] != NULL);
  org_number = g_strdup (supplier_fields[1]);
  {
    const char * const add[] = { "procurement", "add-supplier", BENCH_DNR, org_number, NULL };

    g_free (bench_cli (db_path, add));
  }
  if (codes_out != NULL)
    *codes_out = g_steal_pointer (&code_array);
  return org_number;
}

void
bench_remove_db (char *dir,
                 char *db_path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (db_path);
  g_free (dir);
}
