// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Reading a checklist workbook that a supplier filled in and returned: match
 * it to the procurement and supplier by the hidden metadata, check every row,
 * and preview the changes before anything is written. */

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_IMPORT_ERROR (kk_import_error_quark ())

typedef enum {
  KK_IMPORT_ERROR_NOT_CHECKLIST,   /* a workbook, but not one Kravkoll wrote */
  KK_IMPORT_ERROR_WRONG_TARGET,    /* another procurement, supplier or catalogue */
  KK_IMPORT_ERROR_REFUSED,         /* rows with problems: nothing is applied */
  KK_IMPORT_ERROR_STALE,           /* the answers changed since the preview */
} KkImportError;

GQuark kk_import_error_quark (void);

typedef struct {
  guint  row;                 /* 1-based, as the spreadsheet shows it */
  char  *code;
  gint64 procurement_requirement;
  char  *old_status, *status;
  char  *old_comment, *comment;
  char  *old_evidence, *evidence;
  gboolean overwrites_officer; /* an officer's answer would be replaced */
} KkImportChange;

typedef struct {
  char  *sheet;
  guint  row;                 /* 1-based; 0 = the workbook as a whole */
  char  *column;              /* "G", or NULL */
  char  *message;
} KkImportProblem;

typedef struct {
  char      *file_name;       /* basename */
  char      *sha256;
  gint64     procurement_id;
  gint64     supplier_id;
  char      *dnr;
  char      *supplier_name;
  char      *org_number;
  GPtrArray *changes;         /* KkImportChange */
  GPtrArray *problems;        /* KkImportProblem */
  guint      unchanged;       /* rows that match what is stored */
  guint      unanswered;      /* rows the supplier left empty */
  guint      conflicts;       /* changes with overwrites_officer */
} KkChecklistImport;

void kk_checklist_import_free (KkChecklistImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkChecklistImport, kk_checklist_import_free)

/* Reads and checks @path for @procurement_id. Whole-file refusals (not a
 * workbook, not a checklist, wrong procurement, damaged or unsafe) return
 * NULL with @error; row problems are listed in the result. Writes nothing. */
KkChecklistImport *kk_checklist_import_read  (KkDatabase   *db,
                                              gint64        procurement_id,
                                              const char   *path,
                                              GError      **error);

/* Applies the changes in one transaction, with an audit row per answer that
 * names the file and its SHA-256. Refused when the preview listed problems,
 * or when an answer changed since the preview. Officers' answers are kept
 * unless @overwrite. */
gboolean kk_checklist_import_apply (KkDatabase         *db,
                                    KkChecklistImport  *import,
                                    gboolean            overwrite,
                                    guint              *n_applied,
                                    GError            **error);

G_END_DECLS
