// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-xlsx"

#include "kk-xlsx-reader.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <libxml/parser.h>

/*
 * Layers of defence, outermost first:
 *
 *  1. The file size is checked before anything is read.
 *  2. The zip's central directory is walked here, before libgsf sees it:
 *     libgsf builds its directory tree with a linear search per entry and
 *     one recursion per path component, so a directory with 65535 entries
 *     or very deep names would cost it seconds and megabytes of stack.
 *     Impossible DOS timestamps are zeroed in a private copy: libgsf would
 *     log a critical for them (found by tests/fuzz/fuzz-xlsx.c).
 *  3. Only the parts reached through the relationships are opened; each
 *     is refused on its declared size, read in chunks that are counted
 *     against the limits, and its CRC is checked (libgsf checks none, and
 *     returns short data without error when a deflate stream ends early).
 *  4. XML goes to a SAX2 push parser with a handler that has no entity or
 *     DTD callbacks at all; the first sign of a DOCTYPE stops the parse.
 *     No XML_PARSE_NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE; NONET set.
 *  5. Rows, columns, cells and shared strings are counted against limits.
 */

#define DEFAULT_MAX_FILE_SIZE  (20 * 1024 * 1024)
#define DEFAULT_MAX_ENTRY_SIZE (50 * 1024 * 1024)
#define DEFAULT_MAX_ENTRIES    200
#define DEFAULT_MAX_ROWS       100000
#define DEFAULT_MAX_COLS       200
#define DEFAULT_MAX_TOTAL_SIZE (200 * 1024 * 1024)
#define DEFAULT_MAX_CELLS      2000000

#define EXCEL_MAX_ROWS 1048576
#define EXCEL_MAX_COLS 16384

#define READ_CHUNK (64 * 1024)
#define MAX_TRACKED_DEPTH 8
#define MAX_ENTRY_NAME 1024
#define MAX_ENTRY_DEPTH 32

#define ZIP_LOCAL_SIG   0x04034b50u
#define ZIP_CENTRAL_SIG 0x02014b50u
#define ZIP_EOCD_SIG    0x06054b50u
#define ZIP64_EOCD_SIG  0x06064b50u
#define ZIP64_LOC_SIG   0x07064b50u
#define ZIP_EOCD_SIZE   22
#define ZIP_CENTRAL_SIZE 46
#define ZIP_LOCAL_SIZE  30

struct _KkXlsxSheet {
  char     *name;
  gboolean  hidden;
  gboolean  protected;
  GArray   *cells;        /* KkXlsxCell, sorted by (row, col), unique */
  guint     n_rows;
  guint     n_cols;
  GArray   *hidden_rows;  /* guint, sorted, unique */
  guint32  *hidden_cols;  /* bitset of EXCEL_MAX_COLS bits, or NULL */
};

struct _KkXlsxWorkbook {
  char         *display_name;
  GPtrArray    *sheets;
  GStringChunk *strings;  /* every cell's text */
  gboolean      date1904;
};

G_DEFINE_QUARK (kk-xlsx-error-quark, kk_xlsx_error)

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */

static guint32 crc_table[256];

static void
ensure_initialized (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;
          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          crc_table[n] = c;
        }
      g_once_init_leave (&initialized, 1);
    }
}

static guint32
crc32_update (guint32 crc, const guint8 *p, gsize n)
{
  crc = ~crc;
  while (n--)
    crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static inline guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
le32 (const guint8 *p)
{
  return (guint32) le16 (p) | ((guint32) le16 (p + 2) << 16);
}

static inline guint64
le64 (const guint8 *p)
{
  return (guint64) le32 (p) | ((guint64) le32 (p + 4) << 32);
}

void
kk_xlsx_limits_init_default (KkXlsxLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_file_size = DEFAULT_MAX_FILE_SIZE;
  limits->max_entry_size = DEFAULT_MAX_ENTRY_SIZE;
  limits->max_entries = DEFAULT_MAX_ENTRIES;
  limits->max_rows = DEFAULT_MAX_ROWS;
  limits->max_cols = DEFAULT_MAX_COLS;
  limits->max_total_size = DEFAULT_MAX_TOTAL_SIZE;
  limits->max_cells = DEFAULT_MAX_CELLS;
}

static void
resolve_limits (const KkXlsxLimits *in,
                KkXlsxLimits       *out)
{
  KkXlsxLimits def;

  kk_xlsx_limits_init_default (&def);
  *out = in ? *in : def;
#define DEFAULT_IF_ZERO(field) if (out->field == 0) out->field = def.field
  DEFAULT_IF_ZERO (max_file_size);
  DEFAULT_IF_ZERO (max_entry_size);
  DEFAULT_IF_ZERO (max_entries);
  DEFAULT_IF_ZERO (max_rows);
  DEFAULT_IF_ZERO (max_cols);
  DEFAULT_IF_ZERO (max_total_size);
  DEFAULT_IF_ZERO (max_cells);
#undef DEFAULT_IF_ZERO
  /* Nothing beyond what Excel itself can address. */
  out->max_rows = MIN (out->max_rows, EXCEL_MAX_ROWS);
  out->max_cols = MIN (out->max_cols, EXCEL_MAX_COLS);
}

char *
kk_xlsx_column_name (guint col)
{
  char buf[16];
  int i = sizeof buf - 1;
  guint64 n = (guint64) col + 1;

  buf[i] = '\0';
  while (n > 0)
    {
      n--;
      buf[--i] = (char) ('A' + n % 26);
      n /= 26;
    }
  return g_strdup (buf + i);
}

char *
kk_xlsx_cell_name (guint row,
                   guint col)
{
  g_autofree char *column = kk_xlsx_column_name (col);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT, column, (guint64) row + 1);
}

