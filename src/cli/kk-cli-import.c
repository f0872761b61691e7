// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kravkoll-cli"

#include <glib/gi18n.h>

#include "kk-checklist-import.h"
#include "kk-cli.h"
#include "kk-store.h"
#include "kk-types.h"

static void
print_change (KkImportChange *c)
{
  g_print ("  %s %u  %-12s %s → %s", _("row"), c->row, c->code,
           kk_answer_status_label (c->old_status), kk_answer_status_label (c->status));
  if (g_strcmp0 (c->old_comment, c->comment) != 0)
    g_print (_("; comment “%s”"), c->comment);
  if (g_strcmp0 (c->old_evidence, c->evidence) != 0)
    g_print (_("; evidence “%s”"), c->evidence);
  g_print ("\n");
}

/* checklist import PROCUREMENT FILE.xlsx [--dry-run] [--overwrite] */
int
kk_cli_checklist_import (KkCli *cli, int argc, char **argv)
{
  gboolean dry_run = FALSE, overwrite = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) procurement = NULL;
  g_autoptr(KkChecklistImport) import = NULL;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what would change; change nothing"), NULL },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite, N_("Also replace answers an officer has set"), NULL },
    { NULL }
  };
  guint n_new = 0, n_changed = 0, applied = 0;
  KkDatabase *db;

  if (!kk_cli_parse ("checklist import", N_("PROCUREMENT FILE.xlsx"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 3)
    return kk_cli_fail (KK_EXIT_USAGE, _("checklist import needs PROCUREMENT and FILE.xlsx"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((procurement = kk_store_find_procurement (db, argv[1], &error)) == NULL)
    return kk_cli_fail_error (error);

  import = kk_checklist_import_read (db, procurement->id, argv[2], &error);
  if (import == NULL)
    return kk_cli_fail_error (error);

  g_print (_("File: %s (SHA-256 %s)\n"), import->file_name, import->sha256);
  g_print (_("Procurement %s, supplier %s (%s)\n"), import->dnr, import->supplier_name, import->org_number);

  for (guint i = 0; i < import->changes->len; i++)
    {
      KkImportChange *c = g_ptr_array_index (import->changes, i);
      if (g_str_equal (c->old_status, "unanswered") && !c->overwrites_officer)
        n_new++;
      else
        n_changed++;
    }
  if (n_new > 0)
    {
      g_print (_("New answers (%u):\n"), n_new);
      for (guint i = 0; i < import->changes->len; i++)
        {
          KkImportChange *c = g_ptr_array_index (import->changes, i);
          if (g_str_equal (c->old_status, "unanswered") && !c->overwrites_officer)
            print_change (c);
        }
    }
  if (n_changed > 0)
    {
      g_print (_("Changed answers (%u):\n"), n_changed);
      for (guint i = 0; i < import->changes->len; i++)
        {
          KkImportChange *c = g_ptr_array_index (import->changes, i);
          if (!g_str_equal (c->old_status, "unanswered") || c->overwrites_officer)
            {
              print_change (c);
              if (c->overwrites_officer && !overwrite)
                g_print ("      %s\n", _("kept: an officer set this answer (use --overwrite to replace it)"));
            }
        }
    }
  if (import->problems->len > 0)
    {
      g_print (_("Refused rows (%u):\n"), import->problems->len);
      for (guint i = 0; i < import->problems->len; i++)
        {
          KkImportProblem *p = g_ptr_array_index (import->problems, i);
          if (p->column != NULL)
            g_print (_("  sheet “%s”, row %u, column %s: %s\n"), p->sheet, p->row, p->column, p->message);
          else
            g_print (_("  sheet “%s”, row %u: %s\n"), p->sheet, p->row, p->message);
        }
    }
  g_print (_("Unchanged: %u, left empty: %u\n"), import->unchanged, import->unanswered);

  if (dry_run)
    {
      g_print ("%s\n", _("Dry run: nothing was changed."));
      return import->problems->len > 0 ? KK_EXIT_REFUSED : KK_EXIT_OK;
    }
  if (!kk_checklist_import_apply (db, import, overwrite, &applied, &error))
    return kk_cli_fail_error (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u answer.\n", "Imported %u answers.\n", applied), applied);
  return KK_EXIT_OK;
}
