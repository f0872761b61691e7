// SPDX-License-Identifier: GPL-3.0-or-later
/* The procurements page, its dialogs and the checklist view on a temporary
 * database with the bundled catalogue, driven through their actions and key
 * bindings; what they write is read back with the sqlite3 tool, the files
 * with their own readers.
 *
 * Runs under Xvfb (build-aux/test); without a display every case skips.
 * The cases build on each other: create, edit the draft, publish, add a
 * supplier, answer, import, audit. */
#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>

#include "kk-application.h"
#include "kk-audit-view.h"
#include "kk-catalog.h"
#include "kk-checklist-view.h"
#include "kk-choice-button.h"
#include "kk-export.h"
#include "kk-gui-test-util.h"
#include "kk-cell-text.h"
#include "kk-gui-util.h"
#include "kk-help-window.h"
#include "kk-import-dialog.h"
#include "kk-io-module.h"
#include "kk-procurement-dialog.h"
#include "kk-procurements-page.h"
#include "kk-requirement-picker.h"
#include "kk-store.h"
#include "kk-test-util.h"
#include "kk-width-first-layout.h"
#include "kk-window.h"

#define CATEGORY "it"

static gboolean have_display;
static char *test_dir;
static char *db_path;
static KkApplication *app;
static KkWindow *window;
static gint64 procurement_id;
static gint64 supplier_id;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static void
drain_main_loop (void)
{
  for (int i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
window_mapped (gpointer data)
{
  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static KkProcurementsPage *
page (void)
{
  return KK_PROCUREMENTS_PAGE (kk_window_get_page (window, "procurements"));
}

/* The requirements list has @data rows: long lists take in their rows a
 * batch per frame (KkPacedModel). */
static gboolean
requirements_listed (gpointer data)
{
  return g_list_model_get_n_items (kk_procurements_page_get_requirements (page ())) == GPOINTER_TO_UINT (data);
}


static KkDatabase *
db (void)
{
  return kk_window_get_database (window);
}

/* The visible top-level window of @type other than the main window, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_WIDGET (w) != GTK_WIDGET (window) && G_TYPE_CHECK_INSTANCE_TYPE (w, type) &&
          gtk_widget_get_visible (GTK_WIDGET (w)))
        found = w;
    }
  return found;
}

static gboolean
toplevel_shown (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gint64
sql_int (const char *format,
         ...) G_GNUC_PRINTF (1, 2);

static gint64
sql_int (const char *format,
         ...)
{
  va_list args;
  g_autofree char *sql = NULL;
  g_autofree char *out = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  out = kk_test_sqlite3 (db_path, sql);
  return g_ascii_strtoll (out, NULL, 10);
}

static char *
sql_text (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static char *
sql_text (const char *format,
          ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return kk_test_sqlite3 (db_path, sql);
}

/* Columns of supplier_id's answer to @code, joined with '|'. */
static char *
answer_fields (const char *columns,
               const char *code)
{
  return sql_text ("SELECT %s FROM answer a JOIN procurement_requirement pr ON pr.id = a.procurement_requirement "
                   "WHERE pr.procurement = %" G_GINT64_FORMAT " AND pr.code = '%s'", columns, procurement_id, code);
}

/* kravkoll-cli, another process, answers @code for the supplier. */
static void
cli_answer (const char *code,
            const char *status,
            const char *comment)
{
  const char *argv[] = { "answer", "set", "KS 2026/0042", "556677-8899", code, status, "--comment", comment, NULL };

  g_assert_cmpint (kk_test_run_cli (db_path, argv, NULL, NULL), ==, 0);
}

/* Activates the shortcut of @widget's controllers whose trigger is (or
 * includes) @keyval with @mods: the same path a key press takes. */
static gboolean
activate_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) want = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          gboolean match = gtk_shortcut_trigger_equal (trigger, want);

          if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
            match = gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), want) ||
                    gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), want);
          if (match)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static void
test_window_opens (void)
{
  SKIP_WITHOUT_DISPLAY ();

  g_application_activate (G_APPLICATION (app));
  window = KK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (KK_IS_WINDOW (window));
  g_assert_true (wait_for (window_mapped, NULL, 10000));
  kk_window_show_page (window, "procurements");
  g_assert_true (KK_IS_PROCUREMENTS_PAGE (page ()));
  /* Start-up leaves the module with the exports and the import closed:
   * the first export or import opens it. */
  drain_main_loop ();
  g_assert_false (kk_io_module_is_loaded ());

  /* No procurements yet: that empty state, with its button, is made; the
   * one for a search that finds none is not, until it is shown. */
  {
    GtkStack *list_stack = kk_test_find_stack_with (GTK_WIDGET (page ()), "no-results");
    GtkWidget *empty, *button;

    g_assert_nonnull (list_stack);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
    empty = adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (list_stack, "empty")));
    g_assert_true (ADW_IS_STATUS_PAGE (empty));
    g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (empty)), ==, "folder-documents-symbolic");
    g_assert_true (gtk_widget_has_css_class (empty, "compact"));
    button = adw_status_page_get_child (ADW_STATUS_PAGE (empty));
    g_assert_true (GTK_IS_BUTTON (button));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "procurements.new");
    g_assert_null (adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (list_stack, "no-results"))));
  }
}

/* A page shown for the first time draws its first frame before it reads
 * the procurements, and the list before the selected one's details, each
 * in a frame of its own; asking for its data gets them at once. */
static void
test_first_show (void)
{
  g_autoptr(GtkWindow) other = NULL;
  KkProcurementsPage *shown, *asked;
  GtkStack *details;
  GtkWidget *pane, *table;
  gint64 n_procurements = sql_int ("SELECT count(*) FROM procurement");

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (n_procurements, >, 0);

  other = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (other, 900, 600);
  shown = KK_PROCUREMENTS_PAGE (kk_procurements_page_new (db ()));
  gtk_window_set_child (other, GTK_WIDGET (shown));
  details = kk_test_find_stack_with (GTK_WIDGET (shown), "detail");
  g_assert_nonnull (details);
  gtk_window_present (other);
  g_assert_true (kk_procurements_page_is_loading (shown));

  kk_test_run_frames (GTK_WIDGET (other), 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (shown)));
  g_assert_true (kk_procurements_page_is_loading (shown));
  kk_test_run_frames (GTK_WIDGET (other), 1);
  g_assert_false (kk_procurements_page_is_loading (shown));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details), ==, "blank");
  /* The detail pane is styled in a frame of its own, before it shows. */
  pane = gtk_stack_get_child_by_name (details, "detail");
  g_assert_false (gtk_widget_get_visible (pane));
  kk_test_run_frames (GTK_WIDGET (other), 1);
  g_assert_true (gtk_widget_get_visible (pane));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details), ==, "blank");
  kk_test_run_frames (GTK_WIDGET (other), 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details), ==, "detail");
  /* The requirements table comes a frame after the details around it. */
  table = GTK_WIDGET (kk_test_find_stack_with (pane, "empty"));
  g_assert_nonnull (table);
  g_assert_false (gtk_widget_get_visible (table));
  kk_test_run_frames (GTK_WIDGET (other), 1);
  g_assert_true (gtk_widget_get_visible (table));
  g_assert_true (gtk_widget_get_mapped (table));
  g_assert_cmpint (kk_procurements_page_get_selected (shown), >, 0);
  g_assert_cmpint (g_list_model_get_n_items (kk_procurements_page_get_procurements (shown)), ==, n_procurements);
  gtk_window_destroy (other);

  /* Not shown: asking reads them, details included. */
  asked = KK_PROCUREMENTS_PAGE (g_object_ref_sink (kk_procurements_page_new (db ())));
  g_assert_true (kk_procurements_page_is_loading (asked));
  g_assert_cmpint (kk_procurements_page_get_selected (asked), >, 0);
  g_assert_false (kk_procurements_page_is_loading (asked));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (kk_test_find_stack_with (GTK_WIDGET (asked), "detail")), ==, "detail");
  g_object_unref (asked);
}

