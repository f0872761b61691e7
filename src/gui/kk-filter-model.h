// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* KkFilterModel: a filter list model that filters the top of the list
 * first, and the rest a part per main-loop iteration.
 *
 * GtkFilterListModel filters the whole list when its filter changes: on
 * the catalogue's 10,000 requirements, 6–9 ms in the keystroke's handler
 * before GTK can draw anything (its incremental mode filters in idle
 * batches of 512 from wherever it is, and the keystroke's frame shows the
 * old list). When its GtkFilter changes, a KkFilterModel filters at once
 * only until it has the new list's first @first_items items (a screenful
 * and the rows GTK keeps bound, a few hundred) or half of @budget_ms has
 * passed; the rest follows in idle callbacks of @budget_ms each, so the
 * keystroke's frame draws the new top of the list and no main-loop
 * iteration is long. With a view attached, the idle callbacks start after
 * its next frame, so that frame comes no later for them. Items not reached
 * yet stay as they were: shown if they matched before.
 *
 * It keeps the source's items in an array, so each is one read away: a
 * change of the source (new items, another sort) is filtered at once.
 *
 * The filter's change kind is used as GtkFilterListModel does: for a
 * stricter filter only the items shown are tested, for a less strict one
 * those shown are kept without testing. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KK_TYPE_FILTER_MODEL (kk_filter_model_get_type ())
G_DECLARE_FINAL_TYPE (KkFilterModel, kk_filter_model, KK, FILTER_MODEL, GObject)

KkFilterModel *kk_filter_model_new           (GListModel    *source,
                                              GtkFilter     *filter,
                                              guint          first_items,
                                              double         budget_ms);
/* The list or column view showing the model (held weakly). */
void           kk_filter_model_attach        (KkFilterModel *self,
                                              GtkWidget     *widget);
/* TRUE while part of the list is still to be filtered. */
gboolean       kk_filter_model_is_filtering  (KkFilterModel *self);
/* Filters the rest now. */
void           kk_filter_model_finish        (KkFilterModel *self);

G_END_DECLS
