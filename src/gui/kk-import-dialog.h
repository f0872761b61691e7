// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The preview of a returned checklist before anything is written: which
 * answers are new, which change, which an officer set and the file would
 * replace, and which rows are refused and why. "Apply" (action
 * dialog.apply) runs the module's checklist_import_apply () and emits
 * ::applied; "Cancel" changes nothing. */

#include <adwaita.h>

#include "kk-checklist-import.h"
#include "kk-database.h"

G_BEGIN_DECLS

#define KK_TYPE_IMPORT_DIALOG (kk_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KkImportDialog, kk_import_dialog, KK, IMPORT_DIALOG, AdwWindow)

/* Takes ownership of @import. */
KkImportDialog *kk_import_dialog_new           (GtkWindow         *parent,
                                                KkDatabase        *db,
                                                KkChecklistImport *import);
const char     *kk_import_dialog_get_file_name (KkImportDialog    *self);

/* For tests. */
gboolean        kk_import_dialog_can_apply     (KkImportDialog    *self);
void            kk_import_dialog_set_overwrite (KkImportDialog    *self,
                                                gboolean           overwrite);
/* Counts of the rows listed under "new", "changed", "conflicts", "refused". */
guint           kk_import_dialog_get_n_listed  (KkImportDialog    *self,
                                                const char        *section);

G_END_DECLS
