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
 *     search entry, "procurements.search" focuses it (win.search, Ctrl+F).
 *
 * Actions: procurements.new (Ctrl+N), .edit, .advance (publish, start the
 * evaluation, decide; each asks first), .audit, .export-appendix (Ctrl+E),
 * .export-list, .export-matrix, .export-checklist (x supplier),
 * .add-requirements, .remove-requirements (Delete), .undo (Ctrl+Z in the
 * requirement list: puts the last removed requirements back),
 * .move-up / .move-down (Alt+Up / Alt+Down), .toggle-obligation (Ctrl+T),
 * .add-supplier, .remove-supplier (x; undoable), .open-checklist (x),
 * .back (to the list when folded). The checklist of a supplier replaces
 * the list and detail until its back button is pressed. */

#include <gtk/gtk.h>

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_TYPE_PROCUREMENTS_PAGE (kk_procurements_page_get_type ())
G_DECLARE_FINAL_TYPE (KkProcurementsPage, kk_procurements_page, KK, PROCUREMENTS_PAGE, GtkWidget)

GtkWidget  *kk_procurements_page_new          (KkDatabase         *db);
KkDatabase *kk_procurements_page_get_database (KkProcurementsPage *self);
void        kk_procurements_page_select       (KkProcurementsPage *self,
                                               gint64              procurement_id);
/* Reads the procurements again, keeping the selection. */
void        kk_procurements_page_reload       (KkProcurementsPage *self);
/* Shows the checklist of @supplier_id in the selected procurement; returns
 * the KkChecklistView (borrowed). */
GtkWidget  *kk_procurements_page_open_checklist (KkProcurementsPage *self,
                                                 gint64              supplier_id);

/* TRUE until the page has read the procurements: it does after its first
 * frame, or when first asked for them. */
gboolean    kk_procurements_page_is_loading       (KkProcurementsPage *self);

/* For tests. */
gint64      kk_procurements_page_get_selected     (KkProcurementsPage *self);
/* The selected procurement's requirements as its list shows them (a
 * GtkSelectionModel of KkStableRow, whose items are KkChecklistItems;
 * blank rows on their way out may follow them), the requirements
 * themselves (KkChecklistItem), and its suppliers (KkSupplier). */
GListModel *kk_procurements_page_get_requirements (KkProcurementsPage *self);
GListModel *kk_procurements_page_get_requirement_items (KkProcurementsPage *self);
GListModel *kk_procurements_page_get_suppliers    (KkProcurementsPage *self);
/* The procurements listed (after the search and the status filter), KkProcurement. */
GListModel *kk_procurements_page_get_procurements (KkProcurementsPage *self);
GtkLabel   *kk_procurements_page_get_counts_label (KkProcurementsPage *self);
/* The KkChecklistView shown, or NULL. */
GtkWidget  *kk_procurements_page_get_checklist    (KkProcurementsPage *self);

G_END_DECLS
