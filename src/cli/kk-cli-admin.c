// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kravkoll-cli"

#include <glib/gi18n.h>

#include "kk-cli.h"
#include "kk-demo.h"

int
kk_cli_demo (KkCli *cli, int argc, char **argv)
{
  int requirements = 10000, suppliers = 2000, procurements = 500;
  int per_procurement = 50, suppliers_per = 10;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "requirements", 0, 0, G_OPTION_ARG_INT, &requirements, N_("Catalogue size (default 10000)"), N_("N") },
    { "suppliers", 0, 0, G_OPTION_ARG_INT, &suppliers, N_("Number of suppliers (default 2000)"), N_("N") },
    { "procurements", 0, 0, G_OPTION_ARG_INT, &procurements, N_("Number of procurements (default 500)"), N_("N") },
    { "requirements-per-procurement", 0, 0, G_OPTION_ARG_INT, &per_procurement, N_("Requirements in each procurement (default 50)"), N_("N") },
    { "suppliers-per-procurement", 0, 0, G_OPTION_ARG_INT, &suppliers_per, N_("Suppliers in each procurement (default 10)"), N_("N") },
    { NULL }
  };
  KkDemoOptions options = { 0 };
  KkDemoResult result = { 0 };
  KkDatabase *db;
  gint64 start;

  if (!kk_cli_parse ("demo", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc > 1 || requirements < 0 || suppliers < 0 || procurements < 0 ||
      per_procurement < 1 || suppliers_per < 0 ||
      requirements > 100000 || suppliers > 1000000 || procurements > 100000)
    return kk_cli_fail (KK_EXIT_USAGE, _("demo: the numbers must be positive and reasonable"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;

  options.requirements = requirements;
  options.suppliers = suppliers;
  options.procurements = procurements;
  options.requirements_per_procurement = per_procurement;
  options.suppliers_per_procurement = suppliers_per;

  start = g_get_monotonic_time ();
  if (!kk_demo_generate (db, &options, &result, &error))
    return kk_cli_fail_error (error);
  g_print (_("Generated %u requirements, %u suppliers, %u procurements and %u answers in %.1f s\n"),
           result.requirements, result.suppliers, result.procurements, result.answers,
           (g_get_monotonic_time () - start) / 1e6);
  return KK_EXIT_OK;
}

int
kk_cli_backup (KkCli *cli, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Backup file to write"), N_("FILE") },
    { NULL }
  };
  KkDatabase *db;

  if (!kk_cli_parse ("backup", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (output == NULL || argc > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("backup needs -o FILE"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if (g_file_test (output, G_FILE_TEST_EXISTS))
    return kk_cli_fail (KK_EXIT_REFUSED, _("%s already exists; choose a new file name"), output);
  if (!kk_database_backup_to (db, output, &error))
    return kk_cli_fail_error (error);
  g_print (_("Backed up %s to %s\n"), kk_database_get_path (db), output);
  return KK_EXIT_OK;
}
