// SPDX-License-Identifier: GPL-3.0-or-later
/* The widgets list rows are made of: KkBox lays out like a GtkBox under a
 * CSS name of its own, and KkCellText draws its icon in its text's
 * colour, making room for it. Pixels are read back from a real render. */
#include <adwaita.h>
#include <string.h>

#include "kk-box.h"
#include "kk-cell-text.h"
#include "kk-gui-util.h"
#include "kk-width-first-layout.h"

#define SKIP_WITHOUT_DISPLAY() \
  G_STMT_START { if (gdk_display_get_default () == NULL) { g_test_skip ("no display"); return; } } G_STMT_END

static GtkWidget *
fixed_child (int width,
             int height)
{
  GtkWidget *child = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (child), width);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (child), height);
  return child;
}

static void
test_box_layout (void)
{
  GtkWidget *box, *reference;
  int box_min, box_nat, ref_min, ref_nat;

  SKIP_WITHOUT_DISPLAY ();
  box = g_object_ref_sink (kk_box_new (GTK_ORIENTATION_VERTICAL, 3));
  reference = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 3));
  for (int i = 0; i < 3; i++)
    {
      kk_box_append (KK_BOX (box), fixed_child (40 + i, 10 + i));
      gtk_box_append (GTK_BOX (reference), fixed_child (40 + i, 10 + i));
    }
  g_assert_cmpstr (gtk_widget_get_css_name (box), ==, "kk-box");

  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, -1, &box_min, &box_nat, NULL, NULL);
  gtk_widget_measure (reference, GTK_ORIENTATION_VERTICAL, -1, &ref_min, &ref_nat, NULL, NULL);
  g_assert_cmpint (box_min, ==, 10 + 11 + 12 + 2 * 3);
  g_assert_cmpint (box_min, ==, ref_min);
  g_assert_cmpint (box_nat, ==, ref_nat);
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &box_min, &box_nat, NULL, NULL);
  g_assert_cmpint (box_min, ==, 42);

  /* Its children go with it. */
  g_assert_cmpint (g_list_model_get_n_items (gtk_widget_observe_children (box)), ==, 3);
  g_object_unref (box);
  g_object_unref (reference);
}

/* Renders what @widget (allocated, in a window) draws itself and returns
 * its pixels (B, G, R, A). */
static guchar *
render (GtkWidget *widget,
        int       *width,
        int       *height)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guchar *pixels;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  gsk_renderer_unrealize (renderer);
  pixels = g_malloc (*width * *height * 4);
  gdk_texture_download (texture, pixels, *width * 4);
  return pixels;
}

/* Whether a pixel in columns [x0, x1) is drawn in about @color. */
static gboolean
has_color_in (const guchar  *pixels,
              int            width,
              int            height,
              int            x0,
              int            x1,
              const GdkRGBA *color)
{
  for (int y = 0; y < height; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = pixels + (y * width + x) * 4;

        if (p[3] > 200 && ABS (p[2] - color->red * 255) < 40 && ABS (p[1] - color->green * 255) < 40 &&
            ABS (p[0] - color->blue * 255) < 40)
          return TRUE;
      }
  return FALSE;
}

static void
test_cell_icon (void)
{
  GtkWidget *window, *cell;
  g_autofree guchar *pixels = NULL;
  int plain_width, with_icon, width, height;
  GdkRGBA red = { 0.9, 0.1, 0.1, 1.0 };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  SKIP_WITHOUT_DISPLAY ();
  gtk_css_provider_load_from_data (css, ".kk-test-red { color: rgb(230, 25, 25); }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  cell = kk_cell_text_new (10, FALSE);
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &plain_width, NULL, NULL, NULL);
  kk_cell_text_set_icon_name (cell, "dialog-error-symbolic");
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &with_icon, NULL, NULL, NULL);
  /* Room for the 16 px icon and 6 px before the text. */
  g_assert_cmpint (with_icon, ==, plain_width + 22);

  kk_cell_text_set_text (cell, "Not met");
  gtk_widget_add_css_class (cell, "kk-test-red");
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), cell);
  gtk_window_set_default_size (GTK_WINDOW (window), with_icon, 30);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (cell) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* The icon is drawn at the start, in the text's colour. */
  pixels = render (cell, &width, &height);
  g_assert_true (has_color_in (pixels, width, height, 0, 16, &red));
  g_clear_pointer (&pixels, g_free);

  /* Without an icon or text, nothing is drawn. */
  kk_cell_text_set_icon_name (cell, NULL);
  kk_cell_text_set_text (cell, NULL);
  {
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    GTK_WIDGET_GET_CLASS (cell)->snapshot (cell, snapshot);
    node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    g_assert_null (node);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
}

