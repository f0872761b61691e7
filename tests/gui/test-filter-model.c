// SPDX-License-Identifier: GPL-3.0-or-later
/* KkFilterModel: after a filter change it holds the new list's top at once
 * and the rest after a few main-loop iterations; then it holds what a
 * GtkFilterListModel on the same source and filter holds, whatever the
 * change (stricter, less strict, different) and whatever the source does
 * meanwhile; every change it reports, applied to a copy kept by the test,
 * gives exactly what it holds. */
#include <gtk/gtk.h>

#include "kk-filter-model.h"
#include "kk-gui-test-util.h"

#define N_ITEMS 3000

static gboolean have_display;

/* What the filter keeps: labels that are a multiple of modulus, or (with
 * scramble) those whose hash is. */
static guint modulus = 1;
static gboolean scramble;

static guint
label_of (gpointer item)
{
  const char *text = gtk_string_object_get_string (item);

  return (guint) g_ascii_strtoull (text + strlen ("Krav "), NULL, 10);
}

static gboolean
keep (gpointer item,
      gpointer user_data)
{
  guint label = label_of (item);

  if (scramble)
    label = label * 2654435761u >> 7;
  return label % modulus == 0;
}

/* The first @n items of @model are those of @reference (all when @n is
 * G_MAXUINT, and then both hold as many). */
static void
assert_same_start (GListModel *model,
                   GListModel *reference,
                   guint       n)
{
  if (n == G_MAXUINT)
    {
      n = g_list_model_get_n_items (reference);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (model, i);
      g_autoptr(GObject) b = g_list_model_get_item (reference, i);

      g_assert_true (a == b);
    }
}

static void
run_until_filtered (KkFilterModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (kk_filter_model_is_filtering (model))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
change_filter (GtkFilter       *filter,
               guint            new_modulus,
               gboolean         new_scramble,
               GtkFilterChange  change)
{
  modulus = new_modulus;
  scramble = new_scramble;
  gtk_filter_changed (filter, change);
}

typedef struct {
  guint           modulus;
  gboolean        scramble;
  GtkFilterChange change;
} Step;

static const Step steps[] = {
  { 2, FALSE, GTK_FILTER_CHANGE_MORE_STRICT },
  { 6, FALSE, GTK_FILTER_CHANGE_MORE_STRICT },
  { 3, FALSE, GTK_FILTER_CHANGE_LESS_STRICT },
  { 5, TRUE, GTK_FILTER_CHANGE_DIFFERENT },
  { 1, FALSE, GTK_FILTER_CHANGE_LESS_STRICT },
  { 7, FALSE, GTK_FILTER_CHANGE_MORE_STRICT },
  { 10000, FALSE, GTK_FILTER_CHANGE_MORE_STRICT },   /* only "Krav 0" */
  { 4, TRUE, GTK_FILTER_CHANGE_DIFFERENT },
};

/* A filter model on N_ITEMS strings, the same filter in a
 * GtkFilterListModel to compare with, and a mirror of the model's
 * signals. */
typedef struct {
  GListStore         *store;
  GtkFilter          *filter;
  KkFilterModel      *model;
  GtkFilterListModel *reference;
  KkTestMirror        m;
} Fixture;

/* @data: the budget per step, in ms (a double). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  modulus = 1;
  scramble = FALSE;
  f->store = kk_test_string_store_new (N_ITEMS, 0);
  f->filter = GTK_FILTER (gtk_custom_filter_new (keep, NULL, NULL));
  f->model = kk_filter_model_new (G_LIST_MODEL (f->store), f->filter, 20, *(const double *) data);
  f->reference = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (f->store)), g_object_ref (f->filter));
  kk_test_mirror_init (&f->m, G_LIST_MODEL (f->model));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kk_test_mirror_clear (&f->m);
  g_clear_object (&f->reference);
  g_clear_object (&f->model);
  g_clear_object (&f->filter);
  g_clear_object (&f->store);
}

static const double plenty_ms = 1000, little_ms = 0.001;

/* With time to spare, a change filters until the list's first items are
 * known, leaves the rest for later, and ends where GtkFilterListModel is. */
static void
test_top_first (Fixture       *f,
                gconstpointer  data)
{
  assert_same_start (G_LIST_MODEL (f->model), G_LIST_MODEL (f->reference), G_MAXUINT);
  g_assert_false (kk_filter_model_is_filtering (f->model));

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      guint n_reference;

      change_filter (f->filter, steps[s].modulus, steps[s].scramble, steps[s].change);
      n_reference = g_list_model_get_n_items (G_LIST_MODEL (f->reference));
      /* The top at once; the rest to come while more than the top match. */
      assert_same_start (G_LIST_MODEL (f->model), G_LIST_MODEL (f->reference), MIN (20, n_reference));
      if (n_reference > 200)
        g_assert_true (kk_filter_model_is_filtering (f->model));
      kk_test_mirror_assert (&f->m);
      run_until_filtered (f->model);
      assert_same_start (G_LIST_MODEL (f->model), G_LIST_MODEL (f->reference), G_MAXUINT);
      kk_test_mirror_assert (&f->m);
    }
}

