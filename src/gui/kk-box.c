// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-box"

#include "kk-box.h"

struct _KkBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (KkBox, kk_box, GTK_TYPE_WIDGET)

static void
kk_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kk_box_parent_class)->dispose (object);
}

static void
kk_box_class_init (KkBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kk_box_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kk-box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kk_box_init (KkBox *self)
{
}

GtkWidget *
kk_box_new (GtkOrientation orientation,
            int            spacing)
{
  GtkWidget *self = g_object_new (KK_TYPE_BOX, NULL);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (self);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), orientation);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), spacing);
  return self;
}

void
kk_box_append (KkBox     *self,
               GtkWidget *child)
{
  g_return_if_fail (KK_IS_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}
