// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <locale.h>

/* Helpers shared by the exporters in src/export (implemented in
 * kk-export-util.c). Not installed, not used outside src/export. */

#include <xlsxwriter.h>

#include "kk-export.h"
#include "kk-store.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* Document language
 *
 * The documents are written in "sv" or "en" whatever the UI's locale is,
 * so their fixed strings come from a table, not from gettext. */

typedef enum {
  KK_DOC_APPENDIX,              /* Kravbilaga */
  KK_DOC_APPENDIX_SUBTITLE,     /* Säkerhetskrav på leverantören */
  KK_DOC_DNR,
  KK_DOC_DNR_SHORT,             /* "Dnr" in the running header */
  KK_DOC_PROCUREMENT,
  KK_DOC_UNIT,
  KK_DOC_DATE,
  KK_DOC_CATALOGUE,
  KK_DOC_N_REQUIREMENTS,        /* label */
  KK_DOC_N_REQUIREMENTS_VALUE,  /* "%u krav, varav %u SKA-krav och %u BÖR-krav" */
  KK_DOC_HOW_TO_ANSWER,         /* heading */
  KK_DOC_HOW_SHALL,             /* paragraph on SKA */
  KK_DOC_HOW_SHOULD,            /* paragraph on BÖR */
  KK_DOC_HOW_CHECKLIST,         /* answer each requirement in the checklist */
  KK_DOC_HOW_VERIFICATION,      /* attach verification as stated */
  KK_DOC_CONTENTS_NOTE,         /* "Kraven är grupperade per område…" */
  KK_DOC_VERIFICATION,          /* "Verifiering:" */
  KK_DOC_PAGE_N_OF_M,           /* "Sida %u av %u" */
  KK_DOC_NONE,                  /* "—" for a missing value */
  KK_DOC_CODE,
  KK_DOC_NR,
  KK_DOC_AREA,
  KK_DOC_OBLIGATION,            /* column head: "SKA/BÖR" */
  KK_DOC_REQUIREMENT,
  KK_DOC_ANSWER,
  KK_DOC_COMMENT,
  KK_DOC_EVIDENCE,
  KK_DOC_ID,
  KK_DOC_REVISION,
  KK_DOC_SUPPLIER,
  KK_DOC_ORG_NUMBER,
  KK_DOC_CHECKLIST,             /* sheet name */
  KK_DOC_INSTRUCTIONS,          /* sheet name */
  KK_DOC_CHECKLIST_TITLE,       /* "Checklista för säkerhetskrav" */
  KK_DOC_CHECKLIST_STEPS,       /* the numbered instructions */
  KK_DOC_OTHER_LANGUAGE,        /* "In English" / "På svenska" heading */
  KK_DOC_ANSWER_ERROR_TITLE,
  KK_DOC_ANSWER_ERROR,
  KK_DOC_ANSWER_INPUT_TITLE,
  KK_DOC_ANSWER_INPUT,
  KK_DOC_MATRIX,                /* sheet name */
  KK_DOC_MATRIX_TITLE,          /* "Jämförelsematris" */
  KK_DOC_SHALL_MET,
  KK_DOC_SHALL_NOT_MET,
  KK_DOC_SHALL_UNANSWERED,
  KK_DOC_ALL_SHALL_MET,
  KK_DOC_YES,
  KK_DOC_NO,
  KK_DOC_MATRIX_NOTE,           /* how the summary counts */
  KK_DOC_EXPORTED,              /* "Skapad" / "Created" */
  KK_DOC_N_STRINGS
} KkDocString;

/* "sv" or "en"; anything else (or NULL) is refused with KK_EXPORT_ERROR_INVALID. */
gboolean    kk_export_check_lang   (const char  *lang,
                                    GError     **error);
const char *kk_doc_str             (KkDocString  id,
                                    const char  *lang);
/* The string with "{1}", "{2}"… replaced by the NULL-terminated arguments
 * (a table cannot hold printf formats: they would not be literals). */
char       *kk_doc_expand          (KkDocString  id,
                                    const char  *lang,
                                    ...) G_GNUC_NULL_TERMINATED;
/* The document language matching the UI's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). */
const char *kk_export_ui_lang      (void);
/* "25 november 2026" / "25 November 2026" from an ISO 8601 date or time. */
char       *kk_export_format_date  (const char *iso,
                                    const char *lang);

/* ------------------------------------------------------------------ */
/* What a document shows of a procurement */

typedef struct {
  char      *code;
  char      *name;       /* in the document language; the code when unknown */
  guint      number;     /* 1-based, order of first appearance */
  GPtrArray *items;      /* KkChecklistItem (borrowed from KkExportData.items) */
} KkExportArea;

typedef struct {
  KkProcurement *procurement;
  GPtrArray     *items;      /* KkChecklistItem, procurement order */
  GPtrArray     *numbers;    /* char *, "2.3", parallel to items */
  GPtrArray     *areas;      /* KkExportArea, order of first appearance */
  guint          n_shall;
  guint          n_should;
} KkExportData;

