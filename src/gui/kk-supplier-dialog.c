// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-supplier-dialog"

#include <glib/gi18n.h>

#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-orgnr.h"
#include "kk-store.h"
#include "kk-supplier-dialog.h"

struct _KkSupplierDialog
{
  AdwWindow    parent_instance;

  KkDatabase  *db;
  KkSupplier  *supplier;          /* NULL when adding */
  gboolean     org_number_valid;
  char        *org_number_message;

  /* Template widgets */
  GtkWidget   *save_button;
  GtkLabel    *error_label;
  AdwEntryRow *name_row;
  AdwEntryRow *org_number_row;
  AdwActionRow *org_number_fixed_row;
  GtkLabel    *org_number_label;
  AdwEntryRow *country_row;
  AdwEntryRow *contact_row;
  GtkTextView *note_view;
};

G_DEFINE_FINAL_TYPE (KkSupplierDialog, kk_supplier_dialog, ADW_TYPE_WINDOW)

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
show_error (KkSupplierDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Checks the organisation number as it is typed and says under the field
 * what is wrong, or how it will be stored. */
static void
validate_org_number (KkSupplierDialog *self)
{
  const char *text = text_of (self->org_number_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  KkOrgnrKind kind;
  GtkWidget *label = GTK_WIDGET (self->org_number_label);

  g_clear_pointer (&self->org_number_message, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->org_number_row), "error");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_add_css_class (label, "dim-label");

  if (self->supplier != NULL)
    {
      self->org_number_valid = TRUE;
      gtk_widget_set_visible (label, FALSE);
      return;
    }

  if (kk_gui_util_is_blank (text))
    {
      self->org_number_valid = FALSE;
      gtk_label_set_text (self->org_number_label,
                          _("10 digits, for example 556677-8899; a sole trader’s personal identity number also works."));
      return;
    }

  normalized = kk_orgnr_normalize (text, &kind, &error);
  self->org_number_valid = normalized != NULL;
  if (normalized == NULL)
    {
      self->org_number_message = g_strdup (error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->org_number_row), "error");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
    }
  else if (kind == KK_ORGNR_KIND_SOLE_TRADER)
    self->org_number_message = g_strdup_printf (_("Stored as %s (a sole trader’s personal identity number)"), normalized);
  else
    self->org_number_message = g_strdup_printf (_("Stored as %s"), normalized);
  gtk_label_set_text (self->org_number_label, self->org_number_message);
}

static void
update_can_save (KkSupplierDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", kk_supplier_dialog_can_save (self));
}

static void
field_changed_cb (KkSupplierDialog *self,
                  GtkEditable      *editable)
{
  if (editable == GTK_EDITABLE (self->org_number_row))
    validate_org_number (self);
  /* A refusal is about what was saved, not what is typed now. */
  show_error (self, NULL);
  update_can_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KkSupplierDialog *self = KK_SUPPLIER_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(KkSupplier) saved = NULL;
  g_autofree char *note = kk_gui_util_dup_text (self->note_view);

  if (!kk_supplier_dialog_can_save (self))
    return;

  if (self->supplier == NULL)
    saved = kk_store_add_supplier (self->db, text_of (self->name_row), text_of (self->org_number_row),
                                   text_of (self->country_row), text_of (self->contact_row), note, &error);
  else if (kk_store_update_supplier (self->db, self->supplier->id, text_of (self->name_row),
                                     text_of (self->country_row), text_of (self->contact_row), note,
                                     self->supplier, &error))
    {
      g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, self->supplier->id);

      saved = kk_store_find_supplier (self->db, ref, &error);
    }

  if (saved == NULL && g_error_matches (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONFLICT))
    {
      g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, self->supplier->id);
      g_autofree char *message = kk_gui_util_conflict_message (error);
      KkSupplier *now = kk_store_find_supplier (self->db, ref, NULL);

      /* What is typed stays; saving again is against what is there now. */
      if (now != NULL)
        {
          g_object_unref (self->supplier);
          self->supplier = now;
        }
      show_error (self, message);
      return;
    }
  if (saved == NULL)
    {
      show_error (self, error ? error->message : _("The supplier could not be saved."));
      if (g_error_matches (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_CONSTRAINT) && self->supplier == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->org_number_row));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
