// SPDX-License-Identifier: GPL-3.0-or-later
/* The main window on a temporary database, driven through its actions and
 * widgets, with what it shows checked against the sqlite3 tool.
 *
 * Runs under Xvfb (build-aux/test); without a display every case skips.
 * Options (before the GLib test options):
 *   --kravkoll=PATH   the kravkoll binary, for the start-up cases
 *   --swedish=DIR     run in Swedish with the translations compiled in DIR
 *                     (the build tree's po/); the Swedish case skips when
 *                     sv.mo is not there or translates nothing. */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "kk-application.h"
#include "kk-catalog-page.h"
#include "kk-catalog.h"
#include "kk-cell-text.h"
#include "kk-choice-button.h"
#include "kk-checklist-view.h"
#include "kk-gui-test-util.h"
#include "kk-procurements-page.h"
#include "kk-supplier-dialog.h"
#include "kk-suppliers-page.h"
#include "kk-test-util.h"
#include "kk-window-private.h"

static gboolean have_display;
static const char *kravkoll_binary;
static const char *swedish_localedir;
static char *test_dir;
static char *db_path;
static KkApplication *app;
static KkWindow *window;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds or @timeout_ms passes. */
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
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
columns_fixed (gpointer data)
{
  GListModel *columns = data;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_fixed_width (column) <= 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
window_mapped (gpointer data)
{
  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* The first number in the count label: "12 of 137 requirements". */
static guint
count_in_label (KkCatalogPage *page)
{
  const char *text = kk_cell_text_get_text (kk_catalog_page_get_count_label (page));

  while (*text && !g_ascii_isdigit (*text))
    text++;
  return (guint) g_ascii_strtoull (text, NULL, 10);
}

typedef struct {
  KkCatalogPage *page;
  guint          count;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;

  return count_in_label (wait->page) == wait->count;
}

static gboolean
count_differs (gpointer data)
{
  CountWait *wait = data;

  return count_in_label (wait->page) != wait->count;
}

static gboolean
catalogue_loaded (gpointer data)
{
  return !kk_catalog_page_is_loading (data);
}

static gboolean
catalogue_made (gpointer data)
{
  return KK_IS_CATALOG_PAGE (kk_window_peek_page (window, "catalogue"));
}

static gboolean
page_classes_ready (gpointer data)
{
  return g_type_class_peek (KK_TYPE_PROCUREMENTS_PAGE) != NULL && g_type_class_peek (KK_TYPE_SUPPLIERS_PAGE) != NULL &&
         g_type_class_peek (KK_TYPE_CHECKLIST_VIEW) != NULL;
}

/* What the frames drawing the catalogue's first rows show. */
typedef struct {
  GListModel *rows;
  GtkStack   *detail_stack;
  gboolean    rows_drawn;
  gboolean    detail_with_first_rows;
  gboolean    detail_drawn;
} FirstRows;

static void
first_rows_paint_cb (GdkFrameClock *clock,
                     FirstRows     *seen)
{
  gboolean rows = g_list_model_get_n_items (seen->rows) > 0;
  gboolean detail = g_strcmp0 (gtk_stack_get_visible_child_name (seen->detail_stack), "detail") == 0;

  if (rows && !seen->rows_drawn)
    seen->detail_with_first_rows = detail;
  seen->rows_drawn |= rows;
  seen->detail_drawn |= rows && detail;
}

static gboolean
first_rows_detail_drawn (gpointer data)
{
  return ((FirstRows *) data)->detail_drawn;
}

static void
test_window_opens (void)
{
  KkCatalogPage *page;
  FirstRows seen = { 0 };
  GdkFrameClock *clock;
  gulong paint_id;

  SKIP_WITHOUT_DISPLAY ();

  g_application_activate (G_APPLICATION (app));
  window = KK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (KK_IS_WINDOW (window));
  g_assert_true (wait_for (window_mapped, NULL, 10000));
  g_assert_nonnull (kk_application_get_database (app));
  g_assert_true (kk_window_get_database (window) == kk_application_get_database (app));
  g_assert_cmpstr (kk_database_get_path (kk_window_get_database (window)), ==, db_path);

  /* The catalogue page is made by itself just after the window's first
   * frame (which shows a spinner in its place), not only when asked for;
   * it reads the catalogue in a worker thread: a spinner, then the rows. */
  g_assert_true (wait_for (catalogue_made, NULL, 10000));
  page = KK_CATALOG_PAGE (kk_window_peek_page (window, "catalogue"));
  g_assert_true (kk_window_get_page (window, "catalogue") == GTK_WIDGET (page));

  /* The frame that first draws rows does not draw the selected one's
   * details too: they follow in a frame of their own. */
  seen.rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (kk_test_find_descendant (GTK_WIDGET (page),
                                                                                                   GTK_TYPE_COLUMN_VIEW))));
  seen.detail_stack = kk_test_find_stack_with (GTK_WIDGET (page), "detail");
  g_assert_nonnull (seen.detail_stack);
  g_assert_cmpuint (g_list_model_get_n_items (seen.rows), ==, 0);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  paint_id = g_signal_connect (clock, "paint", G_CALLBACK (first_rows_paint_cb), &seen);
  g_assert_true (wait_for (catalogue_loaded, page, 20000));
  g_assert_cmpuint (kk_catalog_page_get_n_total (page), >, 0);
  g_assert_true (wait_for (first_rows_detail_drawn, &seen, 10000));
  g_signal_handler_disconnect (clock, paint_id);
  g_assert_true (seen.rows_drawn);
  g_assert_false (seen.detail_with_first_rows);
  /* The title column, the one without a width of its own, gets one once
   * its first rows are drawn (a frame or two later on a busy machine). */
  {
    GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (kk_test_find_descendant (GTK_WIDGET (page),
                                                                                                 GTK_TYPE_COLUMN_VIEW)));

    g_assert_true (wait_for (columns_fixed, columns, 10000));
    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        g_assert_cmpint (gtk_column_view_column_get_fixed_width (column), >, 0);
      }
  }

  /* Once it has read, the classes of the pages not made yet are set up
   * while nothing else is to be done. */
  g_assert_null (kk_window_peek_page (window, "procurements"));
  g_assert_true (wait_for (page_classes_ready, NULL, 10000));
  g_assert_null (kk_window_peek_page (window, "procurements"));
}

