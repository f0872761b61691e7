// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-suppliers-page"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kk-box.h"
#include "kk-catalog-filter.h"
#include "kk-cell-text.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-paced-model.h"
#include "kk-store.h"
#include "kk-supplier-dialog.h"
#include "kk-suppliers-page.h"
#include "kk-width-first-layout.h"
#include "kk-window.h"

struct _KkSuppliersPage
{
  GtkWidget           parent_instance;

  KkDatabase         *db;
  GListStore         *store;              /* KkSupplier */
  GtkFilterListModel *filter_model;
  KkPacedModel       *paced;           /* the filter model, a batch of rows per frame */
  GtkSingleSelection *selection;
  GtkFilter          *filter;
  char               *search_folded;
  char               *search_digits;      /* digits of the search when it looks like a number */
  GListStore         *procurements;       /* KkProcurement of the selected supplier */
  KkSupplier         *deleted;            /* for undo */
  KkWindow           *window;             /* while rooted */
  gulong              data_changed_id;
  gboolean            loaded;             /* the suppliers were read */
  gboolean            detail_deferred;    /* selection changes leave the details to detail_later */
  KkAfterFrame       *first_load;         /* the first reading, after the page's first frame */
  KkAfterFrame       *detail_later;       /* the details, after the frame that shows the list */

  /* Template widgets */
  GtkStack           *page_stack;
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkLabel           *name_label;
  GtkLabel           *org_number_value;
  GtkLabel           *country_value;
  GtkLabel           *contact_value;
  GtkWidget          *note_group;
  GtkLabel           *note_value;
  GtkListBox         *procurements_list;
};

G_DEFINE_FINAL_TYPE (KkSuppliersPage, kk_suppliers_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark
folded_name_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("kk-supplier-folded-name");
  return quark;
}

