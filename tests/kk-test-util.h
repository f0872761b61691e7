// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kk-database.h"

G_BEGIN_DECLS

/* In a GUI test case: skips it when there is no display (the test file has
 * a static gboolean have_display, set from gtk_init_check ()). */
#define SKIP_WITHOUT_DISPLAY() \
  G_STMT_START { \
    if (!have_display) \
      { \
        g_test_skip ("no display (run under Xvfb: build-aux/test)"); \
        return; \
      } \
  } G_STMT_END

/* A fresh temporary directory, removed by kk_test_rmdir(). */
char       *kk_test_mkdtemp        (void);
void        kk_test_rmdir          (const char *dir);
/* A new database in a temporary directory (bundled catalogue loaded). */
KkDatabase *kk_test_open_db        (char **dir_out);
/* SELECT returning one integer. */
gint64      kk_test_query_int      (KkDatabase *db, const char *sql);
/* Runs the sqlite3 command-line tool on @db_path (an independent reader). */
char       *kk_test_sqlite3        (const char *db_path, const char *sql);
/* Runs kravkoll-cli with "--db" @db_path and @argv; returns the exit status. */
int         kk_test_run_cli        (const char         *db_path,
                                    const char * const *argv,
                                    char              **out,
                                    char              **err);
/* Runs /usr/bin/python3 @script_in_srcdir with @argv; returns the exit status. */
int         kk_test_run_python     (const char         *script,
                                    const char * const *argv,
                                    char              **out,
                                    char              **err);
/* Content of every user table as text, for "database unchanged" checks. */
char       *kk_test_dump_db        (const char *db_path);

G_END_DECLS
