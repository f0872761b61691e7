// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The form to create a procurement or edit one: title, dnr, responsible
 * unit (default from the "default-unit" setting), category, tender deadline
 * and a note. Creating with a category also selects the requirements the
 * catalogue suggests for it, in the same transaction. The store's refusals
 * are shown in the dialog, which stays open; on success it emits ::saved
 * and closes. "dialog.save" saves. */

#include <adwaita.h>

#include "kk-database.h"
#include "kk-types.h"

G_BEGIN_DECLS

#define KK_TYPE_PROCUREMENT_DIALOG (kk_procurement_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KkProcurementDialog, kk_procurement_dialog, KK, PROCUREMENT_DIALOG, AdwWindow)

/* @procurement NULL creates a new one. */
KkProcurementDialog *kk_procurement_dialog_new          (GtkWindow           *parent,
                                                         KkDatabase          *db,
                                                         KkProcurement       *procurement);

/* For tests: "title", "dnr", "unit", "deadline". */
GtkEditable         *kk_procurement_dialog_get_field    (KkProcurementDialog *self,
                                                         const char          *field);
/* @key NULL = no category. FALSE when there is no such category. */
gboolean             kk_procurement_dialog_set_category (KkProcurementDialog *self,
                                                         const char          *key);
const char          *kk_procurement_dialog_get_error    (KkProcurementDialog *self);
gboolean             kk_procurement_dialog_can_save     (KkProcurementDialog *self);

G_END_DECLS
