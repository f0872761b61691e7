// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The exports (src/export) and the checklist import live in a module,
 * kravkoll-io, that is opened the first time one of them is used: the
 * libraries they need (libxlsxwriter, libgsf, libxml2 and what those pull
 * in) are then not loaded at every start. These functions do what the ones
 * of the same name without "io_module" do; they open the module first, once
 * for the process and from any thread. When it cannot be opened they fail
 * with KK_IO_MODULE_ERROR, naming the file and why.
 *
 * The module is looked for in MODULEDIR ($libdir/kravkoll), or in
 * $KRAVKOLL_MODULEDIR when set (uninstalled builds and tests). */

#include "kk-checklist-import.h"
#include "kk-export.h"

G_BEGIN_DECLS

#define KK_IO_MODULE_ERROR (kk_io_module_error_quark ())

typedef enum {
  KK_IO_MODULE_ERROR_FAILED,   /* missing, unreadable, or not the module this build needs */
} KkIoModuleError;

GQuark             kk_io_module_error_quark               (void);

/* Opens the module unless it is open. A failure is not remembered: the
 * next call tries again. */
gboolean           kk_io_module_ensure                    (GError           **error);
/* Whether the module has been opened, for tests: start-up must not. */
gboolean           kk_io_module_is_loaded                 (void);

gboolean           kk_io_module_export_appendix_pdf       (KkDatabase        *db,
                                                           gint64             procurement_id,
                                                           const char        *lang,
                                                           const char        *path,
                                                           KkExportProgress   progress,
                                                           gpointer           user_data,
                                                           GError           **error);
gboolean           kk_io_module_export_checklist_xlsx     (KkDatabase        *db,
                                                           gint64             procurement_id,
                                                           gint64             supplier_id,
                                                           const char        *lang,
                                                           const char        *path,
                                                           GError           **error);
gboolean           kk_io_module_export_matrix_xlsx_for_lang (KkDatabase      *db,
                                                             gint64           procurement_id,
                                                             const char      *lang,
                                                             const char      *path,
                                                             GError         **error);
gboolean           kk_io_module_export_requirement_list_xlsx (KkDatabase     *db,
                                                              gint64          procurement_id,
                                                              const char     *path,
                                                              GError        **error);

KkChecklistImport *kk_io_module_checklist_import_read     (KkDatabase        *db,
                                                           gint64             procurement_id,
                                                           const char        *path,
                                                           GError           **error);
gboolean           kk_io_module_checklist_import_apply    (KkDatabase        *db,
                                                           KkChecklistImport *import,
                                                           gboolean           overwrite,
                                                           guint             *n_applied,
                                                           GError           **error);
/* @import comes from kk_io_module_checklist_import_read (), so the module is
 * open. */
void               kk_io_module_checklist_import_free     (KkChecklistImport *import);

G_END_DECLS
