// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-checklist-view"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kk-cell-text.h"
#include "kk-checklist-view.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-import-dialog.h"
#include "kk-io-module.h"
#include "kk-paced-model.h"
#include "kk-store.h"
#include "kk-width-first-layout.h"

/* A row of the list: the item as last read, replaced (with a notification)
 * when the answer changes, so the row widgets and the keyboard focus stay. */

#define KK_TYPE_CHECKLIST_ROW (kk_checklist_row_get_type ())
G_DECLARE_FINAL_TYPE (KkChecklistRow, kk_checklist_row, KK, CHECKLIST_ROW, GObject)

struct _KkChecklistRow
{
  GObject          parent_instance;
  KkChecklistItem *item;
};

G_DEFINE_FINAL_TYPE (KkChecklistRow, kk_checklist_row, G_TYPE_OBJECT)

static GParamSpec *row_item_pspec;

static void
kk_checklist_row_finalize (GObject *object)
{
  g_clear_object (&KK_CHECKLIST_ROW (object)->item);
  G_OBJECT_CLASS (kk_checklist_row_parent_class)->finalize (object);
}

static void
kk_checklist_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (prop_id == 1)
    g_value_set_object (value, KK_CHECKLIST_ROW (object)->item);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kk_checklist_row_class_init (KkChecklistRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kk_checklist_row_finalize;
  object_class->get_property = kk_checklist_row_get_property;
  row_item_pspec = g_param_spec_object ("item", NULL, NULL, KK_TYPE_CHECKLIST_ITEM,
                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, 1, row_item_pspec);
}

static void
kk_checklist_row_init (KkChecklistRow *self)
{
}

static KkChecklistRow *
kk_checklist_row_new (KkChecklistItem *item)
{
  KkChecklistRow *row = g_object_new (KK_TYPE_CHECKLIST_ROW, NULL);

  row->item = g_object_ref (item);
  return row;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

static gboolean
same_answer (KkChecklistItem *a,
             KkChecklistItem *b)
{
  return same_text (a->status, b->status) && same_text (a->comment, b->comment) &&
         same_text (a->evidence, b->evidence) && same_text (a->valid_until, b->valid_until) &&
         same_text (a->checked_by, b->checked_by) && same_text (a->checked_at, b->checked_at) &&
         same_text (a->obligation, b->obligation) && same_text (a->title_sv, b->title_sv) &&
         same_text (a->title_en, b->title_en) && a->position == b->position;
}

static void
kk_checklist_row_set_item (KkChecklistRow  *self,
                           KkChecklistItem *item)
{
  if (self->item != NULL && same_answer (self->item, item))
    return;
  g_set_object (&self->item, item);
  g_object_notify_by_pspec (G_OBJECT (self), row_item_pspec);
}

/* The view */

typedef enum {
  COLUMN_POSITION,
  COLUMN_CODE,
  COLUMN_OBLIGATION,
  COLUMN_TITLE,
  COLUMN_STATUS,
  COLUMN_COMMENT,
  COLUMN_EVIDENCE,
  COLUMN_VALID,
  COLUMN_CHECKED,
} Column;

static const char * const statuses[] = { "met", "partly_met", "not_met", "not_applicable", "unanswered" };
static const char * const status_keys[] = { "1", "2", "3", "4", "0" };

typedef struct {
  char            *code;
  KkChecklistItem *previous;
  KkChecklistItem *written;   /* the answer as the change left it */
} UndoEntry;

static void
undo_entry_free (UndoEntry *entry)
{
  g_free (entry->code);
  g_clear_object (&entry->previous);
  g_clear_object (&entry->written);
  g_free (entry);
}

struct _KkChecklistView
{
  GtkWidget            parent_instance;

  KkDatabase          *db;
  gint64               procurement_id;
  gint64               supplier_id;
  KkProcurement       *procurement;
  KkSupplier          *supplier;
  char                *lang;
  gboolean             read_only;

  GListStore          *store;          /* KkChecklistRow */
  KkPacedModel        *paced;          /* the store, a batch of rows per frame */
  GtkSingleSelection  *selection;
  GPtrArray           *undo;           /* UndoEntry, newest last */
  AdwToast            *toast;          /* weak: the last toast shown */
  char                *editing_code;   /* the row the editor shows */
  KkChecklistItem     *editor_base;    /* the answer as the editor was loaded with it */
  gboolean             loading_editor;
  gboolean             importing;
  GtkWidget           *status_button[G_N_ELEMENTS (statuses)];

  /* Template widgets */
  GtkLabel            *supplier_label;
  GtkLabel            *procurement_label;
  GtkRevealer         *busy_revealer;
  GtkSpinner          *busy_spinner;
  GtkLabel            *busy_label;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkWidget           *verdict_box;
  GtkImage            *verdict_icon;
  GtkLabel            *verdict_label;
  GtkExpander         *shortcomings_expander;
  GtkLabel            *shortcomings_label;
  GtkLabel            *readonly_label;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *position_column;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *obligation_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *comment_column;
  GtkColumnViewColumn *evidence_column;
  GtkColumnViewColumn *valid_column;
  GtkColumnViewColumn *checked_column;
  GtkStack            *editor_stack;
  GtkLabel            *code_label;
  GtkLabel            *obligation_badge;
  GtkLabel            *title_label;
  GtkLabel            *text_label;
  GtkLabel            *verification_label;
  GtkBox              *status_buttons;
  GtkTextView         *comment_view;
  GtkTextView         *evidence_view;
  GtkEntry            *valid_entry;
  GtkLabel            *valid_message;
  GtkLabel            *checked_label;
};

G_DEFINE_FINAL_TYPE (KkChecklistView, kk_checklist_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_PROCUREMENT_ID,
  PROP_SUPPLIER_ID,
  N_PROPS
};

enum {
  CLOSE_REQUESTED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_actions (KkChecklistView *self);
static void load_editor (KkChecklistView *self);

static KkChecklistItem *
row_item (gpointer row)
{
  return row ? KK_CHECKLIST_ROW (row)->item : NULL;
}

static KkChecklistRow *
find_row (KkChecklistView *self,
          const char      *code,
          guint           *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KkChecklistRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (row->item->code, code) == 0)
        {
          if (position)
            *position = i;
          return row;  /* the store keeps its reference */
        }
    }
  return NULL;
}

