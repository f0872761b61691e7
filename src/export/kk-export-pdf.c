// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-export"

/* The requirement appendix (kravbilaga): A4, Cairo's PDF surface, text laid
 * out by Pango. Two passes: the layout pass flows every paragraph into pages
 * and records what goes where (so the page count is known), the drawing pass
 * renders the recorded pages with "Page N of M" footers. */

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "kk-catalog.h"
#include "kk-export-private.h"

/* A4 in points, and the type area (2.5 cm left, 2 cm right). */
#define PAGE_WIDTH     595.276
#define PAGE_HEIGHT    841.89
#define MARGIN_LEFT    70.87
#define MARGIN_RIGHT   56.69
#define MARGIN_TOP     79.0
#define MARGIN_BOTTOM  72.0
#define HEADER_TOP     38.0
#define FOOTER_TOP     (PAGE_HEIGHT - 46.0)
#define CONTENT_WIDTH  (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define NUMBER_WIDTH   34.0      /* the hanging column for "1.1" */
#define EPSILON        0.01

#define SANS  "DejaVu Sans"
#define SERIF "DejaVu Serif"

typedef struct {
  double r, g, b;
} Rgb;

static const Rgb ink = { 0.11, 0.12, 0.14 };
static const Rgb muted = { 0.36, 0.39, 0.43 };
static const Rgb accent = { 0.06, 0.22, 0.42 };      /* a calm dark blue */
static const Rgb hairline = { 0.74, 0.77, 0.81 };
static const Rgb white = { 1.0, 1.0, 1.0 };

typedef struct {
  double y0, y1;       /* the line's share of the layout's height */
  double baseline;
  double x;            /* left edge of the line (alignment, RTL) */
} LineBox;

typedef struct {
  PangoLayout *layout;
  LineBox     *lines;
  int          n_lines;
  double       width;  /* logical width of the widest line */
  Rgb          color;
} Para;

typedef enum {
  ITEM_TEXT,           /* lines [first, first + n) of a paragraph */
  ITEM_RULE,           /* a horizontal line */
  ITEM_TAG,            /* a SKA/BÖR marker: a box with a one-line paragraph */
} ItemKind;

typedef struct {
  ItemKind kind;
  Para    *para;
  int      first, n;
  double   x, y;       /* TEXT: top of the first line; RULE, TAG: top left */
  double   w, h;       /* RULE: length and thickness; TAG: box size */
  gboolean filled;     /* TAG */
  char    *outline;    /* a PDF bookmark to add here, or NULL */
} Item;

typedef struct {
  KkDatabase   *db;
  PangoContext *context;
  const char   *lang;
  GPtrArray    *paras;   /* Para, owned */
  GPtrArray    *pages;   /* GArray of Item */
  double        y;       /* cursor on the last page */
  double        tag_width;
  Para         *tag_shall, *tag_should;
} Doc;

/* ------------------------------------------------------------------ */
/* Paragraphs */

/* Text from the database made safe for Pango: valid UTF-8, line breaks
 * normalised, other control characters shown as spaces, no blank space
 * around it (a title starting with a line break would start with an empty line). */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
        }
      else if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static void
para_free (gpointer data)
{
  Para *para = data;

  g_clear_object (&para->layout);
  g_free (para->lines);
  g_free (para);
}

/* A paragraph of @text in @font, wrapped at @width points. The first
 * @bold_bytes bytes are bold (a label such as "Verification:"). */
