// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-import-dialog"

#include <glib/gi18n.h>

#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-import-dialog.h"
#include "kk-io-module.h"
#include "kk-types.h"

struct _KkImportDialog
{
  AdwWindow            parent_instance;

  KkDatabase          *db;
  KkChecklistImport   *import;
  guint                n_new;
  guint                n_changed;
  guint                n_conflicts;
  guint                n_refused;

  /* Template widgets */
  GtkWidget           *apply_button;
  GtkWidget           *refused_banner;
  GtkLabel            *refused_label;
  GtkLabel            *summary_label;
  AdwActionRow        *file_row;
  AdwActionRow        *sha_row;
  AdwActionRow        *procurement_row;
  AdwActionRow        *supplier_row;
  AdwPreferencesGroup *refused_group;
  AdwPreferencesGroup *conflicts_group;
  AdwPreferencesGroup *new_group;
  AdwPreferencesGroup *changed_group;
  GtkSwitch           *overwrite_switch;
};

G_DEFINE_FINAL_TYPE (KkImportDialog, kk_import_dialog, ADW_TYPE_WINDOW)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
or_empty (const char *s)
{
  return s ? s : "";
}

static gboolean
is_unanswered (const char *status)
{
  return status == NULL || *status == '\0' || g_strcmp0 (status, "unanswered") == 0;
}

/* "Comment: old → new" lines for what changes besides the status. */
static char *
describe_details (const KkImportChange *change)
{
  GString *text = g_string_new (NULL);

  if (g_strcmp0 (or_empty (change->old_comment), or_empty (change->comment)) != 0)
    {
      if (*or_empty (change->old_comment))
        /* Translators: a changed comment, old → new */
        g_string_append_printf (text, _("Comment: %s → %s"), change->old_comment, or_empty (change->comment));
      else
        g_string_append_printf (text, _("Comment: %s"), or_empty (change->comment));
    }
  if (g_strcmp0 (or_empty (change->old_evidence), or_empty (change->evidence)) != 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (*or_empty (change->old_evidence))
        g_string_append_printf (text, _("Evidence: %s → %s"), change->old_evidence, or_empty (change->evidence));
      else
        g_string_append_printf (text, _("Evidence: %s"), or_empty (change->evidence));
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
change_row_new (const KkImportChange *change,
                gboolean              show_old)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *details = describe_details (change);
  GtkWidget *icon = gtk_image_new_from_icon_name (kk_gui_util_answer_icon (change->status));

  if (show_old && g_strcmp0 (change->old_status, change->status) != 0)
    /* Translators: "LEV-IS-01: Partly met → Met" */
    title = g_strdup_printf (_("%s: %s → %s"), change->code, kk_answer_status_label (change->old_status),
                             kk_answer_status_label (change->status));
  else
    /* Translators: "LEV-IS-01: Met" */
    title = g_strdup_printf (_("%s: %s"), change->code, kk_answer_status_label (change->status));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (*details)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details);
  gtk_widget_add_css_class (icon, kk_gui_util_answer_css_class (change->status));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  {
    g_autofree char *row_text = g_strdup_printf (_("Row %u"), change->row);
    GtkWidget *label = gtk_label_new (row_text);

    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_add_css_class (label, "caption");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  }
  return row;
}

static GtkWidget *
problem_row_new (const KkImportProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  g_autofree char *where = NULL;

  if (problem->row == 0)
    /* Translators: a problem with the workbook as a whole, in sheet %s */
    where = g_strdup_printf (_("Sheet “%s”"), or_empty (problem->sheet));
  else if (problem->column != NULL && *problem->column != '\0')
    /* Translators: where a refused cell is */
    where = g_strdup_printf (_("Sheet “%s”, row %u, column %s"), or_empty (problem->sheet), problem->row, problem->column);
  else
    where = g_strdup_printf (_("Sheet “%s”, row %u"), or_empty (problem->sheet), problem->row);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), or_empty (problem->message));
  gtk_widget_add_css_class (icon, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refused"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "kk-refused-row");
  return row;
}

static void
update_apply (KkImportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.apply", kk_import_dialog_can_apply (self));
  if (self->n_refused == 0 && self->n_new + self->n_changed == 0 && self->n_conflicts > 0)
    gtk_widget_set_tooltip_text (self->apply_button,
                                 gtk_switch_get_active (self->overwrite_switch)
                                 ? NULL : _("Every change would replace an officer’s answer: switch on “Replace officer’s answers” to import them"));
}

static void
overwrite_changed_cb (GtkSwitch      *sw,
                      GParamSpec     *pspec,
                      KkImportDialog *self)
{
  update_apply (self);
}