char *
kk_xlsx_serial_to_iso_date (double serial)
{
  GDate date;
  guint days;

  /* 2958465 is 9999-12-31, the last day Excel knows. */
  if (!isfinite (serial) || serial < 1 || serial >= 2958466)
    return NULL;

  days = (guint) floor (serial);
  /* Excel keeps Lotus 1-2-3's 1900-02-29, which never was. */
  if (days == 60)
    return NULL;
  if (days > 60)
    days--;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
  g_date_add_days (&date, days);

  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (&date),
                          g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* Shortest of %.15g, %.16g, %.17g that reads back to the same double. */
static const char *
format_number (double value,
               char   buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

static gboolean
parse_number (const char *s,
              double     *out)
{
  char *end = NULL;
  double value;

  if (*s == '\0')
    return FALSE;
  /* g_ascii_strtod() would also take "nan", "inf" and hex floats. */
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;

  value = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_bool (const char *s,
            gboolean   *out)
{
  if (g_str_equal (s, "1") || g_ascii_strcasecmp (s, "true") == 0)
    *out = TRUE;
  else if (g_str_equal (s, "0") || g_ascii_strcasecmp (s, "false") == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* "B7" → row 6, col 1. Excel's own bounds; our limits are checked later. */
static gboolean
parse_cell_ref (const char *s,
                gsize       len,
                guint      *row,
                guint      *col)
{
  gsize i = 0;
  guint c = 0, r = 0;

  while (i < len && g_ascii_isalpha (s[i]) && i < 3)
    c = c * 26 + (guint) (g_ascii_toupper (s[i++]) - 'A' + 1);
  if (i == 0 || c > EXCEL_MAX_COLS)
    return FALSE;

  if (i == len || s[i] < '1' || s[i] > '9')
    return FALSE;
  for (gsize start = i; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]) || i - start >= 7)
        return FALSE;
      r = r * 10 + (guint) (s[i] - '0');
    }
  if (r > EXCEL_MAX_ROWS)
    return FALSE;

  *row = r - 1;
  *col = c - 1;
  return TRUE;
}

/* OOXML strings carry characters XML cannot hold as _xHHHH_; _x005F_ is a
 * literal underscore, so "_x005F_x0041_" stays "_x0041_". */
static void
decode_escapes (GString *s)
{
  gsize in = 0, out = 0;

  if (memchr (s->str, '_', s->len) == NULL)
    return;

  while (in < s->len)
    {
      if (s->str[in] == '_' && in + 7 <= s->len && s->str[in + 1] == 'x' &&
          g_ascii_isxdigit (s->str[in + 2]) && g_ascii_isxdigit (s->str[in + 3]) &&
          g_ascii_isxdigit (s->str[in + 4]) && g_ascii_isxdigit (s->str[in + 5]) &&
          s->str[in + 6] == '_')
        {
          gunichar ch = (gunichar) ((g_ascii_xdigit_value (s->str[in + 2]) << 12) |
                                    (g_ascii_xdigit_value (s->str[in + 3]) << 8) |
                                    (g_ascii_xdigit_value (s->str[in + 4]) << 4) |
                                    g_ascii_xdigit_value (s->str[in + 5]));
          if (ch != 0 && g_unichar_validate (ch))
            {
              /* At most 3 bytes for a BMP character: never overtakes 'in'. */
              out += (gsize) g_unichar_to_utf8 (ch, s->str + out);
              in += 7;
              continue;
            }
        }
      s->str[out++] = s->str[in++];
    }
  g_string_truncate (s, out);
}

/* Lower case, no leading '/', '\\' as '/': how part names are compared. */
static char *
normalize_part_name (const char *name,
                     gsize       len)
{
  char *key;

  while (len > 0 && (*name == '/' || *name == '\\'))
    {
      name++;
      len--;
    }
  key = g_ascii_strdown (name, (gssize) len);
  for (char *p = key; *p; p++)
    if (*p == '\\')
      *p = '/';
  return key;
}

static gboolean
append_segments (GPtrArray  *segments,
                 const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        {
          if (segments->len == 0)
            return FALSE;
          g_ptr_array_remove_index (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, g_strdup (parts[i]));
    }
  return TRUE;
}

/* A relationship target, relative to the source part's folder unless it
 * starts with '/'. NULL when it leaves the package. */
static char *
resolve_target (const char *base_dir,
                const char *target)
{
  g_autofree char *unescaped = g_uri_unescape_string (target, NULL);
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);

  if (unescaped == NULL || unescaped[0] == '\0')
    return NULL;
  if (unescaped[0] != '/' && !append_segments (segments, base_dir))
    return NULL;
  if (!append_segments (segments, unescaped) || segments->len == 0)
    return NULL;

  g_ptr_array_add (segments, NULL);
  return g_strjoinv ("/", (char **) segments->pdata);
}

static char *
part_dir (const char *part)
{
  const char *slash = strrchr (part, '/');

  return slash ? g_strndup (part, (gsize) (slash - part)) : g_strdup ("");
}

static char *
rels_path_for (const char *part)
{
  const char *slash = strrchr (part, '/');

  if (slash == NULL)
    return g_strconcat ("_rels/", part, ".rels", NULL);
  return g_strdup_printf ("%.*s/_rels/%s.rels", (int) (slash - part), part, slash + 1);
}

static gboolean
has_suffix_ci (const char *s,
               const char *suffix)
{
  gsize ls = strlen (s), lx = strlen (suffix);

  return ls >= lx && g_ascii_strcasecmp (s + ls - lx, suffix) == 0;
}

/* ------------------------------------------------------------------------ */
/* Workbook and sheet objects                                               */

static void
sheet_free (KkXlsxSheet *sheet)
{
  g_free (sheet->name);
  g_clear_pointer (&sheet->cells, g_array_unref);
  g_clear_pointer (&sheet->hidden_rows, g_array_unref);
  g_free (sheet->hidden_cols);
  g_free (sheet);
}

static KkXlsxSheet *
sheet_new (const char *name,
           gboolean    hidden)
{
  KkXlsxSheet *sheet = g_new0 (KkXlsxSheet, 1);

  sheet->name = g_strdup (name);
  sheet->hidden = hidden;
  sheet->cells = g_array_new (FALSE, FALSE, sizeof (KkXlsxCell));
  sheet->hidden_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  return sheet;
}

void
kk_xlsx_workbook_free (KkXlsxWorkbook *wb)
{
  if (wb == NULL)
    return;

  g_free (wb->display_name);
  g_clear_pointer (&wb->sheets, g_ptr_array_unref);
  if (wb->strings != NULL)
    g_string_chunk_free (wb->strings);
  g_free (wb);
}

const char *
kk_xlsx_workbook_get_display_name (KkXlsxWorkbook *wb)
{
  g_return_val_if_fail (wb != NULL, NULL);
  return wb->display_name;
}

gboolean
kk_xlsx_workbook_is_date1904 (KkXlsxWorkbook *wb)
{
  g_return_val_if_fail (wb != NULL, FALSE);
  return wb->date1904;
}

guint
kk_xlsx_workbook_get_n_sheets (KkXlsxWorkbook *wb)
{
  g_return_val_if_fail (wb != NULL, 0);
  return wb->sheets->len;
}

KkXlsxSheet *
kk_xlsx_workbook_get_sheet (KkXlsxWorkbook *wb,
                            guint           index)
{
  g_return_val_if_fail (wb != NULL, NULL);
  g_return_val_if_fail (index < wb->sheets->len, NULL);
  return g_ptr_array_index (wb->sheets, index);
}

KkXlsxSheet *
kk_xlsx_workbook_get_sheet_by_name (KkXlsxWorkbook *wb,
                                    const char     *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (wb != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < wb->sheets->len; i++)
    {
      KkXlsxSheet *sheet = g_ptr_array_index (wb->sheets, i);
      if (g_str_equal (sheet->name, name))
        return sheet;
    }

  if (!g_utf8_validate (name, -1, NULL))
    return NULL;
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < wb->sheets->len; i++)
    {
      KkXlsxSheet *sheet = g_ptr_array_index (wb->sheets, i);
      g_autofree char *other = g_utf8_casefold (sheet->name, -1);
      if (g_str_equal (folded, other))
        return sheet;
    }
  return NULL;
}

const char *
kk_xlsx_sheet_get_name (KkXlsxSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return sheet->name;
}

gboolean
kk_xlsx_sheet_is_hidden (KkXlsxSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  return sheet->hidden;
}

gboolean
kk_xlsx_sheet_is_protected (KkXlsxSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  return sheet->protected;
}

gboolean
kk_xlsx_sheet_column_is_hidden (KkXlsxSheet *sheet,
                                guint        col)
{
  g_return_val_if_fail (sheet != NULL, FALSE);

  if (sheet->hidden_cols == NULL || col >= EXCEL_MAX_COLS)
    return FALSE;
  return (sheet->hidden_cols[col / 32] >> (col % 32)) & 1;
}

