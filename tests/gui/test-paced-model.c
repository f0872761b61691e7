// SPDX-License-Identifier: GPL-3.0-or-later
/* KkPacedModel: a list view attached to it takes in a long list a batch per
 * frame and ends up with every item; every change it reports, applied to a
 * copy kept by the test, gives exactly what it holds, whatever the wrapped
 * model does meanwhile; without a widget it passes everything through. */
#include <gtk/gtk.h>

#include "kk-gui-test-util.h"
#include "kk-paced-model.h"
#include "kk-test-util.h"

static gboolean have_display;

/* The copy is what the paced model holds, and that is the start of the
 * wrapped model. */
static void
assert_consistent (KkTestMirror *m,
                   GListModel   *wrapped)
{
  guint n = g_list_model_get_n_items (m->model);

  kk_test_mirror_assert (m);
  g_assert_cmpuint (n, <=, g_list_model_get_n_items (wrapped));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) shown = g_list_model_get_item (m->model, i);
      g_autoptr(GObject) source = g_list_model_get_item (wrapped, i);

      g_assert_true (shown == source);
    }
}

/* A new item each time: a list view warns about the same item twice. */
static GObject *
item_new (guint label)
{
  g_autofree char *text = g_strdup_printf ("Krav %u", label);

  return G_OBJECT (gtk_string_object_new (text));
}

static void
bind_cb (GtkListItemFactory *factory,
         GtkListItem        *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

typedef struct {
  GtkWidget    *window;
  GtkWidget    *view;
  GListStore   *store;
  KkPacedModel *paced;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GtkListItemFactory) factory = kk_test_label_factory_new (G_CALLBACK (bind_cb), NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  if (!have_display)
    return;
  f->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  f->paced = kk_paced_model_new (G_LIST_MODEL (f->store), 10);
  f->view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (f->paced)))),
                               g_object_ref (factory));
  kk_paced_model_attach (f->paced, f->view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), f->view);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 600);
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (f->view))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (!have_display)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->paced);
  g_clear_object (&f->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until the paced model is done, at most @max_frames
 * frames; returns the frames it took. */
static guint
run_frames_until_done (Fixture      *f,
                       KkTestMirror *m,
                       guint         max_frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->view);
  gint64 last = gdk_frame_clock_get_frame_counter (clock);
  guint frames = 0;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (kk_paced_model_is_pacing (f->paced))
    {
      g_main_context_iteration (NULL, TRUE);
      if (gdk_frame_clock_get_frame_counter (clock) != last)
        {
          last = gdk_frame_clock_get_frame_counter (clock);
          frames++;
          if (m != NULL)
            assert_consistent (m, G_LIST_MODEL (f->store));
        }
      g_assert_cmpuint (frames, <=, max_frames);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  return frames;
}

static void
test_paced_fill (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GListStore) rows = NULL;
  KkTestMirror m;
  guint frames;

  SKIP_WITHOUT_DISPLAY ();
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  rows = kk_test_string_store_new (2000, 0);
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 2000; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (rows), i));
    g_list_store_splice (f->store, 0, 0, items->pdata, items->len);
  }

  /* The first frame gets a screenful, not 2000 rows. */
  g_assert_true (kk_paced_model_is_pacing (f->paced));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 10);
  assert_consistent (&m, G_LIST_MODEL (f->store));

  frames = run_frames_until_done (f, &m, 400);
  g_test_message ("2000 rows in after %u frames", frames);
  g_assert_cmpuint (frames, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 2000);
  assert_consistent (&m, G_LIST_MODEL (f->store));

  /* Once filled, a change passes straight through. */
  g_list_store_remove (f->store, 5);
  g_assert_false (kk_paced_model_is_pacing (f->paced));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 1999);
  assert_consistent (&m, G_LIST_MODEL (f->store));
  kk_test_mirror_clear (&m);
}

/* Runs frames until the fill is done: all @n rows shown, as the store has
 * them. */
static void
fill_to_end (Fixture      *f,
             KkTestMirror *m,
             guint         n)
{
  run_frames_until_done (f, m, 400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, n);
  assert_consistent (m, G_LIST_MODEL (f->store));
}

/* Puts @n rows in the fixture's store at once. */
static void
fill_store (Fixture *f,
            guint    n)
{
  g_autoptr(GListStore) rows = kk_test_string_store_new (n, 0);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (rows), i));
  g_list_store_splice (f->store, 0, 0, items->pdata, items->len);
}

