// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-stable-rows"

#include "config.h"

#include "kk-stable-rows.h"

/* Rows with widgets destroyed per frame while trimming: about 4 ms. */
#define TRIM_ROWS 12
/* Frames left alone after a change: the one that shows it, and the next,
 * which may lay out more of the page, as the catalogue's detail pane. */
#define TRIM_WAIT 2

struct _KkStableRow
{
  GObject  parent_instance;
  GObject *item;      /* NULL: a blank row, to be trimmed */
  guint    n_bound;   /* cells bound to it: it has widgets */
};

G_DEFINE_FINAL_TYPE (KkStableRow,  kk_stable_row, G_TYPE_OBJECT)

static void
kk_stable_row_finalize (GObject *object)
{
  g_clear_object (&KK_STABLE_ROW (object)->item);
  G_OBJECT_CLASS (kk_stable_row_parent_class)->finalize (object);
}

static void
kk_stable_row_class_init (KkStableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kk_stable_row_finalize;
}

static void
kk_stable_row_init (KkStableRow *self)
{
}

struct _KkStableRows
{
  GObject              parent_instance;
  GListModel          *source;
  GPtrArray           *rows;       /* KkStableRow or NULL (not asked for yet), one per position:
                                    * the source's items, then blank rows being trimmed */
  guint                n_source;   /* the source's items */
  KkStableRowsRefresh  refresh;    /* called when rows that stay show other items */
  gpointer             refresh_data;
  GtkWidget           *view;       /* weak: its frames pace the trimming */
  guint                trim_id;    /* its tick callback */
  guint                trim_wait;  /* frames to leave alone before trimming */
  GdkFrameClock       *rest_clock; /* the rows off screen wait for its after-paint */
  gulong               rest_paint_id;
  guint                rest_idle_id; /* ... and then for an iteration of their own */
};

static void kk_stable_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KkStableRows, kk_stable_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kk_stable_rows_list_model_init))

static GType
kk_stable_rows_get_item_type (GListModel *model)
{
  return KK_TYPE_STABLE_ROW;
}

static guint
kk_stable_rows_get_n_items (GListModel *model)
{
  return KK_STABLE_ROWS (model)->rows->len;
}

static gpointer
kk_stable_rows_get_item (GListModel *model,
                         guint       position)
{
  KkStableRows *self = KK_STABLE_ROWS (model);
  KkStableRow *row;

  if (position >= self->rows->len)
    return NULL;
  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      row = g_object_new (KK_TYPE_STABLE_ROW, NULL);
      if (position < self->n_source)
        row->item = g_list_model_get_item (self->source, position);
      self->rows->pdata[position] = row;
    }
  return g_object_ref (row);
}

static void
kk_stable_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kk_stable_rows_get_item_type;
  iface->get_n_items = kk_stable_rows_get_n_items;
  iface->get_item = kk_stable_rows_get_item;
}

/* TRUE while blank rows are still to go. */
static gboolean
has_blank_rows (KkStableRows *self)
{
  return self->rows->len > self->n_source;
}

static gboolean
row_has_widgets (KkStableRows *self,
                 guint         position)
{
  KkStableRow *row = g_ptr_array_index (self->rows, position);

  return row != NULL && row->n_bound > 0;
}

static void
remove_rows (KkStableRows *self,
             guint         position,
             guint         n)
{
  if (n == 0)
    return;
  g_ptr_array_remove_range (self->rows, position, n);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n, 0);
}

/* Removes the blank rows without widgets, each run at once (from the end,
 * so that positions before it stay valid). */
static void
remove_blank_rows_without_widgets (KkStableRows *self)
{
  guint end = self->rows->len;

  while (end > self->n_source)
    {
      guint start = end;

      while (start > self->n_source && !row_has_widgets (self, start - 1))
        start--;
      remove_rows (self, start, end - start);
      end = start;
      while (end > self->n_source && row_has_widgets (self, end - 1))
        end--;
    }
}

static void
stop_trimming (KkStableRows *self)
{
  if (self->trim_id != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (self->view, self->trim_id);
  self->trim_id = 0;
}

static gboolean
trim_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  KkStableRows *self = user_data;
  guint start = self->rows->len;
  guint n_widgets = 0;

  if (self->trim_wait > 0)
    {
      self->trim_wait--;
      return G_SOURCE_CONTINUE;
    }
  while (start > self->n_source && n_widgets < TRIM_ROWS)
    {
      n_widgets += row_has_widgets (self, start - 1);
      start--;
    }
  remove_rows (self, start, self->rows->len - start);
  /* Removing rows can make the view bind others; those without widgets
   * need no frame. */
  remove_blank_rows_without_widgets (self);
  if (has_blank_rows (self))
    return G_SOURCE_CONTINUE;
  self->trim_id = 0;
  return G_SOURCE_REMOVE;
}

/* The positions on screen, give or take a few rows; FALSE when the view
 * cannot tell. */
static gboolean
rows_on_screen (KkStableRows *self,
                guint        *first,
                guint        *last)
{
  GListModel *shown = GTK_IS_COLUMN_VIEW (self->view) ? G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (self->view)))
                      : GTK_IS_LIST_VIEW (self->view) ? G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (self->view)))
                      : NULL;
  GtkAdjustment *adjustment = GTK_IS_SCROLLABLE (self->view) ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view))
                              : NULL;
  guint n = shown ? g_list_model_get_n_items (shown) : 0;
  double upper, row, value;

  if (adjustment == NULL || n == 0 || (upper = gtk_adjustment_get_upper (adjustment)) <= 0)
    return FALSE;
  row = upper / n;
  value = gtk_adjustment_get_value (adjustment);
  *first = (guint) MAX (0.0, value / row - 4);
  *last = (guint) ((value + gtk_adjustment_get_page_size (adjustment)) / row + 4);
  return TRUE;
}