static Para *
para_new (Doc        *doc,
          const char *text,
          const char *font,
          double      width,
          double      line_spacing,
          gsize       bold_bytes,
          Rgb         color)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  g_autofree char *clean = clean_text (text);
  Para *para = g_new0 (Para, 1);
  PangoLayoutIter *iter;
  int i = 0;

  para->layout = pango_layout_new (doc->context);
  para->color = color;
  pango_layout_set_font_description (para->layout, desc);
  pango_layout_set_width (para->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (para->layout, PANGO_WRAP_WORD_CHAR);
  if (line_spacing > 0)
    pango_layout_set_line_spacing (para->layout, line_spacing);
  pango_layout_set_text (para->layout, clean, -1);
  if (bold_bytes > 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      bold->start_index = 0;
      bold->end_index = MIN (bold_bytes, strlen (clean));
      pango_attr_list_insert (attrs, bold);
      pango_layout_set_attributes (para->layout, attrs);
      pango_attr_list_unref (attrs);
    }

  para->n_lines = pango_layout_get_line_count (para->layout);
  para->lines = g_new0 (LineBox, MAX (para->n_lines, 1));
  iter = pango_layout_get_iter (para->layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      para->lines[i].y0 = (double) y0 / PANGO_SCALE;
      para->lines[i].y1 = (double) y1 / PANGO_SCALE;
      para->lines[i].baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      para->lines[i].x = (double) logical.x / PANGO_SCALE;
      para->width = MAX (para->width, (double) (logical.x + logical.width) / PANGO_SCALE);
      i++;
    }
  while (i < para->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  g_ptr_array_add (doc->paras, para);
  return para;
}

/* Height of the first @n lines. */
static double
para_height (Para *para,
             int   n)
{
  n = CLAMP (n, 1, para->n_lines);
  return para->lines[n - 1].y1 - para->lines[0].y0;
}

static double
first_line_height (Para *para)
{
  return para->lines[0].y1 - para->lines[0].y0;
}

/* ------------------------------------------------------------------ */
/* Pages */

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->outline);
}

static void
new_page (Doc *doc)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (page, item_clear);
  g_ptr_array_add (doc->pages, page);
  doc->y = MARGIN_TOP;
}

static guint
current_page (Doc *doc)
{
  return doc->pages->len - 1;
}

static gboolean
at_page_top (Doc *doc)
{
  return doc->y <= MARGIN_TOP + EPSILON;
}

static void
add_item (Doc  *doc,
          guint page,
          Item *item)
{
  g_array_append_val ((GArray *) g_ptr_array_index (doc->pages, page), *item);
}

/* Vertical space, dropped at the top of a page. */
static void
space (Doc   *doc,
       double height)
{
  if (!at_page_top (doc))
    doc->y += height;
}

/* Starts a new page unless @height fits below the cursor (or could not fit
 * on any page). */
static void
keep (Doc   *doc,
      double height)
{
  if (doc->y + height > PAGE_HEIGHT - MARGIN_BOTTOM + EPSILON && !at_page_top (doc) &&
      height <= PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM)
    new_page (doc);
}

/* Places @para at @x from the cursor, breaking between lines where the page
 * ends: never one line alone at the foot of a page or at the head of the
 * next when the paragraph has more. @page and @y receive where its first line went. */
static void
flow (Doc    *doc,
      Para   *para,
      double  x,
      guint  *page,
      double *y)
{
  int i = 0;

  while (i < para->n_lines)
    {
      double avail = PAGE_HEIGHT - MARGIN_BOTTOM - doc->y;
      int rest = para->n_lines - i;
      int k = 0;

      while (k < rest && para->lines[i + k].y1 - para->lines[i].y0 <= avail + EPSILON)
        k++;
      if (k < rest)
        {
          if (rest - k == 1 && k >= 3)
            k--;                           /* no widow */
          if (k < 2 && !at_page_top (doc))
            k = 0;                         /* no orphan */
          if (k == 0 && at_page_top (doc))
            k = 1;                         /* a line taller than a page */
        }
      if (k > 0)
        {
          Item item = { ITEM_TEXT, para, i, k, x, doc->y };

          if (i == 0)
            {
              if (page)
                *page = current_page (doc);
              if (y)
                *y = doc->y;
            }
          add_item (doc, current_page (doc), &item);
          doc->y += para->lines[i + k - 1].y1 - para->lines[i].y0;
          i += k;
        }
      if (i < para->n_lines)
        new_page (doc);
    }
}

