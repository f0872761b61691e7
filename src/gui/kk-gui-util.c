// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-gui-util"

#include <glib/gi18n.h>

#include "kk-box.h"
#include "kk-catalog-filter.h"
#include "kk-cell-text.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-io-module.h"
#include "kk-types.h"
#include "kk-window.h"

GtkWindow *
kk_gui_util_parent_window (GtkWidget *widget)
{
  GtkRoot *root;

  if (widget == NULL)
    return NULL;
  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
kk_gui_util_add_toast (GtkWidget *widget,
                       AdwToast  *toast)
{
  KkWindow *window;
  GtkWidget *overlay;

  g_return_if_fail (ADW_IS_TOAST (toast));

  if (widget == NULL)
    {
      g_object_unref (toast);
      return;
    }

  window = kk_window_from_widget (widget);
  if (window != NULL)
    {
      kk_window_add_toast (window, toast);
      return;
    }
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }
  g_debug ("No place to show the toast “%s”", adw_toast_get_title (toast));
  g_object_unref (toast);
}

void
kk_gui_util_data_changed (GtkWidget  *widget,
                          const char *what)
{
  KkWindow *window = widget ? kk_window_from_widget (widget) : NULL;

  if (window != NULL)
    kk_window_data_changed (window, what);
}

static char *
dup_language (const char *key)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *lang = g_settings_get_string (settings, key);

  return g_strdup (g_str_has_prefix (lang, "en") ? "en" : "sv");
}

char *
kk_gui_util_dup_content_language (void)
{
  return dup_language ("content-language");
}

char *
kk_gui_util_dup_document_language (void)
{
  return dup_language ("document-language");
}

const char *
kk_gui_util_ui_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "sv"))
        return "sv";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX"))
        return "en";
    }
  return "en";
}

void
kk_gui_util_ensure_css (void)
{
  static GdkDisplay *loaded_for = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == loaded_for)
    return;

  kk_gui_init ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/kravkoll/Kravkoll/kk-procurements.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded_for = display;
}

GtkWidget *
kk_gui_util_obligation_badge_new (void)
{
  /* As wide as the longer word (capitals: a little wider). */
  GtkWidget *badge = kk_cell_text_new (MAX (g_utf8_strlen (kk_obligation_label ("shall"), -1),
                                            g_utf8_strlen (kk_obligation_label ("should"), -1)) + 2, FALSE);

  kk_cell_text_set_xalign (badge, 0.5);
  kk_cell_text_set_repeated (badge, TRUE);
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, "kk-badge");
  return badge;
}

static const char * const obligation_classes[] = { "kk-shall", "kk-should", NULL };

void
kk_gui_util_set_obligation_badge (GtkWidget  *badge,
                                  const char *obligation)
{
  gboolean shall = g_strcmp0 (obligation, "shall") == 0;

  if (obligation == NULL)
    {
      kk_cell_text_set_text (badge, NULL);
      if (gtk_widget_get_opacity (badge) > 0)
        gtk_widget_set_opacity (badge, 0);
      return;
    }
  if (gtk_widget_get_opacity (badge) < 1)
    gtk_widget_set_opacity (badge, 1);
  kk_gui_util_set_one_css_class (badge, obligation_classes, shall ? "kk-shall" : "kk-should");
  kk_cell_text_set_text (badge, kk_obligation_label (shall ? "shall" : "should"));
}

