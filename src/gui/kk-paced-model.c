// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-paced-model"

#include "config.h"

#include "kk-paced-model.h"

/* GTK 4.8 makes widgets for at most 200 rows around what is shown
 * (GTK_LIST_VIEW_MAX_LIST_ITEMS), with a few more kept for focus; rows
 * beyond get none, so past this many they cost nothing to add. */
#define WIDGET_ROWS 256
/* Main-loop time a frame that adds a batch should take, of 16 ms: batches
 * are sized to it from the frames measured, which vary by a few ms. */
#define BUDGET_US   8000
#define FIRST_BATCH 8
#define MIN_BATCH   2
#define MAX_BATCH   64

struct _KkPacedModel
{
  GObject        parent_instance;

  GListModel    *model;
  guint          first;
  guint          limit;         /* rows shown at most; G_MAXUINT: all */
  guint          n_shown;       /* what get_n_items () last said */

  GtkWidget     *widget;        /* weak */
  gulong         map_id;        /* on widget: a paused fill goes on */
  guint          tick_id;
  gboolean       first_frame;   /* the frame with the first rows is still to come */
  GdkFrameClock *clock;         /* weak; after-paint measures the batch */
  gulong         after_paint_id;
  gboolean       restart;       /* the next change starts from a screenful */
  gint64         batch_start;   /* 0: nothing to measure */
  guint          batch;         /* rows added per frame */
};

static void kk_paced_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KkPacedModel, kk_paced_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kk_paced_model_list_model_init))

static guint
shown_for (KkPacedModel *self,
           guint         limit)
{
  return MIN (g_list_model_get_n_items (self->model), limit);
}

static GType
kk_paced_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (KK_PACED_MODEL (list)->model);
}

static guint
kk_paced_model_get_n_items (GListModel *list)
{
  KkPacedModel *self = KK_PACED_MODEL (list);

  return shown_for (self, self->limit);
}

static gpointer
kk_paced_model_get_item (GListModel *list,
                         guint       position)
{
  KkPacedModel *self = KK_PACED_MODEL (list);

  if (position >= shown_for (self, self->limit))
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
kk_paced_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kk_paced_model_get_item_type;
  iface->get_n_items = kk_paced_model_get_n_items;
  iface->get_item = kk_paced_model_get_item;
}

/* Lists filling at the same time take turns: a frame adds rows to one of
 * them only, a list's first screenful included, and one that gave way has
 * the next frame. The pointers are compared, never followed. */
static struct {
  GdkFrameClock *clock;
  gint64         frame;     /* the frame counter of the last frame given rows */
  gpointer       model;     /* which list had it */
  gpointer       waiting;   /* a list that gave way since */
} turn = { NULL, -1, NULL, NULL };

static void
take_turn (KkPacedModel  *self,
           GdkFrameClock *clock,
           gint64         frame)
{
  turn.clock = clock;
  turn.frame = frame;
  turn.model = self;
  if (turn.waiting == self)
    turn.waiting = NULL;
}

/* TRUE when another list has this frame, or waits while this one had the
 * frame before. */
static gboolean
give_way (KkPacedModel  *self,
          GdkFrameClock *clock,
          gint64         frame)
{
  if (turn.clock != clock)
    return FALSE;
  if (turn.model == self)
    {
      /* Once: a list that stopped while waiting costs one frame. */
      if (turn.waiting != NULL && turn.frame == frame - 1)
        {
          turn.waiting = NULL;
          return TRUE;
        }
      return FALSE;
    }
  if (turn.frame == frame)
    {
      turn.waiting = self;
      return TRUE;
    }
  return FALSE;
}

static void
stop_ticking (KkPacedModel *self)
{
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  self->batch_start = 0;
}

static void
disconnect_clock (KkPacedModel *self)
{
  if (self->clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, self->clock);
      g_clear_weak_pointer (&self->clock);
    }
}

/* Changes the limit to @limit, telling the list about the rows it adds or
 * removes at the end. */
static void
set_limit (KkPacedModel *self,
           guint         limit)
{
  guint before = self->n_shown;
  guint after;

  if (limit != G_MAXUINT && (limit >= WIDGET_ROWS || limit >= g_list_model_get_n_items (self->model)))
    limit = G_MAXUINT;
  self->limit = limit;
  after = shown_for (self, limit);
  self->n_shown = after;
  if (limit == G_MAXUINT)
    stop_ticking (self);
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
}

