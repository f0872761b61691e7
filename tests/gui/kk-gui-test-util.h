// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Helpers shared by the GUI tests. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @widget or the first of its descendants (depth first) of @type. */
GtkWidget *kk_test_find_descendant (GtkWidget *widget,
                                    GType      type);

/* A new list of @n GtkStringObjects, "Krav <first_label>" and on. */
GListStore *kk_test_string_store_new (guint n,
                                      guint first_label);

/* A list item factory whose rows are a GtkLabel, filled by @bind (a
 * "bind" handler). */
GtkListItemFactory *kk_test_label_factory_new (GCallback bind,
                                               GCallback unbind);

G_END_DECLS
