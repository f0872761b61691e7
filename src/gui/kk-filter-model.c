// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-filter-model"

#include "config.h"

#include <string.h>

#include "kk-filter-model.h"

/* Items tested between two looks at the clock. */
#define CLOCK_EVERY 64

struct _KkFilterModel
{
  GObject          parent_instance;

  GListModel      *source;
  GtkFilter       *filter;
  GPtrArray       *items;      /* the source's items, in its order */
  guint            first_items;
  gint64           budget_us;

  /* The list is shown, then old: the items matched up to scan_pos (all of
   * them once the filtering is done), then the items that were shown
   * before the change from old_from on, not reached yet. Positions in the
   * source, in order. */
  GArray          *shown;
  GArray          *old;        /* NULL when no filtering is under way */
  guint            old_from;
  guint            scan_pos;
  GtkFilterChange  change;
  guint            idle_id;
  GtkWidget       *widget;     /* weak: the view, whose frame the rest waits for */
  GdkFrameClock   *clock;      /* while waiting for it */
  gulong           paint_id;
};

static void kk_filter_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KkFilterModel, kk_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kk_filter_model_list_model_init))

static GType
kk_filter_model_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (KK_FILTER_MODEL (model)->source);
}

static guint
kk_filter_model_get_n_items (GListModel *model)
{
  KkFilterModel *self = KK_FILTER_MODEL (model);

  return self->shown->len + (self->old ? self->old->len - self->old_from : 0);
}

static gpointer
kk_filter_model_get_item (GListModel *model,
                          guint       position)
{
  KkFilterModel *self = KK_FILTER_MODEL (model);
  guint source_pos;

  if (position < self->shown->len)
    source_pos = g_array_index (self->shown, guint, position);
  else if (position < kk_filter_model_get_n_items (model))
    source_pos = g_array_index (self->old, guint, self->old_from + position - self->shown->len);
  else
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, source_pos));
}

static void
kk_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kk_filter_model_get_item_type;
  iface->get_n_items = kk_filter_model_get_n_items;
  iface->get_item = kk_filter_model_get_item;
}

static gboolean
matches (KkFilterModel *self,
         guint          source_pos)
{
  return gtk_filter_match (self->filter, g_ptr_array_index (self->items, source_pos));
}

/* A step replaced the @removed items from @old[@first_old] with the @added
 * from shown[@position]: the views hear of the part that differs. */
static void
report_change (KkFilterModel *self,
               GArray        *old,
               guint          position,
               guint          first_old,
               guint          removed,
               guint          added)
{
  const guint *was = (const guint *) old->data + first_old;
  const guint *now = (const guint *) self->shown->data + position;
  guint same_start = 0, same_end = 0;

  while (same_start < removed && same_start < added && was[same_start] == now[same_start])
    same_start++;
  while (same_end < removed - same_start && same_end < added - same_start &&
         was[removed - 1 - same_end] == now[added - 1 - same_end])
    same_end++;
  if (removed - same_start - same_end > 0 || added - same_start - same_end > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position + same_start,
                                removed - same_start - same_end, added - same_start - same_end);
}

/* Filters on from scan_pos until @wanted items are shown or the budget is
 * spent, and tells the views what changed. */
static void
run_step (KkFilterModel *self,
          guint          wanted,
          gint64         budget_us)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;
  guint position = self->shown->len;
  guint first_old = self->old_from;
  guint removed = 0, added = 0, tested = 0;
  g_autoptr(GArray) old = NULL;
  guint n = self->items->len;

  while (self->scan_pos < n)
    {
      gboolean was_shown, match;
      guint pos;

      if (self->change == GTK_FILTER_CHANGE_MORE_STRICT)
        {
          /* Only what was shown can match. */
          if (self->old_from >= self->old->len)
            {
              self->scan_pos = n;
              break;
            }
          pos = g_array_index (self->old, guint, self->old_from);
          was_shown = TRUE;
        }
      else
        {
          pos = self->scan_pos;
          was_shown = self->old_from < self->old->len && g_array_index (self->old, guint, self->old_from) == pos;
        }
      if (was_shown)
        {
          self->old_from++;
          removed++;
        }
      match = (was_shown && self->change == GTK_FILTER_CHANGE_LESS_STRICT) || matches (self, pos);
      if (match)
        {
          g_array_append_val (self->shown, pos);
          added++;
        }
      self->scan_pos = pos + 1;
      if (++tested % CLOCK_EVERY == 0 &&
          (self->shown->len >= wanted || g_get_monotonic_time () >= deadline))
        break;
    }
  if (self->change == GTK_FILTER_CHANGE_MORE_STRICT && self->old_from >= self->old->len)
    self->scan_pos = n;
  old = g_array_ref (self->old);
  if (self->scan_pos >= n)
    g_clear_pointer (&self->old, g_array_unref);
  report_change (self, old, position, first_old, removed, added);
}

static void
stop_rest (KkFilterModel *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->paint_id != 0)
    g_clear_signal_handler (&self->paint_id, self->clock);
  g_clear_object (&self->clock);
}

void
kk_filter_model_finish (KkFilterModel *self)
{
  g_return_if_fail (KK_IS_FILTER_MODEL (self));

  stop_rest (self);
  while (self->old != NULL)
    run_step (self, G_MAXUINT, self->budget_us);
}