static void
test_pages (void)
{
  const char * const names[] = { "catalogue", "procurements", "suppliers" };
  AdwViewStack *stack;
  g_autoptr(GtkSelectionModel) pages = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  stack = kk_window_get_stack (window);
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, names[i]);
      AdwViewStackPage *page;

      g_assert_nonnull (child);
      /* Pages not shown yet are created on demand inside a placeholder. */
      g_assert_true (kk_window_get_page (window, names[i]) == child ||
                     gtk_widget_get_parent (kk_window_get_page (window, names[i])) == child);
      page = adw_view_stack_get_page (stack, child);
      g_assert_nonnull (adw_view_stack_page_get_title (page));
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));
    }
  g_assert_true (KK_IS_CATALOG_PAGE (kk_window_get_page (window, "catalogue")));
  g_assert_true (KK_IS_SUPPLIERS_PAGE (kk_window_get_page (window, "suppliers")));
  g_assert_cmpstr (kk_window_get_visible_page (window), ==, "catalogue");

  /* The page actions switch the stack. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-suppliers", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "suppliers");
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-procurements", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "procurements");
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-catalogue", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "catalogue");
}

static gboolean
switcher_bar_revealed (gpointer data)
{
  GtkWidget *bar = kk_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);

  return bar != NULL && adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)) == GPOINTER_TO_INT (data);
}

/* A wide window switches pages from the header; a narrow one from a bar at
 * the bottom, which is made only then. */
static void
test_narrow (void)
{
  int width, height;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);
  g_assert_null (kk_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_nonnull (kk_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER));

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, height);
  g_assert_true (wait_for (switcher_bar_revealed, GINT_TO_POINTER (TRUE), 10000));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (wait_for (switcher_bar_revealed, GINT_TO_POINTER (FALSE), 10000));
}

static const struct {
  const char *action;
  const char *accel;
} expected_accels[] = {
  { "app.quit", "<Control>q" },
  { "app.preferences", "<Control>comma" },
  { "app.shortcuts", "<Control>question" },
  { "app.help", "F1" },
  { "win.show-catalogue", "<Alt>1" },
  { "win.show-procurements", "<Alt>2" },
  { "win.show-suppliers", "<Alt>3" },
  { "win.search", "<Control>f" },
};

static gboolean
same_accel (const char *a,
            const char *b)
{
  guint key_a, key_b;
  GdkModifierType mods_a, mods_b;

  return gtk_accelerator_parse (a, &key_a, &mods_a) && gtk_accelerator_parse (b, &key_b, &mods_b) &&
         key_a == key_b && mods_a == mods_b;
}

static void
test_actions (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  GSList *objects;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "open-uri"));

  /* Every accelerator is set and listed in the shortcuts window. */
  builder = gtk_builder_new_from_resource ("/io/github/kravkoll/Kravkoll/shortcuts.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *accel = NULL;

        g_object_get (l->data, "accelerator", &accel, NULL);
        g_ptr_array_add (listed, accel);
      }
  g_slist_free (objects);

  for (guint i = 0; i < G_N_ELEMENTS (expected_accels); i++)
    {
      const char *name = strchr (expected_accels[i].action, '.') + 1;
      GActionGroup *group = g_str_has_prefix (expected_accels[i].action, "app.")
                            ? G_ACTION_GROUP (app) : G_ACTION_GROUP (window);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    expected_accels[i].action);
      gboolean in_window = FALSE;

      g_assert_true (g_action_group_has_action (group, name));
      g_assert_nonnull (accels);
      g_assert_nonnull (accels[0]);
      g_assert_true (same_accel (accels[0], expected_accels[i].accel));
      for (guint j = 0; j < listed->len; j++)
        if (same_accel (g_ptr_array_index (listed, j), expected_accels[i].accel))
          in_window = TRUE;
      if (!in_window)
        g_error ("%s (%s) is not in the shortcuts window", expected_accels[i].action, expected_accels[i].accel);
    }
}

static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The primary menu is built when it first opens (not with the window),
 * and then holds the application's commands. */
static void
test_primary_menu (void)
{
  GtkWidget *button;
  GMenuModel *model;
  gboolean backup = FALSE, about = FALSE;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);
  button = find_primary_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (model);
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)))));
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      GMenuModel *items = section ? section : model;

      for (int j = 0; j < g_menu_model_get_n_items (items); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (items, j, G_MENU_ATTRIBUTE_ACTION, "s", &action))
            {
              backup = backup || g_strcmp0 (action, "app.backup") == 0;
              about = about || g_strcmp0 (action, "app.about") == 0;
            }
        }
    }
  g_assert_true (backup);
  g_assert_true (about);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

/* The audit actor follows the assessor-name setting. */
static void
test_actor (void)
{
  g_autoptr(GSettings) settings = NULL;
  KkDatabase *db;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  settings = g_settings_new (APP_ID);
  db = kk_application_get_database (app);
  g_assert_cmpstr (kk_database_get_actor (db), ==, "Test Officer");   /* KRAVKOLL_ACTOR */
  g_settings_set_string (settings, "assessor-name", "  Eva Granskare ");
  g_assert_cmpstr (kk_database_get_actor (db), ==, "Eva Granskare");
  g_settings_set_string (settings, "assessor-name", "");
  g_assert_cmpstr (kk_database_get_actor (db), ==, "Test Officer");
}

