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