static KkChecklistItem *
selected_item (KkChecklistView *self)
{
  return row_item (gtk_single_selection_get_selected_item (self->selection));
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  tz = g_time_zone_new_utc ();
  utc = g_date_time_new_from_iso8601 (iso, tz);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%x");
}

/* Toasts and undo */

static void undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

static void
toast_undo_cb (AdwToast        *toast,
               KkChecklistView *self)
{
  undo_action (GTK_WIDGET (self), "checklist.undo", NULL);
}

static void
show_toast (KkChecklistView *self,
            const char      *title,
            gboolean         with_undo)
{
  AdwToast *toast;

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);

  toast = kk_gui_toast_new (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
    }
  g_set_weak_pointer (&self->toast, toast);
  kk_gui_util_add_toast (GTK_WIDGET (self), toast);
}

/* Cells */

static void
set_obligation_badge (GtkLabel   *label,
                      const char *obligation)
{
  static const char * const classes[] = { "shall", "should", NULL };
  gboolean shall = g_strcmp0 (obligation, "shall") == 0;

  gtk_label_set_text (label, kk_obligation_label (obligation ? obligation : "should"));
  kk_gui_util_set_one_css_class (GTK_WIDGET (label), classes, shall ? "shall" : "should");
}

static void
set_status_widget (GtkWidget  *cell,
                   const char *status)
{
  static const char * const all[] = { "success", "warning", "error", "dim-label", NULL };

  /* Only what changes: the 200 rows GTK keeps are all updated when a
   * checklist opens. */
  kk_gui_util_set_one_css_class (cell, all, kk_gui_util_answer_css_class (status));
  kk_cell_text_set_icon_name (cell, kk_gui_util_answer_icon (status));
  kk_cell_text_set_text (cell, kk_answer_status_label (status));
}

static void
update_cell (GtkListItem *list_item)
{
  KkChecklistView *self = g_object_get_data (G_OBJECT (list_item), "kk-view");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "kk-column"));
  KkChecklistItem *item = row_item (gtk_list_item_get_item (list_item));
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (item == NULL || child == NULL)
    return;

  switch (column)
    {
    case COLUMN_POSITION:
      text = g_strdup_printf ("%d", item->position + 1);
      kk_cell_text_set_text (child, text);
      break;
    case COLUMN_CODE:
      kk_cell_text_set_text (child, item->code);
      break;
    case COLUMN_OBLIGATION:
      kk_gui_util_set_obligation_badge (child, g_strcmp0 (item->obligation, "shall") == 0 ? "shall" : "should");
      break;
    case COLUMN_TITLE:
      kk_cell_text_set_text (child, kk_checklist_item_get_title (item, self->lang));
      break;
    case COLUMN_STATUS:
      set_status_widget (child, item->status);
      break;
    case COLUMN_COMMENT:
      kk_cell_text_set_text (child, item->comment ? item->comment : "");
      break;
    case COLUMN_EVIDENCE:
      kk_cell_text_set_text (child, item->evidence ? item->evidence : "");
      break;
    case COLUMN_VALID:
      kk_cell_text_set_text (child, item->valid_until ? item->valid_until : "");
      break;
    case COLUMN_CHECKED:
      if (item->checked_by != NULL && *item->checked_by != '\0')
        {
          g_autofree char *date = format_date (item->checked_at);

          /* Translators: who checked an answer, and the date */
          text = g_strdup_printf (_("%s, %s"), item->checked_by, date);
        }
      kk_cell_text_set_text (child, text ? text : "");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
row_notify_cb (KkChecklistRow *row,
               GParamSpec     *pspec,
               GtkListItem    *list_item)
{
  update_cell (list_item);
}

static void
cell_setup_cb (GtkListItemFactory *factory,
               GtkListItem        *list_item,
               KkChecklistView    *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kk-column"));
  GtkWidget *child;

  if (column == COLUMN_STATUS)
    {
      guint chars = 0;

      /* Cells measured without laying out text (see below): an icon and
       * room for the longest status. */
      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        chars = MAX (chars, g_utf8_strlen (kk_answer_status_label (statuses[i]), -1));
      /* One widget, not a box with an image: see kk-box.h. */
      child = kk_cell_text_new (chars, FALSE);
      kk_cell_text_set_icon_name (child, kk_gui_util_answer_icon (NULL));
      kk_cell_text_set_repeated (child, TRUE);
      gtk_widget_add_css_class (child, "kk-answer");
    }
  else if (column == COLUMN_OBLIGATION)
    child = kk_gui_util_obligation_badge_new ();
  else
    {
      /* A KkCellText, not a label: GTK 4.8 keeps up to 200 rows, and it
       * is measured without laying out its text (see kk-cell-text.h).
       * Room for what identifies a row; the rest is in the editor. */
      guint min_chars = 3;
      gboolean tooltip = FALSE;

      switch (column)
        {
        case COLUMN_CODE:
          min_chars = 11;
          break;
        case COLUMN_VALID:
          min_chars = 10;
          break;
        case COLUMN_TITLE:
          min_chars = 22;
          tooltip = TRUE;
          break;
        case COLUMN_COMMENT:
        case COLUMN_EVIDENCE:
          min_chars = 12;
          tooltip = TRUE;
          break;
        case COLUMN_CHECKED:
          min_chars = 14;
          tooltip = TRUE;
          break;
        case COLUMN_POSITION:
        default:
          break;
        }
      child = kk_cell_text_new (min_chars, tooltip);
      if (column == COLUMN_POSITION || column == COLUMN_CODE || column == COLUMN_VALID)
        gtk_widget_add_css_class (child, "numeric");
      if (column == COLUMN_POSITION || column == COLUMN_COMMENT || column == COLUMN_EVIDENCE || column == COLUMN_CHECKED)
        gtk_widget_add_css_class (child, "dim-label");
    }
  g_object_set_data (G_OBJECT (list_item), "kk-view", self);
  g_object_set_data (G_OBJECT (list_item), "kk-column", GINT_TO_POINTER (column));
  gtk_list_item_set_child (list_item, child);
}

static void
cell_bind_cb (GtkListItemFactory *factory,
              GtkListItem        *list_item,
              KkChecklistView    *self)
{
  GObject *row = gtk_list_item_get_item (list_item);

  g_signal_connect_object (row, "notify::item", G_CALLBACK (row_notify_cb), list_item, 0);
  update_cell (list_item);
}

static void
cell_unbind_cb (GtkListItemFactory *factory,
                GtkListItem        *list_item,
                KkChecklistView    *self)
{
  GObject *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, row_notify_cb, list_item);
}