void
kk_gui_util_set_one_css_class (GtkWidget          *widget,
                               const char * const *classes,
                               const char         *wanted)
{
  for (guint i = 0; classes[i] != NULL; i++)
    if (g_strcmp0 (classes[i], wanted) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

void
kk_gui_util_set_status_badge (GtkLabel   *label,
                              const char *status)
{
  static const char * const classes[] = {
    "kk-status-draft", "kk-status-published", "kk-status-evaluating", "kk-status-decided", NULL,
  };
  g_autofree char *css = status != NULL ? g_strconcat ("kk-status-", status, NULL) : NULL;

  gtk_widget_add_css_class (GTK_WIDGET (label), "kk-status-badge");
  kk_gui_util_set_one_css_class (GTK_WIDGET (label), classes, css);
  gtk_label_set_text (label, status ? kk_procurement_status_label (status) : "");
}

const char *
kk_gui_util_answer_icon (const char *status)
{
  if (g_strcmp0 (status, "met") == 0)
    return "emblem-ok-symbolic";
  if (g_strcmp0 (status, "partly_met") == 0)
    return "dialog-warning-symbolic";
  if (g_strcmp0 (status, "not_met") == 0)
    return "dialog-error-symbolic";
  if (g_strcmp0 (status, "not_applicable") == 0)
    return "action-unavailable-symbolic";
  return "content-loading-symbolic";
}

const char *
kk_gui_util_answer_css_class (const char *status)
{
  if (g_strcmp0 (status, "met") == 0)
    return "success";
  if (g_strcmp0 (status, "partly_met") == 0)
    return "warning";
  if (g_strcmp0 (status, "not_met") == 0)
    return "error";
  return "dim-label";
}

char *
kk_gui_util_format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  tz = g_time_zone_new_utc ();
  utc = g_date_time_new_from_iso8601 (iso, tz);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%x %X");
}

char *
kk_gui_util_fold (const char *text)
{
  return kk_catalog_fold (text);
}

gboolean
kk_gui_util_matches (const char *haystack,
                     const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;
  if (haystack == NULL)
    return FALSE;
  folded = kk_gui_util_fold (haystack);
  return strstr (folded, folded_needle) != NULL;
}

char *
kk_gui_util_file_name (const char *dnr,
                       const char *what,
                       const char *suffix)
{
  g_autofree char *name = NULL;

  if (dnr != NULL && *dnr != '\0')
    name = g_strdup_printf ("%s %s.%s", dnr, what, suffix);
  else
    name = g_strdup_printf ("%s.%s", what, suffix);
  /* Characters that some file systems refuse. */
  return g_strdelimit (g_steal_pointer (&name), "/\\:*?\"<>|", '-');
}

GtkWidget *
kk_gui_util_list_view_of (GtkWidget *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (column_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

AdwStatusPage *
kk_gui_util_show_status_page (GtkStack   *stack,
                              const char *name,
                              const char *icon_name,
                              const char *title,
                              const char *description,
                              gboolean    compact)
{
  GtkWidget *bin;
  GtkWidget *page;

  g_return_val_if_fail (GTK_IS_STACK (stack), NULL);
  bin = gtk_stack_get_child_by_name (stack, name);
  g_return_val_if_fail (ADW_IS_BIN (bin), NULL);

  page = adw_bin_get_child (ADW_BIN (bin));
  if (page == NULL)
    {
      page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon_name);
      adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
      adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
      if (compact)
        gtk_widget_add_css_class (page, "compact");
      adw_bin_set_child (ADW_BIN (bin), page);
    }
  gtk_stack_set_visible_child_name (stack, name);
  return ADW_STATUS_PAGE (page);
}

void
kk_gui_util_status_page_add_button (AdwStatusPage *page,
                                    const char    *mnemonic_label,
                                    const char    *action_name)
{
  GtkWidget *button;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  if (adw_status_page_get_child (page) != NULL)
    return;
  button = gtk_button_new_with_mnemonic (mnemonic_label);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  adw_status_page_set_child (page, button);
}

typedef struct {
  GtkColumnView *view;      /* weak */
  GtkSettings   *settings;  /* weak */
  GObject       *model;     /* weak */
  KkAfterFrame  *after;
  gboolean       fixed;
} FixedColumns;

/* Each column's width from its title and the cells now there; FALSE when
 * the view has no row, or its parts are not what GTK 4.8 makes (a header
 * row of one title per column, then the list of rows of one cell per
 * column): nothing is fixed then. */
static gboolean
measure_columns (GtkColumnView *view,
                 int           *widths,
                 guint          n_columns)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  GtkWidget *list = kk_gui_util_list_view_of (GTK_WIDGET (view));
  gboolean any_row = FALSE;
  guint i = 0;

  if (header == NULL || list == NULL || header == list)
    return FALSE;
  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL; title = gtk_widget_get_next_sibling (title), i++)
    {
      if (i >= n_columns)
        return FALSE;
      gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &widths[i], NULL, NULL);
    }
  if (i != n_columns)
    return FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      i = 0;
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell), i++)
        {
          int natural;

          if (i >= n_columns)
            return FALSE;
          gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          widths[i] = MAX (widths[i], natural);
        }
      any_row |= i == n_columns;
    }
  return any_row;
}

