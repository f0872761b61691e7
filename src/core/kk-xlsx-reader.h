// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A reader for .xlsx workbooks that come from outside (suppliers' answers to
 * checklists). It reads values only: formulas are never evaluated, macros,
 * external links and embedded objects are never looked at. The whole
 * workbook is read and checked by the opener; a KkXlsxWorkbook is immutable
 * afterwards and may be read from any thread.
 *
 * I/O failures of kk_xlsx_workbook_open() are reported in the G_IO_ERROR
 * domain; everything about the contents in KK_XLSX_ERROR. Every message
 * names the file.
 */

#define KK_XLSX_ERROR (kk_xlsx_error_quark ())

typedef enum {
  KK_XLSX_ERROR_NOT_XLSX,  /* not a zip, or a zip without a workbook (.xls, .ods, .docx, CSV…) */
  KK_XLSX_ERROR_TOO_LARGE, /* over one of the KkXlsxLimits */
  KK_XLSX_ERROR_MALFORMED, /* damaged zip, bad XML, dangling reference, bad value */
  KK_XLSX_ERROR_UNSAFE,    /* a part uses a DTD / entity declarations */
} KkXlsxError;

typedef enum {
  KK_XLSX_CELL_STRING, /* also a formula without cached value (text ""), and t="d" dates as ISO text */
  KK_XLSX_CELL_NUMBER, /* dates are numbers: see kk_xlsx_serial_to_iso_date() */
  KK_XLSX_CELL_BOOL,
  KK_XLSX_CELL_ERROR,  /* text is the error, e.g. "#DIV/0!" */
} KkXlsxCellType;

typedef struct {
  guint          row;         /* 0-based */
  guint          col;         /* 0-based */
  KkXlsxCellType type;
  char          *text;        /* UTF-8; numbers as the shortest text that reads back to the
                               * same double ("0.1", "42", "1e-07"), bools "TRUE"/"FALSE";
                               * owned by the workbook */
  double         number;      /* the value of numbers, 1/0 for bools, 0 otherwise */
  gboolean       has_formula; /* <f> was present: text is the cached result, never evaluated */
} KkXlsxCell;

typedef struct _KkXlsxWorkbook KkXlsxWorkbook;
typedef struct _KkXlsxSheet    KkXlsxSheet;

/* A field left at 0 takes its default. */
typedef struct {
  gsize max_file_size;  /* 20 MiB: the .xlsx file itself */
  gsize max_entry_size; /* 50 MiB: one part, uncompressed (declared and counted) */
  guint max_entries;    /* 200: parts in the zip */
  guint max_rows;       /* 100000 per sheet */
  guint max_cols;       /* 200 per sheet */
  gsize max_total_size; /* 200 MiB: all parts read, uncompressed */
  guint max_cells;      /* 2000000: cells with a value, all sheets together */
} KkXlsxLimits;

GQuark          kk_xlsx_error_quark              (void);

void            kk_xlsx_limits_init_default      (KkXlsxLimits   *limits);

KkXlsxWorkbook *kk_xlsx_workbook_open            (const char          *path,
                                                  const KkXlsxLimits  *limits,
                                                  GError             **error);
/* @display_name names the file in error messages (a basename, not a path). */
KkXlsxWorkbook *kk_xlsx_workbook_open_bytes      (GBytes              *bytes,
                                                  const char          *display_name,
                                                  const KkXlsxLimits  *limits,
                                                  GError             **error);
void            kk_xlsx_workbook_free            (KkXlsxWorkbook *wb);

const char     *kk_xlsx_workbook_get_display_name (KkXlsxWorkbook *wb);
/* Workbooks saved with the 1904 date system: add 1462 to a serial before
 * kk_xlsx_serial_to_iso_date(). */
gboolean        kk_xlsx_workbook_is_date1904     (KkXlsxWorkbook *wb);
guint           kk_xlsx_workbook_get_n_sheets    (KkXlsxWorkbook *wb);
/* Sheets are in tab order, hidden ones and chart sheets (empty) included.
 * They belong to the workbook. */
KkXlsxSheet    *kk_xlsx_workbook_get_sheet       (KkXlsxWorkbook *wb,
                                                  guint           index);
/* An exact match first, then one that ignores case as Excel does; NULL if none. */
KkXlsxSheet    *kk_xlsx_workbook_get_sheet_by_name (KkXlsxWorkbook *wb,
                                                    const char     *name);

const char     *kk_xlsx_sheet_get_name           (KkXlsxSheet *sheet);
gboolean        kk_xlsx_sheet_is_hidden          (KkXlsxSheet *sheet); /* hidden or veryHidden */
gboolean        kk_xlsx_sheet_is_protected       (KkXlsxSheet *sheet); /* <sheetProtection sheet="1"> */
gboolean        kk_xlsx_sheet_column_is_hidden   (KkXlsxSheet *sheet,
                                                  guint        col);
gboolean        kk_xlsx_sheet_row_is_hidden      (KkXlsxSheet *sheet,
                                                  guint        row);
/* 1 + the highest row (column) index that holds a cell, 0 if the sheet is empty. */
guint           kk_xlsx_sheet_get_n_rows         (KkXlsxSheet *sheet);
guint           kk_xlsx_sheet_get_n_cols         (KkXlsxSheet *sheet);
/* NULL for an empty cell; O(log n). */
const KkXlsxCell *kk_xlsx_sheet_get_cell         (KkXlsxSheet *sheet,
                                                  guint        row,
                                                  guint        col);
/* All cells in row-major order, one per position. */
const KkXlsxCell *kk_xlsx_sheet_get_cells        (KkXlsxSheet *sheet,
                                                  guint       *n_cells);

/* 0 → "A", 25 → "Z", 26 → "AA", 27 → "AB". */
char           *kk_xlsx_column_name              (guint col);
/* (6, 1) → "B7". */
char           *kk_xlsx_cell_name                (guint row,
                                                  guint col);
/* 1900 date system, as Excel: 1 → "1900-01-01", 46387 → "2026-12-31"; the
 * time of day is ignored. NULL below 1, for Excel's fictitious 1900-02-29
 * (60) and after 9999-12-31. */
char           *kk_xlsx_serial_to_iso_date       (double serial);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkXlsxWorkbook, kk_xlsx_workbook_free)

G_END_DECLS