static void
setup_column (KkChecklistView     *self,
              GtkColumnViewColumn *view_column,
              Column               column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "kk-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), self);
  gtk_column_view_column_set_factory (view_column, factory);
}

/* Summary */

static void
update_summary (KkChecklistView *self)
{
  KkChecklistSummary summary = { 0 };
  g_autofree char *progress = NULL;
  g_autofree char *verdict = NULL;
  static const char * const banners[] = { "kk-fail-banner", "kk-pass-banner", "kk-open-banner", NULL };
  const char *banner, *icon;

  /* From the rows just read, not a second reading of the checklist. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
    g_autoptr(GPtrArray) items = g_ptr_array_sized_new (n);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(KkChecklistRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);

        g_ptr_array_add (items, row->item);
      }
    kk_checklist_summary_of_items (items, &summary);
  }

  if (summary.shall_not_met > 0)
    /* Translators: "34 of 52 checked, 3 SHALL not met"; SHALL is "SKA" in Swedish */
    progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u checked, %u SHALL not met",
                                             "%u of %u checked, %u SHALL not met", summary.total),
                                summary.answered, summary.total, summary.shall_not_met);
  else
    progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u checked", "%u of %u checked", summary.total),
                                summary.answered, summary.total);
  gtk_label_set_text (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, summary.total ? (double) summary.answered / summary.total : 0);

  if (summary.shall_not_met > 0)
    {
      GString *lines = g_string_new (NULL);
      g_autofree char *expander = NULL;

      verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Fails %u SHALL requirement: the tender does not qualify",
                                              "Fails %u SHALL requirements: the tender does not qualify",
                                              summary.shall_not_met),
                                 summary.shall_not_met);
      banner = "kk-fail-banner";
      icon = "dialog-error-symbolic";
      for (guint i = 0; summary.shortcomings != NULL && i < summary.shortcomings->len; i++)
        {
          const char *code = g_ptr_array_index (summary.shortcomings, i);
          KkChecklistRow *row = find_row (self, code, NULL);

          if (lines->len > 0)
            g_string_append_c (lines, '\n');
          if (row != NULL)
            /* Translators: a shortcoming: code, title and answer status */
            g_string_append_printf (lines, _("%s  %s (%s)"), code,
                                    kk_checklist_item_get_title (row->item, self->lang),
                                    kk_answer_status_label (row->item->status));
          else
            g_string_append (lines, code);
        }
      gtk_label_set_text (self->shortcomings_label, lines->str);
      g_string_free (lines, TRUE);
      expander = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show the shortcoming", "Show the %u shortcomings",
                                               summary.shall_not_met), summary.shall_not_met);
      gtk_expander_set_label (self->shortcomings_expander, expander);
    }
  else if (summary.shall_unanswered > 0)
    {
      verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "No SHALL requirement failed so far; %u is not answered yet",
                                              "No SHALL requirement failed so far; %u are not answered yet",
                                              summary.shall_unanswered),
                                 summary.shall_unanswered);
      banner = "kk-open-banner";
      icon = "content-loading-symbolic";
    }
  else
    {
      verdict = g_strdup (summary.shall_total > 0 ? _("Every SHALL requirement is met")
                                                  : _("This procurement has no SHALL requirements"));
      banner = "kk-pass-banner";
      icon = "emblem-ok-symbolic";
    }

  kk_gui_util_set_one_css_class (self->verdict_box, banners, banner);
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  gtk_label_set_text (self->verdict_label, verdict);
  gtk_widget_set_visible (GTK_WIDGET (self->shortcomings_expander), summary.shall_not_met > 0);
  gtk_widget_set_visible (self->verdict_box, TRUE);

  kk_checklist_summary_clear (&summary);
}

/* Loading */