/* How many columns have an inked pixel. */
static int
ink_columns (const guchar *pixels,
             int           width,
             int           height)
{
  int columns = 0;

  for (int x = 0; x < width; x++)
    for (int y = 0; y < height; y++)
      if (pixels[(y * width + x) * 4 + 3] > 0)
        {
          columns++;
          break;
        }
  return columns;
}

/* Cells whose text repeats down a column share its layout only with cells
 * of the same style: a bolder, larger cell draws wider, the same text in
 * the same style draws the same pixels whether shared or not. */
static void
test_shared_layouts (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GtkWidget *window, *box, *big, *plain, *again, *other, *own;
  g_autofree guchar *big_px = NULL, *plain_px = NULL, *again_px = NULL, *other_px = NULL, *own_px = NULL;
  int width, height, big_ink, plain_ink;

  SKIP_WITHOUT_DISPLAY ();
  gtk_css_provider_load_from_data (css, ".kk-test-big { font-size: 20pt; font-weight: bold; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  big = kk_cell_text_new (10, FALSE);
  plain = kk_cell_text_new (10, FALSE);
  again = kk_cell_text_new (10, FALSE);
  other = kk_cell_text_new (10, FALSE);
  own = kk_cell_text_new (10, FALSE);
  gtk_widget_add_css_class (big, "kk-test-big");
  for (GtkWidget **cell = (GtkWidget *[]) { big, plain, again, other, own, NULL }; *cell; cell++)
    {
      kk_cell_text_set_text (*cell, *cell == other ? "BÖR" : "SKA");
      kk_cell_text_set_repeated (*cell, *cell != own);
      gtk_box_append (GTK_BOX (box), *cell);
    }
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (own) == 0)
    g_main_context_iteration (NULL, TRUE);

  big_px = render (big, &width, &height);
  plain_px = render (plain, &width, &height);
  again_px = render (again, &width, &height);
  other_px = render (other, &width, &height);
  own_px = render (own, &width, &height);
  big_ink = ink_columns (big_px, width, height);
  plain_ink = ink_columns (plain_px, width, height);
  g_assert_cmpint (plain_ink, >, 0);
  g_assert_cmpint (big_ink, >, plain_ink);
  g_assert_cmpmem (plain_px, width * height * 4, again_px, width * height * 4);
  g_assert_cmpmem (plain_px, width * height * 4, own_px, width * height * 4);
  g_assert_true (memcmp (plain_px, other_px, width * height * 4) != 0);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
}

/* kk_gui_util_row_new (): title and subtitle on one line each, prefixes
 * before them and suffixes after, in the order added. */
static void
test_list_row (void)
{
  GtkWidget *row, *header, *titles, *title, *subtitle, *icon, *button, *tag;

  SKIP_WITHOUT_DISPLAY ();
  row = g_object_ref_sink (kk_gui_util_row_new ("Bygg & Co AB", "556036-0793 · 3 of 5 checked"));
  icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  tag = gtk_label_new ("SHALL met");
  button = gtk_button_new ();
  kk_gui_util_row_add_suffix (row, tag);
  kk_gui_util_row_add_prefix (row, icon);
  kk_gui_util_row_add_suffix (row, button);

  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  header = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  g_assert_true (KK_IS_BOX (header));
  g_assert_true (gtk_widget_get_first_child (header) == icon);
  titles = gtk_widget_get_next_sibling (icon);
  g_assert_true (KK_IS_BOX (titles));
  g_assert_true (gtk_widget_get_next_sibling (titles) == tag);
  g_assert_true (gtk_widget_get_next_sibling (tag) == button);
  g_assert_true (gtk_widget_get_last_child (header) == button);

  title = gtk_widget_get_first_child (titles);
  subtitle = gtk_widget_get_next_sibling (title);
  /* Plain text (no markup), one line, ellipsized. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "Bygg & Co AB");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==, "556036-0793 · 3 of 5 checked");
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (title)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (title)), ==, PANGO_ELLIPSIZE_END);
  g_assert_true (gtk_widget_has_css_class (subtitle, "subtitle"));
  g_object_unref (row);

  /* Without a subtitle, only the title. */
  row = g_object_ref_sink (kk_gui_util_row_new ("Larm AB", NULL));
  titles = gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
  g_assert_null (gtk_widget_get_next_sibling (gtk_widget_get_first_child (titles)));
  g_object_unref (row);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

/* The row's string, or the factory's own text when it has one. */
static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const char               *text)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text ? text : gtk_string_object_get_string (string));
}

static GtkListItemFactory *
text_factory (const char *text)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (text_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), (gpointer) text);
  return factory;
}

