// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kravkoll"

#include <glib/gi18n.h>
#include <locale.h>

#include "kk-application.h"
#include "kk-gui.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(KkApplication) app = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;
  int status;

  setlocale (LC_ALL, "");
  /* KRAVKOLL_LOCALEDIR lets an uninstalled build use its own translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KRAVKOLL_LOCALEDIR") ? g_getenv ("KRAVKOLL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Without its settings schema GSettings aborts; say what is missing
   * instead (running from a build tree needs GSETTINGS_SCHEMA_DIR). */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("kravkoll: the settings schema %s is not installed; "
                    "install Kravkoll or set GSETTINGS_SCHEMA_DIR to the folder with its compiled schema\n"),
                  APP_ID);
      return 1;
    }

  kk_gui_init_display ();
  app = kk_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  if (status == 0 && kk_application_get_failed (app))
    status = 1;
  return status;
}