static void
fix_columns_cb (GtkWidget *widget)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (widget);
  FixedColumns *fixed = g_object_get_data (G_OBJECT (view), "kk-fixed-columns");
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n = g_list_model_get_n_items (columns);
  g_autofree int *widths = g_new0 (int, MAX (n, 1));

  if (fixed == NULL || fixed->fixed || !measure_columns (view, widths, n))
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      /* A width set by the page or the user stays. */
      if (gtk_column_view_column_get_fixed_width (column) != -1)
        continue;
      gtk_column_view_column_set_fixed_width (column, widths[i]);
      g_object_set_data (G_OBJECT (column), "kk-width-fixed", GINT_TO_POINTER (TRUE));
    }
  fixed->fixed = TRUE;
}

static void
fix_columns_later (FixedColumns *fixed)
{
  if (fixed->view != NULL && !fixed->fixed && gtk_widget_get_mapped (GTK_WIDGET (fixed->view)))
    kk_gui_util_after_frame (&fixed->after, GTK_WIDGET (fixed->view), fix_columns_cb);
}

/* Another font or text size: the widths follow it, from the next frame. */
static void
font_changed_cb (GtkSettings  *settings,
                 GParamSpec   *pspec,
                 FixedColumns *fixed)
{
  GListModel *columns;

  if (fixed->view == NULL)
    return;
  columns = gtk_column_view_get_columns (fixed->view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_object_steal_data (G_OBJECT (column), "kk-width-fixed") != NULL)
        gtk_column_view_column_set_fixed_width (column, -1);
    }
  fixed->fixed = FALSE;
  fix_columns_later (fixed);
}

static void
fixed_columns_free (FixedColumns *fixed)
{
  kk_gui_util_cancel_after_frame (&fixed->after);
  if (fixed->settings != NULL)
    g_signal_handlers_disconnect_by_data (fixed->settings, fixed);
  if (fixed->model != NULL)
    g_signal_handlers_disconnect_by_data (fixed->model, fixed);
  g_clear_weak_pointer (&fixed->settings);
  g_clear_weak_pointer (&fixed->model);
  g_clear_weak_pointer (&fixed->view);
  g_free (fixed);
}

void
kk_gui_util_fix_column_widths (GtkColumnView *column_view)
{
  FixedColumns *fixed;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));
  g_return_if_fail (g_object_get_data (G_OBJECT (column_view), "kk-fixed-columns") == NULL);

  fixed = g_new0 (FixedColumns, 1);
  g_set_weak_pointer (&fixed->view, column_view);
  g_set_weak_pointer (&fixed->settings, gtk_widget_get_settings (GTK_WIDGET (column_view)));
  g_signal_connect (fixed->settings, "notify::gtk-font-name", G_CALLBACK (font_changed_cb), fixed);
  g_signal_connect (fixed->settings, "notify::gtk-xft-dpi", G_CALLBACK (font_changed_cb), fixed);
  g_object_set_data_full (G_OBJECT (column_view), "kk-fixed-columns", fixed, (GDestroyNotify) fixed_columns_free);
  g_signal_connect_swapped (column_view, "map", G_CALLBACK (fix_columns_later), fixed);
  g_set_weak_pointer (&fixed->model, G_OBJECT (gtk_column_view_get_model (column_view)));
  if (fixed->model != NULL)
    g_signal_connect_swapped (fixed->model, "items-changed", G_CALLBACK (fix_columns_later), fixed);
}