static guint
expected_matches (const char *word)
{
  g_autofree char *sql = NULL;
  g_autofree char *out = NULL;

  /* SQLite's LIKE folds ASCII case, enough for an ASCII word. */
  sql = g_strdup_printf ("SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0 AND "
                         "(code || ' ' || title_sv || ' ' || title_en || ' ' || text_sv || ' ' || text_en) "
                         "LIKE '%%%s%%'", word);
  out = kk_test_sqlite3 (db_path, sql);
  return (guint) g_ascii_strtoull (out, NULL, 10);
}

static void
test_catalogue_search (void)
{
  KkCatalogPage *page;
  GtkEditable *entry;
  CountWait wait;
  guint total, expected, listed;
  g_autofree char *total_sql = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  page = KK_CATALOG_PAGE (kk_window_get_page (window, "catalogue"));
  entry = kk_catalog_page_get_search_entry (page);
  total_sql = kk_test_sqlite3 (db_path, "SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0");
  total = (guint) g_ascii_strtoull (total_sql, NULL, 10);
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (kk_catalog_page_get_n_total (page), ==, total);
  g_assert_cmpuint (count_in_label (page), ==, total);

  expected = expected_matches ("kontinuitet");
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, total);

  /* Ctrl+F's action puts the focus in the entry. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (entry)));

  gtk_editable_set_text (entry, "kontinuitet");
  wait = (CountWait) { page, total };
  g_assert_true (wait_for (count_differs, &wait, 20000));
  g_assert_cmpuint (count_in_label (page), ==, expected);
  listed = g_list_model_get_n_items (kk_catalog_page_get_model (page));
  g_assert_cmpuint (listed, ==, expected);
  for (guint i = 0; i < listed; i++)
    {
      g_autoptr(KkRequirement) req = g_list_model_get_item (kk_catalog_page_get_model (page), i);
      g_autofree char *all = g_strjoin (" ", req->code, req->title_sv, req->title_en, req->text_sv, req->text_en, NULL);
      g_autofree char *lower = g_utf8_strdown (all, -1);

      g_assert_nonnull (strstr (lower, "kontinuitet"));
    }

  /* Words found only in the Swedish or the English texts of some rows. */
  for (guint w = 0; w < 2; w++)
    {
      const char *word = w == 0 ? "underleverant" : "subcontractor";
      guint matches = expected_matches (word);

      g_assert_cmpuint (matches, >, 0);
      gtk_editable_set_text (entry, "");
      wait = (CountWait) { page, total };
      g_assert_true (wait_for (count_is, &wait, 20000));
      gtk_editable_set_text (entry, word);
      g_assert_true (wait_for (count_differs, &wait, 20000));
      g_assert_cmpuint (count_in_label (page), ==, matches);
    }

  /* Case and diacritics do not matter (from the full list again, so the
   * count must change to pass). */
  gtk_editable_set_text (entry, "");
  wait = (CountWait) { page, total };
  g_assert_true (wait_for (count_is, &wait, 20000));
  gtk_editable_set_text (entry, "KONTINUITÉT");
  g_assert_true (wait_for (count_differs, &wait, 20000));
  g_assert_cmpuint (count_in_label (page), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (kk_catalog_page_get_model (page)), ==, expected);

  /* Nothing matches: the count says 0 and the empty state shows. */
  gtk_editable_set_text (entry, "xqzxqzxqz");
  wait = (CountWait) { page, 0 };
  g_assert_true (wait_for (count_is, &wait, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (kk_catalog_page_get_model (page)), ==, 0);

  /* Clearing brings every row back. */
  gtk_widget_activate_action (GTK_WIDGET (page), "catalogue.clear-filters", NULL);
  wait = (CountWait) { page, total };
  g_assert_true (wait_for (count_is, &wait, 20000));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
}

/* Whether a shown GtkLabel in @widget has the text @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

typedef struct {
  KkCatalogPage *page;
  KkRequirement *req;
} DetailWait;

/* The detail pane shows @req's title, text and motive (in either language). */
static gboolean
detail_shows (gpointer data)
{
  DetailWait *wait = data;
  GtkWidget *page = GTK_WIDGET (wait->page);
  KkRequirement *req = wait->req;

  return (shows_label (page, req->title_sv) || shows_label (page, req->title_en)) &&
         (shows_label (page, req->text_sv) || shows_label (page, req->text_en)) &&
         (shows_label (page, req->motive_sv) || shows_label (page, req->motive_en));
}

/* The detail pane follows the first row of a search, upper and lower half
 * (the lower half comes a couple of frames later). */
static void
test_catalogue_detail (void)
{
  KkCatalogPage *page;
  GtkEditable *entry;
  CountWait wait;
  const char * const words[] = { "kontinuitet", "underleverant" };

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  page = KK_CATALOG_PAGE (kk_window_get_page (window, "catalogue"));
  entry = kk_catalog_page_get_search_entry (page);
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      g_autoptr(KkRequirement) first = NULL;
      DetailWait detail;

      gtk_editable_set_text (entry, words[w]);
      wait = (CountWait) { page, expected_matches (words[w]) };
      g_assert_true (wait_for (count_is, &wait, 20000));
      first = g_list_model_get_item (kk_catalog_page_get_model (page), 0);
      g_assert_nonnull (first);
      g_assert_cmpstr (first->motive_sv, !=, "");
      detail = (DetailWait) { page, first };
      g_assert_true (wait_for (detail_shows, &detail, 20000));
    }
  gtk_widget_activate_action (GTK_WIDGET (page), "catalogue.clear-filters", NULL);
  wait = (CountWait) { page, kk_catalog_page_get_n_total (page) };
  g_assert_true (wait_for (count_is, &wait, 20000));
}

