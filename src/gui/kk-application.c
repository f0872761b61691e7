// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-application"

#include <glib/gi18n.h>

#include "kk-application.h"
#include "kk-catalog.h"
#include "kk-catalog-page.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-help-window.h"
#include "kk-preferences-window.h"
#include "kk-window.h"

struct _KkApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  KkDatabase     *db;
  GSettings      *settings;
  gboolean        failed;
  GtkWindow      *help_window;   /* weak */
};

G_DEFINE_FINAL_TYPE (KkApplication, kk_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[2];
} accelerators[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "app.help", { "F1", NULL } },
  { "win.show-catalogue", { "<Alt>1", NULL } },
  { "win.show-procurements", { "<Alt>2", NULL } },
  { "win.show-suppliers", { "<Alt>3", NULL } },
  { "win.search", { "<Control>f", NULL } },
};

static GtkWindow *
active_window (KkApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
update_actor (KkApplication *self)
{
  g_autofree char *name = NULL;

  if (self->db == NULL || self->settings == NULL)
    return;
  name = g_settings_get_string (self->settings, "assessor-name");
  g_strstrip (name);
  /* Empty: the database falls back to the user's real name. */
  kk_database_set_actor (self->db, *name != '\0' ? name : NULL);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KkApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (not just quitting) lets the main window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (KK_IS_WINDOW (l->data))
      gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KkApplication *self = user_data;
  const char *developers[] = { _("The Kravkoll developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", active_window (self),
                        "application-name", "Kravkoll",
                        "application-icon", APP_ID,
                        "developer-name", _("The Kravkoll developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Security requirements for procurements: a requirement catalogue, "
                                      "supplier checklists, and the documents that go with them."),
                        "copyright", _("© 2026 The Kravkoll developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KkApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (kk_preferences_window_new (active_window (self))));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  KkApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/kravkoll/Kravkoll/shortcuts.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (window, active_window (self));
  gtk_window_present (window);
}

/* The user guide, in a window of its own (one at a time). */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KkApplication *self = user_data;

  if (self->help_window == NULL)
    {
      self->help_window = GTK_WINDOW (kk_help_window_new (active_window (self)));
      g_object_add_weak_pointer (G_OBJECT (self->help_window), (gpointer *) &self->help_window);
    }
  gtk_window_present (self->help_window);
}

/* Back up: a copy of the whole database, written from a connection of the
 * worker thread's own. */

typedef struct {
  char *db_path;
  char *dest;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->db_path);
  g_free (job->dest);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = kk_database_open (job->db_path, &error);

  if (db == NULL || !kk_database_backup_to (db, job->dest, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KkApplication *self = KK_APPLICATION (source);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  GtkWindow *window = active_window (self);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      kk_gui_error (window ? GTK_WIDGET (window) : NULL, _("Could Not Back Up the Database"), error);
      return;
    }
  if (KK_IS_WINDOW (window))
    {
      g_autofree char *name = g_filename_display_basename (job->dest);
      /* Translators: %s is the file the backup was written to */
      g_autofree char *title = g_strdup_printf (_("Database backed up to %s"), name);

      kk_window_add_toast (KK_WINDOW (window), kk_gui_toast_new (title));
    }
}

static void
backup_response_cb (GtkNativeDialog *native,
                    int              response,
                    KkApplication   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) live = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->db != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  path = file ? g_file_get_path (file) : NULL;
  if (path != NULL)
    {
      live = g_file_new_for_path (kk_database_get_path (self->db));
      if (g_file_equal (file, live))
        kk_gui_message (GTK_WIDGET (active_window (self)), _("Could Not Back Up the Database"),
                        _("A backup cannot replace the database itself: choose another file."));
      else
        {
          g_autoptr(GTask) task = g_task_new (self, NULL, backup_done_cb, NULL);
          BackupJob *job = g_new0 (BackupJob, 1);

          job->db_path = g_strdup (kk_database_get_path (self->db));
          job->dest = g_steal_pointer (&path);
          g_task_set_source_tag (task, backup_response_cb);
          g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
          g_task_run_in_thread (task, backup_thread);
        }
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
backup_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  KkApplication *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "kravkoll-%Y-%m-%d.db");

  if (self->db == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Back Up Database"), active_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Kravkoll databases (.db)"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (backup_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "help", help_action },
  { "backup", backup_action },
};

/* Startup benchmark: KRAVKOLL_QUIT_AFTER_FIRST_FRAME=1 quits once the main
 * window has painted its first frame; =loaded waits until the catalogue
 * page has its rows too and has painted them (for the time to a full list
 * and the peak memory with the data loaded). The frame's monotonic time
 * (microseconds, as g_get_monotonic_time ()) is printed on standard output
 * as "frame-painted-us N", so that the time taken to shut down afterwards
 * is not counted. */

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, user_data);
  g_print ("frame-painted-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_debug ("Frame painted; quitting as KRAVKOLL_QUIT_AFTER_FIRST_FRAME asks");
  g_application_quit (G_APPLICATION (user_data));
}

static void
quit_after_next_frame (KkApplication *self,
                       GtkWidget     *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (first_frame_painted_cb), self);
  gtk_widget_queue_draw (widget);
}

static void
catalogue_loading_cb (KkCatalogPage *page,
                      GParamSpec    *pspec,
                      KkApplication *self)
{
  if (kk_catalog_page_is_loading (page))
    return;
  g_signal_handlers_disconnect_by_func (page, catalogue_loading_cb, self);
  quit_after_next_frame (self, GTK_WIDGET (page));
}

/* The catalogue page is made after the window's first frame: looked for
 * after each frame until it is there, then followed until it is loaded. */
static void
catalogue_made_cb (GdkFrameClock *clock,
                   KkWindow      *window)
{
  KkApplication *self = KK_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  GtkWidget *page = kk_window_peek_page (window, "catalogue");

  if (!KK_IS_CATALOG_PAGE (page))
    return;
  g_signal_handlers_disconnect_by_func (clock, catalogue_made_cb, window);
  g_signal_connect (page, "notify::loading", G_CALLBACK (catalogue_loading_cb), self);
  catalogue_loading_cb (KK_CATALOG_PAGE (page), NULL, self);
}

static void
quit_after_first_frame_cb (GtkWidget *window,
                           gpointer   user_data)
{
  KkApplication *self = user_data;

  if (g_strcmp0 (g_getenv ("KRAVKOLL_QUIT_AFTER_FIRST_FRAME"), "loaded") == 0 && KK_IS_WINDOW (window))
    {
      g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                               G_CALLBACK (catalogue_made_cb), window, 0);
      return;
    }
  quit_after_next_frame (self, window);
}

