// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-procurement-dialog"

#include <glib/gi18n.h>

#include "kk-catalog.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-procurement-dialog.h"
#include "kk-store.h"

struct _KkProcurementDialog
{
  AdwWindow      parent_instance;

  KkDatabase    *db;
  KkProcurement *procurement;       /* NULL when creating */
  GPtrArray     *categories;        /* KkCategory; index + 1 = combo position */
  gboolean       deadline_valid;

  /* Template widgets */
  GtkWidget     *save_button;
  GtkLabel      *error_label;
  AdwEntryRow   *title_row;
  AdwEntryRow   *dnr_row;
  AdwEntryRow   *unit_row;
  AdwComboRow   *category_row;
  GtkLabel      *category_label;
  AdwEntryRow   *deadline_row;
  GtkLabel      *deadline_label;
  GtkPopover    *calendar_popover;
  GtkCalendar   *calendar;
  GtkTextView   *note_view;
};

G_DEFINE_FINAL_TYPE (KkProcurementDialog, kk_procurement_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_error (KkProcurementDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GDateTime *
parse_date (const char *text)
{
  int y, m, d;
  char end;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (strlen (trimmed) != 10 || trimmed[4] != '-' || trimmed[7] != '-' ||
      sscanf (trimmed, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

static void
validate_deadline (KkProcurementDialog *self)
{
  const char *text = text_of (self->deadline_row);
  g_autoptr(GDateTime) date = NULL;
  GtkWidget *label = GTK_WIDGET (self->deadline_label);

  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_row), "error");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_add_css_class (label, "dim-label");

  if (kk_gui_util_is_blank (text))
    {
      self->deadline_valid = TRUE;
      gtk_label_set_text (self->deadline_label, _("Optional. For example 2026-09-30."));
      return;
    }

  date = parse_date (text);
  self->deadline_valid = date != NULL;
  if (date == NULL)
    {
      gtk_label_set_text (self->deadline_label,
                          _("Not a date: write it as YYYY-MM-DD, for example 2026-09-30, or choose it in the calendar."));
      gtk_widget_add_css_class (GTK_WIDGET (self->deadline_row), "error");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      g_autofree char *long_date = g_date_time_format (date, "%A %e %B %Y");

      gtk_label_set_text (self->deadline_label, long_date);
    }
}

static void
update_can_save (KkProcurementDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", kk_procurement_dialog_can_save (self));
}

static void
field_changed_cb (KkProcurementDialog *self,
                  GtkEditable         *editable)
{
  if (editable == GTK_EDITABLE (self->deadline_row))
    validate_deadline (self);
  show_error (self, NULL);
  update_can_save (self);
}

static void
day_selected_cb (GtkCalendar         *calendar,
                 KkProcurementDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), text);
  gtk_popover_popdown (self->calendar_popover);
}

static void
popover_show_cb (GtkPopover          *popover,
                 KkProcurementDialog *self)
{
  g_autoptr(GDateTime) date = parse_date (text_of (self->deadline_row));

  if (date != NULL)
    {
      g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
      gtk_calendar_select_day (self->calendar, date);
      g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
    }
}

static const char *
selected_category (KkProcurementDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);
  const KkCategory *category;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->categories == NULL ||
      selected > self->categories->len)
    return NULL;
  category = g_ptr_array_index (self->categories, selected - 1);
  return category->key;
}

static void
category_changed_cb (AdwComboRow         *row,
                     GParamSpec          *pspec,
                     KkProcurementDialog *self)
{
  const char *key = selected_category (self);
  g_auto(GStrv) codes = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (self->procurement != NULL)
    {
      gtk_label_set_text (self->category_label,
                          _("Changing the category does not change the requirements already chosen."));
      return;
    }
  if (key == NULL)
    {
      gtk_label_set_text (self->category_label,
                          _("Without a category the procurement starts with no requirements; add them from the catalogue."));
      return;
    }
  codes = kk_store_suggested_codes (self->db, key, NULL);
  n = codes ? g_strv_length (codes) : 0;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The catalogue suggests %u requirement for this category; it is selected when the procurement is created.",
                                       "The catalogue suggests %u requirements for this category; they are selected when the procurement is created.",
                                       n), n);
  gtk_label_set_text (self->category_label, text);
}

