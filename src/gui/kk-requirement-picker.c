// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-requirement-picker"

#include <glib/gi18n.h>

#include "kk-catalog.h"
#include "kk-catalog-filter.h"
#include "kk-choice-button.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-requirement-picker.h"

typedef enum {
  COLUMN_CHECK,
  COLUMN_CODE,
  COLUMN_OBLIGATION,
  COLUMN_TITLE,
  COLUMN_AREA,
} Column;

/* The drop-downs, in the order of the template. */
typedef enum {
  DROPDOWN_PERSPECTIVE,
  DROPDOWN_AREA,
  DROPDOWN_KIND,
  DROPDOWN_LEVEL,
  N_DROPDOWNS,
} Dropdown;

static const KkCatalogField dropdown_field[N_DROPDOWNS] = {
  KK_CATALOG_FIELD_PERSPECTIVE, KK_CATALOG_FIELD_AREA, KK_CATALOG_FIELD_KIND, KK_CATALOG_FIELD_LEVEL,
};

static const char * const perspectives[] = { "supplier", "operations", "individual", NULL };
static const char * const kinds[] = { "qualification", "technical", "contract_clause", "award_criterion", NULL };
static const char * const levels[] = { "basic", "advanced", "leading", NULL };
/* The obligation cell's CSS classes. */
static const char * const obligation_classes[] = { "shall", "should", NULL };

struct _KkRequirementPicker
{
  AdwWindow            parent_instance;

  KkDatabase          *db;
  char                *lang;
  GListStore          *store;         /* KkRequirement, catalogue order */
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  KkCatalogFilter     *filter;
  GHashTable          *existing;      /* code set */
  GHashTable          *chosen;        /* code set */
  GHashTable          *bound;         /* GtkListItem of the check column */
  GPtrArray           *areas;         /* KkArea */
  GPtrArray           *dropdown_keys[N_DROPDOWNS];
  KkChoiceButton      *dropdowns[N_DROPDOWNS];
  char                *add_label;

  /* Template widgets */
  GtkWidget           *add_button;
  GtkSearchEntry      *search_entry;
  KkChoiceButton      *perspective_dropdown;
  KkChoiceButton      *area_dropdown;
  KkChoiceButton      *kind_dropdown;
  KkChoiceButton      *level_dropdown;
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *check_column;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *obligation_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *area_column;
  GtkLabel            *preview_label;
};

G_DEFINE_FINAL_TYPE (KkRequirementPicker, kk_requirement_picker, ADW_TYPE_WINDOW)

enum {
  REQUIREMENTS_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
area_name (KkRequirementPicker *self,
           const char          *code)
{
  for (guint i = 0; self->areas != NULL && i < self->areas->len; i++)
    {
      const KkArea *area = g_ptr_array_index (self->areas, i);

      if (g_strcmp0 (area->code, code) == 0)
        return g_str_equal (self->lang, "en") ? area->name_en : area->name_sv;
    }
  return code ? code : "";
}

static void
update_state (KkRequirementPicker *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint chosen = g_hash_table_size (self->chosen);
  g_autofree char *count = NULL;
  g_autofree char *shown_text = NULL;

  g_free (self->add_label);
  if (chosen == 0)
    self->add_label = g_strdup (_("_Add Requirements"));
  else
    /* Translators: the button that adds the checked requirements */
    self->add_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Add %u Requirement", "_Add %u Requirements", chosen),
                                       chosen);
  gtk_button_set_label (GTK_BUTTON (self->add_button), self->add_label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.add", chosen > 0);

  if (kk_catalog_filter_is_empty (self->filter))
    shown_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u requirement", "%u requirements", total), total);
  else
    shown_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u requirement", "%u of %u requirements", total),
                                  shown, total);
  /* Translators: "12 of 137 requirements · 3 checked" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u checked", "%s · %u checked", chosen), shown_text, chosen);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

static void
sync_check (KkRequirementPicker *self,
            GtkListItem         *item)
{
  KkRequirement *req = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  gboolean existing;
  g_autofree char *label = NULL;

  if (req == NULL || check == NULL)
    return;
  existing = g_hash_table_contains (self->existing, req->code);
  g_object_set_data (G_OBJECT (check), "kk-updating", GINT_TO_POINTER (TRUE));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), existing || g_hash_table_contains (self->chosen, req->code));
  g_object_set_data (G_OBJECT (check), "kk-updating", NULL);
  gtk_widget_set_sensitive (check, !existing);
  gtk_widget_set_tooltip_text (check, existing ? _("Already in the procurement") : NULL);
  /* Translators: accessible name of a row's check box: "Add LEV-IS-01" */
  label = g_strdup_printf (_("Add %s"), req->code);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
sync_all_checks (KkRequirementPicker *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    sync_check (self, item);
}

static void
set_chosen (KkRequirementPicker *self,
            const char          *code,
            gboolean             chosen)
{
  if (chosen)
    g_hash_table_add (self->chosen, g_strdup (code));
  else
    g_hash_table_remove (self->chosen, code);
  update_state (self);
}

static void
check_toggled_cb (GtkCheckButton      *check,
                  KkRequirementPicker *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (check), "kk-list-item");
  KkRequirement *req = item ? gtk_list_item_get_item (item) : NULL;

