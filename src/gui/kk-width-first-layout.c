// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-width-first-layout"

#include "config.h"

#include "kk-width-first-layout.h"

struct _KkWidthFirstLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (KkWidthFirstLayout, kk_width_first_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
kk_width_first_layout_get_request_mode (GtkLayoutManager *manager,
                                        GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kk_width_first_layout_measure (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               GtkOrientation    orientation,
                               int               for_size,
                               int              *minimum,
                               int              *natural,
                               int              *minimum_baseline,
                               int              *natural_baseline)
{
  /* The width whatever the height: only a height is asked for a width. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0, child_min_baseline = -1, child_nat_baseline = -1;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, &child_min_baseline,
                          &child_nat_baseline);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
      if (child_min_baseline > -1)
        *minimum_baseline = MAX (*minimum_baseline, child_min_baseline);
      if (child_nat_baseline > -1)
        *natural_baseline = MAX (*natural_baseline, child_nat_baseline);
    }
}

static void
kk_width_first_layout_allocate (GtkLayoutManager *manager,
                                GtkWidget        *widget,
                                int               width,
                                int               height,
                                int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
kk_width_first_layout_class_init (KkWidthFirstLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = kk_width_first_layout_get_request_mode;
  manager_class->measure = kk_width_first_layout_measure;
  manager_class->allocate = kk_width_first_layout_allocate;
}

static void
kk_width_first_layout_init (KkWidthFirstLayout *self)
{
}

GtkLayoutManager *
kk_width_first_layout_new (void)
{
  return g_object_new (KK_TYPE_WIDTH_FIRST_LAYOUT, NULL);
}