static void
load_header (KkChecklistView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, self->supplier_id);
  g_autofree char *subtitle = NULL;

  g_clear_object (&self->procurement);
  g_clear_object (&self->supplier);
  self->procurement = kk_store_get_procurement (self->db, self->procurement_id, &error);
  if (self->procurement == NULL)
    g_warning ("Cannot read procurement %" G_GINT64_FORMAT ": %s", self->procurement_id, error->message);
  g_clear_error (&error);
  self->supplier = kk_store_find_supplier (self->db, ref, &error);
  if (self->supplier == NULL)
    g_warning ("Cannot read supplier %" G_GINT64_FORMAT ": %s", self->supplier_id, error->message);

  if (self->supplier != NULL)
    {
      /* Translators: supplier name and organisation number */
      g_autofree char *title = g_strdup_printf (_("%s (%s)"), self->supplier->name, self->supplier->org_number);

      gtk_label_set_text (self->supplier_label, title);
    }
  if (self->procurement != NULL)
    {
      subtitle = g_strdup_printf ("%s · %s", self->procurement->dnr, self->procurement->title);
      gtk_label_set_text (self->procurement_label, subtitle);
    }

  self->read_only = self->procurement == NULL ||
                    g_strcmp0 (self->procurement->status, "draft") == 0 ||
                    g_strcmp0 (self->procurement->status, "decided") == 0;
  if (self->procurement != NULL && g_strcmp0 (self->procurement->status, "draft") == 0)
    gtk_label_set_text (self->readonly_label,
                        _("This procurement is a draft. Publish it before recording answers: publishing freezes the wording the supplier answers to."));
  else if (self->procurement != NULL && g_strcmp0 (self->procurement->status, "decided") == 0)
    gtk_label_set_text (self->readonly_label, _("This procurement is decided. Its answers are kept as they were and can no longer change."));
  gtk_widget_set_visible (GTK_WIDGET (self->readonly_label), self->read_only);
}

/* Selects the row at @position of the store, showing every row first if
 * it is not yet among those paced in. */
static void
select_position (KkChecklistView *self,
                 guint            position)
{
  kk_paced_model_reveal (self->paced, position);
  gtk_single_selection_set_selected (self->selection, position);
}

static gboolean editor_dirty (KkChecklistView *self);

static void
load_rows (KkChecklistView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean same_shape;

  items = kk_store_checklist (self->db, self->procurement_id, self->supplier_id, &error);
  if (items == NULL)
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Read the Checklist"), error);
      return;
    }

  same_shape = n == items->len;
  for (guint i = 0; same_shape && i < n; i++)
    {
      g_autoptr(KkChecklistRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      same_shape = g_strcmp0 (row->item->code, ((KkChecklistItem *) g_ptr_array_index (items, i))->code) == 0;
    }

  if (same_shape)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KkChecklistRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);

          kk_checklist_row_set_item (row, g_ptr_array_index (items, i));
        }
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *keep = g_strdup (self->editing_code);
      guint position;

      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (rows, kk_checklist_row_new (g_ptr_array_index (items, i)));
      g_list_store_splice (self->store, 0, n, rows->pdata, rows->len);
      if (keep != NULL && find_row (self, keep, &position))
        select_position (self, position);
    }

  /* An editor with nothing typed in it shows the answer as it is now (it
   * may have been changed by another process); typed text stays. */
  if (self->editing_code != NULL && self->editor_base != NULL && !editor_dirty (self))
    {
      KkChecklistRow *row = find_row (self, self->editing_code, NULL);

      if (row != NULL && !same_answer (row->item, self->editor_base))
        load_editor (self);
    }
}

static void
reload (KkChecklistView *self)
{
  load_header (self);
  load_rows (self);
  update_summary (self);
  load_editor (self);
  update_actions (self);
}

/* Editor */

static void
update_status_buttons (KkChecklistView *self,
                       const char      *status)
{
  self->loading_editor = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->status_button[i]),
                                  g_strcmp0 (status ? status : "unanswered", statuses[i]) == 0);
  self->loading_editor = FALSE;
}

static void
load_editor (KkChecklistView *self)
{
  KkChecklistItem *item = selected_item (self);
  g_autofree char *checked = NULL;

  g_clear_pointer (&self->editing_code, g_free);
  g_clear_object (&self->editor_base);
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->editor_stack, "none");
      return;
    }

  self->editing_code = g_strdup (item->code);
  self->editor_base = g_object_ref (item);
  self->loading_editor = TRUE;
  gtk_label_set_text (self->code_label, item->code);
  set_obligation_badge (self->obligation_badge, item->obligation);
  gtk_label_set_text (self->title_label, kk_checklist_item_get_title (item, self->lang));
  gtk_label_set_text (self->text_label, kk_checklist_item_get_text (item, self->lang));
  gtk_label_set_text (self->verification_label, kk_checklist_item_get_verification (item, self->lang));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view), item->comment ? item->comment : "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->evidence_view), item->evidence ? item->evidence : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->valid_entry), item->valid_until ? item->valid_until : "");
  gtk_widget_set_visible (GTK_WIDGET (self->valid_message), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->valid_entry), "error");
  self->loading_editor = FALSE;
  update_status_buttons (self, item->status);

  if (item->checked_by != NULL && *item->checked_by != '\0')
    {
      g_autofree char *when = kk_gui_util_format_time (item->checked_at);

      /* Translators: "Checked by Anna Svensson, 2026-01-10 14:03" */
      checked = g_strdup_printf (_("Checked by %s, %s"), item->checked_by, when);
    }
  gtk_label_set_text (self->checked_label, checked ? checked : _("Not checked yet"));

  gtk_text_view_set_editable (self->comment_view, !self->read_only);
  gtk_text_view_set_editable (self->evidence_view, !self->read_only);
  gtk_editable_set_editable (GTK_EDITABLE (self->valid_entry), !self->read_only);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_widget_set_sensitive (self->status_button[i], !self->read_only);

  gtk_stack_set_visible_child_name (self->editor_stack, "editor");
}

static KkChecklistItem *
editing_item (KkChecklistView *self)
{
  KkChecklistRow *row = self->editing_code ? find_row (self, self->editing_code, NULL) : NULL;

  return row ? row->item : NULL;
}

/* Whether the details in the editor are not those it was loaded with:
 * something was typed. */
static gboolean
editor_dirty (KkChecklistView *self)
{
  KkChecklistItem *item = self->editor_base ? self->editor_base : editing_item (self);
  g_autofree char *comment = NULL;
  g_autofree char *evidence = NULL;

  if (item == NULL || self->read_only)
    return FALSE;
  comment = kk_gui_util_dup_text (self->comment_view);
  evidence = kk_gui_util_dup_text (self->evidence_view);
  return !same_text (comment, item->comment) || !same_text (evidence, item->evidence) ||
         !same_text (gtk_editable_get_text (GTK_EDITABLE (self->valid_entry)), item->valid_until);
}

