// SPDX-License-Identifier: GPL-3.0-or-later
/* kk_gui_init_display (): GTK's settings start on libadwaita's empty theme
 * (its "Default" theme is never parsed), libadwaita's style sheet still
 * applies, GTK_THEME is left unset, and a theme the user chose is kept. */
#include <adwaita.h>
#include <math.h>

#include "kk-gui.h"

/* Whether @widget's text colour is @expected (to a hundredth). */
static gboolean
has_color (GtkWidget  *widget,
           const char *expected)
{
  GdkRGBA color, want;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_true (gdk_rgba_parse (&want, expected));
  return fabs (color.red - want.red) < 0.01 && fabs (color.green - want.green) < 0.01 &&
         fabs (color.blue - want.blue) < 0.01;
}

/* A label of @css_class in a window. */
static GtkWidget *
styled_label (const char *css_class)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("Kravkoll");

  gtk_widget_add_css_class (label, css_class);
  gtk_window_set_child (GTK_WINDOW (window), label);
  return label;
}

static void
test_empty_theme (void)
{
  GtkWidget *before, *error_label, *accent_label;

  kk_gui_init_display ();
  g_assert_null (g_getenv ("GTK_THEME"));
  if (gdk_display_get_default () == NULL)
    {
      /* Only when there is no display to open. */
      g_assert_false (gtk_init_check ());
      g_test_skip ("no display");
      return;
    }
  /* Before libadwaita, the settings are on the empty theme: GTK's own
   * "Default" theme, which colours label.error #cc0000, is not loaded. */
  before = styled_label ("error");
  g_assert_false (has_color (before, "#cc0000"));

  /* libadwaita's style sheet applies: its error colour, and its accent
   * colour (blue 4) on a label of class "accent". */
  adw_init ();
  error_label = styled_label ("error");
  accent_label = styled_label ("accent");
  g_assert_true (has_color (error_label, "#c01c28"));
  g_assert_true (has_color (accent_label, "#1c71d8"));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (before)));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (error_label)));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (accent_label)));
}

/* A theme the user set with GTK_THEME is left to GTK and libadwaita. */
static void
test_user_theme (void)
{
  if (g_test_subprocess ())
    {
      kk_gui_init_display ();
      g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Default");
      /* GTK's own theme, as the user asked. */
      if (gdk_display_get_default () != NULL)
        g_assert_true (has_color (styled_label ("error"), "#cc0000"));
      return;
    }
  g_setenv ("GTK_THEME", "Default", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("GTK_THEME");
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/display/user-theme", test_user_theme);
  g_test_add_func ("/display/empty-theme", test_empty_theme);
  return g_test_run ();
}