/* Hides the view, then puts 500 rows in the store: none is shown. Returns
 * what was hidden. */
static GtkWidget *
fill_hidden (Fixture *f)
{
  GtkWidget *scrolled = gtk_widget_get_parent (f->view);

  gtk_widget_set_visible (scrolled, FALSE);
  g_assert_false (gtk_widget_get_mapped (f->view));
  fill_store (f, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 0);
  return scrolled;
}

/* A fill while the view is not mapped (a tab not shown) waits: no rows
 * are made for it over many frames; mapped again, it gets a screenful in
 * the first frame and goes on to the end. */
static void
test_waits_unmapped (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *scrolled;
  KkTestMirror m;

  SKIP_WITHOUT_DISPLAY ();
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  scrolled = fill_hidden (f);

  /* Twenty frames of the window go by: nothing more comes in. */
  kk_test_run_frames (f->window, 20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 0);
  g_assert_true (kk_paced_model_is_pacing (f->paced));
  assert_consistent (&m, G_LIST_MODEL (f->store));

  /* Shown: the first frame has the screenful. */
  gtk_widget_set_visible (scrolled, TRUE);
  kk_test_run_frames (f->window, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 10);
  fill_to_end (f, &m, 500);
  kk_test_mirror_clear (&m);
}

/* kk_paced_model_show_first () off screen: the screenful at once, nothing
 * more until the view is mapped; then the rest, the first frame adding
 * nothing more (it draws the screenful for the first time). Once all are
 * in, it changes nothing. */
static void
test_show_first (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *scrolled;
  KkTestMirror m;

  SKIP_WITHOUT_DISPLAY ();
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  scrolled = fill_hidden (f);

  kk_paced_model_show_first (f->paced);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 10);
  assert_consistent (&m, G_LIST_MODEL (f->store));
  kk_test_run_frames (f->window, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 10);
  g_assert_true (kk_paced_model_is_pacing (f->paced));

  gtk_widget_set_visible (scrolled, TRUE);
  kk_test_run_frames (f->window, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 10);
  run_frames_until_done (f, &m, 400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 500);
  kk_paced_model_show_first (f->paced);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 500);
  assert_consistent (&m, G_LIST_MODEL (f->store));
  kk_test_mirror_clear (&m);
}

/* A view sliding in (a GtkStack's transition) gets its screenful in the
 * first frame, then no more rows until the slide is over: those frames
 * draw the whole page. */
static void
test_waits_sliding (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *scrolled, *stack;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint sliding_frames = 0;
  KkTestMirror m;

  SKIP_WITHOUT_DISPLAY ();
  g_object_set (gtk_widget_get_settings (f->window), "gtk-enable-animations", TRUE, NULL);
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  scrolled = g_object_ref (gtk_widget_get_parent (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), NULL);
  stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_stack_set_transition_duration (GTK_STACK (stack), 400);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("other"), "other");
  gtk_stack_add_named (GTK_STACK (stack), scrolled, "list");
  g_object_unref (scrolled);
  gtk_window_set_child (GTK_WINDOW (f->window), stack);
  kk_test_run_frames (f->window, 2);
  g_assert_false (gtk_widget_get_mapped (f->view));

  fill_store (f, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 0);

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "list");
  g_assert_true (gtk_stack_get_transition_running (GTK_STACK (stack)));
  while (gtk_stack_get_transition_running (GTK_STACK (stack)))
    {
      kk_test_run_frames (f->window, 1);
      if (gtk_stack_get_transition_running (GTK_STACK (stack)))
        {
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 10);
          sliding_frames++;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_cmpuint (sliding_frames, >=, 3);
  fill_to_end (f, &m, 500);
  kk_test_mirror_clear (&m);
}

/* The wrapped model changing while rows are still coming in: inserts and
 * removals before, inside and after the part shown, a replacement of all. */