/* A new procurement with a category starts with the suggested requirements. */
static void
test_create (void)
{
  KkProcurementDialog *dialog;
  g_auto(GStrv) suggested = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  guint n_suggested;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  suggested = kk_store_suggested_codes (db (), CATEGORY, &error);
  g_assert_no_error (error);
  n_suggested = g_strv_length (suggested);
  g_assert_cmpuint (n_suggested, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.new", NULL));
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (KK_TYPE_PROCUREMENT_DIALOG), 5000));
  dialog = KK_PROCUREMENT_DIALOG (find_toplevel (KK_TYPE_PROCUREMENT_DIALOG));

  /* Not savable without a title and a dnr, nor with a bad date. */
  g_assert_false (kk_procurement_dialog_can_save (dialog));
  gtk_editable_set_text (kk_procurement_dialog_get_field (dialog, "title"), "Drift av e-tjänster");
  gtk_editable_set_text (kk_procurement_dialog_get_field (dialog, "dnr"), "KS 2026/0042");
  gtk_editable_set_text (kk_procurement_dialog_get_field (dialog, "deadline"), "2026-02-30");
  g_assert_false (kk_procurement_dialog_can_save (dialog));
  gtk_editable_set_text (kk_procurement_dialog_get_field (dialog, "deadline"), "2026-09-30");
  g_assert_true (kk_procurement_dialog_can_save (dialog));
  g_assert_true (kk_procurement_dialog_set_category (dialog, CATEGORY));
  g_assert_false (kk_procurement_dialog_set_category (dialog, "no-such-category"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  drain_main_loop ();
  g_assert_null (find_toplevel (KK_TYPE_PROCUREMENT_DIALOG));

  procurement_id = sql_int ("SELECT id FROM procurement WHERE dnr = 'KS 2026/0042'");
  g_assert_cmpint (procurement_id, >, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT,
                            procurement_id), ==, n_suggested);
  status = sql_text ("SELECT status || '|' || deadline || '|' || category FROM procurement WHERE id = %" G_GINT64_FORMAT,
                     procurement_id);
  g_assert_cmpstr (status, ==, "draft|2026-09-30|" CATEGORY);

  /* The page shows it, with its requirements in order. */
  g_assert_cmpint (kk_procurements_page_get_selected (page ()), ==, procurement_id);
  g_assert_true (wait_for (requirements_listed, GUINT_TO_POINTER (n_suggested), 5000));
  g_assert_nonnull (strstr (gtk_label_get_text (kk_procurements_page_get_counts_label (page ())), "Draft 1"));
}

/* A second dialog with the same dnr stays open and says why. */
static void
test_create_refused (void)
{
  KkProcurementDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (procurement_id, >, 0);

  before = kk_test_dump_db (db_path);
  dialog = kk_procurement_dialog_new (GTK_WINDOW (window), db (), NULL);
  gtk_editable_set_text (kk_procurement_dialog_get_field (dialog, "title"), "Another");
  gtk_editable_set_text (kk_procurement_dialog_get_field (dialog, "dnr"), "KS 2026/0042");
  kk_procurement_dialog_set_category (dialog, CATEGORY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_nonnull (kk_procurement_dialog_get_error (dialog));
  g_assert_nonnull (strstr (kk_procurement_dialog_get_error (dialog), "KS 2026/0042"));
  after = kk_test_dump_db (db_path);
  g_assert_cmpstr (before, ==, after);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* In the draft: move with Alt+Up, switch SHALL/SHOULD, add from the picker. */
static void
test_edit_draft (void)
{
  GListModel *requirements;
  GtkWidget *view;
  g_autoptr(KkChecklistItem) third = NULL;
  g_autofree char *code = NULL;
  g_autofree char *obligation = NULL;
  g_autofree char *now = NULL;
  KkRequirementPicker *picker;
  g_autoptr(GPtrArray) catalogue = NULL;
  g_autoptr(GError) error = NULL;
  KkCatalogQuery query = { 0 };
  const char *added = NULL;
  guint n;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (procurement_id, >, 0);

  requirements = kk_procurements_page_get_requirements (page ());
  n = g_list_model_get_n_items (kk_procurements_page_get_requirement_items (page ()));
  g_assert_cmpuint (n, >=, 3);
  third = g_list_model_get_item (kk_procurements_page_get_requirement_items (page ()), 2);
  code = g_strdup (third->code);
  obligation = g_strdup (third->obligation);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (requirements), 2, TRUE);
  view = kk_test_find_descendant (GTK_WIDGET (page ()), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (view);
  g_assert_true (activate_shortcut (view, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpint (sql_int ("SELECT position FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                            " AND code = '%s'", procurement_id, code), ==, 1);

  /* The moved row stays selected: Ctrl+T switches it. */
  g_assert_true (activate_shortcut (view, GDK_KEY_t, GDK_CONTROL_MASK));
  now = sql_text ("SELECT obligation FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                  " AND code = '%s'", procurement_id, code);
  g_assert_cmpstr (now, !=, obligation);

  /* The picker shows what is in already as checked and adds the rest. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.add-requirements", NULL));
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (KK_TYPE_REQUIREMENT_PICKER), 5000));
  picker = KK_REQUIREMENT_PICKER (find_toplevel (KK_TYPE_REQUIREMENT_PICKER));
  g_assert_false (kk_requirement_picker_set_chosen (picker, code, TRUE));
  catalogue = kk_catalog_list (db (), &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < catalogue->len && added == NULL; i++)
    {
      KkRequirement *req = g_ptr_array_index (catalogue, i);

      if (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                   " AND code = '%s'", procurement_id, req->code) == 0)
        added = req->code;
    }
  g_assert_nonnull (added);
  g_assert_true (kk_requirement_picker_set_chosen (picker, added, TRUE));
  g_assert_cmpuint (kk_requirement_picker_get_n_chosen (picker), ==, 1);
  g_assert_cmpstr (kk_requirement_picker_get_add_label (picker), ==, "_Add 1 Requirement");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (picker), "picker.add", NULL));
  drain_main_loop ();
  g_assert_cmpint (sql_int ("SELECT position FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                            " AND code = '%s'", procurement_id, added), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (requirements), ==, n + 1);

  /* Delete removes the selected (just added) requirement. */
  g_assert_true (activate_shortcut (view, GDK_KEY_Delete, 0));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT,
                            procurement_id), ==, n);

  /* Delete the moved, switched one; Ctrl+Z puts it back at its place with
   * its SHALL/SHOULD. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (requirements), 1, TRUE);
  {
    g_autoptr(KkChecklistItem) second = g_list_model_get_item (kk_procurements_page_get_requirement_items (page ()), 1);

    g_assert_cmpstr (second->code, ==, code);
  }
  g_assert_true (activate_shortcut (view, GDK_KEY_Delete, 0));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                            " AND code = '%s'", procurement_id, code), ==, 0);
  g_assert_true (activate_shortcut (view, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpint (sql_int ("SELECT position FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                            " AND code = '%s'", procurement_id, code), ==, 1);
  g_free (obligation);
  obligation = sql_text ("SELECT obligation FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                         " AND code = '%s'", procurement_id, code);
  g_assert_cmpstr (obligation, ==, now);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT,
                            procurement_id), ==, n);
  /* Once only. */
  activate_shortcut (view, GDK_KEY_z, GDK_CONTROL_MASK);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT,
                            procurement_id), ==, n);
}

static void
test_publish (void)
{
  AdwMessageDialog *dialog;
  g_autofree char *status = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (procurement_id, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.advance", NULL));
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* The dialog says that the wording is frozen. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "freezes the wording"));
  status = sql_text ("SELECT status FROM procurement WHERE id = %" G_GINT64_FORMAT, procurement_id);
  g_assert_cmpstr (status, ==, "draft");
  g_clear_pointer (&status, g_free);
  /* What the "Publish" button does: respond, then close. */
  adw_message_dialog_response (dialog, "confirm");
  gtk_window_close (GTK_WINDOW (dialog));
  drain_main_loop ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  status = sql_text ("SELECT status FROM procurement WHERE id = %" G_GINT64_FORMAT, procurement_id);
  g_assert_cmpstr (status, ==, "published");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'procurement.status' AND procurement = %"
                            G_GINT64_FORMAT, procurement_id), ==, 1);
  /* Frozen: adding requirements does nothing any more. */
  gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.add-requirements", NULL);
  drain_main_loop ();
  g_assert_null (find_toplevel (KK_TYPE_REQUIREMENT_PICKER));
}