gboolean
kk_xlsx_sheet_row_is_hidden (KkXlsxSheet *sheet,
                             guint        row)
{
  guint lo = 0, hi;

  g_return_val_if_fail (sheet != NULL, FALSE);

  hi = sheet->hidden_rows->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint value = g_array_index (sheet->hidden_rows, guint, mid);
      if (value == row)
        return TRUE;
      if (value < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

guint
kk_xlsx_sheet_get_n_rows (KkXlsxSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->n_rows;
}

guint
kk_xlsx_sheet_get_n_cols (KkXlsxSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->n_cols;
}

static inline int
cell_compare_pos (guint row_a, guint col_a, guint row_b, guint col_b)
{
  if (row_a != row_b)
    return row_a < row_b ? -1 : 1;
  if (col_a != col_b)
    return col_a < col_b ? -1 : 1;
  return 0;
}

static int
cell_compare (gconstpointer a,
              gconstpointer b)
{
  const KkXlsxCell *ca = a, *cb = b;

  return cell_compare_pos (ca->row, ca->col, cb->row, cb->col);
}

const KkXlsxCell *
kk_xlsx_sheet_get_cell (KkXlsxSheet *sheet,
                        guint        row,
                        guint        col)
{
  guint lo = 0, hi;

  g_return_val_if_fail (sheet != NULL, NULL);

  hi = sheet->cells->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const KkXlsxCell *cell = &g_array_index (sheet->cells, KkXlsxCell, mid);
      int cmp = cell_compare_pos (cell->row, cell->col, row, col);
      if (cmp == 0)
        return cell;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

const KkXlsxCell *
kk_xlsx_sheet_get_cells (KkXlsxSheet *sheet,
                         guint       *n_cells)
{
  g_return_val_if_fail (sheet != NULL, NULL);

  if (n_cells != NULL)
    *n_cells = sheet->cells->len;
  return (const KkXlsxCell *) (gpointer) sheet->cells->data;
}

/* ------------------------------------------------------------------------ */
/* The zip container                                                        */

typedef struct {
  char    *name;    /* as stored */
  guint64  usize;
  guint64  csize;
  guint64  offset;  /* of the local header */
  guint32  crc;
  guint16  method;
  guint16  flags;
} ZipEntry;

typedef struct {
  const char     *display;
  KkXlsxLimits    limits;
  const guint8   *data;
  gsize           len;
  guint8         *patched;       /* a copy of data, when it needed changes */

  ZipEntry       *entries;
  guint           n_entries;
  GHashTable     *by_name;       /* normalized name → ZipEntry* */
  GsfInfile      *zip;
  guint8         *buf;
  guint64         total_read;

  KkXlsxWorkbook *wb;
  GPtrArray      *sst;           /* const char *, into wb->strings */
  guint           n_cells;
} Reader;

static void
reader_clear (Reader *r)
{
  for (guint i = 0; i < r->n_entries; i++)
    g_free (r->entries[i].name);
  g_clear_pointer (&r->entries, g_free);
  g_clear_pointer (&r->by_name, g_hash_table_unref);
  g_clear_object (&r->zip);
  g_clear_pointer (&r->buf, g_free);
  g_clear_pointer (&r->patched, g_free);
  g_clear_pointer (&r->wb, kk_xlsx_workbook_free);
  g_clear_pointer (&r->sst, g_ptr_array_unref);
}

/* libgsf turns an entry's DOS time into a GDateTime and unrefs it without
 * a NULL check: an impossible date (month 13, 25 o'clock) is a critical. */
static gboolean
dos_time_is_valid (guint32 dostime)
{
  GDateTime *dt;

  if (dostime == 0)
    return TRUE;  /* libgsf skips it */
  dt = g_date_time_new_utc ((int) (dostime >> 25) + 1980, (dostime >> 21) & 0x0f,
                            (dostime >> 16) & 0x1f, (dostime >> 11) & 0x1f,
                            (dostime >> 5) & 0x3f, (dostime & 0x1f) * 2);
  if (dt == NULL)
    return FALSE;
  g_date_time_unref (dt);
  return TRUE;
}

static gboolean
set_damaged (Reader     *r,
             GError    **error)
{
  g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
               _("“%s” is damaged or incomplete: its zip directory cannot be read"),
               r->display);
  return FALSE;
}

/* Walks the central directory as libgsf will (same end record, same entry
 * count) and refuses what would be expensive for libgsf or us. */
static gboolean
scan_zip (Reader  *r,
          GError **error)
{
  const guint8 *d = r->data;
  gsize len = r->len, eocd = G_MAXSIZE, lowest, off;
  guint64 n_entries, dir_pos, declared_total = 0;

  if (len == 0)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_NOT_XLSX,
                   _("“%s” is not an Excel workbook (.xlsx): the file is empty"), r->display);
      return FALSE;
    }
  if (len > r->limits.max_file_size)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (r->limits.max_file_size);
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE,
                   _("“%s” is too large (%s; the limit is %s)"), r->display, size, limit);
      return FALSE;
    }
  if (len >= 8 && memcmp (d, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_NOT_XLSX,
                   _("“%s” is not an Excel workbook (.xlsx): it is protected with a password, "
                     "or an old .xls file; ask for it to be saved as an unprotected .xlsx"),
                   r->display);
      return FALSE;
    }

  /* The last end-of-directory signature with room for the record. */
  lowest = len > ZIP_EOCD_SIZE + 65535 ? len - ZIP_EOCD_SIZE - 65535 : 0;
  for (off = len >= ZIP_EOCD_SIZE ? len - ZIP_EOCD_SIZE + 1 : 0; off-- > lowest;)
    if (le32 (d + off) == ZIP_EOCD_SIG)
      {
        eocd = off;
        break;
      }
  if (eocd == G_MAXSIZE)
    {
      if (len >= 4 && le32 (d) == ZIP_LOCAL_SIG)
        return set_damaged (r, error);
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_NOT_XLSX,
                   _("“%s” is not an Excel workbook (.xlsx)"), r->display);
      return FALSE;
    }

  n_entries = MAX (le16 (d + eocd + 8), le16 (d + eocd + 10));
  dir_pos = le32 (d + eocd + 16);
  if (eocd >= 20 && le32 (d + eocd - 20) == ZIP64_LOC_SIG)
    {
      const guint8 *loc = d + eocd - 20;
      guint64 z64 = le64 (loc + 8);

      if (le32 (loc + 4) != 0 || le32 (loc + 16) != 1 ||
          z64 > len || len - z64 < 56 || le32 (d + z64) != ZIP64_EOCD_SIG)
        return set_damaged (r, error);
      n_entries = MAX (le64 (d + z64 + 24), le64 (d + z64 + 32));
      dir_pos = le64 (d + z64 + 48);
    }

  if (n_entries > r->limits.max_entries)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE,
                   /* Translators: the parts are the files inside the .xlsx (a zip archive) */
                   _("“%s” has too many parts (%u; the limit is %u)"),
                   r->display, (guint) MIN (n_entries, G_MAXUINT), r->limits.max_entries);
      return FALSE;
    }
  if (n_entries == 0)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_NOT_XLSX,
                   _("“%s” is not an Excel workbook (.xlsx): it is an empty zip archive"),
                   r->display);
      return FALSE;
    }

  r->entries = g_new0 (ZipEntry, n_entries);
  r->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint64 i = 0, pos = dir_pos; i < n_entries; i++)
    {
      const guint8 *h, *name, *extra;
      guint16 name_len, extra_len, comment_len;
      guint32 usize, csize, offset;
      ZipEntry *e;
      guint depth = 0;

      if (pos > len || len - pos < ZIP_CENTRAL_SIZE || le32 (d + pos) != ZIP_CENTRAL_SIG)
        return set_damaged (r, error);
      h = d + pos;
      name_len = le16 (h + 28);
      extra_len = le16 (h + 30);
      comment_len = le16 (h + 32);
      if (len - pos - ZIP_CENTRAL_SIZE < (gsize) name_len + extra_len + comment_len)
        return set_damaged (r, error);
      name = h + ZIP_CENTRAL_SIZE;
      extra = name + name_len;

      for (guint16 k = 0; k < name_len; k++)
        if (name[k] == '/')
          depth++;
      if (name_len > MAX_ENTRY_NAME || depth > MAX_ENTRY_DEPTH ||
          memchr (name, '\0', name_len) != NULL)
        {
          g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                       _("“%s” is damaged: it holds a part with an impossible name"),
                       r->display);
          return FALSE;
        }

      if (!dos_time_is_valid (le32 (h + 12)))
        {
          /* Zero means "no time" to libgsf; the caller's bytes stay as they are. */
          if (r->patched == NULL)
            {
              r->patched = g_memdup2 (r->data, r->len);
              r->data = r->patched;
              d = r->data;
              h = d + pos;
              name = h + ZIP_CENTRAL_SIZE;
              extra = name + name_len;
            }
          memset (r->patched + pos + 12, 0, 4);
        }

      e = &r->entries[r->n_entries++];
      e->name = g_strndup ((const char *) name, name_len);
      e->flags = le16 (h + 8);
      e->method = le16 (h + 10);
      e->crc = le32 (h + 16);
      csize = le32 (h + 20);
      usize = le32 (h + 24);
      offset = le32 (h + 42);
      e->csize = csize;
      e->usize = usize;
      e->offset = offset;

      /* Zip64 sizes live in extra field 0x0001, in this order, only for
       * the fields that are 0xffffffff. */
      for (gsize x = 0; x + 4 <= extra_len;)
        {
          guint16 type = le16 (extra + x), flen = le16 (extra + x + 2);
          const guint8 *f = extra + x + 4;
          gsize avail;

          if (flen > extra_len - x - 4)
            break;
          if (type == 0x0001)
            {
              avail = flen;
              if (usize == 0xffffffffu && avail >= 8)
                {
                  e->usize = le64 (f);
                  f += 8;
                  avail -= 8;
                }
              if (csize == 0xffffffffu && avail >= 8)
                {
                  e->csize = le64 (f);
                  f += 8;
                  avail -= 8;
                }
              if (offset == 0xffffffffu && avail >= 8)
                e->offset = le64 (f);
              break;
            }
          x += 4 + (gsize) flen;
        }

      /* Every part counts, also those never read: a workbook that carries
       * a part which would unpack to gigabytes is a zip bomb, not a
       * checklist. */
      declared_total += e->usize;
      if (e->usize > r->limits.max_entry_size || declared_total > r->limits.max_total_size)
        {
          g_autofree char *limit = g_format_size (e->usize > r->limits.max_entry_size
                                                  ? r->limits.max_entry_size : r->limits.max_total_size);
          g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE,
                       _("“%s”: part %s is too large when uncompressed (the limit is %s); the file may be a zip bomb"),
                       r->display, e->name, limit);
          return FALSE;
        }

      {
        char *key = normalize_part_name (e->name, name_len);
        /* The first of two equal names wins, as in libgsf. */
        if (!g_hash_table_contains (r->by_name, key))
          g_hash_table_insert (r->by_name, key, e);
        else
          g_free (key);
      }

      pos += ZIP_CENTRAL_SIZE + (gsize) name_len + extra_len + comment_len;
    }

  return TRUE;
}

