// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The "catalogue" page: the requirement catalogue as a sortable, filterable
 * table with a detail pane. Actions (group "catalogue"): catalogue.search,
 * catalogue.clear-filters, catalogue.import, catalogue.export and the
 * stateful catalogue.content-language ('sv' or 'en'). */

#include <gtk/gtk.h>

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_TYPE_CATALOG_PAGE (kk_catalog_page_get_type ())
G_DECLARE_FINAL_TYPE (KkCatalogPage, kk_catalog_page, KK, CATALOG_PAGE, GtkWidget)

GtkWidget   *kk_catalog_page_new              (KkDatabase    *db);
/* Reads the catalogue from the database again (after an import). */
void         kk_catalog_page_reload           (KkCatalogPage *self);
void         kk_catalog_page_focus_search     (KkCatalogPage *self);
/* What catalogue.import does after the file chooser: a dry run in a worker
 * thread, then a dialog with what would change, then the import. */
void         kk_catalog_page_import_file      (KkCatalogPage *self,
                                               const char    *path);
/* What catalogue.export does after the file chooser (".xlsx" is added
 * when missing); a toast with an Open button tells when it is written. */
void         kk_catalog_page_export_file      (KkCatalogPage *self,
                                               const char    *path);
/* TRUE while an import or an export runs, or the catalogue loads. */
gboolean     kk_catalog_page_is_busy          (KkCatalogPage *self);
/* The catalogue is read in a worker thread when the page is created and
 * after an import: TRUE until the rows are in the model (the "loading"
 * property, with notify). */
gboolean     kk_catalog_page_is_loading       (KkCatalogPage *self);

/* For tests. */
GtkEditable *kk_catalog_page_get_search_entry (KkCatalogPage *self);
/* A KkCellText. */
GtkWidget   *kk_catalog_page_get_count_label  (KkCatalogPage *self);
/* The rows shown (filtered and sorted); element type KkRequirement. */
GListModel  *kk_catalog_page_get_model        (KkCatalogPage *self);
guint        kk_catalog_page_get_n_total      (KkCatalogPage *self);
/* TRUE while a search is still being applied past the list's top (the
 * rest follows a part per main-loop iteration). */
gboolean     kk_catalog_page_is_filtering     (KkCatalogPage *self);
/* TRUE while the list view still holds blank rows, left by a search that
 * matched fewer requirements, which go a few per frame. */
gboolean     kk_catalog_page_is_trimming      (KkCatalogPage *self);

G_END_DECLS