/* Empty, or a real date written YYYY-MM-DD. */
static gboolean
valid_date (const char *text)
{
  int y, m, d;
  char end;

  if (text == NULL || *text == '\0')
    return TRUE;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

/* Writes one answer; remembers what it was for undo and says what changed. */
static gboolean
write_answer (KkChecklistView     *self,
              const char          *code,
              const KkAnswerInput *input,
              const char          *toast_title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkChecklistItem) previous = NULL;
  KkChecklistRow *row;

  if (!kk_store_set_answer (self->db, self->procurement_id, self->supplier_id, code, input, &previous, &error))
    {
      if (g_error_matches (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT))
        {
          g_autofree char *body = NULL;

          /* Show what is there now; the editor keeps what was typed, and
           * saving again replaces the other change knowingly. */
          load_rows (self);
          update_summary (self);
          if (g_strcmp0 (self->editing_code, code) == 0)
            g_set_object (&self->editor_base, editing_item (self));
          body = g_strdup_printf ("%s\n\n%s", error->message,
                                  _("What you typed is still in the editor: save again to replace the other change, "
                                    "or select the requirement again to see it."));
          kk_gui_message (GTK_WIDGET (self), _("Someone Else Changed This Answer"), body);
        }
      else
        kk_gui_error (GTK_WIDGET (self), _("Could Not Save the Answer"), error);
      return FALSE;
    }

  row = find_row (self, code, NULL);
  /* A field the change leaves out (NULL) is unchanged. */
  if (previous != NULL && row != NULL &&
      (input->status == NULL || same_text (previous->status, input->status)) &&
      (input->comment == NULL || same_text (previous->comment, input->comment)) &&
      (input->evidence == NULL || same_text (previous->evidence, input->evidence)) &&
      (input->valid_until == NULL || same_text (previous->valid_until, input->valid_until)))
    return TRUE;  /* nothing changed, nothing recorded */

  load_rows (self);
  if (previous != NULL)
    {
      UndoEntry *entry = g_new0 (UndoEntry, 1);
      KkChecklistRow *now = find_row (self, code, NULL);

      entry->code = g_strdup (code);
      entry->previous = g_steal_pointer (&previous);
      entry->written = now ? g_object_ref (now->item) : NULL;
      g_ptr_array_add (self->undo, entry);
    }

  update_summary (self);
  update_actions (self);
  if (toast_title != NULL)
    show_toast (self, toast_title, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
  kk_gui_util_data_changed (GTK_WIDGET (self), "checklists");
  return TRUE;
}

static gboolean
save_details (KkChecklistView *self)
{
  KkChecklistItem *item = editing_item (self);
  g_autofree char *comment = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *code = NULL;
  g_autofree char *title = NULL;
  const char *valid;
  KkAnswerInput input = { 0 };

  if (!editor_dirty (self))
    return TRUE;

  valid = gtk_editable_get_text (GTK_EDITABLE (self->valid_entry));
  if (!valid_date (valid))
    {
      gtk_label_set_text (self->valid_message,
                          _("Write the date as YYYY-MM-DD, for example 2027-03-31, or leave it empty."));
      gtk_widget_set_visible (GTK_WIDGET (self->valid_message), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->valid_entry), "error");
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->valid_message), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->valid_entry), "error");

  comment = kk_gui_util_dup_text (self->comment_view);
  evidence = kk_gui_util_dup_text (self->evidence_view);
  code = g_strdup (item->code);
  /* The details only, checked against what the editor was loaded with:
   * another process may have changed them meanwhile. */
  input.comment = comment;
  input.evidence = evidence;
  input.valid_until = valid;
  input.expected = self->editor_base;
  /* Translators: %s is a requirement code */
  title = g_strdup_printf (_("Details of %s saved"), code);
  if (!write_answer (self, code, &input, title))
    return FALSE;

  /* The editor keeps what was typed; refresh "checked by". */
  if (g_strcmp0 (self->editing_code, code) == 0)
    {
      KkChecklistItem *now = editing_item (self);

      g_set_object (&self->editor_base, now);
      if (now != NULL && now->checked_by != NULL && *now->checked_by != '\0')
        {
          g_autofree char *when = kk_gui_util_format_time (now->checked_at);
          g_autofree char *checked = g_strdup_printf (_("Checked by %s, %s"), now->checked_by, when);

          gtk_label_set_text (self->checked_label, checked);
        }
    }
  return TRUE;
}

static void
set_status (KkChecklistView *self,
            KkChecklistItem *target,
            const char      *status)
{
  g_autofree char *code = NULL;
  g_autofree char *title = NULL;
  KkChecklistRow *row;
  KkAnswerInput input = { 0 };

  if (target == NULL || self->read_only || !kk_is_answer_status (status))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  code = g_strdup (target->code);

  /* Typed details go with the status rather than being lost. */
  if (g_strcmp0 (self->editing_code, code) == 0 && editor_dirty (self))
    {
      if (!save_details (self))
        return;
    }

  row = find_row (self, code, NULL);
  if (row == NULL)
    return;
  /* The status only: the details stay as they are in the database, even
   * if another process changed them since this view read them. */
  input.status = status;
  /* Translators: "LEV-IS-01 set to Met" */
  title = g_strdup_printf (_("%s set to %s"), code, kk_answer_status_label (status));
  write_answer (self, code, &input, title);

  if (g_strcmp0 (self->editing_code, code) == 0)
    {
      KkChecklistItem *now = editing_item (self);

      update_status_buttons (self, now ? now->status : status);
      if (now != NULL && now->checked_by != NULL)
        {
          g_autofree char *when = kk_gui_util_format_time (now->checked_at);
          g_autofree char *checked = g_strdup_printf (_("Checked by %s, %s"), now->checked_by, when);

          gtk_label_set_text (self->checked_label, checked);
        }
    }
}

