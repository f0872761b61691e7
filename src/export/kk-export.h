// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Documents that leave the application: the requirement appendix (PDF) and
 * the Excel lists. No GTK here; called from the GUI (in a GTask) and the CLI. */

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_EXPORT_ERROR (kk_export_error_quark ())

typedef enum {
  KK_EXPORT_ERROR_WRITE,
  KK_EXPORT_ERROR_EMPTY,
  KK_EXPORT_ERROR_INVALID,
} KkExportError;

GQuark   kk_export_error_quark (void);

/* Progress callback: fraction 0..1; may be called from a worker thread. */
typedef void (*KkExportProgress) (double fraction, gpointer user_data);

/* @procurement_id 0 writes the current catalogue. Both languages. */
gboolean kk_export_requirement_list_xlsx (KkDatabase  *db,
                                          gint64       procurement_id,
                                          const char  *path,
                                          GError     **error);
/* The kravbilaga. @lang "sv" or "en". */
gboolean kk_export_appendix_pdf          (KkDatabase       *db,
                                          gint64            procurement_id,
                                          const char       *lang,
                                          const char       *path,
                                          KkExportProgress  progress,
                                          gpointer          user_data,
                                          GError          **error);
/* The workbook a supplier fills in and returns. */
gboolean kk_export_checklist_xlsx        (KkDatabase  *db,
                                          gint64       procurement_id,
                                          gint64       supplier_id,
                                          const char  *lang,
                                          const char  *path,
                                          GError     **error);
/* Requirements × suppliers with a summary per supplier. */
gboolean kk_export_matrix_xlsx           (KkDatabase  *db,
                                          gint64       procurement_id,
                                          const char  *path,
                                          GError     **error);

/* TRUE when a spreadsheet program would read @text as a formula or command
 * (starts with = + - @ tab or CR). Such text is written as a string. */
gboolean kk_export_text_is_dangerous     (const char *text);

/* kk_export_matrix_xlsx() writes the matrix in the UI's language; this one
 * in document language @lang ("sv" or "en"). */
gboolean kk_export_matrix_xlsx_for_lang  (KkDatabase  *db,
                                          gint64       procurement_id,
                                          const char  *lang,
                                          const char  *path,
                                          GError     **error);

G_END_DECLS