static int
label_width (const char *text)
{
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new (text));
  int natural;

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static gboolean
columns_fixed (GListModel *columns)
{
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_fixed_width (column) <= 0)
        return FALSE;
    }
  return TRUE;
}

static void
wait_columns_fixed (GListModel *columns)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!columns_fixed (columns))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("The columns' widths were not fixed");
    }
}

static int
fixed_width (GListModel *columns,
             guint       i)
{
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

  return gtk_column_view_column_get_fixed_width (column);
}

/* kk_gui_util_fix_column_widths (): once the rows are drawn each column
 * without a fixed width is as wide as its title or its widest cell,
 * whichever is wider; a larger text size makes them wider again. */
static void
test_fixed_columns (void)
{
  const char *strings[] = { "ab", "A cell text a good deal longer than either title", "abc", NULL };
  const char *long_title = "A Title Longer than Its Cells";
  GtkStringList *list;
  GtkColumnView *view;
  GtkColumnViewColumn *column;
  GListModel *columns;
  GtkSettings *settings;
  GtkWidget *window, *scrolled;
  int dpi, text_column, title_column;

  SKIP_WITHOUT_DISPLAY ();
  list = gtk_string_list_new (strings);
  view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (list)))));
  column = gtk_column_view_column_new ("Text", text_factory (NULL));
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  column = gtk_column_view_column_new (long_title, text_factory ("x"));
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  /* A width set already stays, whatever the font. */
  column = gtk_column_view_column_new ("Set", text_factory ("y"));
  gtk_column_view_column_set_fixed_width (column, 77);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  columns = gtk_column_view_get_columns (view);
  kk_gui_util_fix_column_widths (view);
  g_assert_cmpint (fixed_width (columns, 0), ==, -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 300);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  wait_columns_fixed (columns);

  text_column = fixed_width (columns, 0);
  title_column = fixed_width (columns, 1);
  g_assert_cmpint (text_column, >=, label_width (strings[1]));
  g_assert_cmpint (title_column, >=, label_width (long_title));
  g_assert_cmpint (title_column, <, label_width (strings[1]));
  g_assert_cmpint (fixed_width (columns, 2), ==, 77);

  /* Twice the text size: the widths are let go at once, fixed again after
   * the next frame, and wider. */
  settings = gtk_widget_get_settings (GTK_WIDGET (view));
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 2 * (dpi > 0 ? dpi : 96 * 1024), NULL);
  g_assert_cmpint (fixed_width (columns, 0), ==, -1);
  g_assert_cmpint (fixed_width (columns, 2), ==, 77);
  wait_columns_fixed (columns);
  g_assert_cmpint (fixed_width (columns, 0), >, text_column);
  g_assert_cmpint (fixed_width (columns, 1), >, title_column);
  g_assert_cmpint (fixed_width (columns, 2), ==, 77);
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Under KkWidthFirstLayout a wrapping label is asked for its width only
 * without a height, which it does not search for: the width at a height
 * is the width at none, and the height still follows the width. */
static void
test_width_first (void)
{
  GtkWidget *bin, *label;
  int free_min, free_nat, at_height_min, at_height_nat, min, nat, height, label_height;

  SKIP_WITHOUT_DISPLAY ();
  bin = g_object_ref_sink (adw_bin_new ());
  label = gtk_label_new ("Leverantören ska ha en dokumenterad process för hantering av "
                         "säkerhetsincidenter som omfattar upptäckt, rapportering, analys och åtgärd.");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_layout_manager (bin, kk_width_first_layout_new ());
  adw_bin_set_child (ADW_BIN (bin), label);
  g_assert_cmpint (gtk_widget_get_request_mode (bin), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &free_min, &free_nat, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, 40, &at_height_min, &at_height_nat, NULL, NULL);
  /* The label alone needs more width to fit two lines. */
  g_assert_cmpint (at_height_min, >, free_min);

  gtk_widget_measure (bin, GTK_ORIENTATION_HORIZONTAL, 40, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, free_min);
  g_assert_cmpint (nat, ==, free_nat);
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, 200, &height, NULL, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, 200, &label_height, NULL, NULL, NULL);
  g_assert_cmpint (height, ==, label_height);
  g_assert_cmpint (height, >, 40);

  g_object_unref (bin);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (gtk_init_check ())
    adw_init ();
  g_test_add_func ("/row-widgets/box-layout", test_box_layout);
  g_test_add_func ("/row-widgets/cell-icon", test_cell_icon);
  g_test_add_func ("/row-widgets/shared-layouts", test_shared_layouts);
  g_test_add_func ("/row-widgets/list-row", test_list_row);
  g_test_add_func ("/row-widgets/fixed-columns", test_fixed_columns);
  g_test_add_func ("/row-widgets/width-first", test_width_first);
  return g_test_run ();
}