gboolean
kk_gui_util_list_run_key (GtkWidget *list,
                          guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      guint n_shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      n_shortcuts = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < n_shortcuts; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, list,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

char *
kk_gui_util_export_file_name (KkGuiExportKind  kind,
                              const char      *dnr,
                              const char      *supplier)
{
  g_autofree char *lang = kk_gui_util_dup_document_language ();
  gboolean en = g_str_equal (lang, "en");
  g_autofree char *what = NULL;

  /* File names follow the document's language, not the interface's. */
  switch (kind)
    {
    case KK_GUI_EXPORT_APPENDIX_PDF:
      what = g_strdup (en ? "Requirement appendix" : "Kravbilaga");
      break;
    case KK_GUI_EXPORT_REQUIREMENT_LIST:
      what = g_strdup (en ? "Requirement list" : "Kravlista");
      break;
    case KK_GUI_EXPORT_MATRIX:
      what = g_strdup (en ? "Comparison matrix" : "Jämförelsematris");
      break;
    case KK_GUI_EXPORT_CHECKLIST:
      what = g_strdup_printf ("%s %s", en ? "Checklist" : "Checklista", supplier ? supplier : "");
      g_strstrip (what);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return kk_gui_util_file_name (dnr, what, kind == KK_GUI_EXPORT_APPENDIX_PDF ? "pdf" : "xlsx");
}

/* Exports */

typedef struct {
  KkGuiExportKind kind;
  char           *db_path;
  char           *path;
  char           *lang;
  gint64          procurement_id;
  gint64          supplier_id;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job->lang);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = NULL;
  const KkIoModule *io = NULL;
  gboolean ok = FALSE;

  /* A connection of its own: an SQLite handle is not shared across threads. */
  db = kk_database_open (job->db_path, &error);
  if (db != NULL)
    io = kk_io_module_get (&error);
  if (io != NULL)
    switch (job->kind)
      {
      case KK_GUI_EXPORT_APPENDIX_PDF:
        ok = io->export_appendix_pdf (db, job->procurement_id, job->lang, job->path, NULL, NULL, &error);
        break;
      case KK_GUI_EXPORT_REQUIREMENT_LIST:
        ok = io->export_requirement_list_xlsx (db, job->procurement_id, job->path, &error);
        break;
      case KK_GUI_EXPORT_MATRIX:
        ok = io->export_matrix_xlsx_for_lang (db, job->procurement_id, job->lang, job->path, &error);
        break;
      case KK_GUI_EXPORT_CHECKLIST:
        ok = io->export_checklist_xlsx (db, job->procurement_id, job->supplier_id, job->lang, job->path, &error);
        break;
      default:
        g_assert_not_reached ();
      }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static const char *
export_suffix (KkGuiExportKind kind)
{
  return kind == KK_GUI_EXPORT_APPENDIX_PDF ? "pdf" : "xlsx";
}

static const char *
export_error_heading (KkGuiExportKind kind)
{
  switch (kind)
    {
    case KK_GUI_EXPORT_APPENDIX_PDF:
      return _("Could Not Save the Requirement Appendix");
    case KK_GUI_EXPORT_REQUIREMENT_LIST:
      return _("Could Not Save the Requirement List");
    case KK_GUI_EXPORT_MATRIX:
      return _("Could Not Save the Comparison Matrix");
    case KK_GUI_EXPORT_CHECKLIST:
      return _("Could Not Save the Checklist");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
open_clicked_cb (AdwToast  *toast,
                 GtkWidget *widget)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "kk-uri");

  if (uri != NULL)
    kk_gui_open_uri (widget, uri);
}

void
kk_gui_util_show_saved_toast (GtkWidget  *widget,
                              const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *title = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  AdwToast *toast;

  /* Translators: a file was written; %s is its name */
  title = g_strdup_printf (_("Saved %s"), name);
  toast = kk_gui_toast_new (title);
  if (uri != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "kk-uri", g_steal_pointer (&uri), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_clicked_cb), widget, 0);
    }
  kk_gui_util_add_toast (widget, toast);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GtkWidget *widget = GTK_WIDGET (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      kk_gui_error (widget, export_error_heading (job->kind), error);
      return;
    }
  kk_gui_util_show_saved_toast (widget, job->path);
}

static void
tested_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *outer = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
  g_object_unref (outer);
}