/* Puts a one-line paragraph beside the first line of another (a number, a
 * label), top-aligned with it. */
static void
attach (Doc        *doc,
        Para       *para,
        guint       page,
        double      x,
        double      y,
        const char *outline)
{
  Item item = { ITEM_TEXT, para, 0, 1, x, y, .outline = g_strdup (outline) };

  add_item (doc, page, &item);
}

static void
rule (Doc   *doc,
      double x,
      double width,
      double thickness)
{
  Item item = { ITEM_RULE, NULL, 0, 0, x, doc->y, width, thickness };

  add_item (doc, current_page (doc), &item);
}

static Para *
tag_label (Doc        *doc,
           const char *obligation,
           Rgb         color)
{
  return para_new (doc, kk_obligation_label_for_lang (obligation, doc->lang), SANS " Bold 7", 200, 0, 0, color);
}

static void
prepare_tags (Doc *doc)
{
  doc->tag_shall = tag_label (doc, "shall", white);
  doc->tag_should = tag_label (doc, "should", accent);
  doc->tag_width = MAX (doc->tag_shall->width, doc->tag_should->width) + 10.0;
  /* Centre the label in the box. */
  doc->tag_shall->lines[0].x = (doc->tag_width - doc->tag_shall->width) / 2;
  doc->tag_should->lines[0].x = (doc->tag_width - doc->tag_should->width) / 2;
}

/* The SKA/BÖR marker, vertically centred on a line of height @line_height at @y. */
static void
tag (Doc        *doc,
     const char *obligation,
     guint       page,
     double      x,
     double      y,
     double      line_height)
{
  gboolean shall = g_strcmp0 (obligation, "shall") == 0;
  Para *label = shall ? doc->tag_shall : doc->tag_should;
  double h = first_line_height (label) + 4.0;
  Item item = { ITEM_TAG, label, 0, 1, x, y + (line_height - h) / 2, doc->tag_width, h, shall };

  add_item (doc, page, &item);
}

/* ------------------------------------------------------------------ */
/* Content */

static char *
status_labels_text (const char *lang,
                    KkDocString id)
{
  return kk_doc_expand (id, lang,
                        kk_answer_status_label_for_lang ("met", lang),
                        kk_answer_status_label_for_lang ("partly_met", lang),
                        kk_answer_status_label_for_lang ("not_met", lang),
                        kk_answer_status_label_for_lang ("not_applicable", lang),
                        NULL);
}

static void
meta_row (Doc        *doc,
          const char *label,
          const char *value)
{
  const double label_width = 128.0;
  Para *l = para_new (doc, label, SANS " 8", label_width - 8, 0, 0, muted);
  Para *v = para_new (doc, value && *value ? value : kk_doc_str (KK_DOC_NONE, doc->lang),
                      SANS " 10", CONTENT_WIDTH - label_width, 1.15, 0, ink);
  guint page;
  double y;

  keep (doc, para_height (v, 2));
  flow (doc, v, MARGIN_LEFT + label_width, &page, &y);
  /* Align the label's baseline with the value's first baseline. */
  attach (doc, l, page, MARGIN_LEFT, y + v->lines[0].baseline - l->lines[0].baseline, NULL);
  doc->y += 7.0;
}