static ZipEntry *
find_entry (Reader     *r,
            const char *part)
{
  g_autofree char *key = normalize_part_name (part, strlen (part));

  return g_hash_table_lookup (r->by_name, key);
}

static GsfInput *
open_entry (Reader         *r,
            const ZipEntry *e,
            GError        **error)
{
  g_auto(GStrv) components = NULL;
  GsfInput *input;
  guint64 data_start;
  gsf_off_t size;

  if (e->usize > r->limits.max_entry_size)
    {
      g_autofree char *size_str = g_format_size (e->usize);
      g_autofree char *limit = g_format_size (r->limits.max_entry_size);
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE,
                   /* Translators: the first %s is the file, the second a part inside
                    * it, like xl/worksheets/sheet1.xml; then two sizes like "52.4 MB" */
                   _("“%s”: part %s is too large when uncompressed (%s; the limit is %s)"),
                   r->display, e->name, size_str, limit);
      return NULL;
    }
  if (r->total_read + e->usize > r->limits.max_total_size)
    {
      g_autofree char *limit = g_format_size (r->limits.max_total_size);
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE,
                   _("“%s” is too large when uncompressed (more than %s)"), r->display, limit);
      return NULL;
    }

  /* libgsf trusts the local header and prints to stderr when it is wrong;
   * check it, and that the compressed data lies inside the file. */
  if (e->offset > r->len || r->len - e->offset < ZIP_LOCAL_SIZE ||
      le32 (r->data + e->offset) != ZIP_LOCAL_SIG)
    goto damaged;
  data_start = e->offset + ZIP_LOCAL_SIZE + le16 (r->data + e->offset + 26) +
               le16 (r->data + e->offset + 28);
  if (data_start > r->len || r->len - data_start < e->csize)
    goto damaged;
  if (e->flags & 1)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                   _("“%s”: part %s is encrypted"), r->display, e->name);
      return NULL;
    }
  if (e->method != 0 && e->method != 8)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                   _("“%s”: part %s uses an unsupported compression method (%u)"),
                   r->display, e->name, e->method);
      return NULL;
    }

  components = g_strsplit (e->name, "/", -1);
  input = gsf_infile_child_by_aname (r->zip, (const char **) components);
  if (input == NULL)
    goto damaged;
  if (GSF_IS_INFILE (input) && gsf_infile_num_children (GSF_INFILE (input)) >= 0)
    {
      g_object_unref (input);
      goto damaged;
    }
  size = gsf_input_size (input);
  if (size < 0 || (guint64) size != e->usize)
    {
      /* Two entries with one name, or libgsf read another record. */
      g_object_unref (input);
      goto damaged;
    }
  return input;

damaged:
  g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
               _("“%s” is damaged: part %s cannot be read"), r->display, e->name);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* SAX plumbing                                                             */

typedef enum {
  K_NONE,   /* above the root */
  K_OTHER,
  K_ROOT,
  K_SHEETS,
  K_SHEETDATA,
  K_COLS,
  K_ROW,
  K_C,
  K_V,
  K_IS,
  K_RUN,
  K_T,
  K_SI,
} Kind;

typedef struct {
  Reader           *reader;
  const char       *part;
  xmlParserCtxtPtr  ctxt;
  GError           *error;
  gboolean          saw_dtd;
  gboolean          root_ok;
  char             *xml_message;
  int               xml_line;
  guint             depth;
  guint8            kinds[MAX_TRACKED_DEPTH];
  GString          *collect;  /* where character data goes, or NULL */
} SaxBase;

static Kind
sax_parent (SaxBase *b)
{
  if (b->depth == 0)
    return K_NONE;
  if (b->depth > MAX_TRACKED_DEPTH)
    return K_OTHER;
  return b->kinds[b->depth - 1];
}

static void
sax_push (SaxBase *b,
          Kind     kind)
{
  if (b->depth < MAX_TRACKED_DEPTH)
    b->kinds[b->depth] = (guint8) kind;
  b->depth++;
}

static Kind
sax_pop (SaxBase *b)
{
  if (b->depth == 0)
    return K_NONE;
  b->depth--;
  return b->depth < MAX_TRACKED_DEPTH ? b->kinds[b->depth] : K_OTHER;
}

G_GNUC_PRINTF (3, 4)
static void
sax_fail (SaxBase    *b,
          KkXlsxError code,
          const char *format,
          ...)
{
  if (b->error == NULL)
    {
      va_list args;
      va_start (args, format);
      b->error = g_error_new_valist (KK_XLSX_ERROR, code, format, args);
      va_end (args);
    }
  xmlStopParser (b->ctxt);
}

static void
sax_characters (void          *ctx,
                const xmlChar *ch,
                int            len)
{
  SaxBase *b = ctx;

  if (b->collect != NULL)
    g_string_append_len (b->collect, (const char *) ch, len);
}

static void
sax_internal_subset (void          *ctx,
                     const xmlChar *name G_GNUC_UNUSED,
                     const xmlChar *external_id G_GNUC_UNUSED,
                     const xmlChar *system_id G_GNUC_UNUSED)
{
  SaxBase *b = ctx;

  /* Called right after "<!DOCTYPE name ...", before any declaration. */
  b->saw_dtd = TRUE;
  xmlStopParser (b->ctxt);
}

static void
sax_error (void        *ctx,
           xmlErrorPtr  err)
{
  SaxBase *b = ctx;

  if (err == NULL || err->level < XML_ERR_ERROR || err->code == XML_ERR_USER_STOP ||
      b->xml_message != NULL)
    return;
  b->xml_message = g_strchomp (g_strdup (err->message ? err->message : ""));
  b->xml_line = err->line;
}

static void
sax_end_generic (void          *ctx,
                 const xmlChar *localname G_GNUC_UNUSED,
                 const xmlChar *prefix G_GNUC_UNUSED,
                 const xmlChar *uri G_GNUC_UNUSED)
{
  SaxBase *b = ctx;

  sax_pop (b);
  b->collect = NULL;
}

#define NAME_IS(localname, str) (strcmp ((const char *) (localname), (str)) == 0)

/* SAX2 attributes come as (localname, prefix, URI, value, end) quintuples;
 * values are not NUL-terminated. */
static const char *
attr_find (int             n_attrs,
           const xmlChar **attrs,
           const char     *name,
           gboolean        namespaced,
           gsize          *len)
{
  for (int i = 0; i < n_attrs; i++)
    {
      const xmlChar **a = attrs + 5 * i;
      if (!NAME_IS (a[0], name) || (a[2] != NULL) != namespaced)
        continue;
      *len = (gsize) (a[4] - a[3]);
      return (const char *) a[3];
    }
  return NULL;
}

static char *
attr_dup (int             n_attrs,
          const xmlChar **attrs,
          const char     *name,
          gboolean        namespaced)
{
  gsize len;
  const char *value = attr_find (n_attrs, attrs, name, namespaced, &len);

  return value ? g_strndup (value, len) : NULL;
}

static gboolean
attr_bool (int             n_attrs,
           const xmlChar **attrs,
           const char     *name)
{
  g_autofree char *value = attr_dup (n_attrs, attrs, name, FALSE);
  gboolean result = FALSE;

  if (value != NULL && !parse_bool (g_strstrip (value), &result))
    result = FALSE;
  return result;
}