/* Add Supplier: choose from the register. */
static void
test_add_supplier (void)
{
  g_autoptr(KkSupplier) supplier = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;
  GtkWidget *list;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (procurement_id, >, 0);

  supplier = kk_store_add_supplier (db (), "Bygg & Drift AB", "556677-8899", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  supplier_id = supplier->id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.add-supplier", NULL));
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), 5000));
  chooser = find_toplevel (ADW_TYPE_WINDOW);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Add Supplier");
  list = kk_test_find_descendant (GTK_WIDGET (chooser), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  g_signal_emit_by_name (list, "activate", 0);
  drain_main_loop ();

  g_assert_cmpint (sql_int ("SELECT count(*) FROM assessment WHERE procurement = %" G_GINT64_FORMAT
                            " AND supplier = %" G_GINT64_FORMAT, procurement_id, supplier_id), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (kk_procurements_page_get_suppliers (page ())), ==, 1);

  /* Again: the only supplier registered is in the procurement already, so
   * the chooser shows its empty state, made now. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.add-supplier", NULL));
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), 5000));
  chooser = find_toplevel (ADW_TYPE_WINDOW);
  {
    GtkStack *stack = kk_test_find_stack_with (GTK_WIDGET (chooser), "empty");
    GtkWidget *empty;

    g_assert_nonnull (stack);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
    empty = adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (stack, "empty")));
    g_assert_true (ADW_IS_STATUS_PAGE (empty));
    g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (empty)), ==, "system-users-symbolic");
  }
  gtk_window_destroy (chooser);
  drain_main_loop ();
}

static GtkListBox *
supplier_list (void)
{
  GtkWidget *list = kk_test_find_descendant (GTK_WIDGET (page ()), GTK_TYPE_LIST_BOX);

  /* The only list box of the page outside a checklist. */
  g_assert_nonnull (list);
  return GTK_LIST_BOX (list);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static AdwViewStack *
tab_stack (void)
{
  GtkWidget *list = GTK_WIDGET (supplier_list ());

  for (GtkWidget *w = list; w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_VIEW_STACK (w))
      return ADW_VIEW_STACK (w);
  g_assert_not_reached ();
}

/* The suppliers tab's rows are built while it is shown, and when it is
 * next shown after another procurement was selected behind it. */
/* The texts of the requirement code cells the view shows (not blank). */
static void
collect_codes (GtkWidget *widget,
               GPtrArray *codes)
{
  if (KK_IS_CELL_TEXT (widget) && gtk_widget_has_css_class (widget, "numeric") &&
      !gtk_widget_has_css_class (widget, "dim-label") && *kk_cell_text_get_text (widget) != '\0')
    g_ptr_array_add (codes, g_strdup (kk_cell_text_get_text (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_codes (child, codes);
}

static GtkColumnView *
requirements_view (void)
{
  GtkWidget *view = kk_test_find_descendant (GTK_WIDGET (page ()), GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (view);
  return GTK_COLUMN_VIEW (view);
}

/* Every code cell shown is one of @procurement's requirements, and there
 * is at least one. */
static void
assert_codes_of (gint64 procurement)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  collect_codes (GTK_WIDGET (requirements_view ()), codes);
  g_assert_cmpuint (codes->len, >, 0);
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpint (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT
                              " AND code = '%s'", procurement, (char *) g_ptr_array_index (codes, i)), ==, 1);
}

static void
test_supplier_rows (void)
{
  KkProcurementInput input = { .title = "Städning av skolor", .dnr = "KK-2026-0099" };
  g_autoptr(KkProcurement) other = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBox *list;
  GtkListBoxRow *row;
  KkSupplier *shown;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (supplier_id, >, 0);
  other = kk_store_create_procurement (db (), &input, &error);
  g_assert_no_error (error);

  /* Adding a supplier showed the tab, with its row. */
  list = supplier_list ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (tab_stack ()), ==, "suppliers");
  g_assert_cmpuint (n_rows (list), ==, 1);
  row = gtk_list_box_get_row_at_index (list, 0);
  shown = g_object_get_data (G_OBJECT (row), "kk-supplier");
  g_assert_cmpint (shown->id, ==, supplier_id);

  /* Another procurement, with no suppliers, selected behind the
   * requirements tab: its count is read, the rows wait. */
  adw_view_stack_set_visible_child_name (tab_stack (), "requirements");
  kk_procurements_page_select (page (), other->id);
  drain_main_loop ();
  g_assert_cmpint (kk_procurements_page_get_selected (page ()), ==, other->id);
  g_assert_cmpuint (g_list_model_get_n_items (kk_procurements_page_get_suppliers (page ())), ==, 0);
  g_assert_true (gtk_list_box_get_row_at_index (list, 0) == row);

  /* Its requirements: none. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT,
                            other->id), ==, 0);
  g_assert_true (wait_for (requirements_listed, GUINT_TO_POINTER (0), 20000));

  adw_view_stack_set_visible_child_name (tab_stack (), "suppliers");
  g_assert_cmpuint (n_rows (list), ==, 0);

  /* Back to the first while the tab is shown: the row at once, and the
   * requirements list shows the first procurement's requirements. */
  kk_procurements_page_select (page (), procurement_id);
  drain_main_loop ();
  g_assert_cmpuint (n_rows (list), ==, 1);
  adw_view_stack_set_visible_child_name (tab_stack (), "requirements");
  g_assert_true (wait_for (requirements_listed,
                           GUINT_TO_POINTER (sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %"
                                                      G_GINT64_FORMAT, procurement_id)), 20000));
  drain_main_loop ();
  assert_codes_of (procurement_id);
  adw_view_stack_set_visible_child_name (tab_stack (), "suppliers");
  row = gtk_list_box_get_row_at_index (list, 0);
  shown = g_object_get_data (G_OBJECT (row), "kk-supplier");
  g_assert_cmpint (shown->id, ==, supplier_id);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM assessment WHERE procurement = %" G_GINT64_FORMAT, procurement_id), ==, 1);
}

/* Another procurement's requirements shown in the rows the list has
 * (KkStableRows): every code shown is the new procurement's, and the rows
 * left over go. */
/* The cells of the revision column ("Newer available"). */
static void
collect_revision_cells (GtkWidget *widget,
                        GPtrArray *cells)
{
  if (KK_IS_CELL_TEXT (widget) && gtk_widget_has_css_class (widget, "accent"))
    g_ptr_array_add (cells, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_revision_cells (child, cells);
}

/* Of the revision cells shown, how many say "Newer available"; each keeps
 * its width, and those that do not draw nothing and read as nothing. The
 * column's fixed width holds one that does. */
static guint
count_newer_cells (GtkColumnView *view)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GListModel *columns = gtk_column_view_get_columns (view);
  guint newer = 0;

  collect_revision_cells (GTK_WIDGET (view), cells);
  g_assert_cmpuint (cells->len, >, 0);
  column = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      int natural;

      g_assert_true (gtk_widget_get_visible (cell));
      gtk_widget_measure (gtk_widget_get_parent (cell), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (gtk_column_view_column_get_fixed_width (column), >=, natural);
      if (*kk_cell_text_get_text (cell) != '\0')
        {
          g_assert_cmpfloat (gtk_widget_get_opacity (cell), ==, 1.0);
          newer++;
        }
      else
        g_assert_cmpfloat (gtk_widget_get_opacity (cell), ==, 0.0);
    }
  return newer;
}

/* Every column of @view has a fixed width once its rows are drawn. */
static void
assert_columns_fixed (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpint (gtk_column_view_column_get_fixed_width (column), >, 0);
    }
}

static void
test_requirement_rows (void)
{
  KkProcurementInput input = { .title = "Fönsterputs", .dnr = "KK-2026-0098" };
  g_autoptr(KkProcurement) small = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *sql = NULL;
  const char *codes[3];
  guint n_large;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (procurement_id, >, 0);
  n_large = sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT,
                     procurement_id);
  g_assert_cmpuint (n_large, >, 2);
  first = sql_text ("SELECT code FROM requirement WHERE code NOT IN (SELECT code FROM procurement_requirement "
                    "WHERE procurement = %" G_GINT64_FORMAT ") AND NOT retired ORDER BY code LIMIT 1", procurement_id);
  second = sql_text ("SELECT code FROM requirement WHERE code NOT IN (SELECT code FROM procurement_requirement "
                     "WHERE procurement = %" G_GINT64_FORMAT ") AND NOT retired ORDER BY code LIMIT 1 OFFSET 1",
                     procurement_id);
  codes[0] = first;
  codes[1] = second;
  codes[2] = NULL;
  small = kk_store_create_procurement (db (), &input, &error);
  g_assert_no_error (error);
  g_assert_true (kk_store_procurement_add_requirements (db (), small->id, codes, &error));
  g_assert_no_error (error);
  /* The catalogue has a newer wording of the first than the procurement. */
  sql = g_strdup_printf ("UPDATE procurement_requirement SET revision = 0 WHERE procurement = %" G_GINT64_FORMAT
                         " AND code = '%s'", small->id, first);
  g_free (kk_test_sqlite3 (db_path, sql));

  adw_view_stack_set_visible_child_name (tab_stack (), "requirements");
  kk_procurements_page_select (page (), procurement_id);
  g_assert_true (wait_for (requirements_listed, GUINT_TO_POINTER (n_large), 20000));
  drain_main_loop ();
  assert_codes_of (procurement_id);
  assert_columns_fixed (requirements_view ());
  g_assert_cmpuint (count_newer_cells (requirements_view ()), ==, 0);

  /* Fewer: the rows that stay show the new ones, the rest go. The widths
   * fixed before hold the newer wording's note. */
  kk_procurements_page_select (page (), small->id);
  g_assert_true (wait_for (requirements_listed, GUINT_TO_POINTER (2), 20000));
  drain_main_loop ();
  assert_codes_of (small->id);
  g_assert_cmpuint (count_newer_cells (requirements_view ()), ==, 1);

  /* More again. */
  kk_procurements_page_select (page (), procurement_id);
  g_assert_true (wait_for (requirements_listed, GUINT_TO_POINTER (n_large), 20000));
  drain_main_loop ();
  assert_codes_of (procurement_id);
  adw_view_stack_set_visible_child_name (tab_stack (), "suppliers");
}