static void
stop_rest (KkStableRows *self)
{
  if (self->rest_paint_id != 0)
    g_clear_signal_handler (&self->rest_paint_id, self->rest_clock);
  g_clear_object (&self->rest_clock);
  g_clear_handle_id (&self->rest_idle_id, g_source_remove);
}

static gboolean
rest_idle_cb (gpointer user_data)
{
  KkStableRows *self = user_data;

  self->rest_idle_id = 0;
  self->refresh (0, G_MAXUINT, self->refresh_data);
  return G_SOURCE_REMOVE;
}

/* After the frame, in an iteration of its own, before the next frame. */
static void
rest_after_paint_cb (GdkFrameClock *clock,
                     KkStableRows  *self)
{
  g_clear_signal_handler (&self->rest_paint_id, self->rest_clock);
  g_clear_object (&self->rest_clock);
  self->rest_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rest_idle_cb, self, NULL);
}

/* The rows on screen show their new items now, the others after the frame. */
static void
refresh_rows (KkStableRows *self)
{
  guint first, last;

  if (self->view == NULL || !gtk_widget_get_mapped (self->view) || !rows_on_screen (self, &first, &last))
    {
      self->refresh (0, G_MAXUINT, self->refresh_data);
      return;
    }
  self->refresh (first, last, self->refresh_data);
  if (self->rest_paint_id == 0 && self->rest_idle_id == 0)
    {
      self->rest_clock = g_object_ref (gtk_widget_get_frame_clock (self->view));
      self->rest_paint_id = g_signal_connect (self->rest_clock, "after-paint", G_CALLBACK (rest_after_paint_cb), self);
    }
}

static void
source_items_changed_cb (GListModel   *source,
                         guint         position,
                         guint         removed,
                         guint         added,
                         KkStableRows *self)
{
  guint old_n = self->rows->len;
  guint new_source = g_list_model_get_n_items (source);
  gboolean refreshed = FALSE;

  /* Rows that stay show the item now at their position, and rows
   * past the end of the source turn blank. */
  for (guint i = position; i < old_n; i++)
    {
      KkStableRow *row = g_ptr_array_index (self->rows, i);

      if (row != NULL)
        {
          g_clear_object (&row->item);
          if (i < new_source)
            row->item = g_list_model_get_item (source, i);
          refreshed = TRUE;
        }
    }
  self->n_source = new_source;
  if (new_source > old_n)
    g_ptr_array_set_size (self->rows, new_source);

  if (refreshed && self->refresh != NULL)
    refresh_rows (self);
  if (new_source > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_source - old_n);

  if (self->view != NULL && gtk_widget_get_mapped (self->view))
    remove_blank_rows_without_widgets (self);
  else
    remove_rows (self, new_source, self->rows->len - new_source);

  if (has_blank_rows (self))
    {
      self->trim_wait = TRIM_WAIT;
      if (self->trim_id == 0)
        self->trim_id = gtk_widget_add_tick_callback (self->view, trim_tick_cb, self, NULL);
    }
  else
    stop_trimming (self);
}

static void
row_unref (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static void
kk_stable_rows_dispose (GObject *object)
{
  KkStableRows *self = KK_STABLE_ROWS (object);

  stop_trimming (self);
  stop_rest (self);
  g_clear_weak_pointer (&self->view);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_items_changed_cb, self);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (kk_stable_rows_parent_class)->dispose (object);
}

static void
kk_stable_rows_finalize (GObject *object)
{
  g_ptr_array_unref (KK_STABLE_ROWS (object)->rows);
  G_OBJECT_CLASS (kk_stable_rows_parent_class)->finalize (object);
}

static void
kk_stable_rows_class_init (KkStableRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kk_stable_rows_dispose;
  object_class->finalize = kk_stable_rows_finalize;
}

static void
kk_stable_rows_init (KkStableRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_unref);
}

KkStableRows *
kk_stable_rows_new (GListModel          *source,
                    GtkWidget           *view,
                    KkStableRowsRefresh  refresh,
                    gpointer             refresh_data)
{
  KkStableRows *self = g_object_new (KK_TYPE_STABLE_ROWS, NULL);

  self->source = g_object_ref (source);
  g_set_weak_pointer (&self->view, view);
  self->refresh = refresh;
  self->refresh_data = refresh_data;
  self->n_source = g_list_model_get_n_items (source);
  g_ptr_array_set_size (self->rows, self->n_source);
  g_signal_connect (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  return self;
}

gpointer
kk_stable_row_get_item (KkStableRow *row)
{
  g_return_val_if_fail (KK_IS_STABLE_ROW (row), NULL);

  return row->item;
}

void
kk_stable_row_bind (KkStableRow *row)
{
  g_return_if_fail (KK_IS_STABLE_ROW (row));

  row->n_bound++;
}

void
kk_stable_row_unbind (KkStableRow *row)
{
  g_return_if_fail (KK_IS_STABLE_ROW (row));
  g_return_if_fail (row->n_bound > 0);

  row->n_bound--;
}

GListModel *
kk_stable_rows_get_source (KkStableRows *self)
{
  g_return_val_if_fail (KK_IS_STABLE_ROWS (self), NULL);

  return self->source;
}

gboolean
kk_stable_rows_is_trimming (KkStableRows *self)
{
  g_return_val_if_fail (KK_IS_STABLE_ROWS (self), FALSE);

  return has_blank_rows (self);
}