  if (req == NULL || g_object_get_data (G_OBJECT (check), "kk-updating") ||
      g_hash_table_contains (self->existing, req->code))
    return;
  set_chosen (self, req->code, gtk_check_button_get_active (check));
}

static void
cell_setup_cb (GtkListItemFactory  *factory,
               GtkListItem         *item,
               KkRequirementPicker *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kk-column"));
  GtkWidget *child;

  if (column == COLUMN_CHECK)
    {
      child = gtk_check_button_new ();
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (child), "kk-list-item", item);
      g_signal_connect (child, "toggled", G_CALLBACK (check_toggled_cb), self);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      if (column == COLUMN_OBLIGATION)
        {
          gtk_widget_set_halign (child, GTK_ALIGN_START);
          gtk_widget_add_css_class (child, "kk-obligation");
        }
      else
        gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column == COLUMN_CODE)
        gtk_widget_add_css_class (child, "numeric");
      if (column == COLUMN_AREA)
        gtk_widget_add_css_class (child, "dim-label");
    }
  gtk_list_item_set_child (item, child);
}

static void
cell_bind_cb (GtkListItemFactory  *factory,
              GtkListItem         *item,
              KkRequirementPicker *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kk-column"));
  KkRequirement *req = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_CHECK:
      g_hash_table_add (self->bound, item);
      sync_check (self, item);
      return;
    case COLUMN_CODE:
      text = req->code;
      break;
    case COLUMN_OBLIGATION:
      text = kk_obligation_label (req->obligation);
      kk_gui_util_set_one_css_class (child, obligation_classes,
                                     g_strcmp0 (req->obligation, "shall") == 0 ? "shall" : "should");
      break;
    case COLUMN_TITLE:
      text = kk_requirement_get_title (req, self->lang);
      gtk_widget_set_tooltip_text (child, text);
      break;
    case COLUMN_AREA:
      text = area_name (self, req->area);
      gtk_widget_set_tooltip_text (child, text);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (child), text ? text : "");
}

static void
cell_unbind_cb (GtkListItemFactory  *factory,
                GtkListItem         *item,
                KkRequirementPicker *self)
{
  g_hash_table_remove (self->bound, item);
}

static void
setup_column (KkRequirementPicker *self,
              GtkColumnViewColumn *view_column,
              Column               column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "kk-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
  if (column == COLUMN_CHECK)
    g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), self);
  gtk_column_view_column_set_factory (view_column, factory);
}

static void
activate_cb (GtkColumnView       *view,
             guint                position,
             KkRequirementPicker *self)
{
  g_autoptr(KkRequirement) req = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (req == NULL || g_hash_table_contains (self->existing, req->code))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  set_chosen (self, req->code, !g_hash_table_contains (self->chosen, req->code));
  sync_all_checks (self);
}

static void
selection_changed_cb (GtkSingleSelection  *selection,
                      GParamSpec          *pspec,
                      KkRequirementPicker *self)
{
  KkRequirement *req = gtk_single_selection_get_selected_item (selection);

  gtk_label_set_text (self->preview_label, req ? kk_requirement_get_text (req, self->lang) : "");
}

/* Filters */