/* Loads the procurement, its requirements (with @supplier_id's answers when
 * not 0) and the area names. No requirements → KK_EXPORT_ERROR_EMPTY. */
gboolean kk_export_data_load  (KkExportData  *data,
                               KkDatabase    *db,
                               gint64         procurement_id,
                               gint64         supplier_id,
                               const char    *lang,
                               GError       **error);
void     kk_export_data_clear (KkExportData  *data);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KkExportData, kk_export_data_clear)

/* ------------------------------------------------------------------ */
/* Output files: everything is written to "FILE.part" and renamed over FILE
 * only when complete, so a failed export never leaves a half file. */

char     *kk_export_part_path   (const char  *path);
/* Creates (truncates) @part to find out early whether @path can be written. */
gboolean  kk_export_probe_part  (const char  *part,
                                 const char  *path,
                                 GError     **error);
gboolean  kk_export_commit_part (const char  *part,
                                 const char  *path,
                                 GError     **error);

/* ------------------------------------------------------------------ */
/* xlsx output */

/* The most characters a cell holds (Excel's limit, checked by libxlsxwriter). */
#define KK_XLSX_MAX_CHARS 32767

typedef struct {
  lxw_workbook *workbook;
  char         *path;          /* the name the user chose */
  char         *part;          /* the name libxlsxwriter writes */
  lxw_error     first_error;   /* of a write call */
  char         *first_error_at;/* "Checklista!E7" */
  locale_t      c_numeric;     /* libxlsxwriter formats numbers with the */
  locale_t      saved_locale;  /* C library: keep the decimal point a point */
} KkXlsxOut;

/* Probes the file, then opens a workbook on its .part name. */
KkXlsxOut *kk_xlsx_out_new   (const char  *path,
                              gboolean     constant_memory,
                              GError     **error);
/* Closes the workbook (if still open), removes the .part file and frees. */
void       kk_xlsx_out_free  (KkXlsxOut   *out);
/* Writes the workbook and renames it into place; maps libxlsxwriter's
 * errors (and the first failed write) to KK_EXPORT_ERROR_WRITE naming the file. */
gboolean   kk_xlsx_out_close (KkXlsxOut   *out,
                              GError     **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkXlsxOut, kk_xlsx_out_free)

/* Adds a worksheet; a NULL return is recorded as the first error. */
lxw_worksheet *kk_xlsx_out_add_sheet (KkXlsxOut  *out,
                                      const char *name);

/* Writes @text always as a string cell, never as a formula or number,
 * escaped for OOXML: control characters (CR included, which XML would turn
 * into LF) become "_xHHHH_", and a literal "_x0041_" is written as
 * "_x005F_x0041_" so Excel reads it back verbatim. Invalid UTF-8 is
 * repaired and the text cut to Excel's 32767 characters. NULL or "" writes a
 * blank cell carrying @format (so an unlocked empty cell stays unlocked). */
void kk_xlsx_write_text   (KkXlsxOut     *out,
                           lxw_worksheet *sheet,
                           lxw_row_t      row,
                           lxw_col_t      col,
                           const char    *text,
                           lxw_format    *format);
void kk_xlsx_write_number (KkXlsxOut     *out,
                           lxw_worksheet *sheet,
                           lxw_row_t      row,
                           lxw_col_t      col,
                           double         number,
                           lxw_format    *format);
/* Records @err (from any worksheet_* call) as the first error, if it is one. */
void kk_xlsx_out_check    (KkXlsxOut     *out,
                           lxw_worksheet *sheet,
                           lxw_row_t      row,
                           lxw_col_t      col,
                           lxw_error      err);
/* @text made safe for libxlsxwriter (see kk_xlsx_write_text), or NULL when
 * it can be written as it is. */
char *kk_xlsx_escape      (const char    *text);
/* For document properties: one line of valid UTF-8, control characters as
 * spaces, cut to @max_chars. */
char *kk_export_one_line  (const char    *text,
                           gsize          max_chars);
/* For header/footer strings: "&" doubled, cut to @max_chars. */
char *kk_xlsx_header_text (const char    *text,
                           gsize          max_chars);

/* Spreadsheet programs do not grow a row to fit wrapped text written by
 * libxlsxwriter: the height (in points) @text needs in a wrapped cell
 * @width characters wide, at the default 11 pt font, capped at Excel's 409. */
double kk_xlsx_text_height (const char *text,
                            double      width);

/* Formats every workbook shares. */
typedef struct {
  lxw_format *title;       /* large bold */
  lxw_format *header;      /* bold, filled, bordered, wrapped: column heads */
  lxw_format *text;        /* wrapped, top-aligned */
  lxw_format *text_center; /* centred, top-aligned */
  lxw_format *bold;
  lxw_format *muted;       /* grey */
} KkXlsxFormats;

void kk_xlsx_formats_init (KkXlsxFormats *formats,
                           lxw_workbook  *workbook);

G_END_DECLS
