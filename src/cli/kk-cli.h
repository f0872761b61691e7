// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <json-glib/json-glib.h>

#include "kk-database.h"

G_BEGIN_DECLS

/* Exit statuses, as in the design. */
enum {
  KK_EXIT_OK = 0,
  KK_EXIT_REFUSED = 1,   /* bad data; nothing changed */
  KK_EXIT_USAGE = 2,
};

typedef struct {
  char       *db_path;
  KkDatabase *db;        /* opened lazily by kk_cli_open_db() */
} KkCli;

/* A command: argv[0] is the command word ("supplier"), argv[1..] its words. */
typedef int (*KkCliCommandFunc) (KkCli *cli, int argc, char **argv);

/* Opens the database; on failure prints the error and returns NULL. */
KkDatabase *kk_cli_open_db   (KkCli *cli);
/* Prints "kravkoll-cli: MESSAGE" on stderr and returns @status. */
int         kk_cli_fail      (int status, const char *format, ...) G_GNUC_PRINTF (2, 3);
int         kk_cli_fail_error (const GError *error);
/* Parses @entries from argv in place (GOptionContext); on error prints usage
 * for @command and returns FALSE. */
gboolean    kk_cli_parse     (const char   *command,
                              const char   *parameter_string,
                              GOptionEntry *entries,
                              int          *argc,
                              char       ***argv);
/* --format tsv|json: returns TRUE for json, FALSE for tsv; -1 on a bad value. */
int         kk_cli_format_is_json (const char *format);
/* Prints a JSON node followed by a newline on stdout. */
void        kk_cli_print_json (JsonNode *node);
/* Prints one TSV row: tabs and newlines inside values become spaces. */
void        kk_cli_print_tsv_row (const char *first, ...) G_GNUC_NULL_TERMINATED;

int kk_cli_supplier    (KkCli *cli, int argc, char **argv);
int kk_cli_procurement (KkCli *cli, int argc, char **argv);
int kk_cli_answer      (KkCli *cli, int argc, char **argv);
int kk_cli_audit       (KkCli *cli, int argc, char **argv);
int kk_cli_catalog     (KkCli *cli, int argc, char **argv);
int kk_cli_appendix    (KkCli *cli, int argc, char **argv);
int kk_cli_checklist   (KkCli *cli, int argc, char **argv);
int kk_cli_checklist_import (KkCli *cli, int argc, char **argv);
int kk_cli_matrix      (KkCli *cli, int argc, char **argv);
int kk_cli_demo        (KkCli *cli, int argc, char **argv);
int kk_cli_backup      (KkCli *cli, int argc, char **argv);

G_END_DECLS
