// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-audit-view"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kk-audit-view.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-types.h"

/* One row, formatted once. */

#define KK_TYPE_AUDIT_ROW (kk_audit_row_get_type ())
G_DECLARE_FINAL_TYPE (KkAuditRow, kk_audit_row, KK, AUDIT_ROW, GObject)

struct _KkAuditRow
{
  GObject parent_instance;
  char   *text[5];   /* time, actor, action, entity, detail */
  char   *key;       /* folded, for the search */
};

G_DEFINE_FINAL_TYPE (KkAuditRow, kk_audit_row, G_TYPE_OBJECT)

static void
kk_audit_row_finalize (GObject *object)
{
  KkAuditRow *self = KK_AUDIT_ROW (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    g_free (self->text[i]);
  g_free (self->key);
  G_OBJECT_CLASS (kk_audit_row_parent_class)->finalize (object);
}

static void
kk_audit_row_class_init (KkAuditRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kk_audit_row_finalize;
}

static void
kk_audit_row_init (KkAuditRow *self)
{
}

/* Labels */

const char *
kk_audit_action_label (const char *action)
{
  static const struct { const char *action; const char *label; } labels[] = {
    { "answer.set", N_("Answer set") },
    { "answer.import", N_("Answer imported") },
    { "procurement.create", N_("Procurement created") },
    { "procurement.edit", N_("Procurement edited") },
    { "procurement.add_requirements", N_("Requirements added") },
    { "procurement.remove_requirements", N_("Requirements removed") },
    { "procurement.move_requirement", N_("Requirement moved") },
    { "procurement.set_obligation", N_("SHALL/SHOULD changed") },
    { "procurement.status", N_("Status changed") },
    { "procurement.publish", N_("Procurement published") },
    { "procurement.add_supplier", N_("Supplier added to the procurement") },
    { "procurement.remove_supplier", N_("Supplier removed from the procurement") },
    { "supplier.add", N_("Supplier registered") },
    { "supplier.edit", N_("Supplier edited") },
    { "supplier.delete", N_("Supplier deleted") },
    { "catalog.import", N_("Catalogue imported") },
    { "demo.generate", N_("Demo data generated") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (action, labels[i].action) == 0)
      return _(labels[i].label);
  return action ? action : "";
}

static const char *
key_label (const char *key)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "code", N_("Requirement") },
    { "org_number", N_("Organisation number") },
    { "status", N_("Status") },
    { "comment", N_("Comment") },
    { "evidence", N_("Evidence") },
    { "valid_until", N_("Valid until") },
    { "title", N_("Title") },
    { "dnr", N_("Dnr") },
    { "unit", N_("Unit") },
    { "category", N_("Category") },
    { "deadline", N_("Deadline") },
    { "note", N_("Note") },
    { "name", N_("Name") },
    { "country", N_("Country") },
    { "contact", N_("Contact") },
    { "position", N_("Position") },
    { "obligation", N_("SHALL/SHOULD") },
    { "added", N_("Added") },
    { "removed", N_("Removed") },
    { "refreshed", N_("Updated to the catalogue’s wording") },
    { "published_at", N_("Published") },
    { "catalog_version", N_("Catalogue version") },
    { "file", N_("File") },
    { "sha256", N_("SHA-256") },
    { "source", N_("Source") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (key, labels[i].key) == 0)
      return _(labels[i].label);
  return key;
}

/* A member's value as text; arrays become "A, B, C". */
static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = node_text (json_array_get_element (array, i));

          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, item ? item : "");
        }
      return g_string_free (text, FALSE);
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
    }
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    json_generator_set_root (generator, node);
    return json_generator_to_data (generator, NULL);
  }
}

/* Values in words: status labels, positions counted from 1, local times. */
static char *
value_text (const char *action,
            const char *key,
            JsonNode   *node)
{
  g_autofree char *text = node_text (node);

  if (text == NULL || *text == '\0')
    return g_strdup (C_("audit value", "(empty)"));
  if (g_strcmp0 (key, "status") == 0)
    return g_strdup (g_str_has_prefix (action, "answer.") ? kk_answer_status_label (text)
                                                          : kk_procurement_status_label (text));
  if (g_strcmp0 (key, "obligation") == 0)
    return g_strdup (kk_obligation_label (text));
  if (g_strcmp0 (key, "position") == 0)
    {
      char *end = NULL;
      gint64 position = g_ascii_strtoll (text, &end, 10);

      if (end != NULL && *end == '\0')
        return g_strdup_printf ("%" G_GINT64_FORMAT, position + 1);
    }
  if (g_strcmp0 (key, "published_at") == 0)
    return kk_gui_util_format_time (text);
  return g_steal_pointer (&text);
}