/* The frame that added a batch is over: the next batch is sized to what
 * this one cost, so that it takes about the budget, growing by a quarter
 * at most and shrinking by half at most. What a frame costs grows with the
 * rows already there (a column view measures every cell of a column), so
 * the batch follows the measured frames rather than an estimate per row.
 * Growing by a quarter whenever a frame kept to the budget overshot it by
 * as much: frames of 9 ms were followed by frames of 12. */
static guint
next_batch (guint  batch,
            gint64 elapsed_us)
{
  guint fitting = elapsed_us > 0 ? (guint) MIN ((double) batch * BUDGET_US / elapsed_us, MAX_BATCH) : MAX_BATCH;

  fitting = MIN (fitting, batch + MAX (batch / 4, 1));
  fitting = MAX (fitting, batch / 2);
  return CLAMP (fitting, MIN_BATCH, MAX_BATCH);
}

static void
after_paint_cb (GdkFrameClock *clock,
                KkPacedModel  *self)
{
  gint64 elapsed;

  if (self->batch_start == 0)
    return;
  elapsed = g_get_monotonic_time () - self->batch_start;
  self->batch_start = 0;
  self->batch = next_batch (self->batch, elapsed);
  g_debug ("%u rows shown, frame %.1f ms; next batch %u rows", self->n_shown, elapsed / 1000.0, self->batch);
}

/* Whether a stack @widget is in is sliding or fading to another page: its
 * frames draw the whole page, and rows added then made them 15-23 ms. */
static gboolean
sliding (GtkWidget *widget)
{
  for (GtkWidget *stack = gtk_widget_get_ancestor (widget, GTK_TYPE_STACK); stack != NULL;
       stack = gtk_widget_get_ancestor (gtk_widget_get_parent (stack), GTK_TYPE_STACK))
    if (gtk_stack_get_transition_running (GTK_STACK (stack)))
      return TRUE;
  return FALSE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  KkPacedModel *self = user_data;
  guint batch = self->batch;
  guint before = self->n_shown;

  /* Off screen (a tab not shown), rows would be made and styled for
   * nothing, a batch every frame: the fill waits to be mapped again. */
  if (!gtk_widget_get_mapped (widget))
    {
      self->tick_id = 0;
      self->batch_start = 0;
      return G_SOURCE_REMOVE;
    }

  /* The first rows have a frame to themselves (with whatever else came
   * with them: a new view, its other widgets). A fill that started off
   * screen gets its screenful now. */
  if (self->first_frame)
    {
      self->first_frame = FALSE;
      take_turn (self, clock, gdk_frame_clock_get_frame_counter (clock));
      if (before < self->first)
        {
          if (self->first >= WIDGET_ROWS || self->first >= g_list_model_get_n_items (self->model))
            {
              self->tick_id = 0;
              set_limit (self, G_MAXUINT);
              return G_SOURCE_REMOVE;
            }
          set_limit (self, self->first);
        }
      return G_SOURCE_CONTINUE;
    }
  if (sliding (widget) || give_way (self, clock, gdk_frame_clock_get_frame_counter (clock)))
    return G_SOURCE_CONTINUE;
  take_turn (self, clock, gdk_frame_clock_get_frame_counter (clock));
  if (self->clock != clock)
    {
      disconnect_clock (self);
      g_set_weak_pointer (&self->clock, clock);
      self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
    }
  /* The last batch: this callback ends itself by its return value. */
  if (before + batch >= WIDGET_ROWS || before + batch >= g_list_model_get_n_items (self->model))
    {
      self->tick_id = 0;
      set_limit (self, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  /* Measured from here: the list makes the new rows' widgets as soon as
   * it hears of them, in set_limit (). */
  self->batch_start = g_get_monotonic_time ();
  set_limit (self, before + batch);
  return G_SOURCE_CONTINUE;
}

static void
start_ticking (KkPacedModel *self)
{
  if (self->tick_id == 0 && gtk_widget_get_mapped (self->widget))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (self->widget);

      /* The screenful is drawn in the next frame: no other list adds rows
       * to it. */
      if (clock != NULL)
        take_turn (self, clock, gdk_frame_clock_get_frame_counter (clock) + 1);
      self->first_frame = TRUE;
      /* Each fill starts small: its first batches hold rows on screen,
       * which are drawn too. The size the last fill ended with was for
       * rows off screen, styled only, or past those GTK makes widgets for
       * (the first 200), which cost next to nothing: with it, the
       * catalogue's first batch after a search was cleared took 10-14 ms. */
      self->batch = FIRST_BATCH;
      self->tick_id = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
    }
}

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  KkPacedModel *self)
{
  guint n = g_list_model_get_n_items (model);
  guint before = self->n_shown;
  guint after;

  /* Rows beyond those that have widgets need new ones: pace them, unless
   * a batch would take them all anyway. After kk_paced_model_restart (),
   * start again from a screenful, or from none off screen (the screenful
   * comes in the first frame after the view is mapped). */
  if (self->restart && self->widget != NULL && n > self->first)
    {
      self->limit = gtk_widget_get_mapped (self->widget) ? self->first : 0;
      start_ticking (self);
    }
  else if (self->widget != NULL && before < WIDGET_ROWS && n > before + self->first)
    {
      if (self->limit == G_MAXUINT)
        self->limit = before + (gtk_widget_get_mapped (self->widget) ? self->first : 0);
      start_ticking (self);
    }
  else if (self->limit != G_MAXUINT && self->limit >= n)
    {
      self->limit = G_MAXUINT;
      stop_ticking (self);
    }

  self->restart = FALSE;
  after = shown_for (self, self->limit);
  self->n_shown = after;
  if (position >= before && position >= after)
    return;
  if (removed == added && before == after)
    g_list_model_items_changed (G_LIST_MODEL (self), position, MIN (removed, after - position),
                                MIN (added, after - position));
  else
    g_list_model_items_changed (G_LIST_MODEL (self), position, before > position ? before - position : 0,
                                after > position ? after - position : 0);
}

