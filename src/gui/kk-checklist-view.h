// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* One supplier's checklist in one procurement: a row per requirement with
 * the answer, an editor for comment, evidence and expiry date, and the
 * verdict (every SHALL requirement met or not).
 *
 * Actions (group "checklist"): checklist.set-status ('met', 'partly_met',
 * 'not_met', 'not_applicable', 'unanswered') on the selected row,
 * checklist.undo (Ctrl+Z), checklist.save-details (Ctrl+S),
 * checklist.next / checklist.previous (j / k), checklist.import (Ctrl+O),
 * checklist.export and checklist.close (Alt+Left). In the list the keys 1,
 * 2, 3, 4 and 0 set the status of the selected row. A .xlsx file dropped
 * on the view is imported. */

#include <gtk/gtk.h>

#include "kk-database.h"
#include "kk-types.h"

G_BEGIN_DECLS

#define KK_TYPE_CHECKLIST_VIEW (kk_checklist_view_get_type ())
G_DECLARE_FINAL_TYPE (KkChecklistView, kk_checklist_view, KK, CHECKLIST_VIEW, GtkWidget)

GtkWidget       *kk_checklist_view_new              (KkDatabase      *db,
                                                     gint64           procurement_id,
                                                     gint64           supplier_id);
gint64           kk_checklist_view_get_procurement_id (KkChecklistView *self);
gint64           kk_checklist_view_get_supplier_id  (KkChecklistView *self);
/* Reads the answers again, keeping the selection. */
void             kk_checklist_view_reload           (KkChecklistView *self);
/* Shows another supplier's checklist (or another procurement's) in the
 * same view, as a new view would: first row selected, nothing to undo.
 * Building the view is most of what opening a checklist costs. Returns
 * FALSE, changing nothing, while a returned workbook is being read. */
gboolean         kk_checklist_view_set_assessment   (KkChecklistView *self,
                                                     gint64           procurement_id,
                                                     gint64           supplier_id);
/* Makes the first screenful of rows while the view is not shown yet (it is
 * about to be), so that they are styled before the frame that draws them.
 * The other rows come a batch per frame once it is shown. */
void             kk_checklist_view_prepare_rows     (KkChecklistView *self);
/* Reads @path as a returned checklist in a worker thread, then shows the
 * import preview. */
void             kk_checklist_view_import_file      (KkChecklistView *self,
                                                     const char      *path);

/* For tests. */
GtkLabel        *kk_checklist_view_get_progress_label (KkChecklistView *self);
GtkLabel        *kk_checklist_view_get_verdict_label  (KkChecklistView *self);
GtkWidget       *kk_checklist_view_get_list           (KkChecklistView *self);
guint            kk_checklist_view_get_n_items        (KkChecklistView *self);
/* Borrowed; the item as last read from the store. */
KkChecklistItem *kk_checklist_view_get_item           (KkChecklistView *self,
                                                       guint            position);
void             kk_checklist_view_select             (KkChecklistView *self,
                                                       guint            position);
guint            kk_checklist_view_get_selected       (KkChecklistView *self);
guint            kk_checklist_view_get_undo_depth     (KkChecklistView *self);
/* The editor's fields: "comment", "evidence" (GtkTextView) and
 * "valid-until" (GtkEntry). */
GtkWidget       *kk_checklist_view_get_field          (KkChecklistView *self,
                                                       const char      *field);

G_END_DECLS