char *
kk_audit_describe_detail (const KkAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) members = NULL;
  GString *out;
  JsonObject *object;
  gboolean is_answer;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->detail == NULL || *entry->detail == '\0')
    return g_strdup ("");
  if (!json_parser_load_from_data (parser, entry->detail, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (entry->detail);

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  is_answer = g_str_has_prefix (entry->action ? entry->action : "", "answer.");
  out = g_string_new (NULL);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *old_key = g_strconcat ("old_", key, NULL);
      g_autofree char *new_value = NULL;
      const char *label;

      /* "old_x" is shown together with "x". */
      if (g_str_has_prefix (key, "old_") && json_object_has_member (object, key + 4))
        continue;
      /* An answer's requirement and supplier are in the "Concerning" column. */
      if (is_answer && (g_str_equal (key, "code") || g_str_equal (key, "org_number")))
        continue;

      label = key_label (g_str_has_prefix (key, "old_") ? key + 4 : key);
      new_value = value_text (entry->action, key, json_object_get_member (object, key));

      if (json_object_has_member (object, old_key))
        {
          g_autofree char *old_value = value_text (entry->action, key, json_object_get_member (object, old_key));

          if (g_strcmp0 (old_value, new_value) == 0)
            continue;
          if (out->len > 0)
            g_string_append_c (out, '\n');
          /* Translators: one changed value in the audit trail: "Status: Unanswered → Met" */
          g_string_append_printf (out, _("%s: %s → %s"), label, old_value, new_value);
        }
      else if (g_str_has_prefix (key, "old_"))
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          /* Translators: a value that was removed: "Title: was Old title" */
          g_string_append_printf (out, _("%s: was %s"), label, new_value);
        }
      else
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append_printf (out, _("%s: %s"), label, new_value);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
describe_entity (const KkAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = NULL;
  const char *code = NULL, *org = NULL, *name = NULL, *title = NULL;

  if (entry->detail != NULL && json_parser_load_from_data (parser, entry->detail, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      object = json_node_get_object (json_parser_get_root (parser));
      code = json_object_get_string_member_with_default (object, "code", NULL);
      org = json_object_get_string_member_with_default (object, "org_number", NULL);
      name = json_object_get_string_member_with_default (object, "name", NULL);
      title = json_object_get_string_member_with_default (object, "title", NULL);
    }

  if (g_strcmp0 (entry->entity, "answer") == 0 && code != NULL)
    /* Translators: an answer: requirement code and the supplier's organisation number */
    return org ? g_strdup_printf (_("%s, supplier %s"), code, org) : g_strdup (code);
  if ((g_strcmp0 (entry->entity, "assessment") == 0 || g_strcmp0 (entry->entity, "supplier") == 0) && name != NULL)
    return org ? g_strdup_printf (_("%s (%s)"), name, org) : g_strdup (name);
  if (g_strcmp0 (entry->entity, "procurement") == 0)
    return g_strdup (title ? title : _("The procurement"));
  if (g_strcmp0 (entry->entity, "catalog_version") == 0)
    return g_strdup (_("The catalogue"));
  return g_strdup_printf ("%s %" G_GINT64_FORMAT, entry->entity ? entry->entity : "", entry->entity_id);
}

/* The window */

struct _KkAuditView
{
  AdwWindow            parent_instance;

  KkDatabase          *db;
  gint64               procurement_id;
  GListStore          *store;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  char                *search;        /* folded */

  AdwWindowTitle      *window_title;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *actor_column;
  GtkColumnViewColumn *action_column;
  GtkColumnViewColumn *entity_column;
  GtkColumnViewColumn *detail_column;
};

G_DEFINE_FINAL_TYPE (KkAuditView, kk_audit_view, ADW_TYPE_WINDOW)

static void
cell_setup_cb (GtkListItemFactory *factory,
               GtkListItem        *item,
               gpointer            user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  if (column == 4)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), column == 3 ? 40 : 28);
    }
  if (column == 0)
    gtk_widget_add_css_class (label, "numeric");
  if (column == 2)
    gtk_widget_add_css_class (label, "kk-audit-action");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkListItemFactory *factory,
              GtkListItem        *item,
              gpointer            user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  KkAuditRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), row->text[column]);
  gtk_widget_set_tooltip_text (label, column != 4 && *row->text[column] ? row->text[column] : NULL);
}