/* Creates the procurement and selects the suggested requirements in one
 * transaction: either both happen or neither. */
static KkProcurement *
create (KkProcurementDialog       *self,
        const KkProcurementInput  *input,
        guint                     *n_suggested,
        GError                   **error)
{
  g_autoptr(KkProcurement) created = NULL;
  g_auto(GStrv) codes = NULL;

  if (!kk_database_begin (self->db, error))
    return NULL;

  created = kk_store_create_procurement (self->db, input, error);
  if (created == NULL)
    goto fail;

  if (input->category != NULL)
    {
      codes = kk_store_suggested_codes (self->db, input->category, error);
      if (codes == NULL)
        goto fail;
      if (codes[0] != NULL &&
          !kk_store_procurement_add_requirements (self->db, created->id, (const char * const *) codes, error))
        goto fail;
      *n_suggested = g_strv_length (codes);
    }

  if (!kk_database_commit (self->db, error))
    goto fail;

  return kk_store_get_procurement (self->db, created->id, error);

fail:
  if (kk_database_in_transaction (self->db))
    kk_database_rollback (self->db);
  return NULL;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KkProcurementDialog *self = KK_PROCUREMENT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) saved = NULL;
  g_autofree char *note = kk_gui_util_dup_text (self->note_view);
  g_autofree char *deadline = g_strstrip (g_strdup (text_of (self->deadline_row)));
  KkProcurementInput input = { 0 };
  guint n_suggested = 0;

  if (!kk_procurement_dialog_can_save (self))
    return;

  input.title = text_of (self->title_row);
  input.dnr = text_of (self->dnr_row);
  input.unit = text_of (self->unit_row);
  input.category = selected_category (self);
  input.deadline = *deadline ? deadline : NULL;
  input.note = note;
  input.expected = self->procurement;

  if (self->procurement == NULL)
    saved = create (self, &input, &n_suggested, &error);
  else if (kk_store_update_procurement (self->db, self->procurement->id, &input, &error))
    saved = kk_store_get_procurement (self->db, self->procurement->id, &error);

  if (saved == NULL && g_error_matches (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT))
    {
      g_autofree char *message = kk_gui_util_conflict_message (error);
      KkProcurement *now = kk_store_get_procurement (self->db, self->procurement->id, NULL);

      /* What is typed stays; saving again is against what is there now. */
      if (now != NULL)
        {
          g_object_unref (self->procurement);
          self->procurement = now;
        }
      show_error (self, message);
      return;
    }
  if (saved == NULL)
    {
      show_error (self, error ? error->message : _("The procurement could not be saved."));
      if (g_error_matches (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT))
        gtk_widget_grab_focus (GTK_WIDGET (self->dnr_row));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved, n_suggested);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill_categories (KkProcurementDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean english = g_str_equal (kk_gui_util_ui_language (), "en");

  self->categories = kk_catalog_list_categories (self->db, &error);
  if (self->categories == NULL)
    g_warning ("Cannot read the procurement categories: %s", error->message);

  gtk_string_list_append (model, _("No category"));
  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    {
      const KkCategory *category = g_ptr_array_index (self->categories, i);

      gtk_string_list_append (model, english ? category->name_en : category->name_sv);
    }
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (model));
}

static void
kk_procurement_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KK_TYPE_PROCUREMENT_DIALOG);
  G_OBJECT_CLASS (kk_procurement_dialog_parent_class)->dispose (object);
}

static void
kk_procurement_dialog_finalize (GObject *object)
{
  KkProcurementDialog *self = KK_PROCUREMENT_DIALOG (object);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_object (&self->procurement);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (kk_procurement_dialog_parent_class)->finalize (object);
}

