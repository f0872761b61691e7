// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* KkPacedModel: a GListModel that shows the items of another a few at a
 * time, one batch per frame, when a list grows by many at once.
 *
 * GTK 4.8's list and column views make widgets for up to 200 rows as soon
 * as the model has them, all in one frame: filling an empty list with 500
 * procurements or a checklist of 500 requirements took 150–250 ms of the
 * main loop. Between such a list and its model, a KkPacedModel shows a
 * screenful first (@first rows, in a frame of their own), then lets the
 * rows that need new widgets in a batch per frame of the widget it is
 * attached to. Each fill starts from a small batch; the next is sized to
 * the budget at the rate the last one was measured (from adding its rows,
 * which makes their widgets, to the end of that frame's paint). Once more
 * rows are shown than GTK makes widgets
 * for, or once the list is whole, the rest come at once and changes pass
 * straight through.
 *
 * Lists filling at the same time (a procurement's requirements while the
 * procurement list still fills) take turns: a frame adds rows to one of
 * them, and their screenfuls keep a frame to themselves.
 *
 * While the widget is not mapped (a tab not shown) the fill waits, and
 * goes on from where it was when the widget is mapped again; a fill that
 * starts off screen shows no rows until then. While a GtkStack it is in
 * slides to another page, it waits too: those frames draw the whole page.
 *
 * Positions are those of the wrapped model; kk_paced_model_reveal () shows
 * everything at once for a caller that selects a row further down. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KK_TYPE_PACED_MODEL (kk_paced_model_get_type ())
G_DECLARE_FINAL_TYPE (KkPacedModel, kk_paced_model, KK, PACED_MODEL, GObject)

/* @first: rows shown in the first frame of a paced fill (a screenful). */
KkPacedModel *kk_paced_model_new        (GListModel   *model,
                                         guint         first);
/* The widget whose frames pace the rows: the list or column view. Held
 * weakly; without one nothing is paced, and while it is not mapped the
 * fill waits. */
void          kk_paced_model_attach     (KkPacedModel *self,
                                         GtkWidget    *widget);
GListModel   *kk_paced_model_get_model  (KkPacedModel *self);
/* The next change of the wrapped model replaces the rows shown with other
 * items (another procurement's): GTK 4.8 makes new widgets for all of
 * them (it keeps a row's widgets only for the same item), so the list
 * starts again from a screenful instead of making them in one frame. Not
 * for a reload of the same list: it would lose the scroll position. */
void          kk_paced_model_restart    (KkPacedModel *self);
/* Makes sure the row at @position is shown: if it is not yet, every row
 * is shown now (ending a paced fill). */
void          kk_paced_model_reveal     (KkPacedModel *self,
                                         guint         position);
/* Shows the first screenful now, even off screen: for a view about to be
 * shown, so that its first rows are made and styled before the frame that
 * first draws it. The rest come a batch per frame once it is mapped. */
void          kk_paced_model_show_first (KkPacedModel *self);
/* TRUE while rows are still to come (also while waiting to be mapped). */
gboolean      kk_paced_model_is_pacing  (KkPacedModel *self);

G_END_DECLS
