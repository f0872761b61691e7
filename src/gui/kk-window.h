// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The main window: a header bar with a view switcher over three pages,
 * "catalogue", "procurements" and "suppliers", and a toast overlay.
 *
 * Pages are GtkWidgets created with kk_*_page_new (db). By convention a
 * page's own actions live in an action group named like its stack page
 * ("catalogue.import", "suppliers.add", "procurements.…"), and a page that
 * has a search entry implements "<page>.search", which win.search (Ctrl+F)
 * activates on the visible page. */

#include <adwaita.h>

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_TYPE_WINDOW (kk_window_get_type ())
G_DECLARE_FINAL_TYPE (KkWindow, kk_window, KK, WINDOW, AdwApplicationWindow)

KkWindow   *kk_window_new              (AdwApplication *application,
                                        KkDatabase     *db);
KkDatabase *kk_window_get_database     (KkWindow       *self);
/* The KkWindow @widget sits in, or NULL. */
KkWindow   *kk_window_from_widget      (GtkWidget      *widget);

/* Takes ownership of @toast (like adw_toast_overlay_add_toast). */
void        kk_window_add_toast        (KkWindow       *self,
                                        AdwToast       *toast);

/* @name: "catalogue", "procurements" or "suppliers". */
void        kk_window_show_page        (KkWindow       *self,
                                        const char     *name);
const char *kk_window_get_visible_page (KkWindow       *self);
/* The page, made now if it is not yet. */
GtkWidget  *kk_window_get_page         (KkWindow       *self,
                                        const char     *name);
/* The page if it is made, else NULL. */
GtkWidget  *kk_window_peek_page        (KkWindow       *self,
                                        const char     *name);
/* Switches to the procurements page and selects @procurement_id there. */
void        kk_window_show_procurement (KkWindow       *self,
                                        gint64          procurement_id);

/* Tells every page that data of one kind changed ("catalogue",
 * "procurements", "suppliers", "checklists"), so they can reload. Emits
 * KkWindow::data-changed with @what as the detail:
 *
 *   g_signal_connect_object (window, "data-changed::suppliers",
 *                            G_CALLBACK (reload_cb), page, G_CONNECT_SWAPPED);
 */
void        kk_window_data_changed     (KkWindow       *self,
                                        const char     *what);

G_END_DECLS