static gboolean
step_idle_cb (gpointer user_data)
{
  KkFilterModel *self = user_data;

  run_step (self, G_MAXUINT, self->budget_us);
  if (self->old != NULL)
    return G_SOURCE_CONTINUE;
  self->idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_idle (KkFilterModel *self)
{
  self->idle_id = g_idle_add (step_idle_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->idle_id), "[kravkoll] filter step");
}

static void
after_paint_cb (GdkFrameClock *clock,
                KkFilterModel *self)
{
  g_clear_signal_handler (&self->paint_id, self->clock);
  g_clear_object (&self->clock);
  start_idle (self);
}

static void
filter_changed_cb (GtkFilter       *filter,
                   GtkFilterChange  change,
                   KkFilterModel   *self)
{
  /* A filtering under way ends first: what is shown is then the old
   * filter's whole result, which the change kind is relative to. */
  kk_filter_model_finish (self);

  self->old = g_steal_pointer (&self->shown);
  self->shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->old->len);
  self->old_from = 0;
  self->scan_pos = 0;
  self->change = change;

  run_step (self, self->first_items, self->budget_us / 2);
  if (self->old == NULL)
    return;
  /* The rest once the frame that shows the new top is drawn: that frame
   * comes no later for it. */
  if (self->widget != NULL && gtk_widget_get_mapped (self->widget))
    {
      self->clock = g_object_ref (gtk_widget_get_frame_clock (self->widget));
      self->paint_id = g_signal_connect (self->clock, "after-paint", G_CALLBACK (after_paint_cb), self);
      gdk_frame_clock_request_phase (self->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
  else
    start_idle (self);
}

/* The first index in @array (positions, ascending) at or after @pos. */
static guint
lower_bound (GArray *array,
             guint   pos)
{
  guint low = 0, high = array->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (array, guint, mid) < pos)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static void
source_items_changed_cb (GListModel    *source,
                         guint          position,
                         guint          removed,
                         guint          added,
                         KkFilterModel *self)
{
  guint start, end, n_added = 0;
  g_autoptr(GArray) matched = g_array_new (FALSE, FALSE, sizeof (guint));

  kk_filter_model_finish (self);

  g_ptr_array_remove_range (self->items, position, removed);
  if (added > 0)
    {
      guint tail = self->items->len - position;

      g_ptr_array_set_size (self->items, self->items->len + added);
      memmove (self->items->pdata + position + added, self->items->pdata + position, tail * sizeof (gpointer));
      for (guint i = 0; i < added; i++)
        self->items->pdata[position + i] = g_list_model_get_item (source, position + i);
    }

  for (guint i = 0; i < added; i++)
    if (matches (self, position + i))
      {
        guint pos = position + i;

        g_array_append_val (matched, pos);
        n_added++;
      }

  /* The shown items in the replaced range go, those after it move. */
  start = lower_bound (self->shown, position);
  end = lower_bound (self->shown, position + removed);
  for (guint i = end; i < self->shown->len; i++)
    g_array_index (self->shown, guint, i) += added - removed;
  g_array_remove_range (self->shown, start, end - start);
  g_array_insert_vals (self->shown, start, matched->data, matched->len);

  if (end > start || n_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, n_added);
}

static void
kk_filter_model_dispose (GObject *object)
{
  KkFilterModel *self = KK_FILTER_MODEL (object);

  stop_rest (self);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_items_changed_cb, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_clear_object (&self->source);
  g_clear_object (&self->filter);
  g_clear_weak_pointer (&self->widget);
  G_OBJECT_CLASS (kk_filter_model_parent_class)->dispose (object);
}

static void
kk_filter_model_finalize (GObject *object)
{
  KkFilterModel *self = KK_FILTER_MODEL (object);

  g_ptr_array_unref (self->items);
  g_array_unref (self->shown);
  g_clear_pointer (&self->old, g_array_unref);
  G_OBJECT_CLASS (kk_filter_model_parent_class)->finalize (object);
}

static void
kk_filter_model_class_init (KkFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kk_filter_model_dispose;
  object_class->finalize = kk_filter_model_finalize;
}

static void
kk_filter_model_init (KkFilterModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
}

KkFilterModel *
kk_filter_model_new (GListModel *source,
                     GtkFilter  *filter,
                     guint       first_items,
                     double      budget_ms)
{
  KkFilterModel *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);
  g_return_val_if_fail (GTK_IS_FILTER (filter), NULL);

  self = g_object_new (KK_TYPE_FILTER_MODEL, NULL);
  self->source = g_object_ref (source);
  self->filter = g_object_ref (filter);
  self->first_items = MAX (first_items, 1);
  self->budget_us = MAX ((gint64) (budget_ms * 1000), 1);

  n = g_list_model_get_n_items (source);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (self->items, g_list_model_get_item (source, i));
      if (matches (self, i))
        g_array_append_val (self->shown, i);
    }
  g_signal_connect (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  g_signal_connect (filter, "changed", G_CALLBACK (filter_changed_cb), self);
  return self;
}

gboolean
kk_filter_model_is_filtering (KkFilterModel *self)
{
  g_return_val_if_fail (KK_IS_FILTER_MODEL (self), FALSE);

  return self->old != NULL;
}

void
kk_filter_model_attach (KkFilterModel *self,
                        GtkWidget     *widget)
{
  g_return_if_fail (KK_IS_FILTER_MODEL (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  g_set_weak_pointer (&self->widget, widget);
}
