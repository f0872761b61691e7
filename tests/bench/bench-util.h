// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Helpers shared by the benchmarks that work on a city-scale database. */

#include <glib.h>

G_BEGIN_DECLS

#define BENCH_DNR "BENCH-500"

double  bench_median        (const double *values,
                             guint         n);
/* Wall clock and this thread's CPU time, in ms. */
double  bench_wall_ms       (void);
double  bench_cpu_ms        (void);

/* Runs $KRAVKOLL_CLI --db @db_path @args (NULL-terminated); aborts unless it
 * exits with 0. Returns its standard output. */
char   *bench_cli           (const char         *db_path,
                             const char * const *args);
/* The same for /usr/bin/python3 @args. */
char   *bench_python        (const char * const *args);
/* sqlite3 @db_path @sql: the independent reader. */
char   *bench_sqlite3       (const char         *db_path,
                             const char         *sql);

/* kravkoll-cli demo at city scale (10,000 requirements, 2,000 suppliers,
 * 500 procurements, 200,000 answers) in a new temporary directory; prints
 * how long it took. Returns the database path; *dir_out the directory. */
char   *bench_demo_db       (char              **dir_out);
/* A published procurement BENCH_DNR of the catalogue's first 500
 * requirements with one supplier, whose organisation number is returned.
 * *codes_out (optional): the 500 codes. */
char   *bench_procurement_500 (const char       *db_path,
                               GStrv            *codes_out);
void    bench_remove_db     (char              *dir,
                             char              *db_path);

G_END_DECLS