#define ANSWER_SQL \
  "SELECT a.status FROM answer a JOIN procurement_requirement pr ON pr.id = a.procurement_requirement " \
  "WHERE pr.procurement = %" G_GINT64_FORMAT " AND pr.code = '%s'"

/* The stack that shows either the procurements or a checklist. */
static const char *
shown_view (GtkWidget *checklist)
{
  GtkWidget *stack = gtk_widget_get_ancestor (checklist, GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* Cells of the rows a list has made. */
static guint
count_cells (GtkWidget *widget)
{
  guint n = KK_IS_CELL_TEXT (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_cells (child);
  return n;
}

/* Every wrapping label laid out in @widget lies under a width-first
 * layout below the nearest stack (which asks its page for a width at a
 * height), and the checklist view is laid out width first itself (see
 * kk-width-first-layout.h). */
static void
assert_labels_width_first (GtkWidget *widget,
                           GtkWidget *view,
                           guint     *n_wrapping)
{
  if (!gtk_widget_should_layout (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    {
      GtkWidget *ancestor = gtk_widget_get_parent (widget);

      while (ancestor != view && !GTK_IS_STACK (ancestor) &&
             !KK_IS_WIDTH_FIRST_LAYOUT (gtk_widget_get_layout_manager (ancestor)))
        ancestor = gtk_widget_get_parent (ancestor);
      if (!KK_IS_WIDTH_FIRST_LAYOUT (gtk_widget_get_layout_manager (ancestor)))
        g_error ("The wrapping label “%s” is laid out for a height", gtk_label_get_text (GTK_LABEL (widget)));
      (*n_wrapping)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    assert_labels_width_first (child, view, n_wrapping);
}

/* A click opens the checklist over frames: the frame after the click
 * styles the view, the next makes its first rows, both off screen; the
 * slide comes after that, the focus after the slide's first frame.
 * Closed before that, it stays closed. */
static void
test_checklist_stages (void)
{
  GtkWidget *view, *focus, *list;
  guint n_wrapping = 0;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (supplier_id, >, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page ())));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.open-checklist", "x", supplier_id));
  view = kk_procurements_page_get_checklist (page ());
  g_assert_nonnull (view);
  list = kk_checklist_view_get_list (KK_CHECKLIST_VIEW (view));
  /* More rows than the first screenful: they are paced. */
  g_assert_cmpuint (kk_checklist_view_get_n_items (KK_CHECKLIST_VIEW (view)), >, 10);
  g_assert_true (gtk_widget_get_visible (view));
  g_assert_cmpstr (shown_view (view), ==, "main");
  g_assert_cmpuint (count_cells (list), ==, 0);
  kk_test_run_frames (GTK_WIDGET (window), 1);
  g_assert_cmpstr (shown_view (view), ==, "main");
  g_assert_cmpuint (count_cells (list), ==, 0);
  /* The rows come in the next frame, before the view is first laid out;
   * the slide starts after it. */
  kk_test_run_frames (GTK_WIDGET (window), 1);
  g_assert_cmpuint (count_cells (list), >, 0);
  g_assert_cmpint (gtk_widget_get_width (view), ==, 0);
  g_assert_cmpstr (shown_view (view), ==, "checklist");
  g_assert_true (KK_IS_WIDTH_FIRST_LAYOUT (gtk_widget_get_layout_manager (view)));
  assert_labels_width_first (view, view, &n_wrapping);
  /* The verdict, and the requirement's title, text and verification. */
  g_assert_cmpuint (n_wrapping, >=, 4);
  kk_test_run_frames (GTK_WIDGET (window), 1);
  g_assert_cmpint (gtk_widget_get_width (view), >, 0);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, kk_checklist_view_get_list (KK_CHECKLIST_VIEW (view))) ||
                 focus == kk_checklist_view_get_list (KK_CHECKLIST_VIEW (view)));
  g_assert_true (gtk_widget_activate_action (view, "checklist.close", NULL));
  kk_test_run_frames (GTK_WIDGET (window), 1);
  g_assert_null (kk_procurements_page_get_checklist (page ()));
  g_assert_cmpstr (shown_view (view), ==, "main");

  /* Closed again before its first frame: no slide comes after. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.open-checklist", "x", supplier_id));
  view = kk_procurements_page_get_checklist (page ());
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_activate_action (view, "checklist.close", NULL));
  kk_test_run_frames (GTK_WIDGET (window), 3);
  g_assert_null (kk_procurements_page_get_checklist (page ()));
  g_assert_cmpstr (shown_view (view), ==, "main");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_false (focus != NULL && gtk_widget_is_ancestor (focus, view));
}

/* The checklist: "1" sets Met, Ctrl+Z undoes it; each writes an audit row. */
/* The window's focus is in the checklist's list. */
static gboolean
focus_in_list (gpointer view)
{
  GtkWidget *list = kk_checklist_view_get_list (KK_CHECKLIST_VIEW (view));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == list || gtk_widget_is_ancestor (focus, list));
}

static void
test_checklist_keys (void)
{
  KkChecklistView *view;
  KkChecklistItem *item;
  GtkWidget *list;
  g_autofree char *code = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *status = NULL;
  guint n;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (supplier_id, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.open-checklist", "x", supplier_id));
  view = KK_CHECKLIST_VIEW (kk_procurements_page_get_checklist (page ()));
  g_assert_nonnull (view);
  drain_main_loop ();
  /* The keyboard works in the list at once: the focus goes there after
   * the first frame. */
  g_assert_true (wait_for (focus_in_list, view, 5000));

  n = kk_checklist_view_get_n_items (view);
  g_assert_cmpint (n, ==, sql_int ("SELECT count(*) FROM procurement_requirement WHERE procurement = %" G_GINT64_FORMAT,
                                   procurement_id));
  expected = g_strdup_printf ("0 of %u checked", n);
  g_assert_cmpstr (gtk_label_get_text (kk_checklist_view_get_progress_label (view)), ==, expected);

  /* Find a SHALL row so the verdict changes too. */
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (kk_checklist_view_get_item (view, i)->obligation, "shall") == 0)
      {
        kk_checklist_view_select (view, i);
        break;
      }
  item = kk_checklist_view_get_item (view, kk_checklist_view_get_selected (view));
  code = g_strdup (item->code);

  list = kk_checklist_view_get_list (view);
  /* j and k move the selection. */
  {
    guint at = kk_checklist_view_get_selected (view);

    g_assert_true (activate_shortcut (list, GDK_KEY_j, 0));
    g_assert_cmpuint (kk_checklist_view_get_selected (view), ==, at + 1);
    g_assert_true (activate_shortcut (list, GDK_KEY_k, 0));
    g_assert_cmpuint (kk_checklist_view_get_selected (view), ==, at);
  }
  g_assert_true (activate_shortcut (list, GDK_KEY_1, 0));
  status = sql_text (ANSWER_SQL, procurement_id, code);
  g_assert_cmpstr (status, ==, "met");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'answer.set' AND procurement = %" G_GINT64_FORMAT,
                            procurement_id), ==, 1);
  g_free (expected);
  expected = g_strdup_printf ("1 of %u checked", n);
  g_assert_cmpstr (gtk_label_get_text (kk_checklist_view_get_progress_label (view)), ==, expected);
  g_assert_cmpstr (kk_checklist_view_get_item (view, kk_checklist_view_get_selected (view))->status, ==, "met");
  g_assert_cmpstr (kk_checklist_view_get_item (view, kk_checklist_view_get_selected (view))->checked_by, ==, "Test Officer");
  g_assert_cmpuint (kk_checklist_view_get_undo_depth (view), ==, 1);

  /* "3" makes the supplier fail a SHALL requirement, said in words. */
  g_assert_true (activate_shortcut (list, GDK_KEY_3, 0));
  g_free (status);
  status = sql_text (ANSWER_SQL, procurement_id, code);
  g_assert_cmpstr (status, ==, "not_met");
  g_free (expected);
  expected = g_strdup_printf ("1 of %u checked, 1 SHALL not met", n);
  g_assert_cmpstr (gtk_label_get_text (kk_checklist_view_get_progress_label (view)), ==, expected);
  g_assert_nonnull (strstr (gtk_label_get_text (kk_checklist_view_get_verdict_label (view)), "Fails 1 SHALL requirement"));

  /* Ctrl+Z twice: back to Met, then to Unanswered. */
  g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_z, GDK_CONTROL_MASK));
  g_free (status);
  status = sql_text (ANSWER_SQL, procurement_id, code);
  g_assert_cmpstr (status, ==, "met");
  g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_z, GDK_CONTROL_MASK));
  g_free (status);
  status = sql_text (ANSWER_SQL, procurement_id, code);
  g_assert_cmpstr (status, ==, "unanswered");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'answer.set' AND procurement = %" G_GINT64_FORMAT,
                            procurement_id), ==, 4);
  g_free (expected);
  expected = g_strdup_printf ("0 of %u checked", n);
  g_assert_cmpstr (gtk_label_get_text (kk_checklist_view_get_progress_label (view)), ==, expected);
  g_assert_cmpuint (kk_checklist_view_get_undo_depth (view), ==, 0);
  /* Nothing left to undo: Ctrl+Z changes nothing. */
  activate_shortcut (GTK_WIDGET (view), GDK_KEY_z, GDK_CONTROL_MASK);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'answer.set'"), ==, 4);
}

