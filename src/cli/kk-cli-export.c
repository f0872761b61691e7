// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kravkoll-cli"

#include <glib/gi18n.h>

#include "kk-cli.h"
#include "kk-export.h"
#include "kk-store.h"

/* --lang: documents are Swedish unless asked otherwise. */
static gboolean
check_lang (const char *command,
            const char *lang)
{
  if (g_strcmp0 (lang, "sv") == 0 || g_strcmp0 (lang, "en") == 0)
    return TRUE;
  kk_cli_fail (KK_EXIT_USAGE, _("%s: unknown language “%s”: use sv or en"), command, lang);
  return FALSE;
}

int
kk_cli_appendix (KkCli *cli, int argc, char **argv)
{
  g_autofree char *output = NULL, *lang = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("PDF file to write"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Document language: sv (default) or en"), N_("LANG") },
    { NULL }
  };
  KkDatabase *db;

  if (!kk_cli_parse ("appendix", N_("PROCUREMENT"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 2 || output == NULL)
    return kk_cli_fail (KK_EXIT_USAGE, _("appendix needs one PROCUREMENT (id or dnr) and -o FILE.pdf"));
  if (!check_lang ("appendix", lang ? lang : "sv"))
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = kk_store_find_procurement (db, argv[1], &error)) == NULL)
    return kk_cli_fail_error (error);
  if (!kk_export_appendix_pdf (db, p->id, lang ? lang : "sv", output, NULL, NULL, &error))
    return kk_cli_fail_error (error);
  g_print (_("Wrote the requirement appendix for %s to %s\n"), p->dnr, output);
  return KK_EXIT_OK;
}

static int
checklist_export (KkCli *cli, int argc, char **argv)
{
  g_autofree char *output = NULL, *lang = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Workbook to write (.xlsx)"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Document language: sv (default) or en"), N_("LANG") },
    { NULL }
  };
  KkDatabase *db;

  if (!kk_cli_parse ("checklist export", N_("PROCUREMENT SUPPLIER"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 3 || output == NULL)
    return kk_cli_fail (KK_EXIT_USAGE,
                        _("checklist export needs a PROCUREMENT (id or dnr), a SUPPLIER (id or organisation number) and -o FILE.xlsx"));
  if (!check_lang ("checklist export", lang ? lang : "sv"))
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = kk_store_find_procurement (db, argv[1], &error)) == NULL ||
      (s = kk_store_find_supplier (db, argv[2], &error)) == NULL)
    return kk_cli_fail_error (error);
  if (!kk_export_checklist_xlsx (db, p->id, s->id, lang ? lang : "sv", output, &error))
    return kk_cli_fail_error (error);
  g_print (_("Wrote the checklist for %s (%s) in %s to %s\n"), s->name, s->org_number, p->dnr, output);
  return KK_EXIT_OK;
}

int
kk_cli_checklist (KkCli *cli, int argc, char **argv)
{
  if (argc < 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("checklist needs a subcommand: export or import"));
  if (g_strcmp0 (argv[1], "export") == 0)
    return checklist_export (cli, argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "import") == 0)
    return kk_cli_checklist_import (cli, argc - 1, argv + 1);   /* kk-cli-import.c */
  return kk_cli_fail (KK_EXIT_USAGE, _("unknown checklist subcommand “%s”"), argv[1]);
}

int
kk_cli_matrix (KkCli *cli, int argc, char **argv)
{
  g_autofree char *output = NULL, *lang = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Workbook to write (.xlsx)"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Document language: sv or en (default: the interface's)"), N_("LANG") },
    { NULL }
  };
  KkDatabase *db;
  gboolean ok;

  if (!kk_cli_parse ("matrix", N_("PROCUREMENT"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 2 || output == NULL)
    return kk_cli_fail (KK_EXIT_USAGE, _("matrix needs one PROCUREMENT (id or dnr) and -o FILE.xlsx"));
  if (lang != NULL && !check_lang ("matrix", lang))
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = kk_store_find_procurement (db, argv[1], &error)) == NULL)
    return kk_cli_fail_error (error);
  if (lang != NULL)
    ok = kk_export_matrix_xlsx_for_lang (db, p->id, lang, output, &error);
  else
    ok = kk_export_matrix_xlsx (db, p->id, output, &error);
  if (!ok)
    return kk_cli_fail_error (error);
  g_print (_("Wrote the comparison matrix for %s to %s\n"), p->dnr, output);
  return KK_EXIT_OK;
}