static void
layout_title_page (Doc          *doc,
                   KkExportData *data)
{
  const char *lang = doc->lang;
  KkProcurement *p = data->procurement;
  g_autofree char *now = kk_now_iso8601 ();
  g_autofree char *date = kk_export_format_date (now, lang);
  g_autofree char *n_shall = g_strdup_printf ("%u", data->n_shall);
  g_autofree char *n_should = g_strdup_printf ("%u", data->n_should);
  g_autofree char *n_total = g_strdup_printf ("%u", data->items->len);
  g_autofree char *scope = kk_doc_expand (KK_DOC_N_REQUIREMENTS_VALUE, lang, n_total, n_shall, n_should, NULL);
  g_autofree char *how_checklist = status_labels_text (lang, KK_DOC_HOW_CHECKLIST);
  /* A draft has no catalogue version yet: it uses the current catalogue's wording. */
  g_autofree char *catalogue = p->catalog_version ? g_strdup (p->catalog_version)
                                                  : kk_catalog_describe_current_version (doc->db);
  const double indent = doc->tag_width + 12.0;
  struct {
    const char *obligation;
    const char *text;
  } how[] = {
    { "shall", kk_doc_str (KK_DOC_HOW_SHALL, lang) },
    { "should", kk_doc_str (KK_DOC_HOW_SHOULD, lang) },
    { NULL, how_checklist },
    { NULL, kk_doc_str (KK_DOC_HOW_VERIFICATION, lang) },
    { NULL, kk_doc_str (KK_DOC_CONTENTS_NOTE, lang) },
  };
  Para *para;

  new_page (doc);
  doc->y = 150.0;

  para = para_new (doc, kk_doc_str (KK_DOC_APPENDIX, lang), SANS " Bold 28", CONTENT_WIDTH, 0, 0, accent);
  flow (doc, para, MARGIN_LEFT, NULL, NULL);
  doc->y += 4.0;
  para = para_new (doc, kk_doc_str (KK_DOC_APPENDIX_SUBTITLE, lang), SANS " 12", CONTENT_WIDTH, 0, 0, muted);
  flow (doc, para, MARGIN_LEFT, NULL, NULL);

  doc->y += 34.0;
  para = para_new (doc, p->title, SANS " Bold 16", CONTENT_WIDTH, 1.1, 0, ink);
  flow (doc, para, MARGIN_LEFT, NULL, NULL);

  space (doc, 26.0);
  rule (doc, MARGIN_LEFT, CONTENT_WIDTH, 0.6);
  doc->y += 12.0;
  meta_row (doc, kk_doc_str (KK_DOC_DNR, lang), p->dnr);
  meta_row (doc, kk_doc_str (KK_DOC_UNIT, lang), p->unit);
  meta_row (doc, kk_doc_str (KK_DOC_DATE, lang), date);
  meta_row (doc, kk_doc_str (KK_DOC_CATALOGUE, lang), catalogue);
  meta_row (doc, kk_doc_str (KK_DOC_N_REQUIREMENTS, lang), scope);
  doc->y += 5.0;
  rule (doc, MARGIN_LEFT, CONTENT_WIDTH, 0.6);

  space (doc, 34.0);
  para = para_new (doc, kk_doc_str (KK_DOC_HOW_TO_ANSWER, lang), SANS " Bold 11", CONTENT_WIDTH, 0, 0, accent);
  keep (doc, first_line_height (para) + 40.0);
  flow (doc, para, MARGIN_LEFT, NULL, NULL);
  doc->y += 8.0;

  for (guint i = 0; i < G_N_ELEMENTS (how); i++)
    {
      guint page;
      double y;

      para = para_new (doc, how[i].text, SERIF " 9.5", CONTENT_WIDTH - indent, 1.25, 0, ink);
      keep (doc, para_height (para, 2));
      flow (doc, para, MARGIN_LEFT + indent, &page, &y);
      if (how[i].obligation != NULL)
        tag (doc, how[i].obligation, page, MARGIN_LEFT, y, first_line_height (para));
      doc->y += 7.0;
    }
}

