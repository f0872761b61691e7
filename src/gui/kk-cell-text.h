// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* KkCellText: one line of text in a cell of a long list, end-ellipsized.
 *
 * GTK 4.8's list and column views keep widgets for up to 200 rows, most of
 * them off screen. A GtkLabel lays out its text to be measured; a
 * GtkInscription creates a PangoContext when it is made and asks Pango for
 * the font's metrics (which shapes a sample text) when it is measured. With
 * 200 rows of several columns either costs a good part of a second each
 * time a list is filled. A KkCellText is sized from font metrics read once
 * per font and creates its PangoLayout only when it is drawn, so only the
 * rows on screen lay out text.
 *
 * It is styled as a label (CSS name "label": dim-label, caption, heading…
 * apply) and read out as one. Its size does not follow the font of its own
 * CSS classes: it is that of @min_chars characters and one line of the
 * window's font. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KK_TYPE_CELL_TEXT (kk_cell_text_get_type ())
G_DECLARE_FINAL_TYPE (KkCellText, kk_cell_text, KK, CELL_TEXT, GtkWidget)

/* With @tooltip, the whole text is shown as a tooltip, asked for only when
 * shown (a tooltip set on every bind asks the display server where the
 * pointer is, once per cell). */
GtkWidget  *kk_cell_text_new        (guint       min_chars,
                                     gboolean    tooltip);
void        kk_cell_text_set_text   (GtkWidget  *cell,
                                     const char *text);
const char *kk_cell_text_get_text   (GtkWidget  *cell);
/* A symbolic icon (16 px, in the text's colour) before the text, or NULL
 * for none; the cell is that much wider with one. */
void        kk_cell_text_set_icon_name (GtkWidget  *cell,
                                        const char *icon_name);
/* 0 (start, the default) to 1 (end). */
void        kk_cell_text_set_xalign (GtkWidget  *cell,
                                     float       xalign);

/* The text is one of a few values repeated down the column (an area, a
 * kind): cells showing the same text in the same style and width share
 * one text layout. */
void        kk_cell_text_set_repeated (GtkWidget *cell,
                                       gboolean   repeated);

G_END_DECLS