/* Cells of the code column (the "numeric" KkCellTexts) showing a code. */
static guint
count_code_cells (GtkWidget *widget)
{
  guint n = KK_IS_CELL_TEXT (widget) && gtk_widget_has_css_class (widget, "numeric") &&
            *kk_cell_text_get_text (widget) != '\0';

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_code_cells (child);
  return n;
}

static gboolean
not_trimming (gpointer page)
{
  return !kk_catalog_page_is_trimming (page);
}

/* A search that matches fewer rows than have widgets leaves the rest blank
 * (no code shown) and removes them over the next frames; the view then
 * holds exactly the matches. Clearing the search while rows are still
 * blank fills them again. */
static void
test_catalogue_blank_rows (void)
{
  KkCatalogPage *page;
  GtkEditable *entry;
  GtkColumnView *view;
  GListModel *rows;
  CountWait wait;
  guint total, expected, with_widgets;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  page = KK_CATALOG_PAGE (kk_window_get_page (window, "catalogue"));
  entry = kk_catalog_page_get_search_entry (page);
  view = GTK_COLUMN_VIEW (kk_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (view);
  rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  total = kk_catalog_page_get_n_total (page);
  expected = expected_matches ("kontinuitet");
  g_assert_cmpuint (expected, >, 0);

  gtk_editable_set_text (entry, "");
  wait = (CountWait) { page, total };
  g_assert_true (wait_for (count_is, &wait, 20000));
  g_assert_true (wait_for (not_trimming, page, 20000));
  /* Every row the view made widgets for (up to 200), painted. */
  while (g_list_model_get_n_items (rows) < total)
    g_main_context_iteration (NULL, TRUE);
  drain_main_loop ();
  with_widgets = count_code_cells (GTK_WIDGET (view));
  g_assert_cmpuint (with_widgets, >, expected);

  g_signal_emit_by_name (entry, "search-changed");
  gtk_editable_set_text (entry, "kontinuitet");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (kk_catalog_page_get_model (page)), ==, expected);
  /* At once: the rows with widgets beyond the matches stay, blank (those
   * off screen just after the frame that shows the change). */
  g_assert_true (kk_catalog_page_is_trimming (page));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, expected);
  kk_test_run_frames (GTK_WIDGET (view), 1);
  drain_main_loop ();
  g_assert_true (kk_catalog_page_is_trimming (page));
  g_assert_cmpuint (count_code_cells (GTK_WIDGET (view)), ==, expected);

  /* A few frames later they are gone. */
  g_assert_true (wait_for (not_trimming, page, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected);
  g_assert_cmpuint (count_code_cells (GTK_WIDGET (view)), ==, expected);

  /* Matching more again while rows are blank: they show codes again. The
   * list is filled first (a busy machine filters less before a frame), so
   * that matching fewer leaves rows blank. */
  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "search-changed");
  wait = (CountWait) { page, total };
  g_assert_true (wait_for (count_is, &wait, 20000));
  while (g_list_model_get_n_items (rows) < total)
    g_main_context_iteration (NULL, TRUE);
  gtk_editable_set_text (entry, "kontinuitet");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (kk_catalog_page_is_trimming (page));
  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_false (kk_catalog_page_is_trimming (page));
  wait = (CountWait) { page, total };
  g_assert_true (wait_for (count_is, &wait, 20000));
  while (g_list_model_get_n_items (rows) < total)
    g_main_context_iteration (NULL, TRUE);
  drain_main_loop ();
  /* (GTK may have made widgets for more rows meanwhile.) */
  g_assert_cmpuint (count_code_cells (GTK_WIDGET (view)), >=, with_widgets);
  g_assert_cmpuint (count_code_cells (GTK_WIDGET (view)), <=, total);
}

static void
collect_choice_buttons (GtkWidget *widget,
                        GPtrArray *found)
{
  if (KK_IS_CHOICE_BUTTON (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_choice_buttons (child, found);
}

/* The area filter: its menu is built when it first opens, offers every
 * area of the catalogue, and choosing one lists that area's requirements
 * only (counted with sqlite3). */
static void
test_catalogue_filter_menu (void)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autofree char *areas_sql = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected_sql = NULL;
  KkCatalogPage *page;
  KkChoiceButton *area;
  GtkMenuButton *menu_button;
  GMenuModel *menu;
  g_autofree char *label = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *expected_count = NULL;
  g_auto(GStrv) parts = NULL;
  guint32 target = 0;
  guint total, expected;
  CountWait wait;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);
  page = KK_CATALOG_PAGE (kk_window_get_page (window, "catalogue"));
  total = kk_catalog_page_get_n_total (page);
  g_assert_cmpuint (count_in_label (page), ==, total);

  /* Perspective, area, kind, level, SHALL/SHOULD: in that order. */
  collect_choice_buttons (GTK_WIDGET (page), buttons);
  g_assert_cmpuint (buttons->len, ==, 5);
  area = g_ptr_array_index (buttons, 1);
  menu_button = GTK_MENU_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (area)));
  g_assert_cmpuint (kk_choice_button_get_selected (area), ==, 0);
  g_assert_null (gtk_menu_button_get_menu_model (menu_button));

  kk_choice_button_popup (area);
  menu = gtk_menu_button_get_menu_model (menu_button);
  g_assert_nonnull (menu);
  areas_sql = kk_test_sqlite3 (db_path, "SELECT count(*) FROM area");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1 + g_ascii_strtoll (areas_sql, NULL, 10));

  /* The third item, by its label and radio target, as a click would. */
  g_assert_true (g_menu_model_get_item_attribute (menu, 2, G_MENU_ATTRIBUTE_LABEL, "s", &escaped));
  g_assert_true (g_menu_model_get_item_attribute (menu, 2, G_MENU_ATTRIBUTE_TARGET, "u", &target));
  g_assert_cmpuint (target, ==, 2);
  parts = g_strsplit (escaped, "__", -1);
  label = g_strjoinv ("_", parts);
  sql = g_strdup_printf ("SELECT code FROM area WHERE name_sv = '%s' OR name_en = '%s'", label, label);
  code = kk_test_sqlite3 (db_path, sql);
  g_assert_cmpstr (code, !=, "");
  expected_sql = g_strdup_printf ("SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0 AND area = '%s'", code);
  expected_count = kk_test_sqlite3 (db_path, expected_sql);
  expected = (guint) g_ascii_strtoull (expected_count, NULL, 10);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, total);

  gtk_widget_activate_action (GTK_WIDGET (area), "choice.selected", "u", target);
  gtk_menu_button_popdown (menu_button);
  g_assert_cmpuint (kk_choice_button_get_selected (area), ==, 2);
  wait = (CountWait) { page, total };
  g_assert_true (wait_for (count_differs, &wait, 20000));
  g_assert_cmpuint (count_in_label (page), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (kk_catalog_page_get_model (page)); i++)
    {
      g_autoptr(KkRequirement) req = g_list_model_get_item (kk_catalog_page_get_model (page), i);

      g_assert_cmpstr (req->area, ==, code);
    }

  /* Clearing the filters sets the button back to "All areas". */
  gtk_widget_activate_action (GTK_WIDGET (page), "catalogue.clear-filters", NULL);
  wait = (CountWait) { page, total };
  g_assert_true (wait_for (count_is, &wait, 20000));
  g_assert_cmpuint (kk_choice_button_get_selected (area), ==, 0);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

