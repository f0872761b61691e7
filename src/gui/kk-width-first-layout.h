// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* KkWidthFirstLayout: a layout manager for one child (as GtkBinLayout)
 * whose width does not depend on the height it is given.
 *
 * A wrapping GtkLabel asked for its width at a given height searches for
 * it, laying out its text at a dozen widths; containers above ask so
 * whenever they are measured for a height, and a procurement's detail
 * pane laid out its wrapping labels some 250 times a frame (a third of
 * the frame). Under this layout the child is only measured width first
 * (height for width), as the pages lay out from the top down anyway. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KK_TYPE_WIDTH_FIRST_LAYOUT (kk_width_first_layout_get_type ())
G_DECLARE_FINAL_TYPE (KkWidthFirstLayout, kk_width_first_layout, KK, WIDTH_FIRST_LAYOUT, GtkLayoutManager)

GtkLayoutManager *kk_width_first_layout_new (void);

G_END_DECLS
