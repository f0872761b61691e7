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