static void
fill (KkImportDialog *self)
{
  KkChecklistImport *import = self->import;
  GString *summary = g_string_new (NULL);
  g_autofree char *supplier = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), or_empty (import->file_name));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sha_row), or_empty (import->sha256));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->procurement_row), or_empty (import->dnr));
  /* Translators: supplier name and organisation number */
  supplier = g_strdup_printf (_("%s (%s)"), or_empty (import->supplier_name), or_empty (import->org_number));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->supplier_row), supplier);

  for (guint i = 0; import->problems != NULL && i < import->problems->len; i++)
    {
      adw_preferences_group_add (self->refused_group, problem_row_new (g_ptr_array_index (import->problems, i)));
      self->n_refused++;
    }

  for (guint i = 0; import->changes != NULL && i < import->changes->len; i++)
    {
      const KkImportChange *change = g_ptr_array_index (import->changes, i);

      if (change->overwrites_officer)
        {
          adw_preferences_group_add (self->conflicts_group, change_row_new (change, TRUE));
          self->n_conflicts++;
        }
      else if (is_unanswered (change->old_status))
        {
          adw_preferences_group_add (self->new_group, change_row_new (change, FALSE));
          self->n_new++;
        }
      else
        {
          adw_preferences_group_add (self->changed_group, change_row_new (change, TRUE));
          self->n_changed++;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->refused_group), self->n_refused > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), self->n_conflicts > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->new_group), self->n_new > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->changed_group), self->n_changed > 0);

  if (self->n_refused > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u problem in the file. Nothing can be imported until it is fixed: correct the workbook (or ask the supplier to) and import it again.",
                                      "%u problems in the file. Nothing can be imported until they are fixed: correct the workbook (or ask the supplier to) and import it again.",
                                      self->n_refused),
                         self->n_refused);

      gtk_label_set_text (self->refused_label, text);
      gtk_widget_set_visible (self->refused_banner, TRUE);
      gtk_widget_set_tooltip_text (self->apply_button, _("The file has refused rows; fix them first"));
    }

  /* Translators: the parts make "12 new, 3 changed, 2 replace an officer’s answer, 30 unchanged, 5 left empty" */
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u new answer", "%u new answers", self->n_new), self->n_new);
  g_string_append (summary, ", ");
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u changed", "%u changed", self->n_changed), self->n_changed);
  if (self->n_conflicts > 0)
    {
      g_string_append (summary, ", ");
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u would replace an officer’s answer",
                                                    "%u would replace an officer’s answers", self->n_conflicts),
                              self->n_conflicts);
    }
  g_string_append (summary, ", ");
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", import->unchanged),
                          import->unchanged);
  g_string_append (summary, ", ");
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u left empty", "%u left empty", import->unanswered),
                          import->unanswered);
  if (self->n_refused == 0 && self->n_new + self->n_changed + self->n_conflicts == 0)
    {
      g_string_append (summary, "\n");
      g_string_append (summary, _("Every answer in the file is already recorded: there is nothing to import."));
    }
  gtk_label_set_text (self->summary_label, summary->str);
  /* Refused, the counts would only distract from what to fix. */
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), self->n_refused == 0);
  g_string_free (summary, TRUE);

  update_apply (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KkImportDialog *self = KK_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const KkIoModule *io;
  guint n_applied = 0;

  if (!kk_import_dialog_can_apply (self))
    return;

  io = kk_io_module_get (&error);
  if (io == NULL ||
      !io->checklist_import_apply (self->db, self->import, gtk_switch_get_active (self->overwrite_switch),
                                   &n_applied, &error))
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message, _("Nothing was changed."));

      kk_gui_message (widget, _("Could Not Import the Checklist"), body);
      return;
    }

  g_signal_emit (self, signals[APPLIED], 0, n_applied);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
kk_import_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KK_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (kk_import_dialog_parent_class)->dispose (object);
}

static void
kk_import_dialog_finalize (GObject *object)
{
  KkImportDialog *self = KK_IMPORT_DIALOG (object);

  g_clear_pointer (&self->import, kk_io_module_checklist_import_free);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (kk_import_dialog_parent_class)->finalize (object);
}

static void
kk_import_dialog_class_init (KkImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->dispose = kk_import_dialog_dispose;
  object_class->finalize = kk_import_dialog_finalize;

  /**
   * KkImportDialog::applied:
   * @n_applied: how many answers were written
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, refused_banner);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, refused_label);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, sha_row);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, procurement_row);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, supplier_row);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, refused_group);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, new_group);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, changed_group);
  gtk_widget_class_bind_template_child (widget_class, KkImportDialog, overwrite_switch);

  gtk_widget_class_install_action (widget_class, "dialog.apply", NULL, apply_action);
}

static void
kk_import_dialog_init (KkImportDialog *self)
{
  kk_gui_util_ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->overwrite_switch, "notify::active", G_CALLBACK (overwrite_changed_cb), self);
}

KkImportDialog *
kk_import_dialog_new (GtkWindow         *parent,
                      KkDatabase        *db,
                      KkChecklistImport *import)
{
  KkImportDialog *self;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);
  g_return_val_if_fail (import != NULL, NULL);

  self = g_object_new (KK_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->import = import;
  fill (self);
  return self;
}

const char *
kk_import_dialog_get_file_name (KkImportDialog *self)
{
  g_return_val_if_fail (KK_IS_IMPORT_DIALOG (self), NULL);

  return self->import->file_name;
}

gboolean
kk_import_dialog_can_apply (KkImportDialog *self)
{
  g_return_val_if_fail (KK_IS_IMPORT_DIALOG (self), FALSE);

  if (self->n_refused > 0)
    return FALSE;
  return self->n_new + self->n_changed > 0 ||
         (self->n_conflicts > 0 && gtk_switch_get_active (self->overwrite_switch));
}

void
kk_import_dialog_set_overwrite (KkImportDialog *self,
                                gboolean        overwrite)
{
  g_return_if_fail (KK_IS_IMPORT_DIALOG (self));

  gtk_switch_set_active (self->overwrite_switch, overwrite);
}

guint
kk_import_dialog_get_n_listed (KkImportDialog *self,
                               const char     *section)
{
  g_return_val_if_fail (KK_IS_IMPORT_DIALOG (self), 0);

  if (g_strcmp0 (section, "new") == 0)
    return self->n_new;
  if (g_strcmp0 (section, "changed") == 0)
    return self->n_changed;
  if (g_strcmp0 (section, "conflicts") == 0)
    return self->n_conflicts;
  if (g_strcmp0 (section, "refused") == 0)
    return self->n_refused;
  g_return_val_if_reached (0);
}
