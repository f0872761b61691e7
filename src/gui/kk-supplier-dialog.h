// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The form to add a supplier or edit one. The organisation number is
 * checked as it is typed; the store's refusals (a number already
 * registered…) are shown in the dialog, which stays open. On success the
 * dialog emits ::saved with the supplier as stored and closes. */

#include <adwaita.h>

#include "kk-database.h"
#include "kk-types.h"

G_BEGIN_DECLS

#define KK_TYPE_SUPPLIER_DIALOG (kk_supplier_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KkSupplierDialog, kk_supplier_dialog, KK, SUPPLIER_DIALOG, AdwWindow)

/* @supplier NULL adds a new supplier. */
KkSupplierDialog *kk_supplier_dialog_new        (GtkWindow        *parent,
                                                 KkDatabase       *db,
                                                 KkSupplier       *supplier);

/* For tests: the form's fields ("name", "org-number", "country",
 * "contact", "note") and the messages it shows (NULL when hidden).
 * "dialog.save" saves. */
GtkEditable      *kk_supplier_dialog_get_field  (KkSupplierDialog *self,
                                                 const char       *field);
void              kk_supplier_dialog_set_note   (KkSupplierDialog *self,
                                                 const char       *note);
const char       *kk_supplier_dialog_get_org_number_message (KkSupplierDialog *self);
const char       *kk_supplier_dialog_get_error  (KkSupplierDialog *self);
gboolean          kk_supplier_dialog_can_save   (KkSupplierDialog *self);

G_END_DECLS
