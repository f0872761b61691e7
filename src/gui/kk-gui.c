// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-gui"

#include <glib/gi18n.h>

#include "kk-gui.h"
#include "kk-gui-resources.h"

void
kk_gui_init (void)
{
  static gsize done = 0;

  /* Registered by hand: a resource's constructor in a static library is
   * dropped by the linker when nothing references its object file. */
  if (g_once_init_enter (&done))
    {
      kk_gui_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

/* libadwaita replaces GTK's own theme with its empty "Adwaita-empty" and
 * its own style sheet, but only after GTK has parsed its "Default" theme
 * for the display's settings: some 30 ms of start-up spent on CSS that is
 * thrown away. Creating the settings with GTK_THEME naming the empty theme
 * skips that parse. GTK_THEME is unset again before AdwApplication starts:
 * libadwaita leaves its style sheet out when it is set.
 *
 * It is set before any thread exists. By the time it is unset, GTK has
 * started threads (fontconfig's set-up, GDBus) that may read the
 * environment; the variable added last is the last entry, and removing
 * it moves no other. */
void
kk_gui_init_display (void)
{
  if (g_getenv ("GTK_THEME") != NULL
      || !g_resources_get_info ("/org/gtk/libgtk/theme/Adwaita-empty/gtk.css", 0, NULL, NULL, NULL))
    return;

  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  if (gtk_init_check ())
    gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root;

  if (widget == NULL)
    return NULL;
  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

AdwMessageDialog *
kk_gui_message (GtkWidget  *parent,
                const char *heading,
                const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window_of (parent), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

AdwMessageDialog *
kk_gui_error (GtkWidget    *parent,
              const char   *heading,
              const GError *error)
{
  return kk_gui_message (parent, heading, error ? error->message : NULL);
}

AdwToast *
kk_gui_toast_new (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title ? title : "", -1);

  return adw_toast_new (escaped);
}

static void
open_uri_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kk_gui_error (parent, _("Could Not Open the File"), error);
}

void
kk_gui_open_uri (GtkWidget  *parent,
                 const char *uri)
{
  GtkWindow *window = window_of (parent);

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
        g_warning ("Cannot open %s: %s", uri, error->message);
      return;
    }
  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, open_uri_done_cb, g_object_ref (parent));
}