/* As a click on a response button: respond, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
page_idle (gpointer data)
{
  return !kk_catalog_page_is_busy (data);
}

static gboolean
model_has_code (GListModel *model,
                const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KkRequirement) req = g_list_model_get_item (model, i);

      if (g_strcmp0 (req->code, code) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The bundled catalogue as version 2026.2: the first requirement reworded,
 * the last one gone, one new one. */
static char *
write_newer_catalogue (const char *dir,
                       char      **changed_code,
                       char      **retired_code)
{
  g_autofree char *bundled = g_test_build_filename (G_TEST_DIST, "..", "data", "catalogue",
                                                    "kravkoll-2026.1.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) added = NULL;
  JsonObject *root, *first, *copy;
  JsonArray *requirements;
  char *path = g_build_filename (dir, "kravkoll-2026.2.json", NULL);
  guint n;

  json_parser_load_from_file (parser, bundled, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "version", "2026.2");
  requirements = json_object_get_array_member (root, "requirements");
  n = json_array_get_length (requirements);

  first = json_array_get_object_element (requirements, 0);
  *changed_code = g_strdup (json_object_get_string_member (first, "code"));
  json_object_set_string_member (json_object_get_object_member (first, "text"), "sv",
                                 "Leverantören ska ha en ny och skarpare rutin, införd före avtalsstart.");
  *retired_code = g_strdup (json_object_get_string_member (json_array_get_object_element (requirements, n - 1), "code"));
  json_array_remove_element (requirements, n - 1);

  {
    /* json_node_copy () shares the object: copy through text instead. */
    g_autofree char *text = json_to_string (json_array_get_element (requirements, 1), FALSE);

    added = json_from_string (text, &error);
    g_assert_no_error (error);
  }
  copy = json_node_get_object (added);
  json_object_set_string_member (copy, "code", "LEV-SS-99");
  json_array_add_element (requirements, g_steal_pointer (&added));

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_catalogue_import (void)
{
  KkCatalogPage *page;
  AdwMessageDialog *dialog;
  g_autofree char *dir = NULL, *path = NULL, *changed = NULL, *retired = NULL;
  g_autofree char *before = NULL, *after = NULL, *check = NULL, *audit_before = NULL, *audit_after = NULL;
  g_autofree char *sql = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  kk_window_show_page (window, "catalogue");
  page = KK_CATALOG_PAGE (kk_window_get_page (window, "catalogue"));
  dir = kk_test_mkdtemp ();
  path = write_newer_catalogue (dir, &changed, &retired);
  g_assert_true (model_has_code (kk_catalog_page_get_model (page), retired));
  g_assert_false (model_has_code (kk_catalog_page_get_model (page), "LEV-SS-99"));

  /* The dry run changes nothing and asks. */
  before = kk_test_dump_db (db_path);
  kk_catalog_page_import_file (page, path);
  g_assert_true (wait_for (message_dialog_shown, NULL, 10000));
  dialog = find_message_dialog ();
  if (strstr (adw_message_dialog_get_heading (dialog), "2026.2") == NULL)
    g_error ("Unexpected dialog: %s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_true (adw_message_dialog_has_response (dialog, "import"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  after = kk_test_dump_db (db_path);
  g_assert_cmpstr (before, ==, after);

  /* Cancel: still nothing. */
  respond (dialog, "cancel");
  g_assert_true (wait_for (no_message_dialog, NULL, 5000));
  g_free (after);
  after = kk_test_dump_db (db_path);
  g_assert_cmpstr (before, ==, after);

  /* Again, and import. */
  audit_before = kk_test_sqlite3 (db_path, "SELECT count(*) FROM audit_log WHERE actor = 'Test Officer'");
  kk_catalog_page_import_file (page, path);
  g_assert_true (wait_for (message_dialog_shown, NULL, 10000));
  respond (find_message_dialog (), "import");
  g_assert_true (wait_for (no_message_dialog, NULL, 5000));
  g_assert_true (wait_for (page_idle, page, 10000));
  drain_main_loop ();

  /* The list was reloaded: the new code is there, the retired one gone. */
  g_assert_true (model_has_code (kk_catalog_page_get_model (page), "LEV-SS-99"));
  g_assert_false (model_has_code (kk_catalog_page_get_model (page), retired));
  sql = g_strdup_printf ("SELECT text_sv FROM requirement WHERE code = '%s' AND current = 1", changed);
  check = kk_test_sqlite3 (db_path, sql);
  g_assert_cmpstr (check, ==, "Leverantören ska ha en ny och skarpare rutin, införd före avtalsstart.");
  /* The worker thread's connection wrote the audit rows under our name. */
  audit_after = kk_test_sqlite3 (db_path, "SELECT count(*) FROM audit_log WHERE actor = 'Test Officer'");
  g_assert_cmpint (g_ascii_strtoll (audit_after, NULL, 10), >, g_ascii_strtoll (audit_before, NULL, 10));

  kk_test_rmdir (dir);
}

static void
test_catalogue_import_refused (void)
{
  KkCatalogPage *page;
  AdwMessageDialog *dialog;
  g_autofree char *dir = NULL, *path = NULL, *before = NULL, *after = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  page = KK_CATALOG_PAGE (kk_window_get_page (window, "catalogue"));
  dir = kk_test_mkdtemp ();
  path = g_build_filename (dir, "broken.json", NULL);
  g_assert_true (g_file_set_contents (path, "{ \"format\": \"kravkoll-catalogue\", \"requirements\": [", -1, NULL));

  before = kk_test_dump_db (db_path);
  kk_catalog_page_import_file (page, path);
  g_assert_true (wait_for (message_dialog_shown, NULL, 10000));
  dialog = find_message_dialog ();
  /* An error: one response only, and the message names the file. */
  g_assert_false (adw_message_dialog_has_response (dialog, "import"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.json"));
  respond (dialog, "close");
  g_assert_true (wait_for (no_message_dialog, NULL, 5000));
  after = kk_test_dump_db (db_path);
  g_assert_cmpstr (before, ==, after);
  kk_test_rmdir (dir);
}

static void
test_catalogue_export (void)
{
  KkCatalogPage *page;
  g_autofree char *dir = NULL, *path = NULL, *written = NULL, *out = NULL, *err = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  page = KK_CATALOG_PAGE (kk_window_get_page (window, "catalogue"));
  dir = kk_test_mkdtemp ();
  path = g_build_filename (dir, "kravlista", NULL);
  written = g_strconcat (path, ".xlsx", NULL);

  kk_catalog_page_export_file (page, path);
  g_assert_true (kk_catalog_page_is_busy (page));
  g_assert_true (wait_for (page_idle, page, 30000));
  g_assert_null (find_message_dialog ());   /* no error */
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));

  /* openpyxl finds a requirement code in the workbook. */
  script = g_strdup_printf ("import openpyxl, sys\n"
                            "wb = openpyxl.load_workbook(sys.argv[1])\n"
                            "codes = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}\n"
                            "sys.exit(0 if 'LEV-SS-99' in codes else 3)\n");
  {
    const char *argv[] = { "/usr/bin/python3", "-c", script, written, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl could not find LEV-SS-99 in %s: %s", written, err);
  kk_test_rmdir (dir);
}

static KkSupplierDialog *
find_supplier_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (KK_IS_SUPPLIER_DIALOG (toplevel))
        return KK_SUPPLIER_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
no_supplier_dialog (gpointer data)
{
  return find_supplier_dialog () == NULL;
}

static gboolean
model_has_name (GListModel *model,
                const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KkSupplier) supplier = g_list_model_get_item (model, i);

      if (g_strcmp0 (supplier->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_add_supplier (void)
{
  KkSuppliersPage *page;
  KkSupplierDialog *dialog;
  GListModel *model;
  guint before;
  g_autofree char *stored = NULL, *audited = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);

  kk_window_show_page (window, "suppliers");
  page = KK_SUPPLIERS_PAGE (kk_window_get_page (window, "suppliers"));
  model = kk_suppliers_page_get_model (page);
  before = g_list_model_get_n_items (model);
  /* No suppliers yet: the empty state, made when shown, offers to add one. */
  g_assert_cmpuint (before, ==, 0);
  {
    GtkStack *content = kk_test_find_stack_with (GTK_WIDGET (page), "content");
    GtkWidget *empty;

    g_assert_nonnull (content);
    drain_main_loop ();
    g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "empty");
    empty = adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (content, "empty")));
    g_assert_true (ADW_IS_STATUS_PAGE (empty));
    g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (empty)), ==, "system-users-symbolic");
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (adw_status_page_get_child (ADW_STATUS_PAGE (empty)))),
                     ==, "suppliers.add");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "suppliers.add", NULL));
  dialog = find_supplier_dialog ();
  g_assert_nonnull (dialog);

  gtk_editable_set_text (kk_supplier_dialog_get_field (dialog, "name"), "Trygg & Säker Bevakning AB");
  g_assert_false (kk_supplier_dialog_can_save (dialog));

  /* Wrong check digit: refused as typed, with a message under the field. */
  gtk_editable_set_text (kk_supplier_dialog_get_field (dialog, "org-number"), "556677-8890");
  g_assert_false (kk_supplier_dialog_can_save (dialog));
  g_assert_nonnull (kk_supplier_dialog_get_org_number_message (dialog));
  g_assert_nonnull (strstr (kk_supplier_dialog_get_org_number_message (dialog), "556677-8890"));

  gtk_editable_set_text (kk_supplier_dialog_get_field (dialog, "org-number"), "5566778899");
  g_assert_true (kk_supplier_dialog_can_save (dialog));
  g_assert_nonnull (strstr (kk_supplier_dialog_get_org_number_message (dialog), "556677-8899"));
  gtk_editable_set_text (kk_supplier_dialog_get_field (dialog, "contact"), "Anna Andersson");
  kk_supplier_dialog_set_note (dialog, "Ramavtal 2026");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (wait_for (no_supplier_dialog, NULL, 5000));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
  g_assert_true (model_has_name (model, "Trygg & Säker Bevakning AB"));

  stored = kk_test_sqlite3 (db_path, "SELECT name || '|' || country || '|' || contact || '|' || note "
                                     "FROM supplier WHERE org_number = '556677-8899'");
  g_assert_cmpstr (stored, ==, "Trygg & Säker Bevakning AB|SE|Anna Andersson|Ramavtal 2026");
  audited = kk_test_sqlite3 (db_path, "SELECT count(*) FROM audit_log WHERE action = 'supplier.add'");
  g_assert_cmpstr (audited, ==, "1");

  /* The same number again: the store's refusal shows in the dialog, which
   * stays open, and nothing is added. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "suppliers.add", NULL));
  dialog = find_supplier_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (kk_supplier_dialog_get_field (dialog, "name"), "Kopia AB");
  gtk_editable_set_text (kk_supplier_dialog_get_field (dialog, "org-number"), "556677-8899");
  g_assert_true (kk_supplier_dialog_can_save (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  drain_main_loop ();
  g_assert_true (find_supplier_dialog () == dialog);
  g_assert_nonnull (kk_supplier_dialog_get_error (dialog));
  g_assert_nonnull (strstr (kk_supplier_dialog_get_error (dialog), "Trygg & Säker Bevakning AB"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (no_supplier_dialog, NULL, 5000));
  g_free (stored);
  stored = kk_test_sqlite3 (db_path, "SELECT count(*) FROM supplier");
  g_assert_cmpuint (g_ascii_strtoull (stored, NULL, 10), ==, before + 1);

  /* The search finds it by number with or without the dash, and by name
   * without the diacritics. */
  gtk_editable_set_text (kk_suppliers_page_get_search_entry (page), "5566778899");
  g_signal_emit_by_name (kk_suppliers_page_get_search_entry (page), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_editable_set_text (kk_suppliers_page_get_search_entry (page), "saker bevak");
  g_signal_emit_by_name (kk_suppliers_page_get_search_entry (page), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_editable_set_text (kk_suppliers_page_get_search_entry (page), "ingen sådan");
  g_signal_emit_by_name (kk_suppliers_page_get_search_entry (page), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  gtk_editable_set_text (kk_suppliers_page_get_search_entry (page), "");
  g_signal_emit_by_name (kk_suppliers_page_get_search_entry (page), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
}


/* As the procurements page: the first frame before the suppliers are read,
 * the list before the selected one's details. */
static void
test_suppliers_first_show (void)
{
  g_autoptr(GtkWindow) other = NULL;
  KkSuppliersPage *shown, *asked;
  GtkStack *details, *content;
  g_autofree char *count = kk_test_sqlite3 (db_path, "SELECT count(*) FROM supplier");

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (window);
  g_assert_cmpint (atoi (count), >, 0);

  other = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (other, 900, 600);
  shown = KK_SUPPLIERS_PAGE (kk_suppliers_page_new (kk_window_get_database (window)));
  gtk_window_set_child (other, GTK_WIDGET (shown));
  details = kk_test_find_stack_with (GTK_WIDGET (shown), "detail");
  content = kk_test_find_stack_with (GTK_WIDGET (shown), "content");
  g_assert_nonnull (details);
  g_assert_nonnull (content);
  gtk_window_present (other);
  g_assert_true (kk_suppliers_page_is_loading (shown));

  /* Neither "no suppliers yet" nor "none selected" while it reads. */
  kk_test_run_frames (GTK_WIDGET (other), 1);
  g_assert_true (kk_suppliers_page_is_loading (shown));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "content");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details), ==, "blank");
  kk_test_run_frames (GTK_WIDGET (other), 1);
  g_assert_false (kk_suppliers_page_is_loading (shown));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details), ==, "blank");
  /* The details after the frame that shows the list: the next, or a later
   * one when another list filling meanwhile (the main window's catalogue,
   * on a busy machine) has the frame (see kk-paced-model.c). */
  for (guint i = 0; i < 5 && g_strcmp0 (gtk_stack_get_visible_child_name (details), "detail") != 0; i++)
    kk_test_run_frames (GTK_WIDGET (other), 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details), ==, "detail");
  g_assert_cmpuint (g_list_model_get_n_items (kk_suppliers_page_get_model (shown)), ==, atoi (count));
  /* With suppliers, its empty states were never made. */
  g_assert_null (adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (content, "empty"))));
  g_assert_null (adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (details, "none"))));
  gtk_window_destroy (other);

  /* Not shown: asking reads them. */
  asked = KK_SUPPLIERS_PAGE (g_object_ref_sink (kk_suppliers_page_new (kk_window_get_database (window))));
  g_assert_true (kk_suppliers_page_is_loading (asked));
  g_assert_cmpuint (g_list_model_get_n_items (kk_suppliers_page_get_model (asked)), ==, atoi (count));
  g_assert_false (kk_suppliers_page_is_loading (asked));
  g_object_unref (asked);
}

