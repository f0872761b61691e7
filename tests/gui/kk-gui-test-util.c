// SPDX-License-Identifier: GPL-3.0-or-later
#include "kk-gui-test-util.h"

GtkWidget *
kk_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kk_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkStack *
kk_test_find_stack_with (GtkWidget  *widget,
                         const char *name)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), name) != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = kk_test_find_stack_with (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GListStore *
kk_test_string_store_new (guint n,
                          guint first_label)
{
  GListStore *store = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("Krav %u", first_label + i);
      g_autoptr(GtkStringObject) item = gtk_string_object_new (label);

      g_list_store_append (store, item);
    }
  return store;
}

static void
label_setup_cb (GtkListItemFactory *factory,
                GtkListItem        *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

GtkListItemFactory *
kk_test_label_factory_new (GCallback bind,
                           GCallback unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, NULL);
  return factory;
}

static void
mirror_items_changed_cb (GListModel   *model,
                         guint         position,
                         guint         removed,
                         guint         added,
                         KkTestMirror *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_assert_true (removed > 0 || added > 0);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (mirror->items, position + i, item);
    }
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (model));
  mirror->signals++;
}

void
kk_test_mirror_init (KkTestMirror *mirror,
                     GListModel   *model)
{
  mirror->model = model;
  mirror->items = g_ptr_array_new ();
  mirror->signals = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_ptr_array_add (mirror->items, item);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
}

void
kk_test_mirror_clear (KkTestMirror *mirror)
{
  g_signal_handlers_disconnect_by_func (mirror->model, mirror_items_changed_cb, mirror);
  g_ptr_array_unref (mirror->items);
}

void
kk_test_mirror_assert (KkTestMirror *mirror)
{
  guint n = g_list_model_get_n_items (mirror->model);

  g_assert_cmpuint (n, ==, mirror->items->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (mirror->model, i);

      g_assert_true (item == g_ptr_array_index (mirror->items, i));
    }
  g_assert_null (g_list_model_get_item (mirror->model, n));
}

void
kk_test_run_frames (GtkWidget *widget,
                    guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 end = gdk_frame_clock_get_frame_counter (clock) + n;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (gdk_frame_clock_get_frame_counter (clock) < end)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}
