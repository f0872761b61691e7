// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The "suppliers" page: the supplier register with a search, and the
 * selected supplier's details and procurements. Actions (group
 * "suppliers"): suppliers.search, suppliers.add (Ctrl+N while the page is
 * shown), suppliers.edit, suppliers.delete (Delete in the list). */

#include <gtk/gtk.h>

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_TYPE_SUPPLIERS_PAGE (kk_suppliers_page_get_type ())
G_DECLARE_FINAL_TYPE (KkSuppliersPage, kk_suppliers_page, KK, SUPPLIERS_PAGE, GtkWidget)

GtkWidget   *kk_suppliers_page_new              (KkDatabase      *db);
/* Reads the suppliers again and keeps the selection when possible. */
void         kk_suppliers_page_reload           (KkSuppliersPage *self);
/* Selects the supplier with @supplier_id; FALSE when it is not listed. */
gboolean     kk_suppliers_page_select           (KkSuppliersPage *self,
                                                 gint64           supplier_id);
void         kk_suppliers_page_focus_search     (KkSuppliersPage *self);

/* For tests. */
GtkEditable *kk_suppliers_page_get_search_entry (KkSuppliersPage *self);
/* TRUE until the page has read the suppliers: it does after its first
 * frame, or when first asked for them. */
gboolean     kk_suppliers_page_is_loading       (KkSuppliersPage *self);
/* The suppliers listed (after the search); element type KkSupplier. */
GListModel  *kk_suppliers_page_get_model        (KkSuppliersPage *self);

G_END_DECLS