/* Runs one part through the parser. The handler's state starts with a SaxBase. */
static gboolean
parse_part (Reader                  *r,
            const ZipEntry          *entry,
            SaxBase                 *b,
            startElementNsSAX2Func   start,
            endElementNsSAX2Func     end,
            GError                 **error)
{
  xmlSAXHandler sax;
  GsfInput *input;
  gsf_off_t size, done = 0;
  guint32 crc = 0;
  gboolean read_failed = FALSE;
  gboolean ok = FALSE;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start;
  sax.endElementNs = end;
  /* Same function for both, so that libxml2 never drops "blank" text. */
  sax.characters = sax_characters;
  sax.ignorableWhitespace = sax_characters;
  sax.cdataBlock = sax_characters;
  sax.internalSubset = sax_internal_subset;
  sax.serror = sax_error;
  /* Deliberately no entityDecl, getEntity, resolveEntity, externalSubset:
   * without them libxml2 has nowhere to keep an entity it could expand. */

  input = open_entry (r, entry, error);
  if (input == NULL)
    return FALSE;
  size = gsf_input_size (input);

  b->reader = r;
  b->part = entry->name;
  b->ctxt = xmlCreatePushParserCtxt (&sax, b, NULL, 0, entry->name);
  if (b->ctxt == NULL)
    g_error ("%s: out of memory", G_STRFUNC);
  xmlCtxtUseOptions (b->ctxt, XML_PARSE_NONET);

  if (r->buf == NULL)
    r->buf = g_malloc0 (READ_CHUNK);

  while (done < size)
    {
      gsize n = (gsize) MIN (size - done, (gsf_off_t) READ_CHUNK);

      /* gsf_input_read() never returns more than the declared size: the
       * count below is what guards a lying header, and the CRC is what
       * catches a stream that ends early. */
      if (gsf_input_read (input, n, r->buf) == NULL)
        {
          read_failed = TRUE;
          break;
        }
      done += (gsf_off_t) n;
      r->total_read += n;
      if ((guint64) done > r->limits.max_entry_size || r->total_read > r->limits.max_total_size)
        {
          read_failed = TRUE;
          break;
        }
      crc = crc32_update (crc, r->buf, n);
      xmlParseChunk (b->ctxt, (const char *) r->buf, (int) n, 0);
      if (b->saw_dtd || b->error != NULL || !b->ctxt->wellFormed)
        break;
    }
  if (done == size && !b->saw_dtd && b->error == NULL && b->ctxt->wellFormed)
    xmlParseChunk (b->ctxt, NULL, 0, 1);

  if (b->saw_dtd)
    g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_UNSAFE,
                 _("“%s” was refused: part %s uses a DTD/external entities, "
                   "which workbooks never need"),
                 r->display, entry->name);
  else if (b->error != NULL)
    g_propagate_error (error, g_steal_pointer (&b->error));
  else if (read_failed)
    g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                 _("“%s” is damaged: part %s cannot be decompressed"), r->display, entry->name);
  else if (!b->ctxt->wellFormed)
    g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                 /* Translators: the last %s is libxml2's explanation, in English */
                 _("“%s” is damaged: part %s is not valid XML (line %d: %s)"),
                 r->display, entry->name, b->xml_line,
                 b->xml_message ? b->xml_message : "?");
  else if (crc != entry->crc)
    g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                 _("“%s” is damaged: part %s does not match its checksum"),
                 r->display, entry->name);
  else
    ok = TRUE;

  xmlFreeParserCtxt (b->ctxt);
  b->ctxt = NULL;
  g_clear_pointer (&b->xml_message, g_free);
  g_clear_error (&b->error);
  g_object_unref (input);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Relationships (_rels/…rels)                                              */

typedef struct {
  char     *id;
  char     *type;
  char     *target;
  gboolean  external;
} Rel;

static void
rel_free (Rel *rel)
{
  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

typedef struct {
  SaxBase     base;
  GPtrArray  *rels;
} RelsParse;

static void
rels_start (void           *ctx,
            const xmlChar  *localname,
            const xmlChar  *prefix G_GNUC_UNUSED,
            const xmlChar  *uri G_GNUC_UNUSED,
            int             n_namespaces G_GNUC_UNUSED,
            const xmlChar **namespaces G_GNUC_UNUSED,
            int             n_attrs,
            int             n_defaulted G_GNUC_UNUSED,
            const xmlChar **attrs)
{
  RelsParse *p = ctx;
  Kind parent = sax_parent (&p->base), kind = K_OTHER;

  if (parent == K_NONE && NAME_IS (localname, "Relationships"))
    kind = K_ROOT;
  else if (parent == K_ROOT && NAME_IS (localname, "Relationship"))
    {
      Rel *rel = g_new0 (Rel, 1);
      g_autofree char *mode = attr_dup (n_attrs, attrs, "TargetMode", FALSE);

      rel->id = attr_dup (n_attrs, attrs, "Id", FALSE);
      rel->type = attr_dup (n_attrs, attrs, "Type", FALSE);
      rel->target = attr_dup (n_attrs, attrs, "Target", FALSE);
      rel->external = mode != NULL && g_ascii_strcasecmp (mode, "External") == 0;
      if (rel->id == NULL || rel->type == NULL || rel->target == NULL)
        rel_free (rel);
      else
        g_ptr_array_add (p->rels, rel);
    }
  sax_push (&p->base, kind);
}

/* Relationships of @part; an empty array when it has none. */
static GPtrArray *
read_rels (Reader     *r,
           const char *part,
           GError    **error)
{
  g_autofree char *path = rels_path_for (part);
  ZipEntry *entry = find_entry (r, path);
  RelsParse p = { { 0 }, g_ptr_array_new_with_free_func ((GDestroyNotify) rel_free) };

  if (entry != NULL &&
      !parse_part (r, entry, &p.base, rels_start, sax_end_generic, error))
    {
      g_ptr_array_unref (p.rels);
      return NULL;
    }
  return p.rels;
}

static const Rel *
rels_find_type (GPtrArray  *rels,
                const char *type_suffix)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const Rel *rel = g_ptr_array_index (rels, i);
      if (!rel->external && g_str_has_suffix (rel->type, type_suffix))
        return rel;
    }
  return NULL;
}

static const Rel *
rels_find_id (GPtrArray  *rels,
              const char *id)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const Rel *rel = g_ptr_array_index (rels, i);
      if (g_str_equal (rel->id, id))
        return rel;
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* xl/workbook.xml                                                          */

typedef struct {
  char     *name;
  char     *rid;
  gboolean  hidden;
} SheetInfo;

static void
sheet_info_free (SheetInfo *info)
{
  g_free (info->name);
  g_free (info->rid);
  g_free (info);
}

typedef struct {
  SaxBase    base;
  GPtrArray *sheets;
  gboolean   date1904;
} WorkbookParse;

static void
workbook_start (void           *ctx,
                const xmlChar  *localname,
                const xmlChar  *prefix G_GNUC_UNUSED,
                const xmlChar  *uri G_GNUC_UNUSED,
                int             n_namespaces G_GNUC_UNUSED,
                const xmlChar **namespaces G_GNUC_UNUSED,
                int             n_attrs,
                int             n_defaulted G_GNUC_UNUSED,
                const xmlChar **attrs)
{
  WorkbookParse *p = ctx;
  SaxBase *b = &p->base;
  Kind parent = sax_parent (b), kind = K_OTHER;

  if (parent == K_NONE && NAME_IS (localname, "workbook"))
    {
      kind = K_ROOT;
      b->root_ok = TRUE;
    }
  else if (parent == K_ROOT && NAME_IS (localname, "workbookPr"))
    p->date1904 = attr_bool (n_attrs, attrs, "date1904");
  else if (parent == K_ROOT && NAME_IS (localname, "sheets"))
    kind = K_SHEETS;
  else if (parent == K_SHEETS && NAME_IS (localname, "sheet"))
    {
      SheetInfo *info;
      g_autofree char *state = NULL;

      /* Every sheet needs a part of its own. */
      if (p->sheets->len >= b->reader->limits.max_entries)
        {
          sax_fail (b, KK_XLSX_ERROR_TOO_LARGE, _("“%s” has too many sheets (the limit is %u)"),
                    b->reader->display, b->reader->limits.max_entries);
          sax_push (b, kind);
          return;
        }
      info = g_new0 (SheetInfo, 1);
      info->name = attr_dup (n_attrs, attrs, "name", FALSE);
      info->rid = attr_dup (n_attrs, attrs, "id", TRUE);
      state = attr_dup (n_attrs, attrs, "state", FALSE);
      info->hidden = state != NULL &&
                     (g_str_equal (state, "hidden") || g_str_equal (state, "veryHidden"));
      g_ptr_array_add (p->sheets, info);
    }
  sax_push (b, kind);
}

/* ------------------------------------------------------------------------ */
/* xl/sharedStrings.xml                                                     */

typedef struct {
  SaxBase  base;
  GString *text;
} SstParse;