static void
status_button_clicked_cb (GtkToggleButton *button,
                          KkChecklistView *self)
{
  const char *status = g_object_get_data (G_OBJECT (button), "kk-status");
  KkChecklistItem *item = editing_item (self);

  if (self->loading_editor)
    return;
  set_status (self, item, status);
  /* A click toggles the button; show the stored state instead. */
  item = editing_item (self);
  update_status_buttons (self, item ? item->status : NULL);
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      KkChecklistView    *self)
{
  KkChecklistItem *item = selected_item (self);

  if (item != NULL && g_strcmp0 (item->code, self->editing_code) == 0)
    return;
  /* Details typed for the row that was shown are saved before moving on. */
  if (self->editing_code != NULL && editor_dirty (self))
    save_details (self);
  load_editor (self);
}

static void
field_leave_cb (GtkEventControllerFocus *controller,
                KkChecklistView         *self)
{
  if (!self->loading_editor)
    save_details (self);
}

static void
valid_activate_cb (GtkEntry        *entry,
                   KkChecklistView *self)
{
  save_details (self);
}

static void
valid_changed_cb (GtkEditable     *editable,
                  KkChecklistView *self)
{
  if (!self->loading_editor && valid_date (gtk_editable_get_text (editable)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->valid_message), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->valid_entry), "error");
    }
}

/* Actions */

static void
update_actions (KkChecklistView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "checklist.set-status", !self->read_only);
  gtk_widget_action_set_enabled (widget, "checklist.save-details", !self->read_only);
  gtk_widget_action_set_enabled (widget, "checklist.undo", !self->read_only && self->undo->len > 0);
  gtk_widget_action_set_enabled (widget, "checklist.import", !self->read_only && !self->importing);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (widget);

  set_status (self, selected_item (self), g_variant_get_string (parameter, NULL));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (widget);
  g_autoptr(GError) error = NULL;
  UndoEntry *entry;
  KkChecklistItem *prev;
  KkAnswerInput input = { 0 };
  g_autofree char *title = NULL;
  guint position;

  if (self->read_only || self->undo->len == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  entry = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  prev = entry->previous;
  input.status = prev->status ? prev->status : "unanswered";
  input.comment = prev->comment ? prev->comment : "";
  input.evidence = prev->evidence ? prev->evidence : "";
  input.valid_until = prev->valid_until ? prev->valid_until : "";
  /* Not over a change someone else made after this one. */
  input.expected = entry->written;

  if (!kk_store_set_answer (self->db, self->procurement_id, self->supplier_id, entry->code, &input, NULL, &error))
    {
      kk_gui_error (widget, _("Could Not Undo the Change"), error);
      load_rows (self);
      update_summary (self);
    }
  else
    {
      load_rows (self);
      update_summary (self);
      /* Show the row whose answer came back, with its details. */
      if (find_row (self, entry->code, &position))
        select_position (self, position);
      load_editor (self);
      /* Translators: "LEV-IS-01 is back to Unanswered" */
      title = g_strdup_printf (_("%s is back to %s"), entry->code, kk_answer_status_label (input.status));
      show_toast (self, title, FALSE);
      g_signal_emit (self, signals[CHANGED], 0);
      kk_gui_util_data_changed (widget, "checklists");
    }
  undo_entry_free (entry);
  update_actions (self);
}

static void
save_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  save_details (KK_CHECKLIST_VIEW (widget));
}