/* Comment, evidence and date typed in the editor are saved with Ctrl+S;
 * a wrong date is refused in the editor and writes nothing. */
static void
test_checklist_details (void)
{
  KkChecklistView *view = KK_CHECKLIST_VIEW (kk_procurements_page_get_checklist (page ()));
  GtkWidget *entry;
  g_autofree char *code = NULL;
  g_autofree char *row = NULL;
  gint64 audit_before;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (view);

  code = g_strdup (kk_checklist_view_get_item (view, kk_checklist_view_get_selected (view))->code);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (kk_checklist_view_get_field (view, "comment"))),
                            "Intyg granskat", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (kk_checklist_view_get_field (view, "evidence"))),
                            "ISO 27001-certifikat 2025-11-01", -1);
  entry = kk_checklist_view_get_field (view, "valid-until");
  gtk_editable_set_text (GTK_EDITABLE (entry), "2027-13-01");
  audit_before = sql_int ("SELECT count(*) FROM audit_log");
  g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log"), ==, audit_before);

  gtk_editable_set_text (GTK_EDITABLE (entry), "2027-03-31");
  g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_s, GDK_CONTROL_MASK));
  row = sql_text ("SELECT a.status || '|' || a.comment || '|' || a.evidence || '|' || a.valid_until FROM answer a "
                  "JOIN procurement_requirement pr ON pr.id = a.procurement_requirement "
                  "WHERE pr.procurement = %" G_GINT64_FORMAT " AND pr.code = '%s'", procurement_id, code);
  g_assert_cmpstr (row, ==, "unanswered|Intyg granskat|ISO 27001-certifikat 2025-11-01|2027-03-31");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log"), ==, audit_before + 1);
}

/* GUI and CLI writing one database at once: while kravkoll-cli processes
 * (three at a time) set answers with comments, the checklist view sets
 * the status of the same requirements. Every process succeeds (no
 * "database is locked"), the window shows no error, every write is in the
 * audit trail, and no CLI comment is lost to a GUI write made from what
 * the view had read before. */
#define N_SHARED 24
#define N_PARALLEL 3

typedef struct {
  GPtrArray *codes;
  guint      next;
  guint      running;
  guint      done;
  GString   *failures;
} CliWriters;

static void spawn_next_writer (CliWriters *w);

/* The checklist of the supplier added above, opened if it is not. */
static KkChecklistView *
checklist_view (void)
{
  GtkWidget *view = kk_procurements_page_get_checklist (page ());

  if (view == NULL)
    {
      kk_window_show_procurement (window, procurement_id);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.open-checklist", "x", supplier_id));
      view = kk_procurements_page_get_checklist (page ());
      drain_main_loop ();
    }
  g_assert_true (KK_IS_CHECKLIST_VIEW (view));
  return KK_CHECKLIST_VIEW (view);
}

static void
writer_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CliWriters *w = user_data;
  GSubprocess *proc = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  if (!g_subprocess_communicate_utf8_finish (proc, result, &out, &err, &error))
    g_string_append_printf (w->failures, "communicate: %s\n", error->message);
  else if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0 || (err && *err))
    g_string_append_printf (w->failures, "exit %d: %s\n", g_subprocess_get_exit_status (proc), err ? err : "");
  g_object_unref (proc);
  w->running--;
  w->done++;
  spawn_next_writer (w);
}

static void
spawn_next_writer (CliWriters *w)
{
  while (w->running < N_PARALLEL && w->next < w->codes->len)
    {
      const char *code = g_ptr_array_index (w->codes, w->next);
      g_autofree char *comment = g_strdup_printf ("CLI %u: %s", w->next, code);
      g_autoptr(GError) error = NULL;
      GSubprocess *proc;

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                               g_getenv ("KRAVKOLL_CLI"), "--db", db_path, "answer", "set", "KS 2026/0042",
                               "556677-8899", code, "partly_met", "--comment", comment, NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (proc, NULL, NULL, writer_done_cb, w);
      w->next++;
      w->running++;
    }
}

static void
test_checklist_concurrent_cli (void)
{
  KkChecklistView *view;
  CliWriters w = { 0 };
  GtkWidget *list;
  gint64 audit_before, deadline;
  guint gui_next = 0, gui_writes = 0;
  g_autofree char *integrity = NULL;

  SKIP_WITHOUT_DISPLAY ();
  view = checklist_view ();
  g_assert_nonnull (g_getenv ("KRAVKOLL_CLI"));
  g_assert_cmpuint (kk_checklist_view_get_n_items (view), >=, N_SHARED);

  w.codes = g_ptr_array_new_with_free_func (g_free);
  w.failures = g_string_new (NULL);
  for (guint i = 0; i < N_SHARED; i++)
    g_ptr_array_add (w.codes, g_strdup (kk_checklist_view_get_item (view, i)->code));
  /* From unanswered, so that every write below changes the answer. */
  for (guint i = 0; i < N_SHARED; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (kk_store_set_answer (db (), procurement_id, supplier_id, g_ptr_array_index (w.codes, i),
                                          &(KkAnswerInput) { .status = "unanswered", .comment = "", .evidence = "",
                                                             .valid_until = "" },
                                          NULL, &error));
      g_assert_no_error (error);
    }
  kk_checklist_view_reload (view);
  audit_before = sql_int ("SELECT count(*) FROM audit_log WHERE action = 'answer.set'");

  list = kk_checklist_view_get_list (view);
  spawn_next_writer (&w);
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (w.done < N_SHARED || gui_next < N_SHARED)
    {
      /* One GUI write ("1": Met on the selected row) between turns of the
       * main loop, which also collects the CLI processes. */
      if (gui_next < N_SHARED)
        {
          kk_checklist_view_select (view, gui_next);
          g_assert_cmpstr (kk_checklist_view_get_item (view, kk_checklist_view_get_selected (view))->code, ==,
                           g_ptr_array_index (w.codes, gui_next));
          g_assert_true (activate_shortcut (list, GDK_KEY_1, 0));
          gui_writes++;
          gui_next++;
        }
      for (int i = 0; i < 5; i++)
        g_main_context_iteration (NULL, FALSE);
      if (gui_next == N_SHARED && w.done < N_SHARED)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  if (w.failures->len > 0)
    g_error ("kravkoll-cli failed while the GUI wrote:\n%s", w.failures->str);
  {
    GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    if (dialog != NULL)
      g_error ("The window showed “%s”: %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
               adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  }

  /* Every write is recorded: each of them changed the answer. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'answer.set'"), ==,
                   audit_before + N_SHARED + gui_writes);
  for (guint i = 0; i < N_SHARED; i++)
    {
      const char *code = g_ptr_array_index (w.codes, i);
      g_autofree char *expected = g_strdup_printf ("CLI %u: %s", i, code);
      g_autofree char *row = sql_text ("SELECT a.status || '|' || a.comment FROM answer a "
                                       "JOIN procurement_requirement pr ON pr.id = a.procurement_requirement "
                                       "WHERE pr.procurement = %" G_GINT64_FORMAT " AND pr.code = '%s'",
                                       procurement_id, code);
      g_autofree char *met = g_strconcat ("met|", expected, NULL);
      g_autofree char *partly = g_strconcat ("partly_met|", expected, NULL);

      /* Whichever status came last; the CLI's comment in any case. */
      if (g_strcmp0 (row, met) != 0 && g_strcmp0 (row, partly) != 0)
        g_error ("%s: “%s”, expected the comment “%s” with met or partly_met", code, row, expected);
    }
  integrity = sql_text ("PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  g_ptr_array_unref (w.codes);
  g_string_free (w.failures, TRUE);
}

static gboolean
message_shown (gpointer heading)
{
  GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), heading) == 0;
}

