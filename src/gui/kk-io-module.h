// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The exports (src/export) and the checklist import live in a module,
 * kravkoll-io, that is opened the first time one of them is used: the
 * libraries they need (libxlsxwriter, libgsf, libxml2 and what those pull
 * in) are then not loaded at every start. kk_io_module_get () opens it,
 * once for the process and from any thread, and returns its entry points;
 * when it cannot be opened it fails with KK_IO_MODULE_ERROR, naming the
 * file and why.
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

/* The module's entry points, typed from their declarations: a prototype
 * that changes in kk-export.h or kk-checklist-import.h changes the calls
 * through this table with it. */
typedef struct {
  __typeof__ (&kk_export_appendix_pdf)          export_appendix_pdf;
  __typeof__ (&kk_export_checklist_xlsx)        export_checklist_xlsx;
  __typeof__ (&kk_export_matrix_xlsx_for_lang)  export_matrix_xlsx_for_lang;
  __typeof__ (&kk_export_requirement_list_xlsx) export_requirement_list_xlsx;
  __typeof__ (&kk_checklist_import_read)        checklist_import_read;
  __typeof__ (&kk_checklist_import_apply)       checklist_import_apply;
  __typeof__ (&kk_checklist_import_free)        checklist_import_free;
} KkIoModule;

GQuark            kk_io_module_error_quark           (void);

/* The entry points, the module opened first unless it is open; NULL when
 * it cannot be. A failure is not remembered: the next call tries again. */
const KkIoModule *kk_io_module_get                   (GError            **error);
/* Whether the module has been opened, for tests: start-up must not. */
gboolean          kk_io_module_is_loaded             (void);
/* Frees @import (which the module read, so it is open), for GDestroyNotify. */
void              kk_io_module_checklist_import_free (KkChecklistImport  *import);

G_END_DECLS