static void
sst_start (void           *ctx,
           const xmlChar  *localname,
           const xmlChar  *prefix G_GNUC_UNUSED,
           const xmlChar  *uri G_GNUC_UNUSED,
           int             n_namespaces G_GNUC_UNUSED,
           const xmlChar **namespaces G_GNUC_UNUSED,
           int             n_attrs G_GNUC_UNUSED,
           int             n_defaulted G_GNUC_UNUSED,
           const xmlChar **attrs G_GNUC_UNUSED)
{
  SstParse *p = ctx;
  SaxBase *b = &p->base;
  Kind parent = sax_parent (b), kind = K_OTHER;

  if (parent == K_NONE && NAME_IS (localname, "sst"))
    kind = K_ROOT;
  else if (parent == K_ROOT && NAME_IS (localname, "si"))
    {
      kind = K_SI;
      g_string_truncate (p->text, 0);
      /* No cell can use more strings than there may be cells. */
      if (b->reader->sst->len >= b->reader->limits.max_cells)
        sax_fail (b, KK_XLSX_ERROR_TOO_LARGE,
                  _("“%s” has too many shared strings (the limit is %u)"),
                  b->reader->display, b->reader->limits.max_cells);
    }
  else if (parent == K_SI && NAME_IS (localname, "r"))
    kind = K_RUN;
  else if ((parent == K_SI || parent == K_RUN) && NAME_IS (localname, "t"))
    {
      /* Phonetic runs (<rPh><t>) have parent K_OTHER: not part of the text. */
      kind = K_T;
      b->collect = p->text;
    }
  sax_push (b, kind);
}

static void
sst_end (void          *ctx,
         const xmlChar *localname G_GNUC_UNUSED,
         const xmlChar *prefix G_GNUC_UNUSED,
         const xmlChar *uri G_GNUC_UNUSED)
{
  SstParse *p = ctx;
  SaxBase *b = &p->base;
  Kind kind = sax_pop (b);

  if (kind == K_T)
    b->collect = NULL;
  else if (kind == K_SI)
    {
      decode_escapes (p->text);
      g_ptr_array_add (b->reader->sst,
                       (gpointer) g_string_chunk_insert_const (b->reader->wb->strings, p->text->str));
    }
}

/* ------------------------------------------------------------------------ */
/* Worksheets                                                               */

typedef enum {
  CELL_T_N,
  CELL_T_S,
  CELL_T_STR,
  CELL_T_INLINE,
  CELL_T_B,
  CELL_T_E,
  CELL_T_D,
} CellT;

typedef struct {
  SaxBase      base;
  KkXlsxSheet *sheet;
  GArray      *col_ranges;  /* pairs of guint: first, last (0-based) */
  gboolean     unsorted;

  guint        row;         /* current <row> */
  guint        next_row;
  guint        next_col;

  guint        c_row;
  guint        c_col;
  CellT        c_type;
  gboolean     c_formula;
  gboolean     c_have_is;
  GString     *value;
  GString     *inline_text;
} SheetParse;

G_GNUC_PRINTF (5, 6)
static void
cell_fail (SheetParse *p,
           KkXlsxError code,
           guint       row,
           guint       col,
           const char *format,
           ...)
{
  g_autofree char *cell = kk_xlsx_cell_name (row, col);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: file, sheet name, cell like B7, then one of the
   * problems below ("“12abc” is not a number") */
  sax_fail (&p->base, code, _("“%s”: sheet “%s”, cell %s: %s"),
            p->base.reader->display, p->sheet->name, cell, detail);
}

static void
cell_start (SheetParse     *p,
            int             n_attrs,
            const xmlChar **attrs)
{
  gsize ref_len = 0, len = 0;
  const char *ref = attr_find (n_attrs, attrs, "r", FALSE, &ref_len);
  const char *type = attr_find (n_attrs, attrs, "t", FALSE, &len);

  p->c_formula = FALSE;
  p->c_have_is = FALSE;
  g_string_truncate (p->value, 0);
  g_string_truncate (p->inline_text, 0);

  if (ref != NULL)
    {
      if (!parse_cell_ref (ref, ref_len, &p->c_row, &p->c_col))
        {
          g_autofree char *copy = g_strndup (ref, ref_len);
          sax_fail (&p->base, KK_XLSX_ERROR_MALFORMED,
                    _("“%s”: sheet “%s”: “%s” is not a valid cell reference"),
                    p->base.reader->display, p->sheet->name, copy);
          return;
        }
    }
  else
    {
      /* LibreOffice and others leave r= out: cells follow each other. */
      p->c_row = p->row;
      p->c_col = p->next_col;
    }
  p->next_col = p->c_col < G_MAXUINT ? p->c_col + 1 : p->c_col;

  p->c_type = CELL_T_N;
  if (type != NULL)
    {
      if (len == 1 && type[0] == 'n')
        p->c_type = CELL_T_N;
      else if (len == 1 && type[0] == 's')
        p->c_type = CELL_T_S;
      else if (len == 3 && memcmp (type, "str", 3) == 0)
        p->c_type = CELL_T_STR;
      else if (len == 9 && memcmp (type, "inlineStr", 9) == 0)
        p->c_type = CELL_T_INLINE;
      else if (len == 1 && type[0] == 'b')
        p->c_type = CELL_T_B;
      else if (len == 1 && type[0] == 'e')
        p->c_type = CELL_T_E;
      else if (len == 1 && type[0] == 'd')
        p->c_type = CELL_T_D;
      else
        {
          g_autofree char *copy = g_strndup (type, len);
          cell_fail (p, KK_XLSX_ERROR_MALFORMED, p->c_row, p->c_col,
                     _("unknown cell type “%s”"), copy);
          return;
        }
    }
}

static gboolean
is_blank (const char *s)
{
  while (g_ascii_isspace (*s))
    s++;
  return *s == '\0';
}

static void
cell_end (SheetParse *p)
{
  Reader *r = p->base.reader;
  KkXlsxSheet *sheet = p->sheet;
  KkXlsxCell cell = { 0 };
  gboolean stringy = p->c_type == CELL_T_STR || p->c_type == CELL_T_INLINE;
  gboolean empty = stringy ? p->value->len == 0 : is_blank (p->value->str);
  char numbuf[G_ASCII_DTOSTR_BUF_SIZE];
  char *v;

  if (!p->c_have_is && empty && !p->c_formula)
    return;  /* a styled but empty cell */

  if (p->c_row >= r->limits.max_rows)
    {
      cell_fail (p, KK_XLSX_ERROR_TOO_LARGE, p->c_row, p->c_col,
                 _("row %u is beyond the limit of %u rows"), p->c_row + 1, r->limits.max_rows);
      return;
    }
  if (p->c_col >= r->limits.max_cols)
    {
      g_autofree char *column = kk_xlsx_column_name (p->c_col);
      cell_fail (p, KK_XLSX_ERROR_TOO_LARGE, p->c_row, p->c_col,
                 _("column %s is beyond the limit of %u columns"), column, r->limits.max_cols);
      return;
    }
  if (r->n_cells >= r->limits.max_cells)
    {
      cell_fail (p, KK_XLSX_ERROR_TOO_LARGE, p->c_row, p->c_col,
                 _("the workbook has more than %u cells"), r->limits.max_cells);
      return;
    }

  cell.row = p->c_row;
  cell.col = p->c_col;
  cell.has_formula = p->c_formula;
  cell.type = KK_XLSX_CELL_STRING;

  if (p->c_have_is)
    {
      decode_escapes (p->inline_text);
      cell.text = p->inline_text->str;
    }
  else if (empty)
    cell.text = (char *) "";  /* a formula without a cached result */
  else if (stringy)
    {
      /* Strings keep their blanks. */
      decode_escapes (p->value);
      cell.text = p->value->str;
    }
  else
    {
      v = g_strstrip (p->value->str);
      switch (p->c_type)
        {
        case CELL_T_N:
          if (!parse_number (v, &cell.number))
            {
              cell_fail (p, KK_XLSX_ERROR_MALFORMED, p->c_row, p->c_col,
                         _("“%s” is not a number"), v);
              return;
            }
          cell.type = KK_XLSX_CELL_NUMBER;
          cell.text = (char *) format_number (cell.number, numbuf);
          break;

        case CELL_T_S:
          {
            guint64 index;
            if (!g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT, &index, NULL) ||
                index >= r->sst->len)
              {
                cell_fail (p, KK_XLSX_ERROR_MALFORMED, p->c_row, p->c_col,
                           _("shared string %s does not exist (the workbook has %u)"),
                           v, r->sst->len);
                return;
              }
            cell.text = g_ptr_array_index (r->sst, index);
          }
          break;

        case CELL_T_B:
          {
            gboolean value;
            if (!parse_bool (v, &value))
              {
                cell_fail (p, KK_XLSX_ERROR_MALFORMED, p->c_row, p->c_col,
                           _("“%s” is not TRUE or FALSE"), v);
                return;
              }
            cell.type = KK_XLSX_CELL_BOOL;
            cell.number = value ? 1 : 0;
            cell.text = (char *) (value ? "TRUE" : "FALSE");
          }
          break;

        case CELL_T_E:
          cell.type = KK_XLSX_CELL_ERROR;
          cell.text = v;
          break;

        case CELL_T_D:  /* ISO 8601 text; Excel itself never writes these */
        case CELL_T_STR:
        case CELL_T_INLINE:
        default:
          cell.text = v;
          break;
        }
    }

  cell.text = (char *) g_string_chunk_insert_const (r->wb->strings, cell.text);

  if (sheet->cells->len > 0)
    {
      const KkXlsxCell *last = &g_array_index (sheet->cells, KkXlsxCell, sheet->cells->len - 1);
      if (cell_compare (last, &cell) >= 0)
        p->unsorted = TRUE;
    }
  g_array_append_val (sheet->cells, cell);
  r->n_cells++;
}