static void
watch_first_frame (KkApplication *self,
                   GtkWindow     *window)
{
  const char *quit = g_getenv ("KRAVKOLL_QUIT_AFTER_FIRST_FRAME");

  if (g_strcmp0 (quit, "1") == 0 || g_strcmp0 (quit, "loaded") == 0)
    g_signal_connect_after (window, "realize", G_CALLBACK (quit_after_first_frame_cb), self);
}

/* Opening the database */

static void
show_open_error (KkApplication *self,
                 const char    *path,
                 const GError  *error)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  self->failed = TRUE;
  g_printerr ("kravkoll: %s: %s\n", path, error->message);

  body = g_strdup_printf (_("The database “%s” could not be opened.\n\n%s"), path, error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Could Not Open the Database"), body));
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  adw_message_dialog_set_default_response (dialog, "quit");
  adw_message_dialog_set_close_response (dialog, "quit");
  gtk_window_set_title (GTK_WINDOW (dialog), "Kravkoll");
  /* Keeps the application running while the dialog is shown; when it
   * closes the application has no window left and quits. */
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  watch_first_frame (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
open_database (KkApplication *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = NULL;

  path = self->db_path ? g_strdup (self->db_path) : kk_database_default_path ();
  db = kk_database_open (path, &error);
  if (db == NULL || !kk_catalog_ensure_bundled (db, &error))
    {
      show_open_error (self, path, error);
      return FALSE;
    }
  self->db = g_steal_pointer (&db);
  update_actor (self);
  return TRUE;
}

/* GApplication */

static int
kk_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  KkApplication *self = KK_APPLICATION (application);
  const char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("kravkoll %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^&ay", &path) && path != NULL && *path != '\0')
    kk_application_set_database_path (self, path);

  return G_APPLICATION_CLASS (kk_application_parent_class)->handle_local_options (application, options);
}

/* The first icon looked up loads the icon theme: the index of every theme
 * in the chain and of the icons in the application's resources, some 20 ms
 * here, taken when the window is first shown. GtkIconTheme may be used
 * from another thread once it is set up on the main one (see "Threading"
 * in gtkicontheme.c; a lookup on the main thread meanwhile waits for it),
 * so one lookup in a thread of its own loads the theme while the main
 * thread opens the database and builds the window.
 *
 * The same thread loads the spinner the first frame shows while the
 * catalogue is read (kk_gui_util_loading_view_new ()). Its icon is an SVG,
 * and a spinner's icon is loaded when it is first drawn (images in
 * GtkImage are loaded ahead in GTK's threads, icons from CSS are not): the
 * SVG loader and librsvg took some 3 ms of the main thread's first frame.
 * The lookup is the one the spinner's style makes (size, scale, no flags),
 * so the spinner gets the same icon, already loaded. */