static void
test_changes_while_pacing (Fixture       *f,
                           gconstpointer  data)
{
  GRand *rand = g_rand_new_with_seed (20261125);
  KkTestMirror m;

  SKIP_WITHOUT_DISPLAY ();
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = 300 + g_rand_int_range (rand, 0, 700);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, item_new (round * 10000 + i));
      /* Round 0 fills an empty list; later rounds empty it first, so that
       * it grows from nothing again. */
      g_list_store_remove_all (f->store);
      assert_consistent (&m, G_LIST_MODEL (f->store));
      g_list_store_splice (f->store, 0, 0, items->pdata, items->len);
      g_assert_true (kk_paced_model_is_pacing (f->paced));
      assert_consistent (&m, G_LIST_MODEL (f->store));

      for (guint step = 0; step < 40 && kk_paced_model_is_pacing (f->paced); step++)
        {
          guint len = g_list_model_get_n_items (G_LIST_MODEL (f->store));
          guint shown = g_list_model_get_n_items (G_LIST_MODEL (f->paced));
          g_autoptr(GObject) item = item_new (100000 + round * 1000 + step);
          guint where;

          switch (step % 4)
            {
            case 0:   /* inside what is shown */
              where = g_rand_int_range (rand, 0, MAX (shown, 1));
              g_list_store_insert (f->store, where, item);
              break;
            case 1:   /* beyond it */
              where = MIN (len, shown + (guint) g_rand_int_range (rand, 0, 50));
              g_list_store_insert (f->store, where, item);
              break;
            case 2:   /* removal inside */
              if (len > 0)
                g_list_store_remove (f->store, g_rand_int_range (rand, 0, MAX (MIN (shown, len), 1)));
              break;
            default:  /* one item swapped for another where it is */
              if (len > 0)
                {
                  where = g_rand_int_range (rand, 0, len);
                  g_list_store_splice (f->store, where, 1, (gpointer *) &item, 1);
                }
              break;
            }
          assert_consistent (&m, G_LIST_MODEL (f->store));
          /* A frame or two between changes. */
          for (int i = 0; i < 3; i++)
            g_main_context_iteration (NULL, FALSE);
          assert_consistent (&m, G_LIST_MODEL (f->store));
        }
      run_frames_until_done (f, &m, 1000);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (f->store)));
      assert_consistent (&m, G_LIST_MODEL (f->store));
    }
  g_rand_free (rand);
  kk_test_mirror_clear (&m);
}

/* Selecting a row not yet shown: reveal () shows every row at once. */
static void
test_reveal (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListStore) rows = kk_test_string_store_new (800, 0);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  KkTestMirror m;

  SKIP_WITHOUT_DISPLAY ();
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  for (guint i = 0; i < 800; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (rows), i));
  g_list_store_splice (f->store, 0, 0, items->pdata, items->len);
  g_assert_true (kk_paced_model_is_pacing (f->paced));

  /* A row already shown: nothing changes. */
  kk_paced_model_reveal (f->paced, 3);
  g_assert_true (kk_paced_model_is_pacing (f->paced));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 10);

  kk_paced_model_reveal (f->paced, 700);
  g_assert_false (kk_paced_model_is_pacing (f->paced));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 800);
  assert_consistent (&m, G_LIST_MODEL (f->store));
  kk_test_mirror_clear (&m);
}

/* restart (): the next replacement of every row starts again from a
 * screenful; without it, a replacement of a long list passes through. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  KkTestMirror m;

  SKIP_WITHOUT_DISPLAY ();
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      guint n_before = g_list_model_get_n_items (G_LIST_MODEL (f->store));

      for (guint i = 0; i < 300; i++)
        g_ptr_array_add (items, item_new (round * 1000 + i));
      if (round == 2)
        kk_paced_model_restart (f->paced);
      g_list_store_splice (f->store, 0, n_before, items->pdata, items->len);
      assert_consistent (&m, G_LIST_MODEL (f->store));
      if (round == 1)
        {
          /* 300 rows replaced by 300 others, not restarted: at once. */
          g_assert_false (kk_paced_model_is_pacing (f->paced));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 300);
        }
      else
        {
          g_assert_true (kk_paced_model_is_pacing (f->paced));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 10);
          run_frames_until_done (f, &m, 400);
        }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 300);
      assert_consistent (&m, G_LIST_MODEL (f->store));
    }
  kk_test_mirror_clear (&m);
}

/* A small change to a long list already shown is not paced: its rows have
 * their widgets. */
static void
test_small_growth_passes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GListStore) rows = kk_test_string_store_new (5, 0);

  SKIP_WITHOUT_DISPLAY ();
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_list_store_append (f->store, item);
      g_assert_false (kk_paced_model_is_pacing (f->paced));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->paced)), ==, 5);
}