static void
fill_dropdown (KkRequirementPicker *self,
               Dropdown             which,
               const char          *all_label,
               GPtrArray           *keys,      /* transfer full; char * */
               GPtrArray           *labels)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_ptr_array_insert (keys, 0, NULL);
  gtk_string_list_append (model, all_label);
  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (labels, i));
  g_clear_pointer (&self->dropdown_keys[which], g_ptr_array_unref);
  self->dropdown_keys[which] = keys;
  kk_choice_button_set_model (self->dropdowns[which], G_LIST_MODEL (model));
  kk_choice_button_set_selected (self->dropdowns[which], 0);
}

static void
fill_fixed_dropdown (KkRequirementPicker *self,
                     Dropdown             which,
                     const char          *all_label,
                     const char * const  *values,
                     const char *       (*label_func) (const char *))
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_ptr_array_add (keys, g_strdup (values[i]));
      g_ptr_array_add (labels, (gpointer) label_func (values[i]));
    }
  fill_dropdown (self, which, all_label, keys, labels);
}

static void
dropdown_selected_cb (KkChoiceButton      *dropdown,
                      GParamSpec          *pspec,
                      KkRequirementPicker *self)
{
  guint selected = kk_choice_button_get_selected (dropdown);

  for (Dropdown which = 0; which < N_DROPDOWNS; which++)
    if (self->dropdowns[which] == dropdown && self->dropdown_keys[which] != NULL &&
        selected < self->dropdown_keys[which]->len)
      kk_catalog_filter_set_field (self->filter, dropdown_field[which],
                                   g_ptr_array_index (self->dropdown_keys[which], selected));
  update_state (self);
}

static void
search_changed_cb (GtkSearchEntry      *entry,
                   KkRequirementPicker *self)
{
  kk_catalog_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_state (self);
}