static void
close_message (void)
{
  GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  drain_main_loop ();
}

/* Details typed in the GUI while a CLI process changes the same answer:
 * saving is refused with who changed it, the CLI's change stays and the
 * typed text stays in the editor; saving again then writes it. Undo does
 * not overwrite a change made after the one it undoes. */
static void
test_checklist_conflict (void)
{
  KkChecklistView *view;
  GtkTextBuffer *comment;
  g_autofree char *code = NULL, *row = NULL, *typed = NULL;
  gint64 audit_before;
  GtkTextIter start, end;

  SKIP_WITHOUT_DISPLAY ();
  view = checklist_view ();
  g_assert_cmpuint (kk_checklist_view_get_n_items (view), >, N_SHARED + 1);

  kk_checklist_view_select (view, N_SHARED + 1);
  drain_main_loop ();
  code = g_strdup (kk_checklist_view_get_item (view, N_SHARED + 1)->code);
  comment = gtk_text_view_get_buffer (GTK_TEXT_VIEW (kk_checklist_view_get_field (view, "comment")));
  gtk_text_buffer_set_text (comment, "Handläggarens anteckning", -1);

  cli_answer (code, "not_met", "Leverantören har inte svarat");
  audit_before = sql_int ("SELECT count(*) FROM audit_log");

  g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_true (wait_for (message_shown, (gpointer) "Someone Else Changed This Answer", 5000));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log"), ==, audit_before);
  row = answer_fields ("a.status || '|' || a.comment", code);
  g_assert_cmpstr (row, ==, "not_met|Leverantören har inte svarat");
  gtk_text_buffer_get_bounds (comment, &start, &end);
  typed = gtk_text_buffer_get_text (comment, &start, &end, FALSE);
  g_assert_cmpstr (typed, ==, "Handläggarens anteckning");
  close_message ();

  /* Saving again replaces the comment knowingly; the CLI's status stays. */
  g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_free (row);
  row = answer_fields ("a.status || '|' || a.comment", code);
  g_assert_cmpstr (row, ==, "not_met|Handläggarens anteckning");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log"), ==, audit_before + 1);

  /* The CLI changes the comment again; Ctrl+Z would put back the CLI's
   * first comment over it: refused, nothing written. */
  cli_answer (code, "not_met", "Svar inkommet per post");
  audit_before = sql_int ("SELECT count(*) FROM audit_log");
  g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_true (wait_for (message_shown, (gpointer) "Could Not Undo the Change", 5000));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log"), ==, audit_before);
  g_free (row);
  row = answer_fields ("a.comment", code);
  g_assert_cmpstr (row, ==, "Svar inkommet per post");
  close_message ();
}

/* A closed checklist's view is used again for the next one, which then
 * reads as a new view would: the other supplier's answers, the first row
 * selected, nothing to undo. */
static void
test_checklist_reopen (void)
{
  KkChecklistView *view, *again;
  g_autoptr(KkSupplier) other = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  SKIP_WITHOUT_DISPLAY ();
  view = checklist_view ();
  kk_checklist_view_select (view, 3);
  g_assert_true (activate_shortcut (kk_checklist_view_get_list (view), GDK_KEY_4, 0));
  g_assert_cmpuint (kk_checklist_view_get_undo_depth (view), >, 0);
  n = kk_checklist_view_get_n_items (view);

  other = kk_store_add_supplier (db (), "Larm & Lås i Norr AB", "556036-0793", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kk_store_procurement_add_supplier (db (), procurement_id, other->id, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "checklist.close", NULL));
  drain_main_loop ();
  g_assert_null (kk_procurements_page_get_checklist (page ()));
  kk_procurements_page_reload (page ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.open-checklist", "x", other->id));
  again = KK_CHECKLIST_VIEW (kk_procurements_page_get_checklist (page ()));
  g_assert_true (again == view);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (again)));
  g_assert_cmpint (kk_checklist_view_get_supplier_id (again), ==, other->id);
  g_assert_cmpuint (kk_checklist_view_get_undo_depth (again), ==, 0);
  g_assert_cmpuint (kk_checklist_view_get_selected (again), ==, 0);
  g_assert_cmpuint (kk_checklist_view_get_n_items (again), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (kk_checklist_view_get_item (again, i)->status, ==, "unanswered");

  /* Back to the first supplier: its answers, as the database has them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (again), "checklist.close", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.open-checklist", "x", supplier_id));
  again = KK_CHECKLIST_VIEW (kk_procurements_page_get_checklist (page ()));
  g_assert_true (again == view);
  for (guint i = 0; i < n; i++)
    {
      KkChecklistItem *item = kk_checklist_view_get_item (again, i);
      g_autofree char *stored = sql_text ("SELECT coalesce ((SELECT a.status FROM answer a "
                                          "JOIN assessment s ON s.id = a.assessment "
                                          "JOIN procurement_requirement pr ON pr.id = a.procurement_requirement "
                                          "WHERE s.procurement = %" G_GINT64_FORMAT " AND s.supplier = %" G_GINT64_FORMAT
                                          " AND pr.code = '%s'), 'unanswered')",
                                          procurement_id, supplier_id, item->code);

      g_assert_cmpstr (item->status, ==, stored);
    }
  g_assert_cmpstr (kk_checklist_view_get_item (again, 3)->status, ==, "not_applicable");
}

/* Another program holds the database's write lock for longer than a write
 * waits: setting a status says so in a dialog, writes nothing and leaves
 * the row as it was; once the lock is gone the same key works. */
static void
test_checklist_locked (void)
{
  static const char holder[] =
    "import sqlite3, sys, time\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "time.sleep(3)\n"
    "c.execute('ROLLBACK')\n";
  KkChecklistView *view;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL, *code = NULL, *status_before = NULL, *dump_before = NULL, *dump_after = NULL;
  g_autofree char *stored = NULL;
  GtkWindow *dialog;
  guint key;
  const char *wanted;

  SKIP_WITHOUT_DISPLAY ();
  view = checklist_view ();
  kk_checklist_view_select (view, 5);
  code = g_strdup (kk_checklist_view_get_item (view, 5)->code);
  status_before = g_strdup (kk_checklist_view_get_item (view, 5)->status);
  /* A status it does not have yet (the concurrent writers before may
   * have left any). */
  key = g_str_equal (status_before, "partly_met") ? GDK_KEY_3 : GDK_KEY_2;
  wanted = key == GDK_KEY_3 ? "not_met" : "partly_met";
  dump_before = kk_test_dump_db (db_path);

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", "-c", holder, db_path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  g_assert_true (activate_shortcut (kk_checklist_view_get_list (view), key, 0));
  g_assert_true (wait_for (message_shown, (gpointer) "Could Not Save the Answer", 5000));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "in use by another program"));
  g_assert_cmpstr (kk_checklist_view_get_item (view, 5)->status, ==, status_before);
  close_message ();

  g_assert_true (g_subprocess_wait_check (proc, NULL, &error));
  g_assert_no_error (error);
  dump_after = kk_test_dump_db (db_path);
  g_assert_cmpstr (dump_after, ==, dump_before);

  g_assert_true (activate_shortcut (kk_checklist_view_get_list (view), key, 0));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  stored = sql_text (ANSWER_SQL, procurement_id, code);
  g_assert_cmpstr (stored, ==, wanted);
}

/* The procurement's details edited in the GUI while kravkoll-cli changes
 * them: saving is refused with who changed them, the dialog stays open
 * with what was typed, and saving again then writes it. */
