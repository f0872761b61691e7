// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The "procurements" page of the main window.
 *
 * Contract with KkWindow (keep it when replacing the contents):
 *   - kk_procurements_page_new (db) creates the page; the window adds it to
 *     its view stack under the name "procurements";
 *   - the "database" property (KkDatabase, construct-only) holds the store;
 *   - kk_procurements_page_select () shows one procurement (used by
 *     win.show-procurement, e.g. from the suppliers page);
 *   - page actions go in the "procurements" action group; if the page has a
 *     search entry, "procurements.search" focuses it (win.search, Ctrl+F). */

#include <gtk/gtk.h>

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_TYPE_PROCUREMENTS_PAGE (kk_procurements_page_get_type ())
G_DECLARE_FINAL_TYPE (KkProcurementsPage, kk_procurements_page, KK, PROCUREMENTS_PAGE, GtkWidget)

GtkWidget  *kk_procurements_page_new          (KkDatabase         *db);
KkDatabase *kk_procurements_page_get_database (KkProcurementsPage *self);
void        kk_procurements_page_select       (KkProcurementsPage *self,
                                               gint64              procurement_id);

G_END_DECLS
