// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* KkBox: a box for the rows of long lists.
 *
 * A GtkBox is styled as "box", and libadwaita has selectors such as
 * "button:hover > box" and "headerbar:backdrop > windowhandle > box". GTK
 * 4.8 cannot tell that they never match a box in a list row, so when any
 * ancestor changes state (the focus moving into the view makes every
 * ancestor :focus-within) it looks up the style of every box in every
 * row again: some 400 boxes for the 200 rows GTK keeps, 4-5 ms. A KkBox
 * lays out its children as a GtkBox does (GtkBoxLayout) under the CSS
 * name "kk-box", which no style sheet names, so it is left alone. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KK_TYPE_BOX (kk_box_get_type ())
G_DECLARE_FINAL_TYPE (KkBox, kk_box, KK, BOX, GtkWidget)

GtkWidget *kk_box_new    (GtkOrientation  orientation,
                          int             spacing);
void       kk_box_append (KkBox          *self,
                          GtkWidget      *child);

G_END_DECLS
