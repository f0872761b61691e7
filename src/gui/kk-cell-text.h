// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Text cells for long lists: a GtkInscription whose size is set from font
 * metrics read once per font, not measured per cell.
 *
 * GTK 4.8's list and column views keep widgets for up to 200 rows. A
 * GtkLabel lays out its text to be measured, and a GtkInscription asks Pango
 * for the font's metrics (which shapes a sample text) every time it is
 * measured; with 200 rows of several columns either costs a good part of a
 * second each time a list is filled. A KkCellText cell is measured without
 * Pango; only the rows on screen lay out their text, when drawn. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A one-line, end-ellipsized cell at least @min_chars wide. With @tooltip,
 * its whole text is shown as a tooltip, asked for only when shown (a
 * tooltip set on every bind asks the display server where the pointer is). */
GtkWidget  *kk_cell_text_new      (guint       min_chars,
                                   gboolean    tooltip);
void        kk_cell_text_set_text (GtkWidget  *cell,
                                   const char *text);
const char *kk_cell_text_get_text (GtkWidget  *cell);

G_END_DECLS
