// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-cell-text"

#include "kk-cell-text.h"

typedef struct {
  int char_px;   /* the wider of the average character and digit */
  int line_px;
} Metrics;

/* Per font (as a string) and scale: every cell of a list shares one. Main
 * thread only, like every widget. */
static const Metrics *
metrics_for (GtkWidget *cell)
{
  static GHashTable *cache;
  PangoContext *context = gtk_widget_get_pango_context (cell);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  g_autofree char *font_name = font ? pango_font_description_to_string (font) : g_strdup ("");
  g_autofree char *key = g_strdup_printf ("%s@%d", font_name, gtk_widget_get_scale_factor (cell));
  Metrics *metrics;

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
  return metrics;
}

static gboolean
query_tooltip_cb (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

GtkWidget *
kk_cell_text_new (guint    min_chars,
                  gboolean tooltip)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  const Metrics *metrics;

  /* No chars and no lines: the inscription measures itself as 0 × 0
   * without asking Pango, and the size request below is its size. */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  metrics = metrics_for (cell);
  gtk_widget_set_size_request (cell, (int) min_chars * metrics->char_px, metrics->line_px);
  if (tooltip)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  return cell;
}

void
kk_cell_text_set_text (GtkWidget  *cell,
                       const char *text)
{
  g_return_if_fail (GTK_IS_INSCRIPTION (cell));

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text ? text : "");
}

const char *
kk_cell_text_get_text (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_INSCRIPTION (cell), NULL);

  return gtk_inscription_get_text (GTK_INSCRIPTION (cell));
}