static void
kk_paced_model_dispose (GObject *object)
{
  KkPacedModel *self = KK_PACED_MODEL (object);

  stop_ticking (self);
  if (turn.model == self)
    turn.model = NULL;
  if (turn.waiting == self)
    turn.waiting = NULL;
  disconnect_clock (self);
  if (self->widget != NULL)
    g_clear_signal_handler (&self->map_id, self->widget);
  g_clear_weak_pointer (&self->widget);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (kk_paced_model_parent_class)->dispose (object);
}

static void
kk_paced_model_class_init (KkPacedModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kk_paced_model_dispose;
}

static void
kk_paced_model_init (KkPacedModel *self)
{
  self->limit = G_MAXUINT;
  self->batch = FIRST_BATCH;
}

KkPacedModel *
kk_paced_model_new (GListModel *model,
                    guint       first)
{
  KkPacedModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (first > 0, NULL);

  self = g_object_new (KK_TYPE_PACED_MODEL, NULL);
  self->model = g_object_ref (model);
  self->first = first;
  self->n_shown = g_list_model_get_n_items (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}

static void
map_cb (GtkWidget    *widget,
        KkPacedModel *self)
{
  if (self->limit != G_MAXUINT)
    start_ticking (self);
}

void
kk_paced_model_attach (KkPacedModel *self,
                       GtkWidget    *widget)
{
  g_return_if_fail (KK_IS_PACED_MODEL (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  stop_ticking (self);
  disconnect_clock (self);
  if (self->widget != NULL)
    g_clear_signal_handler (&self->map_id, self->widget);
  self->map_id = 0;
  g_set_weak_pointer (&self->widget, widget);
  if (widget != NULL)
    self->map_id = g_signal_connect_object (widget, "map", G_CALLBACK (map_cb), self, 0);
  if (widget == NULL)
    set_limit (self, G_MAXUINT);
  else if (self->limit != G_MAXUINT)
    start_ticking (self);
}

GListModel *
kk_paced_model_get_model (KkPacedModel *self)
{
  g_return_val_if_fail (KK_IS_PACED_MODEL (self), NULL);

  return self->model;
}

void
kk_paced_model_restart (KkPacedModel *self)
{
  g_return_if_fail (KK_IS_PACED_MODEL (self));

  self->restart = TRUE;
}

void
kk_paced_model_reveal (KkPacedModel *self,
                       guint         position)
{
  g_return_if_fail (KK_IS_PACED_MODEL (self));

  if (position >= self->n_shown && self->limit != G_MAXUINT)
    set_limit (self, G_MAXUINT);
}

void
kk_paced_model_show_first (KkPacedModel *self)
{
  g_return_if_fail (KK_IS_PACED_MODEL (self));

  if (self->limit != G_MAXUINT && self->n_shown < self->first)
    set_limit (self, self->first);
}

gboolean
kk_paced_model_is_pacing (KkPacedModel *self)
{
  g_return_val_if_fail (KK_IS_PACED_MODEL (self), FALSE);

  return self->limit != G_MAXUINT;
}
