// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The user guide (help/sv.md or help/en.md, in the GUI resource) in a
 * window of its own, in the language of the user interface. The Markdown is
 * the small subset the guide uses: headings, paragraphs, bullet lists,
 * tables, **bold**, *italic* and `code`. */

#include <adwaita.h>

G_BEGIN_DECLS

#define KK_TYPE_HELP_WINDOW (kk_help_window_get_type ())
G_DECLARE_FINAL_TYPE (KkHelpWindow, kk_help_window, KK, HELP_WINDOW, AdwWindow)

KkHelpWindow *kk_help_window_new          (GtkWindow    *parent);
/* "sv" or "en": the guide shown. */
const char   *kk_help_window_get_language (KkHelpWindow *self);
/* The guide's first heading, for tests. */
const char   *kk_help_window_get_title    (KkHelpWindow *self);

/* "sv" when the first language of g_get_language_names () is Swedish. */
const char   *kk_help_language            (void);
/* Inline Markdown of one paragraph as Pango markup, escaped. */
char         *kk_help_inline_markup       (const char   *text);

G_END_DECLS
