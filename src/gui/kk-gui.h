// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Small helpers shared by the GUI's windows, pages and dialogs. */

#include <adwaita.h>

G_BEGIN_DECLS

/* Registers the GUI's GResource (ui/kravkoll.gresource.xml) once. Called by
 * the application and by every class that uses a template, so a test that
 * builds one page on its own finds its .ui file. */
void              kk_gui_init          (void);

/* Opens the default display (when it can) with GTK's settings created on
 * libadwaita's empty theme, unless the user set GTK_THEME. main () calls
 * it first, before any thread exists: it sets and unsets GTK_THEME. */
void              kk_gui_init_display  (void);

/* Presents a message with one "Close" response, transient for the window
 * of @parent (nullable). The dialog destroys itself when answered.
 * Returns it, borrowed, for tests. */
AdwMessageDialog *kk_gui_message       (GtkWidget    *parent,
                                        const char   *heading,
                                        const char   *body);
AdwMessageDialog *kk_gui_error         (GtkWidget    *parent,
                                        const char   *heading,
                                        const GError *error);

/* A toast showing @title as plain text: libadwaita 1.2 parses toast titles
 * as Pango markup, so a name like "Bygg & Co" must be escaped. */
AdwToast         *kk_gui_toast_new     (const char   *title);

/* Opens @uri with the default application; failures are shown in a dialog. */
void              kk_gui_open_uri      (GtkWidget    *parent,
                                        const char   *uri);

G_END_DECLS