static void
start_export (GtkWidget          *widget,
              KkDatabase         *db,
              KkGuiExportKind     kind,
              gint64              procurement_id,
              gint64              supplier_id,
              const char         *path,
              GAsyncReadyCallback callback,
              gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);
  g_autofree char *suffix = g_strconcat (".", export_suffix (kind), NULL);
  g_autofree char *lower = g_ascii_strdown (path, -1);

  job->kind = kind;
  job->db_path = g_strdup (kk_database_get_path (db));
  job->path = g_str_has_suffix (lower, suffix) ? g_strdup (path) : g_strconcat (path, suffix, NULL);
  job->procurement_id = procurement_id;
  job->supplier_id = supplier_id;
  job->lang = kk_gui_util_dup_document_language ();

  task = g_task_new (widget, NULL, callback, user_data);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

void
kk_gui_util_export_to_path (GtkWidget          *widget,
                            KkDatabase         *db,
                            KkGuiExportKind     kind,
                            gint64              procurement_id,
                            gint64              supplier_id,
                            const char         *path,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  GTask *outer;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KK_IS_DATABASE (db));
  g_return_if_fail (path != NULL);

  outer = g_task_new (widget, NULL, callback, user_data);
  g_task_set_source_tag (outer, kk_gui_util_export_to_path);
  start_export (widget, db, kind, procurement_id, supplier_id, path, tested_done_cb, outer);
}

gboolean
kk_gui_util_export_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  GtkWidget      *widget;
  KkDatabase     *db;
  KkGuiExportKind kind;
  gint64          procurement_id;
  gint64          supplier_id;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_clear_object (&data->widget);
  g_clear_object (&data->db);
  g_free (data);
}

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     ChooserData     *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        start_export (data->widget, data->db, data->kind, data->procurement_id, data->supplier_id,
                      path, export_done_cb, NULL);
    }
  chooser_data_free (data);
  g_object_unref (native);
}

