// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-cell-text"

#include "kk-cell-text.h"

struct _KkCellText
{
  GtkWidget    parent_instance;

  char        *text;
  char        *icon_name;
  GdkPaintable *icon;       /* looked up when first drawn */
  guint        min_chars;
  float        xalign;
  gboolean     repeated;    /* lays out with the cells of the same text */
  PangoLayout *layout;      /* created when first drawn; follows the widget's
                             * PangoContext, which GTK keeps in line with CSS */
};

G_DEFINE_FINAL_TYPE (KkCellText, kk_cell_text, GTK_TYPE_WIDGET)

#define ICON_SIZE    16
#define ICON_SPACING 6

typedef struct {
  int char_px;   /* the wider of the average character and digit */
  int line_px;
} Metrics;

/* The metrics of the window's font (one PangoContext for all cells), per
 * font and scale. Measuring runs for every cell of a column as rows come
 * in, so the context last asked about answers without building the key
 * while it has not changed. Main thread only, like every widget. */
static const Metrics *
metrics_for (GtkWidget *widget)
{
  static GHashTable *cache;
  static PangoContext *last_context;  /* weak */
  static guint last_serial;
  static int last_scale;
  static const Metrics *last;
  GtkRoot *root = gtk_widget_get_root (widget);
  PangoContext *context = gtk_widget_get_pango_context (root ? GTK_WIDGET (root) : widget);
  int scale = gtk_widget_get_scale_factor (widget);
  const PangoFontDescription *font;
  g_autofree char *font_name = NULL;
  g_autofree char *key = NULL;
  Metrics *metrics;

  if (last != NULL && context == last_context && pango_context_get_serial (context) == last_serial && scale == last_scale)
    return last;

  font = pango_context_get_font_description (context);
  font_name = font ? pango_font_description_to_string (font) : g_strdup ("");
  key = g_strdup_printf ("%s@%d", font_name, scale);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  metrics = g_hash_table_lookup (cache, key);
  if (metrics == NULL)
    {
      PangoFontMetrics *pango_metrics = pango_context_get_metrics (context, NULL, NULL);

      metrics = g_new0 (Metrics, 1);
      metrics->char_px = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (pango_metrics),
                                                 pango_font_metrics_get_approximate_digit_width (pango_metrics)));
      metrics->line_px = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (pango_metrics) +
                                            pango_font_metrics_get_descent (pango_metrics));
      pango_font_metrics_unref (pango_metrics);
      g_hash_table_insert (cache, g_steal_pointer (&key), metrics);
    }
  g_set_weak_pointer (&last_context, context);
  last_serial = pango_context_get_serial (context);
  last_scale = scale;
  last = metrics;
  return metrics;
}

static void
kk_cell_text_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  KkCellText *self = KK_CELL_TEXT (widget);
  const Metrics *metrics = metrics_for (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (int) self->min_chars * metrics->char_px + (self->icon_name ? ICON_SIZE + ICON_SPACING : 0);
  else
    *minimum = *natural = MAX (metrics->line_px, self->icon_name ? ICON_SIZE : 0);
}

/* The layouts of texts repeated down a column ("SHALL", an area's name),
 * shared by the cells that draw the same text in the same style at the
 * same width: one text layout per value instead of one per row. */
#define MAX_SHARED_LAYOUTS 256

static PangoLayout *
shared_layout (KkCellText *self,
               int         width,
               PangoAlignment align)
{
  static GHashTable *layouts;
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *class_list = g_strjoinv (".", classes);
  g_autofree char *key = NULL;
  PangoLayout *layout;

  /* Everything that shapes the text: the font and its options, the CSS
   * classes (for the text attributes CSS adds), the width and alignment. */
  key = g_strdup_printf ("%s|%s|%p:%u|%lu|%g|%d|%d|%d|%s|%s", font, class_list,
                         (gpointer) pango_context_get_font_map (context),
                         pango_font_map_get_serial (pango_context_get_font_map (context)),
                         options ? cairo_font_options_hash (options) : 0UL,
                         pango_cairo_context_get_resolution (context),
                         gtk_widget_get_scale_factor (widget), width, align,
                         pango_language_to_string (pango_context_get_language (context)), self->text);
  if (layouts == NULL)
    layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout = g_hash_table_lookup (layouts, key);
  if (layout == NULL)
    {
      if (g_hash_table_size (layouts) >= MAX_SHARED_LAYOUTS)
        g_hash_table_remove_all (layouts);
      layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_alignment (layout, align);
      pango_layout_set_width (layout, width * PANGO_SCALE);
      g_hash_table_insert (layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

static PangoAlignment
text_alignment (KkCellText *self)
{
  gboolean ltr = gtk_widget_get_direction (GTK_WIDGET (self)) != GTK_TEXT_DIR_RTL;

  if (self->xalign < 0.33)
    return ltr ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
  if (self->xalign < 0.67)
    return PANGO_ALIGN_CENTER;
  return ltr ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* The cell's own layout, when it has one, follows a new direction or
 * alignment. */
static void
update_alignment (KkCellText *self)
{
  if (self->layout != NULL)
    pango_layout_set_alignment (self->layout, text_alignment (self));
}

static void
kk_cell_text_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  KkCellText *self = KK_CELL_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int text_x = 0;
  PangoRectangle logical;
  PangoLayout *layout;

  if (width <= 0 || height <= 0)
    return;

  if (self->icon_name != NULL)
    {
      GdkRGBA color;

      if (self->icon == NULL)
        self->icon = GDK_PAINTABLE (gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                                                self->icon_name, NULL, ICON_SIZE,
                                                                gtk_widget_get_scale_factor (widget),
                                                                gtk_widget_get_direction (widget), 0));
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      G_GNUC_END_IGNORE_DEPRECATIONS
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? width - ICON_SIZE : 0, (height - ICON_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->icon), snapshot, ICON_SIZE, ICON_SIZE,
                                                &color, 1);
      gtk_snapshot_restore (snapshot);
      width -= ICON_SIZE + ICON_SPACING;
      text_x = rtl ? 0 : ICON_SIZE + ICON_SPACING;
    }

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  if (self->repeated)
    layout = shared_layout (self, width, text_alignment (self));
  else
    {
      if (self->layout == NULL)
        {
          self->layout = gtk_widget_create_pango_layout (widget, self->text);
          pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_single_paragraph_mode (self->layout, TRUE);
          pango_layout_set_alignment (self->layout, text_alignment (self));
        }
      layout = self->layout;
      pango_layout_set_width (layout, width * PANGO_SCALE);
    }
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (text_x, 0, width, height));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget),
                              text_x, MAX (0, (height - logical.height) / 2), layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_pop (snapshot);
}

