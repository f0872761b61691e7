// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Helpers shared by the GUI tests. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @widget or the first of its descendants (depth first) of @type. */
GtkWidget *kk_test_find_descendant (GtkWidget *widget,
                                    GType      type);

/* The GtkStack in @widget (depth first) that has a page named @name, or
 * NULL. */
GtkStack *kk_test_find_stack_with (GtkWidget  *widget,
                                   const char *name);

/* A new list of @n GtkStringObjects, "Krav <first_label>" and on. */
GListStore *kk_test_string_store_new (guint n,
                                      guint first_label);

/* A list item factory whose rows are a GtkLabel, filled by @bind (a
 * "bind" handler). */
GtkListItemFactory *kk_test_label_factory_new (GCallback bind,
                                               GCallback unbind);

/* Runs the main loop until @n more frames of @widget's window have been
 * drawn, after-paint included (fails after 30 s). */
void kk_test_run_frames (GtkWidget *widget,
                         guint      n);

/* What a list model's items-changed signals say it holds: item pointers
 * (not referenced), kept from @model's items when made and changed by each
 * signal, which is checked to be consistent (positions in range, items
 * there, as many as the model says). */
typedef struct {
  GListModel *model;
  GPtrArray  *items;
  guint       signals;
} KkTestMirror;

void kk_test_mirror_init   (KkTestMirror *mirror,
                            GListModel   *model);
void kk_test_mirror_clear  (KkTestMirror *mirror);
/* The copy is what the model holds, item for item. */
void kk_test_mirror_assert (KkTestMirror *mirror);

G_END_DECLS