static KkSupplier *
selected_supplier (KkSuppliersPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
show_toast (KkSuppliersPage *self,
            AdwToast        *toast)
{
  KkWindow *window = kk_window_from_widget (GTK_WIDGET (self));

  if (window != NULL)
    kk_window_add_toast (window, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
notify_changed (KkSuppliersPage *self)
{
  KkWindow *window = kk_window_from_widget (GTK_WIDGET (self));

  if (window != NULL)
    kk_window_data_changed (window, "suppliers");
}

/* Search */

static char *
digits_of (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*p != '-' && *p != ' ' && *p != '+')
      {
        /* Letters: a name, not a number. */
        g_string_free (digits, TRUE);
        return NULL;
      }
  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

static gboolean
supplier_match_cb (gpointer item,
                   gpointer user_data)
{
  KkSuppliersPage *self = user_data;
  KkSupplier *supplier = item;
  const char *folded;

  if (self->search_folded == NULL || *self->search_folded == '\0')
    return TRUE;

  folded = g_object_get_qdata (G_OBJECT (supplier), folded_name_quark ());
  if (folded == NULL)
    {
      g_object_set_qdata_full (G_OBJECT (supplier), folded_name_quark (), kk_catalog_fold (supplier->name), g_free);
      folded = g_object_get_qdata (G_OBJECT (supplier), folded_name_quark ());
    }
  if (strstr (folded, self->search_folded) != NULL)
    return TRUE;

  if (self->search_digits != NULL && supplier->org_number != NULL)
    {
      g_autofree char *org_digits = digits_of (supplier->org_number);

      return org_digits != NULL && strstr (org_digits, self->search_digits) != NULL;
    }
  return FALSE;
}

static void
update_state (KkSuppliersPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (total > 0)
    gtk_stack_set_visible_child_name (self->page_stack, "content");
  else
    kk_gui_util_status_page_add_button (
      kk_gui_util_show_status_page (self->page_stack, "empty", "system-users-symbolic", _("No Suppliers Yet"),
                                    _("Add the companies that tender in your procurements. Their organisation "
                                      "numbers are checked as you type."),
                                    FALSE),
      _("_Add Supplier…"), "suppliers.add");
  if (shown > 0 || total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    kk_gui_util_show_status_page (self->list_stack, "empty", "edit-find-symbolic", _("No Matching Suppliers"),
                                  _("Search by name or by organisation number."), TRUE);
}

static void
search_changed_cb (GtkSearchEntry  *entry,
                   KkSuppliersPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *folded = kk_catalog_fold (text);

  g_strstrip (folded);
  g_free (self->search_folded);
  self->search_folded = g_steal_pointer (&folded);
  g_free (self->search_digits);
  self->search_digits = digits_of (text);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
stop_search_cb (GtkSearchEntry  *entry,
                KkSuppliersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
search_activate_cb (GtkSearchEntry  *entry,
                    KkSuppliersPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

/* List rows */

static void
row_setup_cb (GtkListItemFactory *factory,
              GtkListItem        *item,
              gpointer            user_data)
{
  /* A KkBox, not a GtkBox, and KkCellTexts, not GtkLabels: see
   * kk-box.h and kk-cell-text.h. */
  GtkWidget *box = kk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = kk_cell_text_new (12, TRUE);
  GtkWidget *caption = kk_cell_text_new (12, FALSE);

  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  kk_box_append (KK_BOX (box), name);
  kk_box_append (KK_BOX (box), caption);
  gtk_list_item_set_child (item, box);
}

static void
row_bind_cb (GtkListItemFactory *factory,
             GtkListItem        *item,
             gpointer            user_data)
{
  KkSupplier *supplier = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *caption = gtk_widget_get_next_sibling (name);
  g_autofree char *text = g_strdup_printf ("%s · %s", supplier->org_number ? supplier->org_number : "",
                                           supplier->country ? supplier->country : "");

  kk_cell_text_set_text (name, supplier->name);
  kk_cell_text_set_text (caption, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, supplier->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* Detail */

static char *
describe_summary (const KkChecklistSummary *summary)
{
  g_autofree char *checked = NULL;
  g_autofree char *not_met = NULL;

  checked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u checked", "%u of %u checked", summary->total),
                             summary->answered, summary->total);
  if (summary->shall_not_met == 0)
    return g_steal_pointer (&checked);
  not_met = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u SHALL not met", "%u SHALL not met",
                                          summary->shall_not_met),
                             summary->shall_not_met);
  /* Translators: "34 of 52 checked" and "3 SHALL not met" (Swedish: SKA) */
  return g_strdup_printf (_("%s, %s"), checked, not_met);
}

static GtkWidget *
create_procurement_row (gpointer item,
                        gpointer user_data)
{
  KkSuppliersPage *self = user_data;
  KkProcurement *procurement = item;
  KkSupplier *supplier = selected_supplier (self);
  GtkWidget *row;
  GtkWidget *status = gtk_label_new (kk_procurement_status_label (procurement->status));
  g_autofree char *title = g_strdup_printf ("%s — %s", procurement->dnr, procurement->title);
  g_autofree char *subtitle = NULL;
  KkChecklistSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  if (supplier != NULL &&
      kk_store_checklist_summary (self->db, procurement->id, supplier->id, &summary, &error))
    subtitle = describe_summary (&summary);
  else
    subtitle = g_strdup_printf (_("Checklist not available: %s"), error ? error->message : "");
  kk_checklist_summary_clear (&summary);

  row = kk_gui_util_row_new (title, subtitle);
  gtk_widget_add_css_class (status, "dim-label");
  kk_gui_util_row_add_suffix (row, status);
  kk_gui_util_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-procurement");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (procurement->id));
  return row;
}

static void
set_value (GtkLabel   *label,
           const char *value)
{
  gboolean empty = value == NULL || *value == '\0';

  /* Translators: shown for an empty field */
  gtk_label_set_text (label, empty ? _("None") : value);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
update_detail (KkSuppliersPage *self)
{
  KkSupplier *supplier = selected_supplier (self);
  g_autoptr(GPtrArray) procurements = NULL;
  g_autoptr(GError) error = NULL;

  kk_gui_util_cancel_after_frame (&self->detail_later);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "suppliers.edit", supplier != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "suppliers.delete", supplier != NULL);

  if (supplier == NULL)
    {
      g_list_store_remove_all (self->procurements);
      kk_gui_util_show_status_page (self->detail_stack, "none", "system-users-symbolic", _("No Supplier Selected"), NULL,
                                    TRUE);
      return;
    }

  gtk_label_set_text (self->name_label, supplier->name);
  set_value (self->org_number_value, supplier->org_number);
  set_value (self->country_value, supplier->country);
  set_value (self->contact_value, supplier->contact);
  gtk_label_set_text (self->note_value, supplier->note ? supplier->note : "");
  gtk_widget_set_visible (self->note_group, supplier->note != NULL && *supplier->note != '\0');

  procurements = kk_store_supplier_procurements (self->db, supplier->id, &error);
  if (procurements == NULL)
    {
      g_warning ("Cannot read the procurements of supplier %" G_GINT64_FORMAT ": %s", supplier->id, error->message);
      g_list_store_remove_all (self->procurements);
    }
  else
    g_list_store_splice (self->procurements, 0, g_list_model_get_n_items (G_LIST_MODEL (self->procurements)),
                         procurements->pdata, procurements->len);

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
update_detail_later (GtkWidget *widget)
{
  update_detail (KK_SUPPLIERS_PAGE (widget));
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      KkSuppliersPage    *self)
{
  if (self->detail_deferred)
    kk_gui_util_after_frame (&self->detail_later, GTK_WIDGET (self), update_detail_later);
  else
    update_detail (self);
}

static void
list_activate_cb (GtkListView     *view,
                  guint            position,
                  KkSuppliersPage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (GtkButton       *button,
                 KkSuppliersPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Loading */

static guint
position_of (KkSuppliersPage *self,
             gint64           supplier_id)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KkSupplier) supplier = g_list_model_get_item (model, i);

      if (supplier->id == supplier_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
load (KkSuppliersPage *self,
      gint64           select_id)
{
  g_autoptr(GPtrArray) suppliers = NULL;
  g_autoptr(GError) error = NULL;

  self->loaded = TRUE;
  kk_gui_util_cancel_after_frame (&self->first_load);
  suppliers = kk_store_list_suppliers (self->db, NULL, &error);
  if (suppliers == NULL)
    {
      g_warning ("Cannot read the suppliers: %s", error->message);
      kk_gui_error (GTK_WIDGET (self), _("Could Not Read the Suppliers"), error);
      return;
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       suppliers->pdata, suppliers->len);
  update_state (self);

  if (select_id > 0)
    kk_suppliers_page_select (self, select_id);
  if (self->detail_deferred)
    kk_gui_util_after_frame (&self->detail_later, GTK_WIDGET (self), update_detail_later);
  else
    update_detail (self);
}

/* Whatever asks for the page's data or details gets them now, when the
 * page has put them off. */
static void
ensure_loaded (KkSuppliersPage *self)
{
  if (!self->loaded)
    load (self, 0);
  if (self->detail_later != NULL)
    update_detail (self);
}

/* As on the procurements page: the first frame shows the page without
 * suppliers; after it they are read and listed, and after the frame that
 * shows the list, the selected one's details. */
static void
first_load (GtkWidget *widget)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (widget);

  if (self->loaded)
    return;
  self->detail_deferred = TRUE;
  load (self, 0);
  self->detail_deferred = FALSE;
}

static void
data_changed_cb (KkSuppliersPage *self,
                 const char      *what,
                 KkWindow        *window)
{
  KkSupplier *supplier;

  if (g_strcmp0 (what, "suppliers") == 0)
    return;   /* our own change, already shown */
  supplier = selected_supplier (self);
  load (self, supplier ? supplier->id : 0);
}

/* Actions */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kk_suppliers_page_focus_search (KK_SUPPLIERS_PAGE (widget));
}

static void
saved_cb (KkSupplierDialog *dialog,
          KkSupplier       *supplier,
          KkSuppliersPage  *self)
{
  gboolean added = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kk-adding"));
  g_autofree char *title = NULL;

  load (self, supplier->id);
  if (!kk_suppliers_page_select (self, supplier->id))
    {
      /* The search hides it: show it anyway. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self->search_entry, self);
      kk_suppliers_page_select (self, supplier->id);
    }
  title = g_strdup_printf (added ? _("Supplier “%s” added") : _("Supplier “%s” saved"), supplier->name);
  show_toast (self, kk_gui_toast_new (title));
  notify_changed (self);
}

static void
open_dialog (KkSuppliersPage *self,
             KkSupplier      *supplier)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KkSupplierDialog *dialog;

  dialog = kk_supplier_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->db, supplier);
  g_object_set_data (G_OBJECT (dialog), "kk-adding", GINT_TO_POINTER (supplier == NULL));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (KK_SUPPLIERS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (widget);
  KkSupplier *supplier = selected_supplier (self);

  if (supplier != NULL)
    open_dialog (self, supplier);
}

static void
undo_delete_cb (KkSuppliersPage *self,
                AdwToast        *toast)
{
  g_autoptr(KkSupplier) old = g_steal_pointer (&self->deleted);
  g_autoptr(KkSupplier) restored = NULL;
  g_autoptr(GError) error = NULL;

  if (old == NULL)
    return;
  restored = kk_store_add_supplier (self->db, old->name, old->org_number, old->country,
                                    old->contact, old->note, &error);
  if (restored == NULL)
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Restore the Supplier"), error);
      return;
    }
  load (self, restored->id);
  notify_changed (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KkSuppliersPage  *self)
{
  KkSupplier *supplier = g_object_get_data (G_OBJECT (dialog), "kk-supplier");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (!kk_store_delete_supplier (self->db, supplier->id, &error))
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Delete the Supplier"), error);
      return;
    }

  g_set_object (&self->deleted, supplier);
  load (self, 0);
  notify_changed (self);

  title = g_strdup_printf (_("Supplier “%s” deleted"), supplier->name);
  toast = kk_gui_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (widget);
  KkSupplier *supplier = selected_supplier (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (supplier == NULL)
    return;

  if (supplier->n_procurements > 0)
    {
      g_autofree char *body =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "“%s” takes part in %u procurement. Its checklist answers are part of the record, so the supplier stays in the register.",
                                      "“%s” takes part in %u procurements. Its checklist answers are part of the record, so the supplier stays in the register.",
                                      supplier->n_procurements),
                         supplier->name, supplier->n_procurements);

      kk_gui_message (widget, _("The Supplier Cannot Be Deleted"), body);
      return;
    }

  heading = g_strdup_printf (_("Delete “%s”?"), supplier->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("The supplier is removed from the register. "
                                                         "The audit trail keeps a record of the deletion.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kk-supplier", g_object_ref (supplier), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
kk_suppliers_page_root (GtkWidget *widget)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (widget);

  GTK_WIDGET_CLASS (kk_suppliers_page_parent_class)->root (widget);

  self->window = kk_window_from_widget (widget);
  if (self->window != NULL)
    self->data_changed_id = g_signal_connect_object (self->window, "data-changed",
                                                     G_CALLBACK (data_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
kk_suppliers_page_map (GtkWidget *widget)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (widget);

  GTK_WIDGET_CLASS (kk_suppliers_page_parent_class)->map (widget);
  if (!self->loaded && self->first_load == NULL)
    kk_gui_util_after_frame (&self->first_load, widget, first_load);
}

static void
kk_suppliers_page_unroot (GtkWidget *widget)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (widget);

  if (self->window != NULL)
    g_clear_signal_handler (&self->data_changed_id, self->window);
  self->window = NULL;

  GTK_WIDGET_CLASS (kk_suppliers_page_parent_class)->unroot (widget);
}

static void
kk_suppliers_page_constructed (GObject *object)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (object);

  G_OBJECT_CLASS (kk_suppliers_page_parent_class)->constructed (object);

  g_assert (self->db != NULL);
}

static void
kk_suppliers_page_dispose (GObject *object)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (object);
  GtkWidget *child;

  kk_gui_util_cancel_after_frame (&self->first_load);
  kk_gui_util_cancel_after_frame (&self->detail_later);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The template's top widget is not bound to a field: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_SUPPLIERS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->paced);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->procurements);
  g_clear_object (&self->deleted);
  G_OBJECT_CLASS (kk_suppliers_page_parent_class)->dispose (object);
}

static void
kk_suppliers_page_finalize (GObject *object)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (object);

  g_free (self->search_folded);
  g_free (self->search_digits);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (kk_suppliers_page_parent_class)->finalize (object);
}

static void
kk_suppliers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kk_suppliers_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KkSuppliersPage *self = KK_SUPPLIERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kk_suppliers_page_class_init (KkSuppliersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->constructed = kk_suppliers_page_constructed;
  object_class->dispose = kk_suppliers_page_dispose;
  object_class->finalize = kk_suppliers_page_finalize;
  object_class->get_property = kk_suppliers_page_get_property;
  object_class->set_property = kk_suppliers_page_set_property;
  widget_class->root = kk_suppliers_page_root;
  widget_class->unroot = kk_suppliers_page_unroot;
  widget_class->map = kk_suppliers_page_map;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KK_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KK_TYPE_WIDTH_FIRST_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-suppliers-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, org_number_value);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, country_value);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, contact_value);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, note_group);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, note_value);
  gtk_widget_class_bind_template_child (widget_class, KkSuppliersPage, procurements_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "suppliers.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "suppliers.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "suppliers.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "suppliers.delete", NULL, delete_action);
}

static void
kk_suppliers_page_init (KkSuppliersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Until the suppliers are read: neither "none yet" nor "none selected". */
  gtk_stack_set_visible_child_name (self->page_stack, "content");
  gtk_stack_set_visible_child_name (self->detail_stack, "blank");

  self->store = g_list_store_new (KK_TYPE_SUPPLIER);
  self->procurements = g_list_store_new (KK_TYPE_PROCUREMENT);
  self->filter = GTK_FILTER (gtk_custom_filter_new (supplier_match_cb, self, NULL));
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                                  g_object_ref (self->filter));
  /* About a screenful of rows in the first frame of a fill. */
  self->paced = kk_paced_model_new (G_LIST_MODEL (self->filter_model), 12);
  kk_paced_model_attach (self->paced, GTK_WIDGET (self->list_view));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->paced)));
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_list_box_bind_model (self->procurements_list, G_LIST_MODEL (self->procurements),
                           create_procurement_row, self, NULL);

  /* Delete removes the selected supplier, but only from the list: in the
   * search entry it deletes text. */
  keys = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_named_action_new ("suppliers.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}

GtkWidget *
kk_suppliers_page_new (KkDatabase *db)
{
  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  return g_object_new (KK_TYPE_SUPPLIERS_PAGE, "database", db, NULL);
}

void
kk_suppliers_page_reload (KkSuppliersPage *self)
{
  KkSupplier *supplier;

  g_return_if_fail (KK_IS_SUPPLIERS_PAGE (self));

  supplier = selected_supplier (self);
  load (self, supplier ? supplier->id : 0);
}

gboolean
kk_suppliers_page_select (KkSuppliersPage *self,
                          gint64           supplier_id)
{
  guint position;

  g_return_val_if_fail (KK_IS_SUPPLIERS_PAGE (self), FALSE);

  ensure_loaded (self);
  position = position_of (self, supplier_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  kk_paced_model_reveal (self->paced, position);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

void
kk_suppliers_page_focus_search (KkSuppliersPage *self)
{
  g_return_if_fail (KK_IS_SUPPLIERS_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

GtkEditable *
kk_suppliers_page_get_search_entry (KkSuppliersPage *self)
{
  g_return_val_if_fail (KK_IS_SUPPLIERS_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

gboolean
kk_suppliers_page_is_loading (KkSuppliersPage *self)
{
  g_return_val_if_fail (KK_IS_SUPPLIERS_PAGE (self), FALSE);

  return !self->loaded;
}

GListModel *
kk_suppliers_page_get_model (KkSuppliersPage *self)
{
  g_return_val_if_fail (KK_IS_SUPPLIERS_PAGE (self), NULL);

  ensure_loaded (self);
  return G_LIST_MODEL (self->filter_model);
}