void
kk_gui_util_export (GtkWidget       *widget,
                    KkDatabase      *db,
                    KkGuiExportKind  kind,
                    gint64           procurement_id,
                    gint64           supplier_id,
                    const char      *suggested_name)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ChooserData *data;
  const char *title = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KK_IS_DATABASE (db));

  switch (kind)
    {
    case KK_GUI_EXPORT_APPENDIX_PDF:
      title = _("Save Requirement Appendix");
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_suffix (filter, "pdf");
      break;
    case KK_GUI_EXPORT_REQUIREMENT_LIST:
      title = _("Save Requirement List");
      break;
    case KK_GUI_EXPORT_MATRIX:
      title = _("Save Comparison Matrix");
      break;
    case KK_GUI_EXPORT_CHECKLIST:
      title = _("Save Checklist");
      break;
    default:
      g_return_if_reached ();
    }
  if (kind != KK_GUI_EXPORT_APPENDIX_PDF)
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks (.xlsx)"));
      gtk_file_filter_add_suffix (filter, "xlsx");
    }

  chooser = gtk_file_chooser_native_new (title, kk_gui_util_parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  data = g_new0 (ChooserData, 1);
  data->widget = g_object_ref (widget);
  data->db = g_object_ref (db);
  data->kind = kind;
  data->procurement_id = procurement_id;
  data->supplier_id = supplier_id;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWidget *
kk_gui_util_loading_view_new (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, KK_GUI_SPINNER_SIZE, KK_GUI_SPINNER_SIZE);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

gboolean
kk_gui_util_is_blank (const char *text)
{
  for (; text != NULL && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

char *
kk_gui_util_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char *
kk_gui_util_conflict_message (const GError *error)
{
  return g_strdup_printf ("%s. %s", error->message,
                          _("Save again to replace the other change, or cancel to keep it."));
}

/* One line of a row's title or subtitle. */
static GtkWidget *
row_label_new (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
kk_gui_util_row_new (const char *title,
                     const char *subtitle)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *header = kk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = kk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label;

  /* The measures of libadwaita's row > box.header and box.title. */
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_size_request (header, -1, 50);
  gtk_widget_set_margin_top (titles, 6);
  gtk_widget_set_margin_bottom (titles, 6);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (titles, TRUE);

  label = row_label_new (title, "title");
  gtk_widget_set_tooltip_text (label, title);
  kk_box_append (KK_BOX (titles), label);
  if (subtitle != NULL && *subtitle != '\0')
    kk_box_append (KK_BOX (titles), row_label_new (subtitle, "subtitle"));
  kk_box_append (KK_BOX (header), titles);
  g_object_set_data (G_OBJECT (row), "kk-row-titles", titles);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (subtitle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  return row;
}

/* Puts @widget before the row's title and subtitle, or at its end. */
static void
row_add (GtkWidget *row,
         GtkWidget *widget,
         gboolean   prefix)
{
  GtkWidget *titles = g_object_get_data (G_OBJECT (row), "kk-row-titles");

  g_return_if_fail (titles != NULL);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_widget_insert_before (widget, gtk_widget_get_parent (titles), prefix ? titles : NULL);
}

void
kk_gui_util_row_add_prefix (GtkWidget *row,
                            GtkWidget *widget)
{
  row_add (row, widget, TRUE);
}

void
kk_gui_util_row_add_suffix (GtkWidget *row,
                            GtkWidget *widget)
{
  row_add (row, widget, FALSE);
}

/* Menus made when first opened */

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  GMenuModel *model = user_data;

  /* Set the model before the popup func goes: it holds the last ref. */
  gtk_menu_button_set_menu_model (button, model);
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

void
kk_gui_util_set_menu_later (GtkMenuButton *button,
                            GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_menu_cb, g_object_ref (model), g_object_unref);
}

/* After a frame */

struct _KkAfterFrame {
  KkAfterFrame  **slot;
  GtkWidget      *widget;   /* weak */
  GdkFrameClock  *clock;
  gulong          painted_id;
  guint           idle_id;
  void          (*func) (GtkWidget *widget);
};

static void
after_frame_free (KkAfterFrame *after)
{
  /* A window destroyed first took its frame clock's handlers with it. */
  if (after->painted_id != 0 && g_signal_handler_is_connected (after->clock, after->painted_id))
    g_signal_handler_disconnect (after->clock, after->painted_id);
  g_clear_handle_id (&after->idle_id, g_source_remove);
  g_clear_object (&after->clock);
  g_clear_weak_pointer (&after->widget);
  *after->slot = NULL;
  g_free (after);
}

static gboolean
after_frame_idle_cb (gpointer user_data)
{
  KkAfterFrame *after = user_data;
  g_autoptr(GtkWidget) widget = after->widget ? g_object_ref (after->widget) : NULL;
  void (*func) (GtkWidget *) = after->func;

  after->idle_id = 0;
  after_frame_free (after);
  if (widget != NULL)
    func (widget);
  return G_SOURCE_REMOVE;
}

static void
after_frame_painted_cb (GdkFrameClock *clock,
                        KkAfterFrame  *after)
{
  g_signal_handler_disconnect (clock, after->painted_id);
  after->painted_id = 0;
  /* Above the frame clock's own priority: before the next frame. */
  after->idle_id = g_idle_add_full (GDK_PRIORITY_REDRAW - 10, after_frame_idle_cb, after, NULL);
}

void
kk_gui_util_after_frame (KkAfterFrame **slot,
                         GtkWidget     *widget,
                         void         (*func) (GtkWidget *widget))
{
  KkAfterFrame *after;
  GdkFrameClock *clock;

  g_return_if_fail (slot != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  kk_gui_util_cancel_after_frame (slot);
  after = g_new0 (KkAfterFrame, 1);
  after->slot = slot;
  after->func = func;
  g_set_weak_pointer (&after->widget, widget);
  *slot = after;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    {
      /* Not shown: no frame to wait for. */
      after->idle_id = g_idle_add_full (GDK_PRIORITY_REDRAW - 10, after_frame_idle_cb, after, NULL);
      return;
    }
  after->clock = g_object_ref (clock);
  after->painted_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_frame_painted_cb), after);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

void
kk_gui_util_cancel_after_frame (KkAfterFrame **slot)
{
  g_return_if_fail (slot != NULL);

  if (*slot != NULL)
    after_frame_free (*slot);
}