static void
sheet_start (void           *ctx,
             const xmlChar  *localname,
             const xmlChar  *prefix G_GNUC_UNUSED,
             const xmlChar  *uri G_GNUC_UNUSED,
             int             n_namespaces G_GNUC_UNUSED,
             const xmlChar **namespaces G_GNUC_UNUSED,
             int             n_attrs,
             int             n_defaulted G_GNUC_UNUSED,
             const xmlChar **attrs)
{
  SheetParse *p = ctx;
  SaxBase *b = &p->base;
  Kind parent = sax_parent (b), kind = K_OTHER;

  switch (parent)
    {
    case K_NONE:
      if (NAME_IS (localname, "worksheet"))
        kind = K_ROOT;
      break;

    case K_ROOT:
      if (NAME_IS (localname, "sheetData"))
        kind = K_SHEETDATA;
      else if (NAME_IS (localname, "cols"))
        kind = K_COLS;
      else if (NAME_IS (localname, "sheetProtection"))
        p->sheet->protected = attr_bool (n_attrs, attrs, "sheet");
      break;

    case K_COLS:
      if (NAME_IS (localname, "col") && attr_bool (n_attrs, attrs, "hidden"))
        {
          g_autofree char *min = attr_dup (n_attrs, attrs, "min", FALSE);
          g_autofree char *max = attr_dup (n_attrs, attrs, "max", FALSE);
          guint64 first, last;

          if (min != NULL && max != NULL &&
              g_ascii_string_to_unsigned (min, 10, 1, EXCEL_MAX_COLS, &first, NULL) &&
              g_ascii_string_to_unsigned (max, 10, 1, EXCEL_MAX_COLS, &last, NULL) &&
              first <= last)
            {
              guint range[2] = { (guint) first - 1, (guint) last - 1 };
              g_array_append_vals (p->col_ranges, range, 2);
            }
        }
      break;

    case K_SHEETDATA:
      if (NAME_IS (localname, "row"))
        {
          g_autofree char *ref = attr_dup (n_attrs, attrs, "r", FALSE);
          guint64 number;

          kind = K_ROW;
          if (ref != NULL)
            {
              if (!g_ascii_string_to_unsigned (ref, 10, 1, EXCEL_MAX_ROWS, &number, NULL))
                {
                  sax_fail (b, KK_XLSX_ERROR_MALFORMED,
                            _("“%s”: sheet “%s”: “%s” is not a valid row number"),
                            b->reader->display, p->sheet->name, ref);
                  break;
                }
              p->row = (guint) number - 1;
            }
          else
            p->row = p->next_row;
          p->next_row = p->row < G_MAXUINT ? p->row + 1 : p->row;
          p->next_col = 0;

          if (p->row < b->reader->limits.max_rows && attr_bool (n_attrs, attrs, "hidden"))
            g_array_append_val (p->sheet->hidden_rows, p->row);
        }
      break;

    case K_ROW:
      if (NAME_IS (localname, "c"))
        {
          kind = K_C;
          cell_start (p, n_attrs, attrs);
        }
      break;

    case K_C:
      if (NAME_IS (localname, "v"))
        {
          kind = K_V;
          g_string_truncate (p->value, 0);
          b->collect = p->value;
        }
      else if (NAME_IS (localname, "f"))
        p->c_formula = TRUE;
      else if (NAME_IS (localname, "is"))
        {
          kind = K_IS;
          p->c_have_is = TRUE;
          g_string_truncate (p->inline_text, 0);
        }
      break;

    case K_IS:
      if (NAME_IS (localname, "t"))
        {
          kind = K_T;
          b->collect = p->inline_text;
        }
      else if (NAME_IS (localname, "r"))
        kind = K_RUN;
      break;

    case K_RUN:
      if (NAME_IS (localname, "t"))
        {
          kind = K_T;
          b->collect = p->inline_text;
        }
      break;

    case K_OTHER:
    case K_SHEETS:
    case K_V:
    case K_T:
    case K_SI:
    default:
      break;
    }
  sax_push (b, kind);
}

static void
sheet_end (void          *ctx,
           const xmlChar *localname G_GNUC_UNUSED,
           const xmlChar *prefix G_GNUC_UNUSED,
           const xmlChar *uri G_GNUC_UNUSED)
{
  SheetParse *p = ctx;
  Kind kind = sax_pop (&p->base);

  if (kind == K_V || kind == K_T)
    p->base.collect = NULL;
  else if (kind == K_C)
    cell_end (p);
}