static void
kk_cell_text_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (kk_cell_text_parent_class)->direction_changed (widget, previous);
  update_alignment (KK_CELL_TEXT (widget));
  g_clear_object (&KK_CELL_TEXT (widget)->icon);
}

/* A new icon theme or scale: the icon is looked up again when drawn. */
static void
kk_cell_text_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (kk_cell_text_parent_class)->css_changed (widget, change);
  g_clear_object (&KK_CELL_TEXT (widget)->icon);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  KkCellText *self = KK_CELL_TEXT (widget);

  if (self->text == NULL || *self->text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

static void
kk_cell_text_finalize (GObject *object)
{
  KkCellText *self = KK_CELL_TEXT (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->icon);
  g_free (self->icon_name);
  g_free (self->text);
  G_OBJECT_CLASS (kk_cell_text_parent_class)->finalize (object);
}

static void
kk_cell_text_class_init (KkCellTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kk_cell_text_finalize;
  widget_class->measure = kk_cell_text_measure;
  widget_class->snapshot = kk_cell_text_snapshot;
  widget_class->direction_changed = kk_cell_text_direction_changed;
  widget_class->css_changed = kk_cell_text_css_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
kk_cell_text_init (KkCellText *self)
{
}

GtkWidget *
kk_cell_text_new (guint    min_chars,
                  gboolean tooltip)
{
  KkCellText *self = g_object_new (KK_TYPE_CELL_TEXT, NULL);

  self->min_chars = min_chars;
  if (tooltip)
    {
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
      g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  return GTK_WIDGET (self);
}

void
kk_cell_text_set_text (GtkWidget  *cell,
                       const char *text)
{
  KkCellText *self;

  g_return_if_fail (KK_IS_CELL_TEXT (cell));

  self = KK_CELL_TEXT (cell);
  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  /* Same size whatever the text: no new measuring, only drawing. */
  gtk_widget_queue_draw (cell);
}

const char *
kk_cell_text_get_text (GtkWidget *cell)
{
  g_return_val_if_fail (KK_IS_CELL_TEXT (cell), NULL);

  return KK_CELL_TEXT (cell)->text ? KK_CELL_TEXT (cell)->text : "";
}

void
kk_cell_text_set_icon_name (GtkWidget  *cell,
                            const char *icon_name)
{
  KkCellText *self;
  gboolean resize;

  g_return_if_fail (KK_IS_CELL_TEXT (cell));

  self = KK_CELL_TEXT (cell);
  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;
  resize = (self->icon_name == NULL) != (icon_name == NULL);
  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  g_clear_object (&self->icon);
  if (resize)
    gtk_widget_queue_resize (cell);
  else
    gtk_widget_queue_draw (cell);
}

void
kk_cell_text_set_xalign (GtkWidget *cell,
                         float      xalign)
{
  g_return_if_fail (KK_IS_CELL_TEXT (cell));

  KK_CELL_TEXT (cell)->xalign = CLAMP (xalign, 0.0, 1.0);
  update_alignment (KK_CELL_TEXT (cell));
  gtk_widget_queue_draw (cell);
}

void
kk_cell_text_set_repeated (GtkWidget *cell,
                           gboolean   repeated)
{
  g_return_if_fail (KK_IS_CELL_TEXT (cell));

  KK_CELL_TEXT (cell)->repeated = !!repeated;
  g_clear_object (&KK_CELL_TEXT (cell)->layout);
  gtk_widget_queue_draw (cell);
}