/* With almost no time per step, a change takes many steps, each reported
 * consistently, and ends where GtkFilterListModel is. */
static void
test_many_steps (Fixture       *f,
                 gconstpointer  data)
{
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      guint before = f->m.signals;
      guint iterations = 0;

      change_filter (f->filter, steps[s].modulus, steps[s].scramble, steps[s].change);
      while (kk_filter_model_is_filtering (f->model))
        {
          g_main_context_iteration (NULL, TRUE);
          kk_test_mirror_assert (&f->m);
          iterations++;
        }
      /* 3000 items at 64 per look at the clock. */
      if (steps[s].change != GTK_FILTER_CHANGE_MORE_STRICT)
        g_assert_cmpuint (iterations, >=, 10);
      g_assert_cmpuint (f->m.signals, >, before);
      assert_same_start (G_LIST_MODEL (f->model), G_LIST_MODEL (f->reference), G_MAXUINT);
    }
}

/* The source changing while a filter change is under way: that change
 * ends first, and the new items are filtered at once. */
static void
test_source_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GListStore) more = kk_test_string_store_new (500, N_ITEMS);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (more)); i++)
    g_ptr_array_add (added, g_list_model_get_item (G_LIST_MODEL (more), i));

  change_filter (f->filter, 3, FALSE, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (kk_filter_model_is_filtering (f->model));
  /* Replace 200 items in the middle with 500 others. */
  g_list_store_splice (f->store, 1000, 200, added->pdata, added->len);
  g_assert_false (kk_filter_model_is_filtering (f->model));
  kk_test_mirror_assert (&f->m);
  assert_same_start (G_LIST_MODEL (f->model), G_LIST_MODEL (f->reference), G_MAXUINT);

  change_filter (f->filter, 2, TRUE, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_true (kk_filter_model_is_filtering (f->model));
  /* Remove from the start, add at the end, then all of it. */
  g_list_store_splice (f->store, 0, 700, NULL, 0);
  g_list_store_append (f->store, g_ptr_array_index (added, 0));
  kk_test_mirror_assert (&f->m);
  assert_same_start (G_LIST_MODEL (f->model), G_LIST_MODEL (f->reference), G_MAXUINT);
  change_filter (f->filter, 1, FALSE, GTK_FILTER_CHANGE_LESS_STRICT);
  g_list_store_remove_all (f->store);
  kk_test_mirror_assert (&f->m);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  g_assert_false (kk_filter_model_is_filtering (f->model));
}

static void
count_paint_cb (GdkFrameClock *clock,
                guint         *paints)
{
  (*paints)++;
}

static gboolean
set_flag_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @widget's window has drawn no frame for 200 ms. */
static void
wait_for_quiet (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint paints = 1;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint_cb), &paints);

  for (int tries = 0; paints > 0 && tries < 50; tries++)
    {
      gboolean done = FALSE;

      paints = 0;
      g_timeout_add (200, set_flag_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (paints, ==, 0);
  g_signal_handler_disconnect (clock, id);
}

/* A change seen through a view on screen: the rest waits for the view's
 * frame, which the model asks for, and then comes. */
static void
test_attached (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *window, *label;
  gint64 deadline;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  window = gtk_window_new ();
  label = gtk_label_new ("Krav");
  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (label))
    g_main_context_iteration (NULL, TRUE);
  /* Nothing else on screen changes: no frame comes unless asked for. */
  wait_for_quiet (label);
  kk_filter_model_attach (f->model, label);

  change_filter (f->filter, 4, FALSE, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (kk_filter_model_is_filtering (f->model));
  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (kk_filter_model_is_filtering (f->model))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  assert_same_start (G_LIST_MODEL (f->model), G_LIST_MODEL (f->reference), G_MAXUINT);

  /* kk_filter_model_finish () does the rest at once. */
  change_filter (f->filter, 1, FALSE, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_true (kk_filter_model_is_filtering (f->model));
  kk_filter_model_finish (f->model);
  g_assert_false (kk_filter_model_is_filtering (f->model));
  assert_same_start (G_LIST_MODEL (f->model), G_LIST_MODEL (f->reference), G_MAXUINT);

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

  g_test_add ("/filter-model/top-first", Fixture, &plenty_ms, fixture_setup, test_top_first, fixture_teardown);
  g_test_add ("/filter-model/many-steps", Fixture, &little_ms, fixture_setup, test_many_steps, fixture_teardown);
  g_test_add ("/filter-model/source-changes", Fixture, &little_ms, fixture_setup, test_source_changes,
              fixture_teardown);
  g_test_add ("/filter-model/attached", Fixture, &little_ms, fixture_setup, test_attached, fixture_teardown);
  return g_test_run ();
}