static void
test_edit_conflict (void)
{
  KkProcurementDialog *dialog;
  g_autofree char *row = NULL, *title = NULL;
  gint64 audit_before;

  SKIP_WITHOUT_DISPLAY ();
  kk_window_show_procurement (window, procurement_id);
  title = sql_text ("SELECT title FROM procurement WHERE id = %" G_GINT64_FORMAT, procurement_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "procurements.edit", NULL));
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (KK_TYPE_PROCUREMENT_DIALOG), 5000));
  dialog = KK_PROCUREMENT_DIALOG (find_toplevel (KK_TYPE_PROCUREMENT_DIALOG));
  gtk_editable_set_text (kk_procurement_dialog_get_field (dialog, "title"), "Drift och förvaltning av e-tjänster");

  {
    const char *argv[] = { "procurement", "edit", "KS 2026/0042", "--unit", "Serviceförvaltningen", NULL };

    g_assert_cmpint (kk_test_run_cli (db_path, argv, NULL, NULL), ==, 0);
  }
  audit_before = sql_int ("SELECT count(*) FROM audit_log");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (find_toplevel (KK_TYPE_PROCUREMENT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_nonnull (kk_procurement_dialog_get_error (dialog));
  g_assert_nonnull (strstr (kk_procurement_dialog_get_error (dialog), "changed by Test Officer"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log"), ==, audit_before);
  row = sql_text ("SELECT title || '|' || unit FROM procurement WHERE id = %" G_GINT64_FORMAT, procurement_id);
  {
    g_autofree char *expected = g_strconcat (title, "|Serviceförvaltningen", NULL);

    g_assert_cmpstr (row, ==, expected);
  }
  g_assert_cmpstr (gtk_editable_get_text (kk_procurement_dialog_get_field (dialog, "title")), ==,
                   "Drift och förvaltning av e-tjänster");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  drain_main_loop ();
  g_assert_null (find_toplevel (KK_TYPE_PROCUREMENT_DIALOG));
  g_free (row);
  row = sql_text ("SELECT title FROM procurement WHERE id = %" G_GINT64_FORMAT, procurement_id);
  g_assert_cmpstr (row, ==, "Drift och förvaltning av e-tjänster");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log"), ==, audit_before + 1);
}

static gboolean
import_dialog_shown (gpointer data)
{
  return find_toplevel (KK_TYPE_IMPORT_DIALOG) != NULL;
}

/* The supplier's workbook comes back: preview, then apply. */
static void
test_checklist_import (void)
{
  KkChecklistView *view = KK_CHECKLIST_VIEW (kk_procurements_page_get_checklist (page ()));
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) own = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *spec1 = NULL;
  g_autofree char *spec2 = NULL;
  g_autofree char *status = NULL;
  KkImportDialog *dialog;
  g_autofree char *code1 = NULL;
  g_autofree char *code2 = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (view);
  g_assert_cmpuint (kk_checklist_view_get_n_items (view), >=, 3);

  own = kk_database_open (db_path, &error);
  g_assert_no_error (error);
  blank = g_build_filename (test_dir, "blank.xlsx", NULL);
  filled = g_build_filename (test_dir, "returned.xlsx", NULL);
  g_assert_true (kk_export_checklist_xlsx (own, procurement_id, supplier_id, "sv", blank, &error));
  g_assert_no_error (error);

  code1 = g_strdup (kk_checklist_view_get_item (view, 1)->code);
  code2 = g_strdup (kk_checklist_view_get_item (view, 2)->code);
  spec1 = g_strdup_printf ("%s=Uppfyllt|Vi har rutiner", code1);
  spec2 = g_strdup_printf ("%s=Ej uppfyllt", code2);
  g_assert_cmpint (kk_test_run_python ("checklist-tool.py",
                                       (const char * const[]) { "fill", blank, filled, spec1, spec2, NULL },
                                       NULL, NULL), ==, 0);

  /* The blank workbook came from this program's own copy of the export
   * code; the GUI's import goes through the module, first use here. */
  g_assert_false (kk_io_module_is_loaded ());
  kk_checklist_view_import_file (view, filled);
  g_assert_true (wait_for (import_dialog_shown, NULL, 20000));
  g_assert_true (kk_io_module_is_loaded ());
  dialog = KK_IMPORT_DIALOG (find_toplevel (KK_TYPE_IMPORT_DIALOG));
  g_assert_cmpuint (kk_import_dialog_get_n_listed (dialog, "new"), ==, 2);
  g_assert_cmpuint (kk_import_dialog_get_n_listed (dialog, "refused"), ==, 0);
  g_assert_true (kk_import_dialog_can_apply (dialog));
  /* Nothing is written before Apply. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'answer.import'"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.apply", NULL));
  drain_main_loop ();

  status = sql_text ("SELECT group_concat (s, ',') FROM (SELECT a.status || ':' || a.comment AS s FROM answer a "
                     "JOIN procurement_requirement pr ON pr.id = a.procurement_requirement "
                     "WHERE pr.procurement = %" G_GINT64_FORMAT " AND pr.code IN ('%s', '%s') ORDER BY pr.position)",
                     procurement_id, code1, code2);
  g_assert_cmpstr (status, ==, "met:Vi har rutiner,not_met:");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'answer.import'"), ==, 2);
  g_assert_cmpstr (kk_checklist_view_get_item (view, 1)->status, ==, "met");
}

static void
test_checklist_import_refused (void)
{
  KkChecklistView *view = KK_CHECKLIST_VIEW (kk_procurements_page_get_checklist (page ()));
  g_autofree char *junk = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (view);

  junk = g_build_filename (test_dir, "junk.xlsx", NULL);
  g_assert_true (g_file_set_contents (junk, "not a workbook", -1, NULL));
  before = kk_test_dump_db (db_path);
  kk_checklist_view_import_file (view, junk);
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 20000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))), ==,
                   "Could Not Read the Checklist");
  gtk_window_destroy (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (find_toplevel (KK_TYPE_IMPORT_DIALOG));
  after = kk_test_dump_db (db_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_audit_view (void)
{
  KkAuditView *audit;
  KkAuditEntry entry = { 0 };
  g_autofree char *detail = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (procurement_id, >, 0);

  audit = kk_audit_view_new (GTK_WINDOW (window), db (), procurement_id);
  g_assert_cmpint (kk_audit_view_get_n_rows (audit), ==,
                   sql_int ("SELECT count(*) FROM audit_log WHERE procurement = %" G_GINT64_FORMAT, procurement_id));
  gtk_window_destroy (GTK_WINDOW (audit));

  entry.action = (char *) "answer.set";
  entry.detail = (char *) "{\"code\":\"LEV-IS-01\",\"old_status\":\"unanswered\",\"status\":\"met\","
                          "\"old_comment\":\"\",\"comment\":\"\"}";
  detail = kk_audit_describe_detail (&entry);
  g_assert_cmpstr (detail, ==, "Status: Unanswered → Met");
  g_assert_cmpstr (kk_audit_action_label ("procurement.add_supplier"), ==, "Supplier added to the procurement");
}

static void
test_back_to_procurement (void)
{
  KkChecklistView *view = KK_CHECKLIST_VIEW (kk_procurements_page_get_checklist (page ()));

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "checklist.close", NULL));
  g_assert_null (kk_procurements_page_get_checklist (page ()));
  g_assert_cmpint (kk_procurements_page_get_selected (page ()), ==, procurement_id);
}

typedef struct {
  gboolean done;
  GError  *error;
} ExportWait;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportWait *wait = user_data;

  kk_gui_util_export_finish (result, &wait->error);
  wait->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportWait *) data)->done;
}

/* The menu button that is not a KkChoiceButton's. */
static GtkWidget *
find_export_button (GtkWidget *widget)
{
  if (KK_IS_CHOICE_BUTTON (widget))
    return NULL;
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_export_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Export button's menu is made when it first opens, with the three
 * exports of the procurement. */
static void
test_export_menu (void)
{
  GtkMenuButton *button;
  GMenuModel *model;
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *popover;

  SKIP_WITHOUT_DISPLAY ();
  button = GTK_MENU_BUTTON (find_export_button (GTK_WIDGET (page ())));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_null (gtk_menu_button_get_menu_model (button));

  gtk_menu_button_popup (button);
  model = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (model);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      g_assert_nonnull (section);
      for (int j = 0; j < g_menu_model_get_n_items (section); j++)
        {
          char *action = NULL;

          g_assert_true (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action));
          g_ptr_array_add (actions, action);
        }
    }
  g_assert_cmpuint (actions->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (actions, 0), ==, "procurements.export-appendix");
  g_assert_cmpstr (g_ptr_array_index (actions, 1), ==, "procurements.export-list");
  g_assert_cmpstr (g_ptr_array_index (actions, 2), ==, "procurements.export-matrix");
  gtk_menu_button_popdown (button);
  /* Opening it again keeps the same menu. */
  gtk_menu_button_popup (button);
  g_assert_true (gtk_menu_button_get_menu_model (button) == model);
  gtk_menu_button_popdown (button);
  g_ptr_array_unref (actions);
}

static void
test_exports (void)
{
  static const struct { KkGuiExportKind kind; const char *name; const char *magic; } cases[] = {
    { KK_GUI_EXPORT_APPENDIX_PDF, "appendix", "%PDF-" },
    { KK_GUI_EXPORT_REQUIREMENT_LIST, "list.xlsx", "PK" },
    { KK_GUI_EXPORT_MATRIX, "matrix.xlsx", "PK" },
    { KK_GUI_EXPORT_CHECKLIST, "checklist.xlsx", "PK" },
  };

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (supplier_id, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (test_dir, cases[i].name, NULL);
      g_autofree char *written = NULL;
      g_autofree char *contents = NULL;
      ExportWait wait = { 0 };

      kk_gui_util_export_to_path (GTK_WIDGET (page ()), db (), cases[i].kind, procurement_id, supplier_id, path,
                                  export_done_cb, &wait);
      g_assert_true (wait_for (export_done, &wait, 60000));
      g_assert_no_error (wait.error);
      /* The suffix is added when the name has none. */
      written = g_str_has_suffix (path, ".xlsx") ? g_strdup (path) : g_strconcat (path, ".pdf", NULL);
      g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, cases[i].magic));
    }
  g_assert_true (kk_io_module_is_loaded ());
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Answers the save dialog (GtkFileChooserNative falls back to a
 * GtkFileChooserDialog without a portal) with @path. */
typedef struct {
  GtkFileChooser *chooser;
  GFile          *want;
} ChooserWait;

static gboolean
chooser_has_file (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (wait->chooser);

  return file != NULL && g_file_equal (file, wait->want);
}

static void
answer_save_dialog (const char *path)
{
  GtkWindow *dialog;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG), 5000));
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  /* As a user would type it: an absolute path in the name field. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), path);
  {
    ChooserWait wait = { GTK_FILE_CHOOSER (dialog), file };

    g_assert_true (wait_for (chooser_has_file, &wait, 10000));
  }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
}

/* Ctrl+E on the page: the appendix through the save dialog. */
static void
test_export_appendix_dialog (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (procurement_id, >, 0);

  path = g_build_filename (test_dir, "kravbilaga.pdf", NULL);
  g_assert_true (activate_shortcut (GTK_WIDGET (page ()), GDK_KEY_e, GDK_CONTROL_MASK));
  answer_save_dialog (path);
  g_assert_true (wait_for (file_exists, path, 60000));
  drain_main_loop ();
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* Without the I/O module an export fails in its error dialog, which names
 * the module's file and why it did not load; nothing is written. In a
 * subprocess: this one has the module open. */
static void
test_io_module_missing (void)
{
  SKIP_WITHOUT_DISPLAY ();

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KkDatabase) own = NULL;
      g_autofree char *empty = kk_test_mkdtemp ();
      g_autofree char *module = g_build_filename (empty, "kravkoll-io." G_MODULE_SUFFIX, NULL);
      g_autofree char *path = g_build_filename (test_dir, "Kravlista.xlsx", NULL);
      GtkWidget *parent = gtk_window_new ();
      AdwMessageDialog *dialog;

      g_setenv ("KRAVKOLL_MODULEDIR", empty, TRUE);
      g_assert_null (kk_io_module_get (&error));
      g_assert_error (error, KK_IO_MODULE_ERROR, KK_IO_MODULE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, module));
      g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
      g_assert_false (kk_io_module_is_loaded ());
      g_clear_error (&error);

      own = kk_database_open (db_path, &error);
      g_assert_no_error (error);
      gtk_window_present (GTK_WINDOW (parent));
      kk_gui_util_export (parent, own, KK_GUI_EXPORT_REQUIREMENT_LIST, 0, 0, "Kravlista.xlsx");
      answer_save_dialog (path);
      g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 20000));
      dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save the Requirement List");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), module));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_false (kk_io_module_is_loaded ());

      gtk_window_destroy (GTK_WINDOW (dialog));
      gtk_window_destroy (GTK_WINDOW (parent));
      kk_test_rmdir (empty);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Back Up Database… in the main menu: a copy the sqlite3 tool opens. */
