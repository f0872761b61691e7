// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kravkoll"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "kk-application.h"

/* libadwaita replaces GTK's own theme with its empty "Adwaita-empty" and
 * its own style sheet, but only after GTK has parsed its "Default" theme
 * for the display's settings: some 30 ms of start-up spent on CSS that is
 * thrown away. Creating the settings with GTK_THEME naming the empty theme
 * skips that parse. GTK_THEME is unset again before AdwApplication starts:
 * libadwaita leaves its style sheet out when it is set. Done here, before
 * any thread exists, and only when the user has chosen no theme. */
static void
init_display_without_default_theme (void)
{
  if (g_getenv ("GTK_THEME") != NULL
      || !g_resources_get_info ("/org/gtk/libgtk/theme/Adwaita-empty/gtk.css", 0, NULL, NULL, NULL))
    return;

  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  if (gtk_init_check ())
    gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");
}

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

  init_display_without_default_theme ();
  app = kk_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  if (status == 0 && kk_application_get_failed (app))
    status = 1;
  return status;
}