static void
move_selection (KkChecklistView *self,
                int              delta)
{
  GtkWidget *list = kk_gui_util_list_view_of (GTK_WIDGET (self->column_view));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  /* With the focus in the list, do exactly what Down and Up do there. */
  if (list != NULL && gtk_widget_get_focus_child (list) != NULL &&
      kk_gui_util_list_run_key (list, delta > 0 ? GDK_KEY_Down : GDK_KEY_Up))
    return;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = delta > 0 ? 0 : n - 1;
  else if (delta > 0 && selected + 1 < n)
    selected++;
  else if (delta < 0 && selected > 0)
    selected--;
  select_position (self, selected);
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_selection (KK_CHECKLIST_VIEW (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_selection (KK_CHECKLIST_VIEW (widget), -1);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (widget);

  save_details (self);
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (widget);
  g_autofree char *name = NULL;

  if (self->supplier == NULL || self->procurement == NULL)
    return;
  name = kk_gui_util_export_file_name (KK_GUI_EXPORT_CHECKLIST, self->procurement->dnr, self->supplier->name);
  kk_gui_util_export (widget, self->db, KK_GUI_EXPORT_CHECKLIST, self->procurement_id, self->supplier_id, name);
}

/* Import */

typedef struct {
  char  *db_path;
  char  *actor;
  char  *path;
  gint64 procurement_id;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_free (job->actor);
  g_free (job->path);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = NULL;
  const KkIoModule *io;
  KkChecklistImport *import;

  /* A connection of its own: an SQLite handle is not shared across threads. */
  db = kk_database_open (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  kk_database_set_actor (db, job->actor);
  io = kk_io_module_get (&error);
  import = io != NULL ? io->checklist_import_read (db, job->procurement_id, job->path, &error) : NULL;
  if (import == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, import, (GDestroyNotify) kk_io_module_checklist_import_free);
}

static void
set_busy (KkChecklistView *self,
          const char      *message)
{
  self->importing = message != NULL;
  if (message != NULL)
    gtk_label_set_text (self->busy_label, message);
  gtk_spinner_set_spinning (self->busy_spinner, message != NULL);
  gtk_revealer_set_reveal_child (self->busy_revealer, message != NULL);
  update_actions (self);
}

static void
import_applied_cb (KkImportDialog  *dialog,
                   guint            n_applied,
                   KkChecklistView *self)
{
  const char *file_name = kk_import_dialog_get_file_name (dialog);
  g_autofree char *title = NULL;

  /* Answers changed under the undo history: it no longer applies. */
  g_ptr_array_set_size (self->undo, 0);
  reload (self);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer imported from %s", "%u answers imported from %s",
                                        n_applied), n_applied, file_name);
  show_toast (self, title, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
  kk_gui_util_data_changed (GTK_WIDGET (self), "checklists");
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (source);
  g_autoptr(GError) error = NULL;
  KkChecklistImport *import;
  KkImportDialog *dialog;

  set_busy (self, NULL);
  import = g_task_propagate_pointer (G_TASK (result), &error);
  if (import == NULL)
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message, _("Nothing was changed."));

      kk_gui_message (GTK_WIDGET (self), _("Could Not Read the Checklist"), body);
      return;
    }

  dialog = kk_import_dialog_new (kk_gui_util_parent_window (GTK_WIDGET (self)), self->db, import);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (import_applied_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kk_checklist_view_import_file (KkChecklistView *self,
                               const char      *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  ImportJob *job;

  g_return_if_fail (KK_IS_CHECKLIST_VIEW (self));
  g_return_if_fail (path != NULL);

  if (self->importing)
    return;
  if (self->read_only)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->db_path = g_strdup (kk_database_get_path (self->db));
  job->actor = g_strdup (kk_database_get_actor (self->db));
  job->path = g_strdup (path);
  job->procurement_id = self->procurement_id;

  name = g_filename_display_basename (path);
  /* Translators: shown while a workbook is read */
  message = g_strdup_printf (_("Reading %s…"), name);
  set_busy (self, message);

  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_source_tag (task, kk_checklist_view_import_file);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
import_chooser_response_cb (GtkNativeDialog *native,
                            int              response,
                            KkChecklistView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        kk_checklist_view_import_file (self, path);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Checklist"), kk_gui_util_parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Excel workbooks (.xlsx)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         KkChecklistView *self)
{
  GFile *file = g_value_get_object (value);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path == NULL || self->read_only || self->importing)
    return FALSE;
  kk_checklist_view_import_file (self, path);
  return TRUE;
}

/* GObject */

static void
kk_checklist_view_constructed (GObject *object)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (object);

  G_OBJECT_CLASS (kk_checklist_view_parent_class)->constructed (object);

  g_assert (self->db != NULL);
  self->lang = kk_gui_util_dup_content_language ();
  reload (self);
}

static void
kk_checklist_view_dispose (GObject *object)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (object);

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_clear_weak_pointer (&self->toast);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_CHECKLIST_VIEW);
  /* Unbound template children are not unparented by the call above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->paced);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (kk_checklist_view_parent_class)->dispose (object);
}

static void
kk_checklist_view_finalize (GObject *object)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_object (&self->procurement);
  g_clear_object (&self->supplier);
  g_clear_object (&self->db);
  g_free (self->lang);
  g_free (self->editing_code);
  g_clear_object (&self->editor_base);
  G_OBJECT_CLASS (kk_checklist_view_parent_class)->finalize (object);
}

static void
kk_checklist_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_PROCUREMENT_ID:
      g_value_set_int64 (value, self->procurement_id);
      break;
    case PROP_SUPPLIER_ID:
      g_value_set_int64 (value, self->supplier_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kk_checklist_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KkChecklistView *self = KK_CHECKLIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    case PROP_PROCUREMENT_ID:
      self->procurement_id = g_value_get_int64 (value);
      break;
    case PROP_SUPPLIER_ID:
      self->supplier_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kk_checklist_view_class_init (KkChecklistViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->constructed = kk_checklist_view_constructed;
  object_class->dispose = kk_checklist_view_dispose;
  object_class->finalize = kk_checklist_view_finalize;
  object_class->get_property = kk_checklist_view_get_property;
  object_class->set_property = kk_checklist_view_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KK_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROCUREMENT_ID] =
    g_param_spec_int64 ("procurement-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUPPLIER_ID] =
    g_param_spec_int64 ("supplier-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KkChecklistView::close-requested:
   *
   * The user asked to go back from the checklist.
   */
  signals[CLOSE_REQUESTED] = g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KkChecklistView::changed:
   *
   * An answer was set, undone or imported.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KK_TYPE_WIDTH_FIRST_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-checklist-view.ui");
  /* Width first: the stack the view is shown in asks for its width at a
   * height, which its wrapping labels (the verdict) search for. */
  gtk_widget_class_set_layout_manager_type (widget_class, KK_TYPE_WIDTH_FIRST_LAYOUT);

  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, supplier_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, procurement_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, busy_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, shortcomings_expander);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, shortcomings_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, readonly_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, position_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, code_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, obligation_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, title_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, status_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, comment_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, evidence_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, valid_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, checked_column);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, code_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, obligation_badge);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, title_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, text_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, verification_label);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, status_buttons);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, comment_view);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, evidence_view);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, valid_entry);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, valid_message);
  gtk_widget_class_bind_template_child (widget_class, KkChecklistView, checked_label);

  gtk_widget_class_install_action (widget_class, "checklist.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "checklist.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "checklist.save-details", NULL, save_details_action);
  gtk_widget_class_install_action (widget_class, "checklist.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "checklist.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "checklist.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "checklist.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "checklist.close", NULL, close_action);
}

static GtkWidget *
status_button_new (guint index)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (kk_gui_util_answer_icon (statuses[index]));
  GtkWidget *label = gtk_label_new (kk_answer_status_label (statuses[index]));
  GtkWidget *key = gtk_label_new (status_keys[index]);
  g_autofree char *tooltip = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_widget_add_css_class (key, "numeric");
  gtk_widget_add_css_class (icon, kk_gui_util_answer_css_class (statuses[index]));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), key);
  gtk_button_set_child (GTK_BUTTON (button), box);

  /* Translators: tooltip of a status button: "Met (key 1 in the list)" */
  tooltip = g_strdup_printf (_("%s (key %s in the list)"), kk_answer_status_label (statuses[index]), status_keys[index]);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kk_answer_status_label (statuses[index]),
                                  -1);
  g_object_set_data (G_OBJECT (button), "kk-status", (gpointer) statuses[index]);
  return button;
}

