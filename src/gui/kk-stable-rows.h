// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* KkStableRows: rows that stay when the list they show changes.
 *
 * GTK 4.8's list and column views keep widgets for up to 200 rows, and
 * when their model says items were replaced they destroy those rows and
 * build new ones: some 0.5 ms a row. A KkStableRows puts one KkStableRow
 * per position of another model in front of the view: when that model's
 * items change (another filter, another sort), the rows that remain keep
 * their objects, and so their widgets, and only show another item; the
 * view is told about positions added or removed at the end. All the rows
 * with widgets are then bound again in one frame: for a list whose items
 * are all replaced at once (another procurement's requirements), starting
 * again from a screenful (KkPacedModel) keeps frames shorter.
 *
 * Destroying a row's widgets costs about 0.3 ms too (mostly GTK removing
 * its event controllers and signal handlers): a change that left no item
 * destroyed some 200 rows, 60 ms in one frame. So when the list shrinks,
 * the rows that have widgets stay a little longer, blank (no item), and go
 * a dozen per frame of the view, from the second frame after the change
 * on; rows without widgets go at once. Blank rows are at the end of the
 * list, below the items, and usually below the window. If the list grows
 * again before they are gone, they show items again without new widgets.
 *
 * The page tells the rows which have widgets (kk_stable_row_bind () and
 * kk_stable_row_unbind () from its factory's bind and unbind), and is
 * called back to show the new items of the rows that stayed: at once for
 * the rows on screen (give or take a few), and for all of them once the
 * view's next frame is drawn, in a main-loop iteration of their own (of
 * the up to 200 rows GTK keeps, some 25 are on screen). */

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KK_TYPE_STABLE_ROW (kk_stable_row_get_type ())
G_DECLARE_FINAL_TYPE (KkStableRow, kk_stable_row, KK, STABLE_ROW, GObject)

#define KK_TYPE_STABLE_ROWS (kk_stable_rows_get_type ())
G_DECLARE_FINAL_TYPE (KkStableRows, kk_stable_rows, KK, STABLE_ROWS, GObject)

/* Called after rows that stay were given other items: the rows at
 * positions @first to @last (inclusive; 0 to G_MAXUINT for all) are to
 * show their new items. */
typedef void (*KkStableRowsRefresh) (guint    first,
                                     guint    last,
                                     gpointer user_data);

/* The item the row shows now, or NULL for a blank row on its way out. */
gpointer      kk_stable_row_get_item     (KkStableRow         *row);
/* From the factory's bind and unbind: the row has widgets while bound. */
void          kk_stable_row_bind         (KkStableRow         *row);
void          kk_stable_row_unbind       (KkStableRow         *row);

/* @view: the view showing the rows, whose frames pace the trimming;
 * while it is not mapped, rows go at once when the list shrinks. */
KkStableRows *kk_stable_rows_new         (GListModel          *source,
                                          GtkWidget           *view,
                                          KkStableRowsRefresh  refresh,
                                          gpointer             refresh_data);
GListModel   *kk_stable_rows_get_source  (KkStableRows        *self);
/* TRUE while blank rows are still to go. */
gboolean      kk_stable_rows_is_trimming (KkStableRows        *self);

G_END_DECLS