typedef struct {
  GtkIconTheme *theme;
  int           scale;
} IconThemeLoad;

static gpointer
load_icon_theme_thread (gpointer data)
{
  IconThemeLoad *load = data;
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GtkIconPaintable) spinner = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  /* A symbolic icon's colours: foreground, error, warning, success. */
  const GdkRGBA colors[4] = { { 0, 0, 0, 1 }, { 0, 0, 0, 1 }, { 0, 0, 0, 1 }, { 0, 0, 0, 1 } };

  icon = gtk_icon_theme_lookup_icon (load->theme, "open-menu-symbolic", NULL, 16, 1, GTK_TEXT_DIR_NONE, 0);
  spinner = gtk_icon_theme_lookup_icon (load->theme, "process-working-symbolic", NULL, KK_GUI_SPINNER_SIZE,
                                        load->scale, GTK_TEXT_DIR_NONE, 0);
  snapshot = gtk_snapshot_new ();
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (spinner), snapshot, KK_GUI_SPINNER_SIZE,
                                            KK_GUI_SPINNER_SIZE, colors, G_N_ELEMENTS (colors));
  node = gtk_snapshot_free_to_node (snapshot);
  g_clear_pointer (&node, gsk_render_node_unref);
  g_object_unref (load->theme);
  g_free (load);
  return NULL;
}

static void
kk_application_startup (GApplication *application)
{
  KkApplication *self = KK_APPLICATION (application);
  GdkDisplay *display;

  G_APPLICATION_CLASS (kk_application_parent_class)->startup (application);
  /* The views' style sheet too, before any widget: added later, with the
   * first view that needs it, it made GTK work out the styles of every
   * widget in the window again (the catalogue's thousands among them). */
  kk_gui_util_ensure_css ();
  display = gdk_display_get_default ();
  if (display != NULL)
    {
      IconThemeLoad *load = g_new0 (IconThemeLoad, 1);
      GListModel *monitors = gdk_display_get_monitors (display);
      g_autoptr(GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0 ? g_list_model_get_item (monitors, 0) : NULL;

      load->theme = g_object_ref (gtk_icon_theme_get_for_display (display));
      load->scale = monitor != NULL ? MAX (gdk_monitor_get_scale_factor (monitor), 1) : 1;
      g_thread_unref (g_thread_new ("kk-icon-theme", load_icon_theme_thread, load));
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accelerators[i].action, accelerators[i].accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::assessor-name", G_CALLBACK (update_actor), self,
                           G_CONNECT_SWAPPED);
}

static void
kk_application_activate (GApplication *application)
{
  KkApplication *self = KK_APPLICATION (application);
  GtkWindow *window = active_window (self);

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->failed || (self->db == NULL && !open_database (self)))
    return;

  window = GTK_WINDOW (kk_window_new (ADW_APPLICATION (self), self->db));
  watch_first_frame (self, window);
  gtk_window_present (window);
}

static void
kk_application_shutdown (GApplication *application)
{
  KkApplication *self = KK_APPLICATION (application);

  G_APPLICATION_CLASS (kk_application_parent_class)->shutdown (application);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);
}

static void
kk_application_finalize (GObject *object)
{
  KkApplication *self = KK_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  g_free (self->db_path);
  G_OBJECT_CLASS (kk_application_parent_class)->finalize (object);
}

static void
kk_application_class_init (KkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = kk_application_finalize;
  app_class->handle_local_options = kk_application_handle_local_options;
  app_class->startup = kk_application_startup;
  app_class->activate = kk_application_activate;
  app_class->shutdown = kk_application_shutdown;
}

static void
kk_application_init (KkApplication *self)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The database file (default: $KRAVKOLL_DB or ~/.local/share/kravkoll/kravkoll.db)"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL }
  };

  /* Before startup: AdwApplication loads style.css from the resource then. */
  kk_gui_init ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Security requirements for procurements."));
}

KkApplication *
kk_application_new (void)
{
  return g_object_new (KK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/kravkoll/Kravkoll",
                       NULL);
}

void
kk_application_set_database_path (KkApplication *self,
                                  const char    *path)
{
  g_return_if_fail (KK_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

KkDatabase *
kk_application_get_database (KkApplication *self)
{
  g_return_val_if_fail (KK_IS_APPLICATION (self), NULL);

  return self->db;
}

gboolean
kk_application_get_failed (KkApplication *self)
{
  g_return_val_if_fail (KK_IS_APPLICATION (self), FALSE);

  return self->failed;
}