static void
test_backup (void)
{
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *live = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  path = g_build_filename (test_dir, "backup.db", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "backup", NULL);
  answer_save_dialog (path);
  g_assert_true (wait_for (file_exists, path, 30000));
  drain_main_loop ();
  copy = kk_test_sqlite3 (path, "SELECT count(*) || '/' || (SELECT count(*) FROM audit_log) FROM procurement");
  live = kk_test_sqlite3 (db_path, "SELECT count(*) || '/' || (SELECT count(*) FROM audit_log) FROM procurement");
  g_assert_cmpstr (copy, ==, live);
}

static void
test_help (void)
{
  KkHelpWindow *help;

  SKIP_WITHOUT_DISPLAY ();

  /* F1 opens the guide in its own window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (KK_TYPE_HELP_WINDOW), 5000));
  help = KK_HELP_WINDOW (find_toplevel (KK_TYPE_HELP_WINDOW));
  g_assert_cmpstr (kk_help_window_get_language (help), ==, "en");   /* LC_ALL=C.UTF-8 */
  g_assert_cmpstr (kk_help_window_get_title (help), ==, "Kravkoll – user guide");
  gtk_window_destroy (GTK_WINDOW (help));
}

static void
test_markup (void)
{
  g_autofree char *a = kk_help_inline_markup ("**SKA** is *mandatory* & `kravkoll --db <FILE>`");
  g_autofree char *b = kk_help_inline_markup ("a * b and **open");

  g_assert_cmpstr (a, ==, "<b>SKA</b> is <i>mandatory</i> &amp; <tt>kravkoll --db &lt;FILE&gt;</tt>");
  g_assert_cmpstr (b, ==, "a * b and <b>open</b>");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(KkDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  /* A write waits 1.5 s for another program's lock (not 10 s), for the
   * locked-database case; kravkoll-cli started here inherits it. */
  g_setenv ("KRAVKOLL_BUSY_TIMEOUT_MS", "1500", TRUE);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/gui/procurements/markup", test_markup);
  g_test_add_func ("/gui/procurements/opens", test_window_opens);
  g_test_add_func ("/gui/procurements/create", test_create);
  g_test_add_func ("/gui/procurements/first-show", test_first_show);
  g_test_add_func ("/gui/procurements/create-refused", test_create_refused);
  g_test_add_func ("/gui/procurements/edit-draft", test_edit_draft);
  g_test_add_func ("/gui/procurements/publish", test_publish);
  g_test_add_func ("/gui/procurements/add-supplier", test_add_supplier);
  g_test_add_func ("/gui/procurements/supplier-rows", test_supplier_rows);
  g_test_add_func ("/gui/procurements/requirement-rows", test_requirement_rows);
  g_test_add_func ("/gui/procurements/checklist-stages", test_checklist_stages);
  g_test_add_func ("/gui/procurements/checklist-keys", test_checklist_keys);
  g_test_add_func ("/gui/procurements/checklist-details", test_checklist_details);
  g_test_add_func ("/gui/procurements/checklist-import", test_checklist_import);
  g_test_add_func ("/gui/procurements/checklist-import-refused", test_checklist_import_refused);
  g_test_add_func ("/gui/procurements/audit", test_audit_view);
  g_test_add_func ("/gui/procurements/back", test_back_to_procurement);
  g_test_add_func ("/gui/procurements/export-menu", test_export_menu);
  g_test_add_func ("/gui/procurements/exports", test_exports);
  g_test_add_func ("/gui/procurements/export-appendix-dialog", test_export_appendix_dialog);
  g_test_add_func ("/gui/procurements/io-module-missing", test_io_module_missing);
  g_test_add_func ("/gui/procurements/backup", test_backup);
  g_test_add_func ("/gui/procurements/help", test_help);
  g_test_add_func ("/gui/procurements/checklist-concurrent-cli", test_checklist_concurrent_cli);
  g_test_add_func ("/gui/procurements/checklist-conflict", test_checklist_conflict);
  g_test_add_func ("/gui/procurements/checklist-reopen", test_checklist_reopen);
  g_test_add_func ("/gui/procurements/checklist-locked", test_checklist_locked);
  g_test_add_func ("/gui/procurements/edit-conflict", test_edit_conflict);

  if (have_display)
    {
      database = kk_test_open_db (&test_dir);
      db_path = g_strdup (kk_database_get_path (database));
      g_clear_object (&database);

      app = kk_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      kk_application_set_database_path (app, db_path);
      if (!g_application_register (G_APPLICATION (app), NULL, &error))
        g_error ("Cannot register the application: %s", error->message);
    }

  status = g_test_run ();

  if (have_display)
    {
      if (window != NULL)
        gtk_window_destroy (GTK_WINDOW (window));
      drain_main_loop ();
      g_clear_object (&app);
      kk_test_rmdir (test_dir);
      g_free (test_dir);
      g_free (db_path);
    }
  return status;
}