kk_supplier_dialog_dispose (GObject *object)
{
  KkSupplierDialog *self = KK_SUPPLIER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_SUPPLIER_DIALOG);
  G_OBJECT_CLASS (kk_supplier_dialog_parent_class)->dispose (object);
}

static void
kk_supplier_dialog_finalize (GObject *object)
{
  KkSupplierDialog *self = KK_SUPPLIER_DIALOG (object);

  g_clear_object (&self->db);
  g_clear_object (&self->supplier);
  g_free (self->org_number_message);
  G_OBJECT_CLASS (kk_supplier_dialog_parent_class)->finalize (object);
}

static void
kk_supplier_dialog_class_init (KkSupplierDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->dispose = kk_supplier_dialog_dispose;
  object_class->finalize = kk_supplier_dialog_finalize;

  /**
   * KkSupplierDialog::saved:
   * @supplier: the supplier as stored
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, KK_TYPE_SUPPLIER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-supplier-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, org_number_row);
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, org_number_fixed_row);
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, org_number_label);
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, country_row);
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, KkSupplierDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
}

static void
kk_supplier_dialog_init (KkSupplierDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KkSupplierDialog *
kk_supplier_dialog_new (GtkWindow  *parent,
                        KkDatabase *db,
                        KkSupplier *supplier)
{
  KkSupplierDialog *self;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);
  g_return_val_if_fail (supplier == NULL || KK_IS_SUPPLIER (supplier), NULL);

  self = g_object_new (KK_TYPE_SUPPLIER_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);

  if (supplier != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);

      self->supplier = g_object_ref (supplier);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Supplier"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), supplier->name ? supplier->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->country_row), supplier->country ? supplier->country : "");
      gtk_editable_set_text (GTK_EDITABLE (self->contact_row), supplier->contact ? supplier->contact : "");
      gtk_text_buffer_set_text (buffer, supplier->note ? supplier->note : "", -1);
      /* The organisation number identifies the supplier: it is not edited. */
      gtk_widget_set_visible (GTK_WIDGET (self->org_number_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->org_number_fixed_row), TRUE);
      adw_action_row_set_subtitle (self->org_number_fixed_row, supplier->org_number);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Add Supplier"));

  validate_org_number (self);
  show_error (self, NULL);
  update_can_save (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

GtkEditable *
kk_supplier_dialog_get_field (KkSupplierDialog *self,
                              const char       *field)
{
  g_return_val_if_fail (KK_IS_SUPPLIER_DIALOG (self), NULL);

  if (g_strcmp0 (field, "name") == 0)
    return GTK_EDITABLE (self->name_row);
  if (g_strcmp0 (field, "org-number") == 0)
    return GTK_EDITABLE (self->org_number_row);
  if (g_strcmp0 (field, "country") == 0)
    return GTK_EDITABLE (self->country_row);
  if (g_strcmp0 (field, "contact") == 0)
    return GTK_EDITABLE (self->contact_row);
  g_return_val_if_reached (NULL);
}

void
kk_supplier_dialog_set_note (KkSupplierDialog *self,
                             const char       *note)
{
  g_return_if_fail (KK_IS_SUPPLIER_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
}

const char *
kk_supplier_dialog_get_org_number_message (KkSupplierDialog *self)
{
  g_return_val_if_fail (KK_IS_SUPPLIER_DIALOG (self), NULL);

  return self->org_number_message;
}

const char *
kk_supplier_dialog_get_error (KkSupplierDialog *self)
{
  g_return_val_if_fail (KK_IS_SUPPLIER_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

gboolean
kk_supplier_dialog_can_save (KkSupplierDialog *self)
{
  g_return_val_if_fail (KK_IS_SUPPLIER_DIALOG (self), FALSE);

  return !kk_gui_util_is_blank (text_of (self->name_row)) && self->org_number_valid;
}