static void
test_swedish (void)
{
  const char *translated;
  AdwViewStack *stack;
  AdwViewStackPage *page;

  SKIP_WITHOUT_DISPLAY ();
  if (swedish_localedir == NULL)
    {
      g_test_skip ("runs with --swedish=LOCALEDIR only");
      return;
    }
  /* po/sv.po is complete (po-complete checks it), so an English title
   * here means the translation was not found. */
  translated = g_dgettext (GETTEXT_PACKAGE, "Catalogue");
  g_assert_cmpstr (translated, !=, "Catalogue");
  g_assert_nonnull (window);

  stack = kk_window_get_stack (window);
  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "catalogue"));
  g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, translated);
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Search requirements"), ==, "Sök krav");

  /* The process really runs in sv_SE.UTF-8: Swedish month names and a
   * decimal comma. */
  g_assert_true (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "sv_SE"));
  {
    g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 25, 12, 0, 0);
    g_autofree char *month = g_date_time_format (date, "%B");
    char number[32];

    g_assert_cmpstr (month, ==, "november");
    g_snprintf (number, sizeof number, "%.1f", 2.5);
    g_assert_cmpstr (number, ==, "2,5");
  }
}

/* Start-up through main (): the binary paints a first frame and quits. */
static void
test_startup_binary (void)
{
  g_autofree char *dir = NULL, *path = NULL, *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  int status;

  SKIP_WITHOUT_DISPLAY ();
  if (kravkoll_binary == NULL)
    {
      g_test_skip ("runs with --kravkoll=PATH only");
      return;
    }

  dir = kk_test_mkdtemp ();
  path = g_build_filename (dir, "start.db", NULL);
  envp = g_environ_setenv (g_get_environ (), "KRAVKOLL_QUIT_AFTER_FIRST_FRAME", "1", TRUE);
  /* No session bus: the program runs as a non-unique instance instead of
   * handing over to another test's Kravkoll. */
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kravkoll-test-bus", TRUE);
  {
    const char *argv[] = { kravkoll_binary, "--db", path, NULL };

    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("kravkoll exited with %d: %s", status, err);
  /* It said when its first frame was painted (for bench-startup). */
  g_assert_true (g_str_has_prefix (out, "frame-painted-us "));
  g_assert_cmpint (g_ascii_strtoll (out + strlen ("frame-painted-us "), NULL, 10), >, 0);
  /* The bundled catalogue was loaded into the new database. */
  g_free (out);
  out = kk_test_sqlite3 (path, "SELECT count(*) > 0 FROM requirement");
  g_assert_cmpstr (out, ==, "1");
  kk_test_rmdir (dir);
}

/* A database that cannot be opened: a dialog names the file and the
 * reason, and the program ends cleanly with status 1. */
static void
test_startup_open_failure (void)
{
  g_autofree char *dir = NULL, *path = NULL, *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  int status;

  SKIP_WITHOUT_DISPLAY ();
  if (kravkoll_binary == NULL)
    {
      g_test_skip ("runs with --kravkoll=PATH only");
      return;
    }

  dir = kk_test_mkdtemp ();
  path = g_build_filename (dir, "not-a-database.db", NULL);
  g_assert_true (g_file_set_contents (path, "This is a text file, not SQLite. It is long enough to have a header page.\n"
                                      "0123456789012345678901234567890123456789012345678901234567890123456789\n", -1, NULL));
  envp = g_environ_setenv (g_get_environ (), "KRAVKOLL_QUIT_AFTER_FIRST_FRAME", "1", TRUE);
  /* No session bus: the program runs as a non-unique instance instead of
   * handing over to another test's Kravkoll. */
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kravkoll-test-bus", TRUE);
  {
    const char *argv[] = { kravkoll_binary, "--db", path, NULL };

    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "not-a-database.db"));
  kk_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(KkDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  int kept = 1;

  /* Our own options first: g_test_init () refuses unknown ones. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--kravkoll="))
        kravkoll_binary = argv[i] + strlen ("--kravkoll=");
      else if (g_str_has_prefix (argv[i], "--swedish="))
        swedish_localedir = argv[i] + strlen ("--swedish=");
      else
        argv[kept++] = argv[i];
    }
  argc = kept;
  argv[argc] = NULL;

  if (swedish_localedir != NULL)
    {
      /* A real Swedish locale (build-aux/deps generates it), not only
       * LANGUAGE: dates and numbers follow it too. */
      g_setenv ("LANGUAGE", "sv_SE.UTF-8:sv", TRUE);
      g_setenv ("LANG", "sv_SE.UTF-8", TRUE);
      g_setenv ("LC_ALL", "sv_SE.UTF-8", TRUE);
      bindtextdomain (GETTEXT_PACKAGE, swedish_localedir);
    }
  else
    bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/gui/window/opens", test_window_opens);
  g_test_add_func ("/gui/window/pages", test_pages);
  g_test_add_func ("/gui/window/narrow", test_narrow);
  g_test_add_func ("/gui/window/actions", test_actions);
  g_test_add_func ("/gui/window/primary-menu", test_primary_menu);
  g_test_add_func ("/gui/window/actor", test_actor);
  g_test_add_func ("/gui/window/swedish", test_swedish);
  g_test_add_func ("/gui/catalogue/search", test_catalogue_search);
  g_test_add_func ("/gui/catalogue/detail", test_catalogue_detail);
  g_test_add_func ("/gui/catalogue/filter-menu", test_catalogue_filter_menu);
  g_test_add_func ("/gui/catalogue/blank-rows", test_catalogue_blank_rows);
  g_test_add_func ("/gui/catalogue/import", test_catalogue_import);
  g_test_add_func ("/gui/catalogue/import-refused", test_catalogue_import_refused);
  g_test_add_func ("/gui/catalogue/export", test_catalogue_export);
  g_test_add_func ("/gui/suppliers/add", test_add_supplier);
  g_test_add_func ("/gui/suppliers/first-show", test_suppliers_first_show);
    g_test_add_func ("/gui/startup/first-frame", test_startup_binary);
  g_test_add_func ("/gui/startup/open-failure", test_startup_open_failure);

  if (have_display)
    {
      db = kk_test_open_db (&test_dir);
      db_path = g_strdup (kk_database_get_path (db));
      g_clear_object (&db);

      app = kk_application_new ();
      /* Several test programs may run at once on one session bus. */
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
