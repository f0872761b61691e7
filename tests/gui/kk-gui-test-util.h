// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Helpers shared by the GUI tests. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @widget or the first of its descendants (depth first) of @type. */
GtkWidget *kk_test_find_descendant (GtkWidget *widget,
                                    GType      type);

G_END_DECLS