static void
search_activate_cb (GtkSearchEntry      *entry,
                    KkRequirementPicker *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
filter_items_changed_cb (GListModel          *model,
                         guint                position,
                         guint                removed,
                         guint                added,
                         KkRequirementPicker *self)
{
  update_state (self);
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KkRequirementPicker *self = KK_REQUIREMENT_PICKER (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (g_hash_table_size (self->chosen) == 0)
    return;

  /* Catalogue order, so the procurement reads in a sensible order. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KkRequirement) req = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_hash_table_contains (self->chosen, req->code))
        g_strv_builder_add (builder, req->code);
    }
  codes = g_strv_builder_end (builder);
  g_signal_emit (self, signals[REQUIREMENTS_CHOSEN], 0, codes);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KkRequirementPicker *self = KK_REQUIREMENT_PICKER (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GObject */

static void
load (KkRequirementPicker *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  KkCatalogQuery query = { 0 };

  self->areas = kk_catalog_list_areas (self->db, &error);
  if (self->areas == NULL)
    {
      g_warning ("Cannot read the catalogue areas: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; self->areas != NULL && i < self->areas->len; i++)
    {
      const KkArea *area = g_ptr_array_index (self->areas, i);

      g_ptr_array_add (keys, g_strdup (area->code));
      g_ptr_array_add (labels, (gpointer) area_name (self, area->code));
    }
  fill_dropdown (self, DROPDOWN_AREA, _("All areas"), keys, labels);

  requirements = kk_catalog_list (self->db, &query, &error);
  if (requirements == NULL)
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Read the Catalogue"), error);
      return;
    }
  for (guint i = 0; i < requirements->len; i++)
    kk_catalog_filter_prepare (g_ptr_array_index (requirements, i));
  g_list_store_splice (self->store, 0, 0, requirements->pdata, requirements->len);
}

static void
kk_requirement_picker_dispose (GObject *object)
{
  KkRequirementPicker *self = KK_REQUIREMENT_PICKER (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_REQUIREMENT_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (kk_requirement_picker_parent_class)->dispose (object);
}

static void
kk_requirement_picker_finalize (GObject *object)
{
  KkRequirementPicker *self = KK_REQUIREMENT_PICKER (object);

  g_clear_pointer (&self->filter, kk_catalog_filter_free);
  g_clear_pointer (&self->existing, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  for (guint i = 0; i < N_DROPDOWNS; i++)
    g_clear_pointer (&self->dropdown_keys[i], g_ptr_array_unref);
  g_clear_object (&self->db);
  g_free (self->lang);
  g_free (self->add_label);
  G_OBJECT_CLASS (kk_requirement_picker_parent_class)->finalize (object);
}

static void
kk_requirement_picker_class_init (KkRequirementPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->dispose = kk_requirement_picker_dispose;
  object_class->finalize = kk_requirement_picker_finalize;

  /**
   * KkRequirementPicker::requirements-chosen:
   * @codes: the checked codes, in catalogue order
   */
  signals[REQUIREMENTS_CHOSEN] = g_signal_new ("requirements-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  g_type_ensure (KK_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-requirement-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, add_button);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, perspective_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, count_label);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, column_view);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, check_column);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, code_column);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, obligation_column);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, title_column);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, area_column);
  gtk_widget_class_bind_template_child (widget_class, KkRequirementPicker, preview_label);

  gtk_widget_class_install_action (widget_class, "picker.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "picker.search", NULL, search_action);
}

static void
kk_requirement_picker_init (KkRequirementPicker *self)
{
  kk_gui_util_ensure_css ();
  self->filter = kk_catalog_filter_new ();
  self->existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound = g_hash_table_new (NULL, NULL);
  self->store = g_list_store_new (KK_TYPE_REQUIREMENT);
  self->lang = kk_gui_util_dup_content_language ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->dropdowns[DROPDOWN_PERSPECTIVE] = self->perspective_dropdown;
  self->dropdowns[DROPDOWN_AREA] = self->area_dropdown;
  self->dropdowns[DROPDOWN_KIND] = self->kind_dropdown;
  self->dropdowns[DROPDOWN_LEVEL] = self->level_dropdown;

  setup_column (self, self->check_column, COLUMN_CHECK);
  setup_column (self, self->code_column, COLUMN_CODE);
  setup_column (self, self->obligation_column, COLUMN_OBLIGATION);
  setup_column (self, self->title_column, COLUMN_TITLE);
  setup_column (self, self->area_column, COLUMN_AREA);

  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                                  g_object_ref (kk_catalog_filter_get_filter (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (filter_items_changed_cb), self);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  fill_fixed_dropdown (self, DROPDOWN_PERSPECTIVE, _("All perspectives"), perspectives, kk_perspective_label);
  fill_fixed_dropdown (self, DROPDOWN_KIND, _("All kinds"), kinds, kk_kind_label);
  fill_fixed_dropdown (self, DROPDOWN_LEVEL, _("All levels"), levels, kk_level_label);
  for (Dropdown which = 0; which < N_DROPDOWNS; which++)
    g_signal_connect (self->dropdowns[which], "notify::selected", G_CALLBACK (dropdown_selected_cb), self);
}

KkRequirementPicker *
kk_requirement_picker_new (GtkWindow          *parent,
                           KkDatabase         *db,
                           const char * const *existing)
{
  KkRequirementPicker *self;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  self = g_object_new (KK_TYPE_REQUIREMENT_PICKER, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  for (guint i = 0; existing != NULL && existing[i] != NULL; i++)
    g_hash_table_add (self->existing, g_strdup (existing[i]));
  load (self);
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

GtkEditable *
kk_requirement_picker_get_search_entry (KkRequirementPicker *self)
{
  g_return_val_if_fail (KK_IS_REQUIREMENT_PICKER (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GListModel *
kk_requirement_picker_get_model (KkRequirementPicker *self)
{
  g_return_val_if_fail (KK_IS_REQUIREMENT_PICKER (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

gboolean
kk_requirement_picker_set_chosen (KkRequirementPicker *self,
                                  const char          *code,
                                  gboolean             chosen)
{
  guint n;

  g_return_val_if_fail (KK_IS_REQUIREMENT_PICKER (self), FALSE);

  if (code == NULL || g_hash_table_contains (self->existing, code))
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KkRequirement) req = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (req->code, code) == 0)
        {
          set_chosen (self, code, chosen);
          sync_all_checks (self);
          return TRUE;
        }
    }
  return FALSE;
}

guint
kk_requirement_picker_get_n_chosen (KkRequirementPicker *self)
{
  g_return_val_if_fail (KK_IS_REQUIREMENT_PICKER (self), 0);

  return g_hash_table_size (self->chosen);
}

const char *
kk_requirement_picker_get_add_label (KkRequirementPicker *self)
{
  g_return_val_if_fail (KK_IS_REQUIREMENT_PICKER (self), NULL);

  return self->add_label;
}
