// SPDX-License-Identifier: GPL-3.0-or-later
/* KkStableRows: one row object per position of another model. When that
 * model's items are replaced, the rows stay and show the new items (the
 * view hears nothing, the page is called back); when it shrinks under a
 * view, rows with widgets stay blank for a few frames and then go; rows
 * without widgets, or with no view shown, go at once. */
#include <gtk/gtk.h>

#include "kk-gui-test-util.h"
#include "kk-stable-rows.h"

static gboolean have_display;

/* Replaces every item of @store with @n new ones labelled from @first_label. */
static void
replace_all (GListStore *store,
             guint       n,
             guint       first_label)
{
  g_autoptr(GListStore) other = kk_test_string_store_new (n, first_label);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (other), i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
}

static KkStableRow *
row_at (GListModel *rows,
        guint       position)
{
  KkStableRow *row = g_list_model_get_item (rows, position);

  g_assert_nonnull (row);
  g_object_unref (row);   /* the model holds it */
  return row;
}

static const char *
label_at (GListModel *rows,
          guint       position)
{
  GtkStringObject *item = kk_stable_row_get_item (row_at (rows, position));

  return item ? gtk_string_object_get_string (item) : NULL;
}

typedef struct {
  guint refreshed;
  guint refreshed_all;    /* of which for every row */
  guint last;             /* the last position of the latest */
  guint changes;
  guint removed;
  guint added;
} Counts;

static void
refresh_cb (guint    first,
            guint    last,
            gpointer user_data)
{
  Counts *counts = user_data;

  counts->refreshed++;
  counts->refreshed_all += first == 0 && last == G_MAXUINT;
  counts->last = last;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counts     *counts)
{
  counts->changes++;
  counts->removed += removed;
  counts->added += added;
}

/* Without a view: the same number of items keeps the rows, which show the
 * new ones; more or fewer are added or removed at the end, at once. */
static void
test_detached (void)
{
  g_autoptr(GListStore) store = kk_test_string_store_new (5, 0);
  Counts counts = { 0 };
  g_autoptr(KkStableRows) rows = kk_stable_rows_new (G_LIST_MODEL (store), NULL, refresh_cb, &counts);
  GListModel *model = G_LIST_MODEL (rows);
  KkStableRow *third;

  g_signal_connect (rows, "items-changed", G_CALLBACK (items_changed_cb), &counts);
  g_assert_true (g_list_model_get_item_type (model) == KK_TYPE_STABLE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpstr (label_at (model, 2), ==, "Krav 2");
  g_assert_null (g_list_model_get_item (model, 5));
  third = row_at (model, 2);

  replace_all (store, 5, 100);
  g_assert_cmpuint (counts.changes, ==, 0);
  g_assert_cmpuint (counts.refreshed, ==, 1);
  g_assert_cmpuint (counts.refreshed_all, ==, 1);   /* no view: all at once */
  g_assert_true (row_at (model, 2) == third);
  g_assert_cmpstr (label_at (model, 2), ==, "Krav 102");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Krav %u", 100 + i);

      g_assert_cmpstr (label_at (model, i), ==, expected);
    }

  replace_all (store, 8, 200);
  g_assert_cmpuint (counts.changes, ==, 1);
  g_assert_cmpuint (counts.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);
  g_assert_true (row_at (model, 2) == third);
  g_assert_cmpstr (label_at (model, 7), ==, "Krav 207");

  replace_all (store, 2, 300);
  g_assert_cmpuint (counts.removed, ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_false (kk_stable_rows_is_trimming (rows));
  g_assert_cmpstr (label_at (model, 1), ==, "Krav 301");

  g_list_store_remove_all (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (kk_stable_rows_get_source (rows) == G_LIST_MODEL (store));
}

static void
bind_cb (GtkListItemFactory *factory,
         GtkListItem        *item)
{
  KkStableRow *row = gtk_list_item_get_item (item);
  GtkStringObject *string = kk_stable_row_get_item (row);

  kk_stable_row_bind (row);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), string ? gtk_string_object_get_string (string) : "");
}

static void
unbind_cb (GtkListItemFactory *factory,
           GtkListItem        *item)
{
  kk_stable_row_unbind (gtk_list_item_get_item (item));
}

/* Under a list view: shrinking leaves the rows that have widgets blank,
 * and they go over the next frames; growing again before then shows items
 * in the same rows. */
static void
test_view (void)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GtkListItemFactory) factory = kk_test_label_factory_new (G_CALLBACK (bind_cb), G_CALLBACK (unbind_cb));
  g_autoptr(KkStableRows) rows = NULL;
  GListModel *model;
  GtkWidget *window, *scrolled, *view;
  KkStableRow *tenth;
  Counts counts = { 0 };
  guint n_kept;
  gint64 deadline;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  store = kk_test_string_store_new (300, 0);
  window = gtk_window_new ();
  scrolled = gtk_scrolled_window_new ();
  view = gtk_list_view_new (NULL, g_object_ref (factory));
  rows = kk_stable_rows_new (G_LIST_MODEL (store), view, refresh_cb, &counts);
  model = G_LIST_MODEL (rows);
  gtk_list_view_set_model (GTK_LIST_VIEW (view),
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (rows)))));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (view))
    g_main_context_iteration (NULL, TRUE);
  kk_test_run_frames (view, 3);
  tenth = row_at (model, 10);

  /* Three items left: the rows GTK made widgets for stay, blank. */
  replace_all (store, 3, 1000);
  n_kept = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_kept, >, 3);
  g_assert_cmpuint (n_kept, <, 300);
  g_assert_true (kk_stable_rows_is_trimming (rows));
  g_assert_cmpstr (label_at (model, 2), ==, "Krav 1002");
  g_assert_null (label_at (model, 3));
  g_assert_null (label_at (model, n_kept - 1));

  /* The rows on screen show their items at once, the others (GTK keeps
   * more) just after the frame is drawn. */
  counts.refreshed = counts.refreshed_all = 0;
  replace_all (store, 250, 1500);
  g_assert_cmpuint (counts.refreshed, ==, 1);
  g_assert_cmpuint (counts.refreshed_all, ==, 0);
  g_assert_cmpuint (counts.last, <, 100);
  g_assert_cmpuint (counts.refreshed, ==, 1);
  kk_test_run_frames (view, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (counts.refreshed, ==, 2);
  g_assert_cmpuint (counts.refreshed_all, ==, 1);
  replace_all (store, 3, 1000);

  /* More again while they are blank: the same rows show the items. */
  replace_all (store, 20, 2000);
  g_assert_true (row_at (model, 10) == tenth);
  g_assert_cmpstr (label_at (model, 10), ==, "Krav 2010");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, MAX (n_kept, 20));

  /* Over the next frames the blank rows go, a few per frame. */
  replace_all (store, 3, 3000);
  g_assert_true (kk_stable_rows_is_trimming (rows));
  kk_test_run_frames (view, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 3);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (kk_stable_rows_is_trimming (rows))
    {
      kk_test_run_frames (view, 1);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (label_at (model, 0), ==, "Krav 3000");
  g_assert_cmpstr (label_at (model, 2), ==, "Krav 3002");

  /* Not shown: rows go at once. */
  gtk_widget_set_visible (window, FALSE);
  replace_all (store, 50, 4000);
  replace_all (store, 1, 5000);
  g_assert_false (kk_stable_rows_is_trimming (rows));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/stable-rows/detached", test_detached);
  g_test_add_func ("/stable-rows/view", test_view);
  return g_test_run ();
}
