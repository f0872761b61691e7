// SPDX-License-Identifier: GPL-3.0-or-later
/* The baseline for the startup benchmark: the smallest GTK 4 application
 * that opens a window, quitting after its first frame like
 * KRAVKOLL_QUIT_AFTER_FIRST_FRAME=1 does for Kravkoll. Built a second time
 * with MINIMAL_ADWAITA as an AdwApplication with an AdwApplicationWindow:
 * what libadwaita alone (its style sheet, its style manager) adds. */
#ifdef MINIMAL_ADWAITA
#include <adwaita.h>
#else
#include <gtk/gtk.h>
#endif

static void
after_paint_cb (GdkFrameClock *clock, GApplication *app)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  /* As Kravkoll does under KRAVKOLL_QUIT_AFTER_FIRST_FRAME. */
  g_print ("frame-painted-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static void
map_cb (GtkWidget *window, GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GtkApplication *app)
{
#ifdef MINIMAL_ADWAITA
  GtkWidget *window = adw_application_window_new (app);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Minimal"));
#else
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Minimal"));
#endif
  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
#ifdef MINIMAL_ADWAITA
  g_autoptr(GtkApplication) app = GTK_APPLICATION (adw_application_new ("io.github.kravkoll.MinimalAdwaita",
                                                                        G_APPLICATION_NON_UNIQUE));
#else
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.kravkoll.MinimalWindow",
                                                       G_APPLICATION_NON_UNIQUE);
#endif

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