/* Without a widget to pace it, the model is the wrapped one. */
static void
test_detached (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(KkPacedModel) paced = kk_paced_model_new (G_LIST_MODEL (store), 4);
  g_autoptr(GListStore) rows = kk_test_string_store_new (1000, 0);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  KkTestMirror m;

  kk_test_mirror_init (&m, G_LIST_MODEL (paced));
  g_assert_true (kk_paced_model_get_model (paced) == G_LIST_MODEL (store));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (paced)) == GTK_TYPE_STRING_OBJECT);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (rows), i));
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  g_assert_false (kk_paced_model_is_pacing (paced));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 1000);
  g_assert_cmpuint (m.signals, ==, 1);
  assert_consistent (&m, G_LIST_MODEL (store));
  kk_test_mirror_clear (&m);
}

static GtkWidget *
paced_view_new (KkPacedModel *paced)
{
  g_autoptr(GtkListItemFactory) factory = kk_test_label_factory_new (G_CALLBACK (bind_cb), NULL);
  GtkWidget *view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (paced)))),
                                       g_object_ref (factory));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  kk_paced_model_attach (paced, view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_hexpand (scrolled, TRUE);
  return scrolled;
}

/* Two lists filling at once take turns: after the first screenful of
 * each, no frame adds rows to both, and neither waits more than a frame
 * while the other fills. */
static void
test_take_turns (void)
{
  GListStore *stores[2];
  KkPacedModel *paced[2];
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *window, *box, *view;
  GdkFrameClock *clock;
  guint shown[2], grew[2] = { 0, 0 }, waited[2] = { 0, 0 };
  gint64 last, deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  SKIP_WITHOUT_DISPLAY ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  for (guint i = 0; i < 2; i++)
    {
      stores[i] = g_list_store_new (GTK_TYPE_STRING_OBJECT);
      paced[i] = kk_paced_model_new (G_LIST_MODEL (stores[i]), 10);
      gtk_box_append (GTK_BOX (box), paced_view_new (paced[i]));
    }
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 600);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  view = gtk_widget_get_first_child (gtk_widget_get_first_child (box));
  while (!gtk_widget_get_mapped (view))
    g_main_context_iteration (NULL, TRUE);

  rows = kk_test_string_store_new (2000, 0);
  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (rows), i));
  for (guint i = 0; i < 2; i++)
    {
      g_list_store_splice (stores[i], 0, 0, items->pdata, items->len);
      shown[i] = g_list_model_get_n_items (G_LIST_MODEL (paced[i]));
      g_assert_cmpuint (shown[i], ==, 10);
    }

  clock = gtk_widget_get_frame_clock (view);
  last = gdk_frame_clock_get_frame_counter (clock);
  while (kk_paced_model_is_pacing (paced[0]) || kk_paced_model_is_pacing (paced[1]))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (gdk_frame_clock_get_frame_counter (clock) == last)
        continue;
      last = gdk_frame_clock_get_frame_counter (clock);
      {
        gboolean grown[2];

        for (guint i = 0; i < 2; i++)
          {
            guint n = g_list_model_get_n_items (G_LIST_MODEL (paced[i]));

            grown[i] = n > shown[i];
            shown[i] = n;
            grew[i] += grown[i];
          }
        g_assert_false (grown[0] && grown[1]);
        for (guint i = 0; i < 2; i++)
          {
            /* A frame that gave the other its turn, while this one still
             * had rows to add. */
            waited[i] = grown[1 - i] && kk_paced_model_is_pacing (paced[i]) ? waited[i] + 1 : 0;
            g_assert_cmpuint (waited[i], <=, 1);
          }
      }
    }
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced[i])), ==, 2000);
      g_assert_cmpuint (grew[i], >=, 2);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 2; i++)
    {
      g_object_unref (paced[i]);
      g_object_unref (stores[i]);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Making a row's widgets costs 1 ms here. */
static void
slow_setup_cb (GtkListItemFactory *factory,
               GtkListItem        *item)
{
  g_usleep (1000);
}

static void
batch_added_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                GArray     *batches)
{
  /* Rows past the first 200 get no widgets: the fill takes them at once. */
  if (position < 200)
    g_array_append_val (batches, added);
}