static int
guint_compare (gconstpointer a,
               gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

static void
sheet_finish (SheetParse *p)
{
  KkXlsxSheet *sheet = p->sheet;
  GArray *cells = sheet->cells;

  if (p->unsorted)
    {
      guint j = 0;

      /* A stable sort (GLib's is a merge sort), then the last of equal
       * positions wins, as it would in Excel's reading order. */
      g_array_sort (cells, cell_compare);
      for (guint i = 0; i < cells->len; i++)
        {
          if (i + 1 < cells->len &&
              cell_compare (&g_array_index (cells, KkXlsxCell, i),
                            &g_array_index (cells, KkXlsxCell, i + 1)) == 0)
            continue;
          g_array_index (cells, KkXlsxCell, j++) = g_array_index (cells, KkXlsxCell, i);
        }
      g_array_set_size (cells, j);
    }

  sheet->n_rows = 0;
  sheet->n_cols = 0;
  if (cells->len > 0)
    sheet->n_rows = g_array_index (cells, KkXlsxCell, cells->len - 1).row + 1;
  for (guint i = 0; i < cells->len; i++)
    sheet->n_cols = MAX (sheet->n_cols, g_array_index (cells, KkXlsxCell, i).col + 1);

  if (sheet->hidden_rows->len > 1)
    {
      guint j = 1;
      g_array_sort (sheet->hidden_rows, guint_compare);
      for (guint i = 1; i < sheet->hidden_rows->len; i++)
        if (g_array_index (sheet->hidden_rows, guint, i) != g_array_index (sheet->hidden_rows, guint, j - 1))
          g_array_index (sheet->hidden_rows, guint, j++) = g_array_index (sheet->hidden_rows, guint, i);
      g_array_set_size (sheet->hidden_rows, j);
    }

  if (p->col_ranges->len > 0)
    {
      /* Through a difference array: a million overlapping <col> ranges
       * cost a million steps, not a million times 16384. */
      g_autofree int *diff = g_new0 (int, EXCEL_MAX_COLS + 1);
      int depth = 0;

      for (guint i = 0; i + 1 < p->col_ranges->len; i += 2)
        {
          diff[g_array_index (p->col_ranges, guint, i)]++;
          diff[g_array_index (p->col_ranges, guint, i + 1) + 1]--;
        }
      sheet->hidden_cols = g_new0 (guint32, EXCEL_MAX_COLS / 32);
      for (guint c = 0; c < EXCEL_MAX_COLS; c++)
        {
          depth += diff[c];
          if (depth > 0)
            sheet->hidden_cols[c / 32] |= 1u << (c % 32);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* The workbook                                                             */

static gboolean
read_sheet (Reader         *r,
            KkXlsxSheet    *sheet,
            const ZipEntry *entry,
            GError        **error)
{
  SheetParse p = { 0 };
  gboolean ok;

  p.sheet = sheet;
  p.col_ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  p.value = g_string_new (NULL);
  p.inline_text = g_string_new (NULL);

  ok = parse_part (r, entry, &p.base, sheet_start, sheet_end, error);
  if (ok)
    sheet_finish (&p);

  g_array_unref (p.col_ranges);
  g_string_free (p.value, TRUE);
  g_string_free (p.inline_text, TRUE);
  return ok;
}

static KkXlsxWorkbook *
read_workbook (Reader  *r,
               GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) root_rels = NULL;
  g_autoptr(GPtrArray) wb_rels = NULL;
  g_autoptr(GHashTable) parts_used = NULL;
  g_autofree char *workbook_path = NULL;
  g_autofree char *workbook_dir = NULL;
  WorkbookParse wp = { 0 };
  const Rel *rel;
  ZipEntry *entry;
  GsfInput *source;
  gboolean ok;

  if (!scan_zip (r, error))
    return NULL;

  source = gsf_input_memory_new (r->data, (gsf_off_t) r->len, FALSE);
  r->zip = gsf_infile_zip_new (source, &local_error);
  g_object_unref (source);
  if (r->zip == NULL)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                   _("“%s” is damaged: %s"), r->display,
                   local_error ? local_error->message : "?");
      return NULL;
    }

  r->wb = g_new0 (KkXlsxWorkbook, 1);
  r->wb->display_name = g_strdup (r->display);
  r->wb->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  r->wb->strings = g_string_chunk_new (64 * 1024);
  r->sst = g_ptr_array_new ();

  /* _rels/.rels says where the workbook is; xl/workbook.xml almost always. */
  root_rels = read_rels (r, "", error);
  if (root_rels == NULL)
    return NULL;
  rel = rels_find_type (root_rels, "/officeDocument");
  if (rel != NULL)
    workbook_path = resolve_target ("", rel->target);
  if (workbook_path == NULL || find_entry (r, workbook_path) == NULL)
    {
      g_free (workbook_path);
      workbook_path = g_strdup ("xl/workbook.xml");
    }
  entry = find_entry (r, workbook_path);
  if (entry == NULL || !has_suffix_ci (workbook_path, ".xml"))
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_NOT_XLSX,
                   _("“%s” is not an Excel workbook (.xlsx): it holds no workbook"), r->display);
      return NULL;
    }
  workbook_dir = part_dir (workbook_path);

  wp.sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_info_free);
  ok = parse_part (r, entry, &wp.base, workbook_start, sax_end_generic, error);
  if (ok && !wp.base.root_ok)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_NOT_XLSX,
                   _("“%s” is not an Excel workbook (.xlsx)"), r->display);
      ok = FALSE;
    }
  r->wb->date1904 = wp.date1904;
  if (ok)
    wb_rels = read_rels (r, workbook_path, error);
  if (wb_rels == NULL)
    {
      g_ptr_array_unref (wp.sheets);
      return NULL;
    }

  parts_used = g_hash_table_new (NULL, NULL);
  g_hash_table_add (parts_used, entry);

  /* Shared strings first: the sheets point into them. */
  rel = rels_find_type (wb_rels, "/sharedStrings");
  {
    g_autofree char *sst_path = rel ? resolve_target (workbook_dir, rel->target) : NULL;
    ZipEntry *sst_entry = sst_path ? find_entry (r, sst_path) : NULL;

    if (sst_entry != NULL)
      {
        SstParse sp = { { 0 }, g_string_new (NULL) };
        ok = parse_part (r, sst_entry, &sp.base, sst_start, sst_end, error);
        g_string_free (sp.text, TRUE);
        g_hash_table_add (parts_used, sst_entry);
      }
  }

  for (guint i = 0; ok && i < wp.sheets->len; i++)
    {
      SheetInfo *info = g_ptr_array_index (wp.sheets, i);
      g_autofree char *path = NULL;
      KkXlsxSheet *sheet;
      const Rel *sheet_rel;
      ZipEntry *sheet_entry;

      if (info->name == NULL || info->rid == NULL)
        {
          g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                       _("“%s” is damaged: sheet %u has no name or no part"), r->display, i + 1);
          ok = FALSE;
          break;
        }
      sheet = sheet_new (info->name, info->hidden);
      g_ptr_array_add (r->wb->sheets, sheet);

      sheet_rel = rels_find_id (wb_rels, info->rid);
      if (sheet_rel == NULL)
        {
          g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                       _("“%s” is damaged: sheet “%s” has no part"), r->display, info->name);
          ok = FALSE;
          break;
        }
      /* Chart sheets, dialog sheets, macro sheets: kept as empty sheets
       * so that indexes match the tabs. */
      if (!g_str_has_suffix (sheet_rel->type, "/worksheet"))
        continue;

      if (sheet_rel->external)
        {
          /* Never followed: a sheet is not something to fetch. */
          g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                       _("“%s”: sheet “%s” points outside the workbook (%s)"),
                       r->display, info->name, sheet_rel->target);
          ok = FALSE;
          break;
        }
      path = resolve_target (workbook_dir, sheet_rel->target);
      sheet_entry = path ? find_entry (r, path) : NULL;
      if (sheet_entry == NULL)
        {
          g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                       _("“%s” is damaged: the part of sheet “%s” (%s) is missing"),
                       r->display, info->name, sheet_rel->target);
          ok = FALSE;
          break;
        }
      if (!g_hash_table_add (parts_used, sheet_entry))
        {
          g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_MALFORMED,
                       _("“%s” is damaged: sheet “%s” shares its part with another"),
                       r->display, info->name);
          ok = FALSE;
          break;
        }
      ok = read_sheet (r, sheet, sheet_entry, error);
    }

  g_ptr_array_unref (wp.sheets);
  if (!ok)
    return NULL;
  return g_steal_pointer (&r->wb);
}

KkXlsxWorkbook *
kk_xlsx_workbook_open_bytes (GBytes             *bytes,
                             const char         *display_name,
                             const KkXlsxLimits *limits,
                             GError            **error)
{
  Reader r = { 0 };
  KkXlsxWorkbook *wb;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_initialized ();

  /* Translators: stands for the file name when the caller gave none */
  r.display = display_name ? display_name : _("workbook");
  resolve_limits (limits, &r.limits);
  r.data = g_bytes_get_data (bytes, &r.len);
  if (r.data == NULL)
    r.data = (const guint8 *) "";

  wb = read_workbook (&r, error);
  if (wb != NULL)
    g_debug ("%s: %u sheets, %u cells, %" G_GUINT64_FORMAT " bytes of XML in %.1f ms",
             r.display, wb->sheets->len, r.n_cells, r.total_read,
             (g_get_monotonic_time () - start) / 1000.0);
  reader_clear (&r);
  return wb;
}

KkXlsxWorkbook *
kk_xlsx_workbook_open (const char         *path,
                       const KkXlsxLimits *limits,
                       GError            **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = NULL;
  g_autofree guint8 *data = NULL;
  KkXlsxLimits lim;
  gsize size, got = 0;
  guint8 extra;
  gssize n;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  resolve_limits (limits, &lim);
  display = g_filename_display_basename (path);
  file = g_file_new_for_path (path);

  /* Type first: opening a FIFO would block. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    goto io_error;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_NOT_XLSX,
                   _("“%s” is not an Excel workbook (.xlsx): it is not a file"), display);
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > lim.max_file_size)
    {
      g_autofree char *size_str = g_format_size ((guint64) g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (lim.max_file_size);
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE,
                   _("“%s” is too large (%s; the limit is %s)"), display, size_str, limit);
      return NULL;
    }

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    goto io_error;
  g_clear_object (&info);
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, &local_error);
  if (info == NULL)
    goto io_error;
  size = (gsize) MIN ((guint64) MAX (g_file_info_get_size (info), 0), (guint64) lim.max_file_size);

  /* Read what the size said and one byte more: a file that grew in the
   * meantime is measured again in open_bytes(). */
  data = g_malloc (size + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, size, &got, NULL, &local_error))
    goto io_error;
  n = g_input_stream_read (G_INPUT_STREAM (stream), &extra, 1, NULL, &local_error);
  if (n < 0)
    goto io_error;
  if (n > 0)
    {
      g_autofree char *limit = g_format_size (lim.max_file_size);
      g_set_error (error, KK_XLSX_ERROR, KK_XLSX_ERROR_TOO_LARGE,
                   _("“%s” is too large (more than %s), or it changed while it was read"),
                   display, limit);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&data), got);
  return kk_xlsx_workbook_open_bytes (bytes, display, &lim, error);

io_error:
  g_set_error (error, local_error->domain, local_error->code,
               _("Could not read “%s”: %s"), display, local_error->message);
  return NULL;
}