static void
kk_checklist_view_init (KkChecklistView *self)
{
  GtkEventController *focus;
  GtkDropTarget *drop;

  kk_gui_util_ensure_css ();
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_entry_free);
  self->store = g_list_store_new (KK_TYPE_CHECKLIST_ROW);

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_column (self, self->position_column, COLUMN_POSITION);
  setup_column (self, self->code_column, COLUMN_CODE);
  setup_column (self, self->obligation_column, COLUMN_OBLIGATION);
  setup_column (self, self->title_column, COLUMN_TITLE);
  setup_column (self, self->status_column, COLUMN_STATUS);
  setup_column (self, self->comment_column, COLUMN_COMMENT);
  setup_column (self, self->evidence_column, COLUMN_EVIDENCE);
  setup_column (self, self->valid_column, COLUMN_VALID);
  setup_column (self, self->checked_column, COLUMN_CHECKED);

  /* About a screenful of rows in the first frame. */
  self->paced = kk_paced_model_new (G_LIST_MODEL (self->store), 10);
  kk_paced_model_attach (self->paced, GTK_WIDGET (self->column_view));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->paced)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      self->status_button[i] = status_button_new (i);
      g_signal_connect (self->status_button[i], "clicked", G_CALLBACK (status_button_clicked_cb), self);
      gtk_box_append (self->status_buttons, self->status_button[i]);
    }

  /* Typed details are saved when the field is left. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (field_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->comment_view), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (field_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->evidence_view), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (field_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->valid_entry), focus);
  g_signal_connect (self->valid_entry, "activate", G_CALLBACK (valid_activate_cb), self);
  g_signal_connect (self->valid_entry, "changed", G_CALLBACK (valid_changed_cb), self);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
kk_checklist_view_new (KkDatabase *db,
                       gint64      procurement_id,
                       gint64      supplier_id)
{
  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  return g_object_new (KK_TYPE_CHECKLIST_VIEW,
                       "database", db,
                       "procurement-id", procurement_id,
                       "supplier-id", supplier_id,
                       NULL);
}

gint64
kk_checklist_view_get_procurement_id (KkChecklistView *self)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), 0);

  return self->procurement_id;
}

gint64
kk_checklist_view_get_supplier_id (KkChecklistView *self)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), 0);

  return self->supplier_id;
}

void
kk_checklist_view_reload (KkChecklistView *self)
{
  g_return_if_fail (KK_IS_CHECKLIST_VIEW (self));

  reload (self);
}

gboolean
kk_checklist_view_set_assessment (KkChecklistView *self,
                                  gint64           procurement_id,
                                  gint64           supplier_id)
{
  GtkWidget *list;

  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), FALSE);

  if (self->importing)
    return FALSE;
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_ptr_array_set_size (self->undo, 0);
  g_clear_pointer (&self->editing_code, g_free);
  g_clear_object (&self->editor_base);
  /* Another procurement's requirements are other rows: a screenful
   * first. The same procurement's rows are updated in place. */
  if (procurement_id != self->procurement_id)
    kk_paced_model_restart (self->paced);
  self->procurement_id = procurement_id;
  self->supplier_id = supplier_id;
  g_free (self->lang);
  self->lang = kk_gui_util_dup_content_language ();
  load_header (self);
  load_rows (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    {
      select_position (self, 0);
      list = kk_gui_util_list_view_of (GTK_WIDGET (self->column_view));
      if (list != NULL)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
    }
  update_summary (self);
  load_editor (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCUREMENT_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUPPLIER_ID]);
  return TRUE;
}

void
kk_checklist_view_prepare_rows (KkChecklistView *self)
{
  g_return_if_fail (KK_IS_CHECKLIST_VIEW (self));

  kk_paced_model_show_first (self->paced);
}

GtkLabel *
kk_checklist_view_get_progress_label (KkChecklistView *self)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), NULL);

  return self->progress_label;
}

GtkLabel *
kk_checklist_view_get_verdict_label (KkChecklistView *self)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), NULL);

  return self->verdict_label;
}

GtkWidget *
kk_checklist_view_get_list (KkChecklistView *self)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), NULL);

  return GTK_WIDGET (self->column_view);
}

guint
kk_checklist_view_get_n_items (KkChecklistView *self)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

KkChecklistItem *
kk_checklist_view_get_item (KkChecklistView *self,
                            guint            position)
{
  g_autoptr(KkChecklistRow) row = NULL;

  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), NULL);

  row = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  return row ? row->item : NULL;
}

void
kk_checklist_view_select (KkChecklistView *self,
                          guint            position)
{
  g_return_if_fail (KK_IS_CHECKLIST_VIEW (self));

  select_position (self, position);
}

guint
kk_checklist_view_get_selected (KkChecklistView *self)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->selection);
}

guint
kk_checklist_view_get_undo_depth (KkChecklistView *self)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), 0);

  return self->undo->len;
}

GtkWidget *
kk_checklist_view_get_field (KkChecklistView *self,
                             const char      *field)
{
  g_return_val_if_fail (KK_IS_CHECKLIST_VIEW (self), NULL);

  if (g_strcmp0 (field, "comment") == 0)
    return GTK_WIDGET (self->comment_view);
  if (g_strcmp0 (field, "evidence") == 0)
    return GTK_WIDGET (self->evidence_view);
  if (g_strcmp0 (field, "valid-until") == 0)
    return GTK_WIDGET (self->valid_entry);
  g_return_val_if_reached (NULL);
}