static void
kk_procurement_dialog_class_init (KkProcurementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->dispose = kk_procurement_dialog_dispose;
  object_class->finalize = kk_procurement_dialog_finalize;

  /**
   * KkProcurementDialog::saved:
   * @procurement: the procurement as stored
   * @n_suggested: how many suggested requirements were selected (creating only)
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, KK_TYPE_PROCUREMENT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-procurement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, dnr_row);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, category_label);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
}

static void
kk_procurement_dialog_init (KkProcurementDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->deadline_valid = TRUE;
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect (self->calendar_popover, "show", G_CALLBACK (popover_show_cb), self);
}

KkProcurementDialog *
kk_procurement_dialog_new (GtkWindow     *parent,
                           KkDatabase    *db,
                           KkProcurement *procurement)
{
  KkProcurementDialog *self;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);
  g_return_val_if_fail (procurement == NULL || KK_IS_PROCUREMENT (procurement), NULL);

  self = g_object_new (KK_TYPE_PROCUREMENT_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  fill_categories (self);
  g_signal_connect (self->category_row, "notify::selected", G_CALLBACK (category_changed_cb), self);

  if (procurement != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);

      self->procurement = g_object_ref (procurement);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Procurement"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), procurement->title ? procurement->title : "");
      gtk_editable_set_text (GTK_EDITABLE (self->dnr_row), procurement->dnr ? procurement->dnr : "");
      gtk_editable_set_text (GTK_EDITABLE (self->unit_row), procurement->unit ? procurement->unit : "");
      gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), procurement->deadline ? procurement->deadline : "");
      gtk_text_buffer_set_text (buffer, procurement->note ? procurement->note : "", -1);
      kk_procurement_dialog_set_category (self, procurement->category);
    }
  else
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *unit = g_settings_get_string (settings, "default-unit");

      gtk_window_set_title (GTK_WINDOW (self), _("New Procurement"));
      gtk_editable_set_text (GTK_EDITABLE (self->unit_row), unit);
    }

  category_changed_cb (self->category_row, NULL, self);
  validate_deadline (self);
  show_error (self, NULL);
  update_can_save (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

GtkEditable *
kk_procurement_dialog_get_field (KkProcurementDialog *self,
                                 const char          *field)
{
  g_return_val_if_fail (KK_IS_PROCUREMENT_DIALOG (self), NULL);

  if (g_strcmp0 (field, "title") == 0)
    return GTK_EDITABLE (self->title_row);
  if (g_strcmp0 (field, "dnr") == 0)
    return GTK_EDITABLE (self->dnr_row);
  if (g_strcmp0 (field, "unit") == 0)
    return GTK_EDITABLE (self->unit_row);
  if (g_strcmp0 (field, "deadline") == 0)
    return GTK_EDITABLE (self->deadline_row);
  g_return_val_if_reached (NULL);
}

gboolean
kk_procurement_dialog_set_category (KkProcurementDialog *self,
                                    const char          *key)
{
  g_return_val_if_fail (KK_IS_PROCUREMENT_DIALOG (self), FALSE);

  if (key == NULL || *key == '\0')
    {
      adw_combo_row_set_selected (self->category_row, 0);
      return TRUE;
    }
  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    {
      const KkCategory *category = g_ptr_array_index (self->categories, i);

      if (g_strcmp0 (category->key, key) == 0)
        {
          adw_combo_row_set_selected (self->category_row, i + 1);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
kk_procurement_dialog_get_error (KkProcurementDialog *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

gboolean
kk_procurement_dialog_can_save (KkProcurementDialog *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENT_DIALOG (self), FALSE);

  return !kk_gui_util_is_blank (text_of (self->title_row)) && !kk_gui_util_is_blank (text_of (self->dnr_row)) && self->deadline_valid;
}