static void
layout_requirement (Doc             *doc,
                    KkExportArea    *area,
                    gboolean         first_in_area,
                    const char      *number,
                    KkChecklistItem *item)
{
  const char *lang = doc->lang;
  const double x = MARGIN_LEFT + NUMBER_WIDTH;
  const double width = CONTENT_WIDTH - NUMBER_WIDTH;
  const char *verification = kk_checklist_item_get_verification (item, lang);
  const char *text = kk_checklist_item_get_text (item, lang);
  Para *heading = NULL, *area_number = NULL;
  Para *num, *title, *code, *body = NULL, *check = NULL;
  double need;
  guint page;
  double y;

  if (first_in_area)
    {
      g_autofree char *n = g_strdup_printf ("%u", area->number);

      heading = para_new (doc, area->name, SANS " Bold 13", width, 1.1, 0, accent);
      area_number = para_new (doc, n, SANS " Bold 13", NUMBER_WIDTH, 0, 0, accent);
    }

  num = para_new (doc, number, SANS " Bold 10", NUMBER_WIDTH, 0, 0, ink);
  title = para_new (doc, kk_checklist_item_get_title (item, lang), SANS " Bold 10",
                    width - doc->tag_width - 10.0, 1.1, 0, ink);
  code = para_new (doc, item->code, SANS " 7.5", width, 0, 0, muted);
  if (text != NULL && *text != '\0')
    body = para_new (doc, text, SERIF " 9.5", width, 1.25, 0, ink);
  if (verification != NULL && *verification != '\0')
    {
      const char *label = kk_doc_str (KK_DOC_VERIFICATION, lang);
      g_autofree char *full = g_strconcat (label, " ", verification, NULL);

      check = para_new (doc, full, SANS " 8.5", width, 1.2, strlen (label), muted);
    }

  /* Keep the area heading, the requirement's heading and the first two
   * lines of its text together. */
  need = para_height (title, title->n_lines) + 2.0 + para_height (code, 1) + 5.0;
  if (body != NULL)
    need += para_height (body, 2);
  else if (check != NULL)
    need += para_height (check, 2);

  if (heading != NULL)
    {
      g_autofree char *bookmark = g_strdup_printf ("%u  %s", area->number, area->name);

      space (doc, 24.0);
      keep (doc, para_height (heading, heading->n_lines) + 14.0 + need);
      flow (doc, heading, x, &page, &y);
      /* The bookmark rides on the number, drawn with the heading's first line. */
      attach (doc, area_number, page, MARGIN_LEFT, y, bookmark);
      doc->y += 4.0;
      rule (doc, MARGIN_LEFT, CONTENT_WIDTH, 0.5);
      doc->y += 10.0;
    }
  else
    space (doc, 14.0);

  keep (doc, need);
  flow (doc, title, x, &page, &y);
  attach (doc, num, page, MARGIN_LEFT, y, NULL);
  tag (doc, item->obligation, page, MARGIN_LEFT + CONTENT_WIDTH - doc->tag_width, y, first_line_height (title));
  doc->y += 2.0;
  flow (doc, code, x, NULL, NULL);
  if (body != NULL)
    {
      doc->y += 5.0;
      flow (doc, body, x, NULL, NULL);
    }
  if (check != NULL)
    {
      doc->y += 5.0;
      flow (doc, check, x, NULL, NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Drawing */

static void
set_color (cairo_t *cr,
           Rgb      c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

static void
draw_lines (cairo_t *cr,
            Para    *para,
            int      first,
            int      n,
            double   x,
            double   y)
{
  set_color (cr, para->color);
  for (int j = first; j < first + n && j < para->n_lines; j++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (para->layout, j);

      cairo_move_to (cr, x + para->lines[j].x, y + para->lines[j].baseline - para->lines[first].y0);
      pango_cairo_show_layout_line (cr, line);
    }
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_item (cairo_t         *cr,
           cairo_surface_t *surface,
           guint            page,
           Item            *item)
{
  if (item->outline != NULL)
    {
      char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *attrs = NULL;

      /* Not printf's %f: a Swedish locale would write a decimal comma. */
      g_ascii_formatd (xs, sizeof xs, "%.1f", item->x);
      g_ascii_formatd (ys, sizeof ys, "%.1f", item->y);
      attrs = g_strdup_printf ("page=%u pos=[%s %s]", page + 1, xs, ys);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, item->outline, attrs, 0);
    }

  switch (item->kind)
    {
    case ITEM_TEXT:
      draw_lines (cr, item->para, item->first, item->n, item->x, item->y);
      break;

    case ITEM_RULE:
      set_color (cr, hairline);
      cairo_set_line_width (cr, item->h);
      cairo_move_to (cr, item->x, item->y);
      cairo_line_to (cr, item->x + item->w, item->y);
      cairo_stroke (cr);
      break;

    case ITEM_TAG:
      rounded_rect (cr, item->x + 0.4, item->y + 0.4, item->w - 0.8, item->h - 0.8, 2.0);
      set_color (cr, accent);
      if (item->filled)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 0.8);
          cairo_stroke (cr);
        }
      draw_lines (cr, item->para, 0, 1, item->x, item->y + (item->h - first_line_height (item->para)) / 2);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
draw_page_frame (Doc       *doc,
                 cairo_t   *cr,
                 guint      page,
                 Para      *header_left,
                 Para      *header_right)
{
  g_autofree char *n = g_strdup_printf ("%u", page + 1);
  g_autofree char *m = g_strdup_printf ("%u", doc->pages->len);
  g_autofree char *text = kk_doc_expand (KK_DOC_PAGE_N_OF_M, doc->lang, n, m, NULL);
  Para *footer = para_new (doc, text, SANS " 7.5", CONTENT_WIDTH, 0, 0, muted);

  footer->lines[0].x = CONTENT_WIDTH - footer->width;
  draw_lines (cr, footer, 0, 1, MARGIN_LEFT, FOOTER_TOP);

  if (page == 0)
    return;

  draw_lines (cr, header_left, 0, 1, MARGIN_LEFT, HEADER_TOP);
  draw_lines (cr, header_right, 0, 1, MARGIN_LEFT + CONTENT_WIDTH - header_right->width, HEADER_TOP);
  set_color (cr, hairline);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_LEFT, HEADER_TOP + first_line_height (header_left) + 5.0);
  cairo_line_to (cr, MARGIN_LEFT + CONTENT_WIDTH, HEADER_TOP + first_line_height (header_left) + 5.0);
  cairo_stroke (cr);
}

/* A one-line paragraph cut with an ellipsis at @width. */
static Para *
para_new_ellipsized (Doc        *doc,
                     const char *text,
                     const char *font,
                     double      width,
                     Rgb         color)
{
  g_autofree char *clean = clean_text (text);
  Para *para;

  /* Line breaks would make a second line: the header is one line. */
  g_strdelimit (clean, "\n\t", ' ');
  para = para_new (doc, clean, font, width, 0, 0, color);
  pango_layout_set_ellipsize (para->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (para->layout, 0);    /* one line */
  /* Re-measure the single line. */
  {
    PangoRectangle logical;

    pango_layout_get_extents (para->layout, NULL, &logical);
    para->n_lines = 1;
    para->width = (double) (logical.x + logical.width) / PANGO_SCALE;
    para->lines[0].x = (double) logical.x / PANGO_SCALE;
    para->lines[0].y0 = (double) logical.y / PANGO_SCALE;
    para->lines[0].y1 = (double) (logical.y + logical.height) / PANGO_SCALE;
    para->lines[0].baseline = (double) pango_layout_get_baseline (para->layout) / PANGO_SCALE;
  }
  return para;
}

/* ------------------------------------------------------------------ */
/* Output */

typedef struct {
  FILE *file;
  int   error;   /* errno of the first failed write */
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  errno = 0;
  if (fwrite (data, 1, length, sink->file) != length)
    {
      sink->error = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
doc_clear (Doc *doc)
{
  g_clear_pointer (&doc->pages, g_ptr_array_unref);
  g_clear_pointer (&doc->paras, g_ptr_array_unref);
  g_clear_object (&doc->context);
}

static gboolean
render (Doc           *doc,
        KkExportData  *data,
        Sink          *sink,
        const char    *path,
        GError       **error)
{
  const char *lang = doc->lang;
  KkProcurement *p = data->procurement;
  g_autofree char *header_text = g_strdup_printf ("%s · %s", kk_doc_str (KK_DOC_APPENDIX, lang), p->title);
  g_autofree char *dnr_text = g_strdup_printf ("%s %s", kk_doc_str (KK_DOC_DNR_SHORT, lang), p->dnr);
  g_autofree char *title = g_strdup_printf ("%s – %s", kk_doc_str (KK_DOC_APPENDIX, lang), p->title);
  g_autofree char *subject = g_strdup_printf ("%s %s", kk_doc_str (KK_DOC_DNR, lang), p->dnr);
  g_autofree char *now = kk_now_iso8601 ();
  Para *header_right = para_new_ellipsized (doc, dnr_text, SANS " 7.5", CONTENT_WIDTH * 0.3, muted);
  Para *header_left = para_new_ellipsized (doc, header_text, SANS " 7.5",
                                           CONTENT_WIDTH - header_right->width - 24.0, muted);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (sink_write, sink, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Kravkoll");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, now);
  cr = cairo_create (surface);

  for (guint page = 0; page < doc->pages->len; page++)
    {
      GArray *items = g_ptr_array_index (doc->pages, page);

      draw_page_frame (doc, cr, page, header_left, header_right);
      for (guint i = 0; i < items->len; i++)
        draw_item (cr, surface, page, &g_array_index (items, Item, i));
      cairo_show_page (cr);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        break;
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink->error != 0)
    {
      g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), path, g_strerror (sink->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
kk_export_appendix_pdf (KkDatabase       *db,
                        gint64            procurement_id,
                        const char       *lang,
                        const char       *path,
                        KkExportProgress  progress,
                        gpointer          user_data,
                        GError          **error)
{
  g_auto(KkExportData) data = { 0 };
  g_autofree char *part = NULL;
  Doc doc = { 0 };
  Sink sink = { 0 };
  gboolean ok;
  guint done = 0;

  g_return_val_if_fail (KK_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!kk_export_check_lang (lang, error))
    return FALSE;
  if (!kk_export_data_load (&data, db, procurement_id, 0, lang, error))
    return FALSE;

  part = kk_export_part_path (path);
  sink.file = g_fopen (part, "wb");
  if (sink.file == NULL)
    {
      int saved = errno;

      g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  /* Layout pass. Points are device units: resolution 72, no hinting, so
   * what is measured here is what the PDF shows. */
  {
    cairo_font_options_t *options = cairo_font_options_create ();

    doc.context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options (doc.context, options);
    cairo_font_options_destroy (options);
    pango_cairo_context_set_resolution (doc.context, 72.0);
    pango_context_set_round_glyph_positions (doc.context, FALSE);
    pango_context_set_language (doc.context, pango_language_from_string (lang));
  }
  doc.db = db;
  doc.lang = lang;
  doc.paras = g_ptr_array_new_with_free_func (para_free);
  doc.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  prepare_tags (&doc);

  layout_title_page (&doc, &data);
  new_page (&doc);
  for (guint a = 0; a < data.areas->len; a++)
    {
      KkExportArea *area = g_ptr_array_index (data.areas, a);

      for (guint i = 0; i < area->items->len; i++)
        {
          KkChecklistItem *item = g_ptr_array_index (area->items, i);
          g_autofree char *number = g_strdup_printf ("%u.%u", area->number, i + 1);

          layout_requirement (&doc, area, i == 0, number, item);
          done++;
          if (progress != NULL)
            progress (0.9 * done / data.items->len, user_data);
        }
    }

  ok = render (&doc, &data, &sink, path, error);
  doc_clear (&doc);

  if (fclose (sink.file) != 0 && ok)
    {
      int saved = errno;

      g_set_error (error, KK_EXPORT_ERROR, KK_EXPORT_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (part);
      return FALSE;
    }
  if (!kk_export_commit_part (part, path, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