/* A batch's cost includes making its rows' widgets, which the list does as
 * soon as the rows are added: at 1 ms a row, batches stay at about the
 * budget's worth (8 ms) of rows, in the next fill too. Counted from after
 * the rows were added, as it once was, every frame looked cheap and
 * batches grew by a quarter per frame; starting from the size the last
 * fill ended with, the next fill started with a batch of 40. */
static void
test_batch_cost (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (guint));
  KkTestMirror m;

  SKIP_WITHOUT_DISPLAY ();
  g_signal_connect (gtk_list_view_get_factory (GTK_LIST_VIEW (f->view)), "setup", G_CALLBACK (slow_setup_cb), NULL);
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  g_signal_connect (f->paced, "items-changed", G_CALLBACK (batch_added_cb), batches);
  /* Twice: the rows past the first 200 have no widgets and cost nothing,
   * and the size the batches grew to there must not be where the next
   * fill starts. */
  for (guint fill = 0; fill < 2; fill++)
    {
      g_array_set_size (batches, 0);
      g_list_store_remove_all (f->store);
      fill_store (f, 2000);
      fill_to_end (f, &m, 2000);

      /* The screenful, then batches of 8 rows or fewer. */
      g_assert_cmpuint (batches->len, >=, 6);
      for (guint i = 1; i < batches->len; i++)
        {
          g_test_message ("fill %u, batch %u: %u rows", fill, i, g_array_index (batches, guint, i));
          g_assert_cmpuint (g_array_index (batches, guint, i), <=, 10);
        }
    }
  g_signal_handlers_disconnect_by_func (f->paced, batch_added_cb, batches);
  kk_test_mirror_clear (&m);
}

/* Each fill starts from a small batch, whatever the last one grew to: its
 * first batches hold rows on screen, which are drawn too. */
static void
test_fill_starts_small (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (guint));
  guint largest = 0;
  KkTestMirror m;

  SKIP_WITHOUT_DISPLAY ();
  kk_test_mirror_init (&m, G_LIST_MODEL (f->paced));
  g_signal_connect (f->paced, "items-changed", G_CALLBACK (batch_added_cb), batches);
  fill_store (f, 2000);
  fill_to_end (f, &m, 2000);
  /* Cheap rows: the batches grew. */
  for (guint i = 1; i < batches->len; i++)
    largest = MAX (largest, g_array_index (batches, guint, i));
  g_assert_cmpuint (largest, >, 12);

  g_list_store_remove_all (f->store);
  g_array_set_size (batches, 0);
  fill_store (f, 2000);
  fill_to_end (f, &m, 2000);
  /* The screenful, then the first batch. */
  g_assert_cmpuint (batches->len, >=, 2);
  g_assert_cmpuint (g_array_index (batches, guint, 0), ==, 10);
  g_assert_cmpuint (g_array_index (batches, guint, 1), <=, 8);
  g_signal_handlers_disconnect_by_func (f->paced, batch_added_cb, batches);
  kk_test_mirror_clear (&m);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add ("/paced-model/fill", Fixture, NULL, fixture_setup, test_paced_fill, fixture_teardown);
  g_test_add ("/paced-model/changes-while-pacing", Fixture, NULL, fixture_setup, test_changes_while_pacing,
              fixture_teardown);
  g_test_add ("/paced-model/reveal", Fixture, NULL, fixture_setup, test_reveal, fixture_teardown);
  g_test_add ("/paced-model/restart", Fixture, NULL, fixture_setup, test_restart, fixture_teardown);
  g_test_add ("/paced-model/small-growth", Fixture, NULL, fixture_setup, test_small_growth_passes, fixture_teardown);
  g_test_add ("/paced-model/waits-unmapped", Fixture, NULL, fixture_setup, test_waits_unmapped, fixture_teardown);
  g_test_add ("/paced-model/waits-sliding", Fixture, NULL, fixture_setup, test_waits_sliding, fixture_teardown);
  g_test_add ("/paced-model/batch-cost", Fixture, NULL, fixture_setup, test_batch_cost, fixture_teardown);
  g_test_add ("/paced-model/fill-starts-small", Fixture, NULL, fixture_setup, test_fill_starts_small,
              fixture_teardown);
  g_test_add ("/paced-model/show-first", Fixture, NULL, fixture_setup, test_show_first, fixture_teardown);
  g_test_add_func ("/paced-model/detached", test_detached);
  g_test_add_func ("/paced-model/take-turns", test_take_turns);
  return g_test_run ();
}
