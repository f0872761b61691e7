// SPDX-License-Identifier: GPL-3.0-or-later
/* Checklist import of a returned 500-row workbook on a city-scale database:
 * `kravkoll-cli checklist import --dry-run` (read, check, preview) and the
 * import itself, against /usr/bin/python3 + openpyxl only reading the same
 * workbook, measured in the same run (each a whole process, start-up
 * included). The workbook is the one Kravkoll exports, filled in by
 * tests/checklist-tool.py (openpyxl) as a supplier would; two fillings are
 * imported in turn so that every import changes all 500 answers, and the
 * last one is checked with the sqlite3 tool.
 *
 * Usage: bench-import PATH/TO/checklist-tool.py */
#include <stdio.h>

#include "bench-util.h"

#define N_RUNS 7

static const char *labels[] = { "Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej tillämpligt" };

/* Fills @blank into @out: row i gets labels[(i + shift) % 4], some with a
 * comment and evidence. */
static void
fill (const char  *tool,
      const char  *blank,
      const char  *out,
      GStrv        codes,
      guint        shift)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (tool));
  g_ptr_array_add (argv, g_strdup ("fill"));
  g_ptr_array_add (argv, g_strdup (blank));
  g_ptr_array_add (argv, g_strdup (out));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      guint k = (i + shift) % G_N_ELEMENTS (labels);

      if (k == 1)
        g_ptr_array_add (argv, g_strdup_printf ("%s=%s|Delvis: se bilaga %u", codes[i], labels[k], i + shift));
      else if (k == 2)
        g_ptr_array_add (argv, g_strdup_printf ("%s=%s|Saknas|Rapport %u", codes[i], labels[k], i + shift));
      else
        g_ptr_array_add (argv, g_strdup_printf ("%s=%s", codes[i], labels[k]));
    }
  g_ptr_array_add (argv, NULL);
  g_free (bench_python ((const char * const *) argv->pdata));
}

static double
time_cli (const char         *db,
          const char * const *args)
{
  double start = bench_wall_ms ();

  g_free (bench_cli (db, args));
  return bench_wall_ms () - start;
}

int
main (int    argc,
      char **argv)
{
  static const char read_script[] =
    "import openpyxl, sys\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "print(sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True)))\n";
  g_autofree char *dir = NULL, *db = NULL, *org = NULL;
  g_autofree char *blank = NULL, *file_a = NULL, *file_b = NULL, *check = NULL, *sql = NULL;
  g_auto(GStrv) codes = NULL;
  double dry[N_RUNS], real[N_RUNS], openpyxl[N_RUNS];
  double dry_ms, real_ms, read_ms;
  const char *last = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s PATH/TO/checklist-tool.py\n", argv[0]);
      return 2;
    }

  db = bench_demo_db (&dir);
  org = bench_procurement_500 (db, &codes);
  blank = g_build_filename (dir, "checklist.xlsx", NULL);
  file_a = g_build_filename (dir, "returned-a.xlsx", NULL);
  file_b = g_build_filename (dir, "returned-b.xlsx", NULL);
  {
    const char * const export[] = { "checklist", "export", BENCH_DNR, org, "-o", blank, "--lang", "sv", NULL };

    g_free (bench_cli (db, export));
  }
  fill (argv[1], blank, file_a, codes, 0);
  fill (argv[1], blank, file_b, codes, 1);

  {
    const char * const read_a[] = { "-c", read_script, file_a, NULL };
    g_autofree char *rows = bench_python (read_a);   /* warms the cache, and checks the script */

    g_assert_cmpint (g_ascii_strtoll (rows, NULL, 10), >=, 500);
  }
  for (guint run = 0; run < N_RUNS; run++)
    {
      /* Each import changes every answer: A and B in turn. */
      const char *next = run % 2 == 0 ? file_a : file_b;
      const char * const dry_run[] = { "checklist", "import", BENCH_DNR, next, "--dry-run", NULL };
      const char * const import[] = { "checklist", "import", BENCH_DNR, next, NULL };
      const char * const read[] = { "-c", read_script, next, NULL };
      double start = bench_wall_ms ();

      g_free (bench_python (read));
      openpyxl[run] = bench_wall_ms () - start;
      dry[run] = time_cli (db, dry_run);
      real[run] = time_cli (db, import);
      last = next;
    }

  /* The last import is in the database: every answer of the 500, with the
   * statuses of the file imported last (A: met first, B: partly met). */
  sql = g_strdup_printf ("SELECT count(*) || ' ' || sum(a.status = 'met') || ' ' || sum(a.status = 'partly_met') || ' ' || "
                         "sum(a.status = 'not_met' AND a.evidence LIKE 'Rapport %%') "
                         "FROM answer a JOIN assessment s ON s.id = a.assessment "
                         "JOIN procurement p ON p.id = s.procurement JOIN supplier u ON u.id = s.supplier "
                         "WHERE p.dnr = '%s' AND u.org_number = '%s'", BENCH_DNR, org);
  check = bench_sqlite3 (db, sql);
  g_assert_cmpstr (check, ==, "500 125 125 125");
  g_assert_true (last == file_a);   /* N_RUNS odd: A was imported last */

  dry_ms = bench_median (dry, N_RUNS);
  real_ms = bench_median (real, N_RUNS);
  read_ms = bench_median (openpyxl, N_RUNS);
  printf ("checklist import, 500-row workbook (median of %d, whole processes): dry run %.0f ms, import %.0f ms; "
          "openpyxl reading the same workbook %.0f ms; ratios %.2f and %.2f\n",
          N_RUNS, dry_ms, real_ms, read_ms, dry_ms / read_ms, real_ms / read_ms);

  bench_remove_db (g_steal_pointer (&dir), g_steal_pointer (&db));
  return 0;
}