static void
setup_column (GtkColumnViewColumn *view_column,
              guint                column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (column));
  gtk_column_view_column_set_factory (view_column, factory);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  KkAuditView *self = user_data;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  return strstr (KK_AUDIT_ROW (item)->key, self->search) != NULL;
}

static void
update_count (KkAuditView *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (self->search == NULL || *self->search == '\0')
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", total), total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u entry", "%u of %u entries", total), shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
  if (total > 0)
    adw_status_page_set_description (self->empty_page, _("No entry matches the search."));
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   KkAuditView    *self)
{
  g_free (self->search);
  self->search = kk_gui_util_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (KK_AUDIT_VIEW (widget)->search_entry));
}

static void
load (KkAuditView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kk_store_list_audit (self->db, self->procurement_id, &error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (entries == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->empty_page, escaped);
      update_count (self);
      return;
    }

  /* Newest first: what happened last is what one looks for. */
  for (guint i = entries->len; i > 0; i--)
    {
      const KkAuditEntry *entry = g_ptr_array_index (entries, i - 1);
      KkAuditRow *row = g_object_new (KK_TYPE_AUDIT_ROW, NULL);
      g_autofree char *joined = NULL;

      row->text[0] = kk_gui_util_format_time (entry->at);
      row->text[1] = g_strdup (entry->actor ? entry->actor : "");
      row->text[2] = g_strdup (kk_audit_action_label (entry->action));
      row->text[3] = describe_entity (entry);
      row->text[4] = kk_audit_describe_detail (entry);
      joined = g_strjoin ("\n", row->text[0], row->text[1], row->text[2], row->text[3], row->text[4],
                          entry->action ? entry->action : "", NULL);
      row->key = kk_gui_util_fold (joined);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
  update_count (self);
}

static void
kk_audit_view_dispose (GObject *object)
{
  KkAuditView *self = KK_AUDIT_VIEW (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_AUDIT_VIEW);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (kk_audit_view_parent_class)->dispose (object);
}

static void
kk_audit_view_finalize (GObject *object)
{
  KkAuditView *self = KK_AUDIT_VIEW (object);

  g_clear_object (&self->db);
  g_free (self->search);
  G_OBJECT_CLASS (kk_audit_view_parent_class)->finalize (object);
}

static void
kk_audit_view_class_init (KkAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->dispose = kk_audit_view_dispose;
  object_class->finalize = kk_audit_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, window_title);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, count_label);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, stack);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, time_column);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, actor_column);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, action_column);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, entity_column);
  gtk_widget_class_bind_template_child (widget_class, KkAuditView, detail_column);

  gtk_widget_class_install_action (widget_class, "audit.search", NULL, search_action);
}

static void
kk_audit_view_init (KkAuditView *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_column (self->time_column, 0);
  setup_column (self->actor_column, 1);
  setup_column (self->action_column, 2);
  setup_column (self->entity_column, 3);
  setup_column (self->detail_column, 4);

  self->store = g_list_store_new (KK_TYPE_AUDIT_ROW);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)), GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
}

KkAuditView *
kk_audit_view_new (GtkWindow  *parent,
                   KkDatabase *db,
                   gint64      procurement_id)
{
  KkAuditView *self;
  g_autoptr(KkProcurement) procurement = NULL;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  self = g_object_new (KK_TYPE_AUDIT_VIEW, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->procurement_id = procurement_id;
  if (procurement_id > 0)
    procurement = kk_store_get_procurement (db, procurement_id, NULL);
  if (procurement != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", procurement->dnr, procurement->title);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  load (self);
  return self;
}

guint
kk_audit_view_get_n_rows (KkAuditView *self)
{
  g_return_val_if_fail (KK_IS_AUDIT_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}
