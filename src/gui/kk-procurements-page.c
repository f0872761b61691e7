// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-procurements-page"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kk-audit-view.h"
#include "kk-catalog.h"
#include "kk-cell-text.h"
#include "kk-box.h"
#include "kk-checklist-view.h"
#include "kk-choice-button.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-paced-model.h"
#include "kk-stable-rows.h"
#include "kk-width-first-layout.h"
#include "kk-procurement-dialog.h"
#include "kk-procurements-page.h"
#include "kk-requirement-picker.h"
#include "kk-store.h"
#include "kk-supplier-dialog.h"
#include "kk-window.h"

static const char * const statuses[] = { "draft", "published", "evaluating", "decided" };

typedef enum {
  COLUMN_POSITION,
  COLUMN_CODE,
  COLUMN_OBLIGATION,
  COLUMN_TITLE,
  COLUMN_REVISION,
} Column;

/* What a removal took away, so Undo can put it back where it was. */
typedef struct {
  char *code;
  int   position;
  char *obligation;
} RemovedRequirement;

static void
removed_requirement_free (RemovedRequirement *removed)
{
  g_free (removed->code);
  g_free (removed->obligation);
  g_free (removed);
}

/* Opening a checklist, after the click (see open_checklist_in_stages ()). */
typedef enum {
  OPEN_ROWS,    /* its first rows are made in the next frame */
  OPEN_SLIDE,   /* the stack slides to it */
  OPEN_FOCUS,   /* the focus goes into its list */
} OpenStage;

struct _KkProcurementsPage
{
  GtkWidget            parent_instance;

  KkDatabase          *db;
  char                *lang;
  GPtrArray           *categories;     /* KkCategory */

  GListStore          *procurements;   /* KkProcurement */
  GtkFilterListModel  *filter_model;
  KkPacedModel        *list_paced;     /* the filter model, a batch of rows per frame */
  gboolean             reloading;      /* selection changes wait for load_detail () */
  gboolean             loaded;         /* the procurements were read */
  gboolean             detail_deferred; /* reload_list () leaves the details to detail_later */
  KkAfterFrame        *first_load;     /* the first reading, after the page's first frame */
  KkAfterFrame        *detail_later;   /* the details, after the frame that shows the list */
  KkAfterFrame        *table_later;    /* the first details' requirements, a frame after them */
  GtkSingleSelection  *selection;
  char                *search;         /* folded */
  const char          *status_filter;  /* one of statuses, or NULL */
  guint                counts[4];
  gboolean             filling_dropdown;

  KkProcurement       *current;        /* as last read */
  GListStore          *requirements;   /* KkChecklistItem */
  KkStableRows        *requirement_rows;   /* rows that stay from one procurement to the next */
  GHashTable          *requirement_cells;  /* bound GtkListItem -> its Column */
  KkPacedModel        *requirements_paced;
  GtkMultiSelection   *requirements_selection;
  GListStore          *suppliers;      /* KkSupplier */

  GPtrArray           *removal;        /* RemovedRequirement: the last removal, for undo */
  gint64               removal_procurement;

  KkWindow            *window;         /* weak */
  gboolean             emitting;
  GtkWidget           *checklist;      /* KkChecklistView shown, or NULL */

  /* Template widgets */
  GtkStack            *view_stack;
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  KkChoiceButton      *status_dropdown;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkLabel            *counts_label;
  GtkStack            *detail_stack;
  GtkWidget           *detail_pane;    /* hidden until the first details are due */
  GtkMenuButton       *export_button;
  GMenuModel          *export_menu;
  GtkWidget           *back_button;
  GtkLabel            *title_label;
  GtkLabel            *status_badge;
  GtkLabel            *meta_label;
  GtkLabel            *catalogue_label;
  GtkButton           *status_button;
  AdwViewStack        *tabs;
  AdwViewStackPage    *requirements_tab;
  AdwViewStackPage    *suppliers_tab;
  GtkWidget           *add_requirements_button;
  GtkWidget           *remove_requirements_button;
  GtkWidget           *move_up_button;
  GtkWidget           *move_down_button;
  GtkWidget           *obligation_button;
  GtkLabel            *frozen_label;
  GtkStack            *requirements_stack;
  GtkColumnView       *requirements_view;
  GtkColumnViewColumn *position_column;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *obligation_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *revision_column;
  GtkStack            *suppliers_stack;
  GtkListBox          *suppliers_list;
  GListStore          *supplier_rows;      /* what the list shows: self->suppliers, when the tab is shown */
  gboolean             supplier_rows_stale;
  GtkWidget           *checklist_holder;
  GtkWidget           *spare_checklist;  /* a closed checklist view, kept to open the next one in */
  GdkFrameClock       *open_clock;     /* weak: its frames take the checklist's opening on */
  gulong               open_stage_id;  /* after-paint */
  gulong               open_rows_id;   /* update */
  OpenStage            open_stage;     /* what comes after the next frame */
};

G_DEFINE_FINAL_TYPE (KkProcurementsPage, kk_procurements_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_detail (KkProcurementsPage *self);
static void reload_suppliers (KkProcurementsPage *self);

static gboolean
is_draft (KkProcurementsPage *self)
{
  return self->current != NULL && g_strcmp0 (self->current->status, "draft") == 0;
}

static const char *
category_name (KkProcurementsPage *self,
               const char         *key)
{
  gboolean english = g_str_equal (kk_gui_util_ui_language (), "en");

  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    {
      const KkCategory *category = g_ptr_array_index (self->categories, i);

      if (g_strcmp0 (category->key, key) == 0)
        return english ? category->name_en : category->name_sv;
    }
  return key;
}

static void
toast (KkProcurementsPage *self,
       const char         *title)
{
  kk_gui_util_add_toast (GTK_WIDGET (self), kk_gui_toast_new (title));
}

/* Other pages reload on "data-changed"; this page ignores its own. */
static void
data_changed (KkProcurementsPage *self,
              const char         *what)
{
  self->emitting = TRUE;
  kk_gui_util_data_changed (GTK_WIDGET (self), what);
  self->emitting = FALSE;
}

/* The list of procurements */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  KkProcurementsPage *self = user_data;
  KkProcurement *p = item;

  if (self->status_filter != NULL && g_strcmp0 (p->status, self->status_filter) != 0)
    return FALSE;
  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  return kk_gui_util_matches (p->title, self->search) || kk_gui_util_matches (p->dnr, self->search) ||
         kk_gui_util_matches (p->unit, self->search);
}

static void
list_setup_cb (GtkListItemFactory *factory,
               GtkListItem        *item,
               KkProcurementsPage *self)
{
  /* KkBoxes, not GtkBoxes: see kk-box.h. */
  GtkWidget *box = kk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = kk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = kk_cell_text_new (12, TRUE);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *meta = kk_cell_text_new (12, FALSE);
  GtkWidget *counts = kk_cell_text_new (12, FALSE);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  kk_box_append (KK_BOX (top), title);
  kk_box_append (KK_BOX (top), badge);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (counts, "caption");
  gtk_widget_add_css_class (counts, "dim-label");
  kk_box_append (KK_BOX (box), top);
  kk_box_append (KK_BOX (box), meta);
  kk_box_append (KK_BOX (box), counts);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
list_bind_cb (GtkListItemFactory *factory,
              GtkListItem        *item,
              KkProcurementsPage *self)
{
  KkProcurement *p = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (top);
  GtkWidget *badge = gtk_widget_get_next_sibling (title);
  GtkWidget *meta = gtk_widget_get_next_sibling (top);
  GtkWidget *counts = gtk_widget_get_next_sibling (meta);
  g_autofree char *meta_text = NULL;
  g_autofree char *requirements = NULL;
  g_autofree char *suppliers = NULL;
  g_autofree char *counts_text = NULL;

  kk_cell_text_set_text (title, p->title);
  kk_gui_util_set_status_badge (GTK_LABEL (badge), p->status);

  if (p->deadline != NULL && *p->deadline != '\0')
    /* Translators: dnr and tender deadline in the list of procurements */
    meta_text = g_strdup_printf (_("%s · deadline %s"), p->dnr, p->deadline);
  else
    meta_text = g_strdup (p->dnr);
  kk_cell_text_set_text (meta, meta_text);

  requirements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u requirement", "%u requirements", p->n_requirements),
                                  p->n_requirements);
  suppliers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u supplier", "%u suppliers", p->n_suppliers),
                               p->n_suppliers);
  counts_text = g_strdup_printf ("%s · %s", requirements, suppliers);
  kk_cell_text_set_text (counts, counts_text);
}

static void
update_list_state (KkProcurementsPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->procurements));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (total == 0)
    kk_gui_util_status_page_add_button (
      kk_gui_util_show_status_page (self->list_stack, "empty", "folder-documents-symbolic", _("No Procurements Yet"),
                                    _("A procurement picks requirements from the catalogue and checks the suppliers "
                                      "who tender against them."),
                                    TRUE),
      _("_New Procurement"), "procurements.new");
  else if (shown == 0)
    kk_gui_util_show_status_page (self->list_stack, "no-results", "edit-find-symbolic", _("No Matching Procurements"),
                                  _("Try another search or status."), TRUE);
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
fill_status_dropdown (KkProcurementsPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GString) summary = g_string_new (NULL);
  guint total = 0, selected = 0;
  g_autofree char *all = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    total += self->counts[i];
  /* Translators: the first choice of the status filter, with the number of procurements */
  all = g_strdup_printf (_("All statuses (%u)"), total);
  gtk_string_list_append (model, all);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      /* Translators: a status with its number of procurements: "Draft (3)" */
      g_autofree char *item = g_strdup_printf (_("%s (%u)"), kk_procurement_status_label (statuses[i]), self->counts[i]);

      gtk_string_list_append (model, item);
      if (g_strcmp0 (self->status_filter, statuses[i]) == 0)
        selected = i + 1;
      if (summary->len > 0)
        g_string_append (summary, " · ");
      /* Translators: one part of "Draft 3 · Published 2 · Evaluating 1 · Decided 4" */
      g_string_append_printf (summary, _("%s %u"), kk_procurement_status_label (statuses[i]), self->counts[i]);
    }
  self->filling_dropdown = TRUE;
  kk_choice_button_set_model (self->status_dropdown, G_LIST_MODEL (model));
  kk_choice_button_set_selected (self->status_dropdown, selected);
  self->filling_dropdown = FALSE;
  gtk_label_set_text (self->counts_label, summary->str);
}

/* Selects procurement @id if the list shows it. */
static gboolean
select_procurement (KkProcurementsPage *self,
                    gint64              id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KkProcurement) p = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (p->id == id)
        {
          kk_paced_model_reveal (self->list_paced, i);
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

static gint64
selected_id (KkProcurementsPage *self)
{
  KkProcurement *p = gtk_single_selection_get_selected_item (self->selection);

  return p ? p->id : 0;
}

static gboolean
same_procurement (KkProcurement *a,
                  KkProcurement *b)
{
  return a->id == b->id && a->n_requirements == b->n_requirements && a->n_suppliers == b->n_suppliers &&
         g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->dnr, b->dnr) == 0 &&
         g_strcmp0 (a->unit, b->unit) == 0 && g_strcmp0 (a->category, b->category) == 0 &&
         g_strcmp0 (a->status, b->status) == 0 && g_strcmp0 (a->deadline, b->deadline) == 0 &&
         g_strcmp0 (a->created, b->created) == 0 && g_strcmp0 (a->published_at, b->published_at) == 0 &&
         g_strcmp0 (a->catalog_version, b->catalog_version) == 0 && g_strcmp0 (a->note, b->note) == 0;
}

/* Puts @list (KkProcurement) in @store, replacing only the positions from
 * the first to the last that differ: the list is read again after every
 * change, and replacing all of it made GTK rebuild every row it keeps (up
 * to 200) each time. */
static void
update_store (GListStore *store,
              GPtrArray  *list)
{
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint start = 0, old_end = old_n, new_end = list->len;

  while (start < old_n && start < list->len)
    {
      g_autoptr(KkProcurement) p = g_list_model_get_item (G_LIST_MODEL (store), start);

      if (!same_procurement (p, g_ptr_array_index (list, start)))
        break;
      start++;
    }
  while (old_end > start && new_end > start)
    {
      g_autoptr(KkProcurement) p = g_list_model_get_item (G_LIST_MODEL (store), old_end - 1);

      if (!same_procurement (p, g_ptr_array_index (list, new_end - 1)))
        break;
      old_end--;
      new_end--;
    }
  if (start < old_end || start < new_end)
    g_list_store_splice (store, start, old_end - start, list->pdata + start, new_end - start);
}

static void
show_table_later (GtkWidget *widget)
{
  gtk_widget_set_visible (GTK_WIDGET (KK_PROCUREMENTS_PAGE (widget)->requirements_stack), TRUE);
}

/* After the frame that shows the list: the detail pane, hidden until then,
 * is styled in the next frame (it is not drawn yet); the selected
 * procurement's details come after that one, and their requirements table
 * a frame later still. */
static void
load_detail_later (GtkWidget *widget)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);

  if (!gtk_widget_get_visible (self->detail_pane))
    {
      gtk_widget_set_visible (self->detail_pane, TRUE);
      kk_gui_util_after_frame (&self->detail_later, widget, load_detail_later);
      return;
    }
  load_detail (self);
  gtk_widget_set_visible (GTK_WIDGET (self->requirements_stack), FALSE);
  kk_gui_util_after_frame (&self->table_later, widget, show_table_later);
}

/* Reads the procurements again and selects @select (or, when 0, the one
 * selected before), then shows its details once: not once for each change
 * of selection on the way. */
static void
reload_list_selecting (KkProcurementsPage *self,
                       gint64              select)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 keep = select > 0 ? select : selected_id (self);

  self->loaded = TRUE;
  kk_gui_util_cancel_after_frame (&self->first_load);

  if (!kk_store_count_procurements (self->db, self->counts, &error))
    {
      g_warning ("Cannot count the procurements: %s", error->message);
      g_clear_error (&error);
    }
  fill_status_dropdown (self);

  list = kk_store_list_procurements (self->db, NULL, &error);
  if (list == NULL)
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Read the Procurements"), error);
      return;
    }
  self->reloading = TRUE;
  update_store (self->procurements, list);
  if (keep > 0)
    select_procurement (self, keep);
  self->reloading = FALSE;
  update_list_state (self);
  if (self->detail_deferred)
    kk_gui_util_after_frame (&self->detail_later, GTK_WIDGET (self), load_detail_later);
  else
    load_detail (self);
}

static void
reload_list (KkProcurementsPage *self)
{
  reload_list_selecting (self, 0);
}

/* Whatever asks for the page's data or details gets them now, when the
 * page has put them off. */
static void
ensure_loaded (KkProcurementsPage *self)
{
  if (!self->loaded)
    reload_list (self);
  if (self->detail_later != NULL)
    load_detail (self);
}

/* The page's first frame shows it without procurements; after it they are
 * read and listed, and after the frame that shows the list, the selected
 * one's details. Each of these frames is then about as long as those that
 * follow a click in the list. */
static void
first_load (GtkWidget *widget)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);

  if (self->loaded)
    return;
  self->detail_deferred = TRUE;
  reload_list (self);
  self->detail_deferred = FALSE;
}

static void
filter_changed (KkProcurementsPage *self)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->filter_model);

  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_list_state (self);
}

static void
search_changed_cb (GtkSearchEntry     *entry,
                   KkProcurementsPage *self)
{
  g_free (self->search);
  self->search = kk_gui_util_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  filter_changed (self);
}

static void
search_stop_cb (GtkSearchEntry     *entry,
                KkProcurementsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
status_selected_cb (KkChoiceButton     *dropdown,
                    GParamSpec         *pspec,
                    KkProcurementsPage *self)
{
  guint selected = kk_choice_button_get_selected (dropdown);

  if (self->filling_dropdown)
    return;
  self->status_filter = selected >= 1 && selected <= G_N_ELEMENTS (statuses) ? statuses[selected - 1] : NULL;
  filter_changed (self);
}

static void
list_activate_cb (GtkListView        *view,
                  guint               position,
                  KkProcurementsPage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      KkProcurementsPage *self)
{
  if (!self->reloading)
    load_detail (self);
}

static void
folded_cb (AdwLeaflet         *leaflet,
           GParamSpec         *pspec,
           KkProcurementsPage *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (leaflet));
}

/* The requirements of the selected procurement */

static gboolean
revision_query_tooltip_cb (GtkWidget          *widget,
                           int                 x,
                           int                 y,
                           gboolean            keyboard_mode,
                           GtkTooltip         *tooltip,
                           KkProcurementsPage *self)
{
  if (*kk_cell_text_get_text (widget) == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, is_draft (self)
                        ? _("The catalogue has a newer wording of this requirement; publishing uses it")
                        : _("The catalogue has a newer wording; this procurement keeps the wording it was published with"));
  return TRUE;
}

/* The revision cell keeps its width without a newer wording (the column's
 * width is fixed, see kk_gui_util_fix_column_widths ()): it draws nothing,
 * reads as nothing and has no tooltip then. */
static void
set_revision_cell (GtkWidget *child,
                   gboolean   newer)
{
  kk_cell_text_set_text (child, newer ? g_object_get_data (G_OBJECT (child), "kk-newer") : NULL);
  gtk_widget_set_opacity (child, newer ? 1.0 : 0.0);
}

static void
req_setup_cb (GtkListItemFactory *factory,
              GtkListItem        *item,
              KkProcurementsPage *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kk-column"));
  GtkWidget *child;

  switch (column)
    {
    case COLUMN_REVISION:
      {
        /* Translators: a requirement whose catalogue wording is newer than the procurement's */
        const char *newer = _("Newer available");

        /* One widget for icon and text: rows of fewer widgets are made
         * and destroyed sooner (GTK 4.8 does both on every procurement
         * shown). */
        child = kk_cell_text_new (g_utf8_strlen (newer, -1), FALSE);
        kk_cell_text_set_icon_name (child, "software-update-available-symbolic");
        g_object_set_data (G_OBJECT (child), "kk-newer", (gpointer) newer);
        set_revision_cell (child, FALSE);
        kk_cell_text_set_repeated (child, TRUE);
        gtk_widget_add_css_class (child, "accent");
        gtk_widget_set_has_tooltip (child, TRUE);
        g_signal_connect_object (child, "query-tooltip", G_CALLBACK (revision_query_tooltip_cb), self, 0);
      }
      break;
    case COLUMN_OBLIGATION:
      child = kk_gui_util_obligation_badge_new ();
      break;
    case COLUMN_POSITION:
      child = kk_cell_text_new (3, FALSE);
      gtk_widget_add_css_class (child, "numeric");
      gtk_widget_add_css_class (child, "dim-label");
      break;
    case COLUMN_CODE:
      child = kk_cell_text_new (11, FALSE);
      gtk_widget_add_css_class (child, "numeric");
      break;
    case COLUMN_TITLE:
    default:
      child = kk_cell_text_new (16, TRUE);
      break;
    }
  gtk_list_item_set_child (item, child);
}

static void
set_req_cell (KkProcurementsPage *self,
              GtkListItem        *item,
              Column              column)
{
  KkStableRow *row = gtk_list_item_get_item (item);
  KkChecklistItem *req = row ? kk_stable_row_get_item (row) : NULL;
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (row == NULL || child == NULL)
    return;
  if (req == NULL)
    {
      /* A blank row on its way out. */
      if (column == COLUMN_OBLIGATION)
        kk_gui_util_set_obligation_badge (child, NULL);
      else if (column == COLUMN_REVISION)
        set_revision_cell (child, FALSE);
      else
        kk_cell_text_set_text (child, NULL);
      return;
    }

  switch (column)
    {
    case COLUMN_POSITION:
      text = g_strdup_printf ("%d", req->position + 1);
      kk_cell_text_set_text (child, text);
      break;
    case COLUMN_CODE:
      kk_cell_text_set_text (child, req->code);
      break;
    case COLUMN_OBLIGATION:
      kk_gui_util_set_obligation_badge (child, g_strcmp0 (req->obligation, "shall") == 0 ? "shall" : "should");
      break;
    case COLUMN_TITLE:
      kk_cell_text_set_text (child, kk_checklist_item_get_title (req, self->lang));
      break;
    case COLUMN_REVISION:
      set_revision_cell (child, req->newer_revision);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
req_bind_cb (GtkListItemFactory *factory,
             GtkListItem        *item,
             KkProcurementsPage *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kk-column"));

  kk_stable_row_bind (gtk_list_item_get_item (item));
  set_req_cell (self, item, column);
  g_hash_table_insert (self->requirement_cells, item, GINT_TO_POINTER (column));
}

static void
req_unbind_cb (GtkListItemFactory *factory,
               GtkListItem        *item,
               KkProcurementsPage *self)
{
  kk_stable_row_unbind (gtk_list_item_get_item (item));
  g_hash_table_remove (self->requirement_cells, item);
}

/* Another procurement's requirements (or the same read again): the rows
 * that stay show the requirement now at their position (those on screen
 * first, see kk-stable-rows.h). */
static void
requirement_rows_refresh_cb (guint    first,
                             guint    last,
                             gpointer user_data)
{
  KkProcurementsPage *self = user_data;
  GHashTableIter iter;
  gpointer item, column;

  g_hash_table_iter_init (&iter, self->requirement_cells);
  while (g_hash_table_iter_next (&iter, &item, &column))
    {
      guint position = gtk_list_item_get_position (item);

      if (position >= first && position <= last)
        set_req_cell (self, item, GPOINTER_TO_INT (column));
    }
}

static void
setup_req_column (KkProcurementsPage  *self,
                  GtkColumnViewColumn *view_column,
                  Column               column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "kk-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (req_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (req_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (req_unbind_cb), self);
  gtk_column_view_column_set_factory (view_column, factory);
}

/* Selected requirements in list order; element type KkChecklistItem. */
static GPtrArray *
selected_requirements (KkProcurementsPage *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->requirements_selection));
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));

  /* Blank rows on their way out (past the requirements) hold none. */
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok && position < n;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->requirements), position));
  return items;
}

static void
update_requirement_actions (KkProcurementsPage *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->requirements_selection));
  guint n_selected = gtk_bitset_get_size (set);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));
  guint first = n_selected > 0 ? gtk_bitset_get_minimum (set) : 0;
  gboolean draft = is_draft (self);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "procurements.add-requirements", draft);
  gtk_widget_action_set_enabled (widget, "procurements.remove-requirements", draft && n_selected > 0);
  gtk_widget_action_set_enabled (widget, "procurements.toggle-obligation", draft && n_selected > 0);
  gtk_widget_action_set_enabled (widget, "procurements.move-up", draft && n_selected == 1 && first > 0);
  gtk_widget_action_set_enabled (widget, "procurements.move-down", draft && n_selected == 1 && first + 1 < n);
}

static void
requirements_selection_changed_cb (GtkSelectionModel  *model,
                                   guint               position,
                                   guint               n_items,
                                   KkProcurementsPage *self)
{
  update_requirement_actions (self);
}

static guint
find_requirement (KkProcurementsPage *self,
                  const char         *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KkChecklistItem) item = g_list_model_get_item (G_LIST_MODEL (self->requirements), i);

      if (g_strcmp0 (item->code, code) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
reload_requirements (KkProcurementsPage *self,
                     const char * const *select_codes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *title = NULL;
  guint n;

  if (self->current == NULL)
    {
      g_list_store_remove_all (self->requirements);
      return;
    }
  items = kk_store_procurement_requirements (self->db, self->current->id, &error);
  if (items == NULL)
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Read the Requirements"), error);
      items = g_ptr_array_new_with_free_func (g_object_unref);
    }
  /* Another procurement's requirements: the rows there are (KkStableRows)
   * show them, more come a batch per frame (KkPacedModel), fewer go a
   * dozen per frame. GTK 4.8 destroying and making ~200 rows instead took
   * 37-60 ms in one frame. */
  g_list_store_splice (self->requirements, 0, g_list_model_get_n_items (G_LIST_MODEL (self->requirements)),
                       items->pdata, items->len);
  n = items->len;

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->requirements_selection));
  for (guint i = 0; select_codes != NULL && select_codes[i] != NULL; i++)
    {
      guint position = find_requirement (self, select_codes[i]);

      if (position != GTK_INVALID_LIST_POSITION)
        {
          kk_paced_model_reveal (self->requirements_paced, position);
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->requirements_selection), position, FALSE);
          if (i == 0)
            gtk_widget_activate_action (GTK_WIDGET (self->requirements_view), "list.scroll-to-item", "u", position);
        }
    }

  /* Translators: the requirements tab, with their number */
  title = g_strdup_printf (_("Requirements (%u)"), n);
  adw_view_stack_page_set_title (self->requirements_tab, title);
  if (n > 0)
    gtk_stack_set_visible_child_name (self->requirements_stack, "list");
  else
    kk_gui_util_show_status_page (self->requirements_stack, "empty", "view-list-ordered-symbolic", _("No Requirements Yet"),
                                  _("Add requirements from the catalogue. A category chosen for the procurement "
                                    "suggests a set to start from."),
                                  TRUE);
  update_requirement_actions (self);
}

/* Suppliers of the selected procurement */

static GtkWidget *
supplier_row_new (gpointer item,
                  gpointer user_data)
{
  KkProcurementsPage *self = user_data;
  KkSupplier *supplier = item;
  KkChecklistSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  GtkWidget *icon, *button, *tag = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;

  if (kk_store_checklist_summary (self->db, self->current->id, supplier->id, &summary, &error))
    {
      if (summary.shall_not_met > 0)
        progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u of %u checked, %u SHALL not met",
                                                 "%u of %u checked, %u SHALL not met", summary.total),
                                    summary.answered, summary.total, summary.shall_not_met);
      else
        progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u checked", "%u of %u checked", summary.total),
                                    summary.answered, summary.total);
    }
  else
    progress = g_strdup (error->message);
  subtitle = g_strdup_printf ("%s · %s", supplier->org_number, progress);
  row = kk_gui_util_row_new (supplier->name, subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "kk-supplier-id", GINT_TO_POINTER (0));
  g_object_set_data_full (G_OBJECT (row), "kk-supplier", g_object_ref (supplier), g_object_unref);

  /* Failing a SHALL requirement is said with an icon, a word and a colour. */
  if (summary.shall_not_met > 0)
    {
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      /* Translators: a supplier that does not meet a SHALL requirement */
      tag = gtk_label_new (_("Fails SHALL"));
      gtk_widget_add_css_class (tag, "kk-fail-tag");
    }
  else if (summary.shall_unanswered == 0 && summary.total > 0 && summary.answered > 0)
    {
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      tag = gtk_label_new (_("SHALL met"));
      gtk_widget_add_css_class (tag, "kk-pass-tag");
    }
  else
    {
      icon = gtk_image_new_from_icon_name ("content-loading-symbolic");
      gtk_widget_add_css_class (icon, "dim-label");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  summary.shall_not_met > 0 ? _("Fails a SHALL requirement") : progress, -1);
  kk_gui_util_row_add_prefix (row, icon);
  if (tag != NULL)
    {
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      kk_gui_util_row_add_suffix (row, tag);
    }

  button = gtk_button_new_from_icon_name ("x-office-spreadsheet-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Export Checklist…"));
  /* Translators: accessible name: "Export the checklist for Bygg AB" */
  label = g_strdup_printf (_("Export the checklist for %s"), supplier->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "procurements.export-checklist");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (supplier->id));
  kk_gui_util_row_add_suffix (row, button);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove from the Procurement"));
  g_free (label);
  label = g_strdup_printf (_("Remove %s from the procurement"), supplier->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "procurements.remove-supplier");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (supplier->id));
  kk_gui_util_row_add_suffix (row, button);

  icon = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open the checklist"), -1);
  kk_gui_util_row_add_suffix (row, icon);
  gtk_widget_set_tooltip_text (row, _("Open the checklist"));

  kk_checklist_summary_clear (&summary);
  return row;
}

/* A supplier's row is an AdwActionRow of some twenty widgets with its
 * checklist summary read from the database: selecting a procurement would
 * build them all for a tab that is usually not shown. The rows follow
 * self->suppliers while the suppliers tab is shown, and catch up when it
 * is next shown. */
static void
sync_supplier_rows (KkProcurementsPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->tabs), "suppliers") != 0)
    {
      self->supplier_rows_stale = TRUE;
      return;
    }
  self->supplier_rows_stale = FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->suppliers));
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->suppliers), i));
  g_list_store_splice (self->supplier_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->supplier_rows)),
                       items->pdata, items->len);
}

static void
tabs_visible_child_cb (AdwViewStack       *tabs,
                       GParamSpec         *pspec,
                       KkProcurementsPage *self)
{
  if (self->supplier_rows_stale)
    sync_supplier_rows (self);
}

static void
reload_suppliers (KkProcurementsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suppliers = NULL;
  g_autofree char *title = NULL;

  if (self->current == NULL)
    {
      g_list_store_remove_all (self->suppliers);
      sync_supplier_rows (self);
      return;
    }
  suppliers = kk_store_procurement_suppliers (self->db, self->current->id, &error);
  if (suppliers == NULL)
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Read the Suppliers"), error);
      suppliers = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_list_store_splice (self->suppliers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->suppliers)),
                       suppliers->pdata, suppliers->len);
  /* Translators: the suppliers tab, with their number */
  title = g_strdup_printf (_("Suppliers (%u)"), suppliers->len);
  adw_view_stack_page_set_title (self->suppliers_tab, title);
  if (suppliers->len > 0)
    gtk_stack_set_visible_child_name (self->suppliers_stack, "list");
  else
    kk_gui_util_show_status_page (self->suppliers_stack, "empty", "system-users-symbolic", _("No Suppliers Yet"),
                                  _("Add the suppliers who tendered, then check each of them against the requirements."),
                                  TRUE);
  sync_supplier_rows (self);
}

static void
supplier_activated_cb (GtkListBox         *box,
                       GtkListBoxRow      *row,
                       KkProcurementsPage *self)
{
  KkSupplier *supplier = g_object_get_data (G_OBJECT (row), "kk-supplier");

  if (supplier != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "procurements.open-checklist", "x", supplier->id);
}

/* The detail pane */

static const char *
next_status (const char *status)
{
  for (guint i = 0; i + 1 < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (status, statuses[i]) == 0)
      return statuses[i + 1];
  return NULL;
}

static void
load_detail (KkProcurementsPage *self)
{
  gint64 id = selected_id (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) meta = NULL;
  g_autofree char *catalogue = NULL;
  const char *next;
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean draft;

  kk_gui_util_cancel_after_frame (&self->detail_later);
  kk_gui_util_cancel_after_frame (&self->table_later);
  gtk_widget_set_visible (GTK_WIDGET (self->requirements_stack), TRUE);
  g_clear_object (&self->current);
  if (id > 0)
    {
      self->current = kk_store_get_procurement (self->db, id, &error);
      if (self->current == NULL)
        g_warning ("Cannot read procurement %" G_GINT64_FORMAT ": %s", id, error->message);
    }

  if (self->current == NULL)
    {
      /* With no procurement at all, the list's empty state says it all. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->procurements)) > 0)
        kk_gui_util_show_status_page (self->detail_stack, "none", "folder-documents-symbolic", _("No Procurement Selected"),
                                      _("Select a procurement to see its requirements and suppliers."), FALSE);
      else
        gtk_stack_set_visible_child_name (self->detail_stack, "blank");
      g_list_store_remove_all (self->requirements);
      g_list_store_remove_all (self->suppliers);
      sync_supplier_rows (self);
      gtk_widget_action_set_enabled (widget, "procurements.edit", FALSE);
      gtk_widget_action_set_enabled (widget, "procurements.advance", FALSE);
      gtk_widget_action_set_enabled (widget, "procurements.audit", FALSE);
      gtk_widget_action_set_enabled (widget, "procurements.export-appendix", FALSE);
      gtk_widget_action_set_enabled (widget, "procurements.export-list", FALSE);
      gtk_widget_action_set_enabled (widget, "procurements.export-matrix", FALSE);
      gtk_widget_action_set_enabled (widget, "procurements.add-supplier", FALSE);
      update_requirement_actions (self);
      return;
    }

  draft = is_draft (self);
  gtk_label_set_text (self->title_label, self->current->title);
  kk_gui_util_set_status_badge (self->status_badge, self->current->status);

  meta = g_string_new (self->current->dnr);
  if (self->current->unit != NULL && *self->current->unit != '\0')
    g_string_append_printf (meta, " · %s", self->current->unit);
  if (self->current->category != NULL && *self->current->category != '\0')
    g_string_append_printf (meta, " · %s", category_name (self, self->current->category));
  if (self->current->deadline != NULL && *self->current->deadline != '\0')
    {
      g_string_append (meta, " · ");
      /* Translators: the tender deadline in the procurement's header */
      g_string_append_printf (meta, _("deadline %s"), self->current->deadline);
    }
  gtk_label_set_text (self->meta_label, meta->str);

  if (draft)
    catalogue = g_strdup (_("Draft: the requirements follow the catalogue’s current wording until the procurement is published."));
  else
    {
      g_autofree char *when = kk_gui_util_format_time (self->current->published_at);

      /* Translators: "Published 2026-01-10 14:00 with Kravkoll säkerhetskrav 2026.1; the wording is frozen." */
      catalogue = g_strdup_printf (_("Published %s with %s; the wording is frozen."), when,
                                   self->current->catalog_version ? self->current->catalog_version : _("the catalogue"));
    }
  gtk_label_set_text (self->catalogue_label, catalogue);

  next = next_status (self->current->status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), next != NULL);
  if (g_strcmp0 (next, "published") == 0)
    gtk_button_set_label (self->status_button, _("_Publish…"));
  else if (g_strcmp0 (next, "evaluating") == 0)
    gtk_button_set_label (self->status_button, _("_Start Evaluation…"));
  else if (g_strcmp0 (next, "decided") == 0)
    gtk_button_set_label (self->status_button, _("Mark _Decided…"));

  gtk_widget_set_visible (self->add_requirements_button, draft);
  gtk_widget_set_visible (self->remove_requirements_button, draft);
  gtk_widget_set_visible (gtk_widget_get_parent (self->move_up_button), draft);
  gtk_widget_set_visible (self->obligation_button, draft);
  gtk_label_set_text (self->frozen_label,
                      draft ? ""
                            : _("The requirements were frozen when the procurement was published; they can no longer change."));
  gtk_widget_set_visible (GTK_WIDGET (self->frozen_label), !draft);

  gtk_widget_action_set_enabled (widget, "procurements.edit", TRUE);
  gtk_widget_action_set_enabled (widget, "procurements.advance", next != NULL);
  gtk_widget_action_set_enabled (widget, "procurements.audit", TRUE);
  gtk_widget_action_set_enabled (widget, "procurements.export-appendix", TRUE);
  gtk_widget_action_set_enabled (widget, "procurements.export-list", TRUE);
  gtk_widget_action_set_enabled (widget, "procurements.export-matrix", TRUE);
  gtk_widget_action_set_enabled (widget, "procurements.add-supplier",
                                 g_strcmp0 (self->current->status, "decided") != 0);

  reload_requirements (self, NULL);
  reload_suppliers (self);
  gtk_widget_set_visible (self->detail_pane, TRUE);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

/* Actions: procurements */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);

  if (self->checklist != NULL)
    return;
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
dialog_saved_cb (KkProcurementDialog *dialog,
                 KkProcurement       *procurement,
                 guint                n_suggested,
                 KkProcurementsPage  *self)
{
  gboolean created = g_object_get_data (G_OBJECT (dialog), "kk-creating") != NULL;
  g_autofree char *title = NULL;

  /* A new procurement must be visible: drop a filter that would hide it. */
  if (created)
    {
      self->status_filter = NULL;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_clear_pointer (&self->search, g_free);
    }
  reload_list (self);
  filter_changed (self);
  select_procurement (self, procurement->id);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  if (created && n_suggested > 0)
    /* Translators: after creating a procurement with a category */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Procurement %s created with %u suggested requirement",
                                          "Procurement %s created with %u suggested requirements", n_suggested),
                             procurement->dnr, n_suggested);
  else if (created)
    title = g_strdup_printf (_("Procurement %s created"), procurement->dnr);
  else
    title = g_strdup_printf (_("Procurement %s saved"), procurement->dnr);
  toast (self, title);
  data_changed (self, "procurements");
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  KkProcurementDialog *dialog = kk_procurement_dialog_new (kk_gui_util_parent_window (widget), self->db, NULL);

  g_object_set_data (G_OBJECT (dialog), "kk-creating", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  KkProcurementDialog *dialog;

  if (self->current == NULL)
    return;
  dialog = kk_procurement_dialog_new (kk_gui_util_parent_window (widget), self->db, self->current);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
set_status (KkProcurementsPage *self,
            const char         *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *dnr = NULL;

  if (self->current == NULL)
    return FALSE;
  dnr = g_strdup (self->current->dnr);
  if (!kk_store_procurement_set_status (self->db, self->current->id, status, &error))
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Change the Status"), error);
      return FALSE;
    }
  /* Translators: "KS-2026-0042 is now Published" */
  title = g_strdup_printf (_("%s is now %s"), dnr, kk_procurement_status_label (status));
  reload_list (self);
  toast (self, title);
  data_changed (self, "procurements");
  return TRUE;
}

static void
status_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    KkProcurementsPage *self)
{
  const char *status = g_object_get_data (G_OBJECT (dialog), "kk-status");

  if (g_strcmp0 (response, "confirm") == 0 && status != NULL)
    set_status (self, status);
}

static guint
count_newer (KkProcurementsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));
  guint newer = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KkChecklistItem) item = g_list_model_get_item (G_LIST_MODEL (self->requirements), i);

      newer += item->newer_revision ? 1 : 0;
    }
  return newer;
}

static void
advance_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  const char *next;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *confirm;
  AdwMessageDialog *dialog;

  if (self->current == NULL || (next = next_status (self->current->status)) == NULL)
    return;

  if (g_str_equal (next, "published"))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));
      guint newer = count_newer (self);
      g_autofree char *first = NULL;

      heading = g_strdup_printf (_("Publish “%s”?"), self->current->title);
      first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Publishing freezes the wording of its %u requirement: the procurement keeps exactly this text, whatever changes in the catalogue later. Requirements can then no longer be added, removed, reordered or switched between SHALL and SHOULD.",
                                            "Publishing freezes the wording of its %u requirements: the procurement keeps exactly this text, whatever changes in the catalogue later. Requirements can then no longer be added, removed, reordered or switched between SHALL and SHOULD.",
                                            n), n);
      if (newer > 0)
        {
          g_autofree char *second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u requirement has a newer wording in the catalogue; it is published with the newer wording.",
                                                                  "%u requirements have a newer wording in the catalogue; they are published with the newer wording.",
                                                                  newer), newer);

          body = g_strdup_printf ("%s\n\n%s", first, second);
        }
      else
        body = g_steal_pointer (&first);
      confirm = _("_Publish");
    }
  else if (g_str_equal (next, "evaluating"))
    {
      heading = g_strdup (_("Start the Evaluation?"));
      body = g_strdup_printf (_("“%s” moves from Published to Evaluating. A status only moves forward."),
                              self->current->title);
      confirm = _("_Start Evaluation");
    }
  else
    {
      heading = g_strdup (_("Mark as Decided?"));
      body = g_strdup_printf (_("Once “%s” is decided, the suppliers’ answers can no longer change. A status only moves forward."),
                              self->current->title);
      confirm = _("Mark _Decided");
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kk_gui_util_parent_window (widget), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", confirm, NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "kk-status", (gpointer) next);
  g_signal_connect_object (dialog, "response", G_CALLBACK (status_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
audit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);

  if (self->current != NULL)
    gtk_window_present (GTK_WINDOW (kk_audit_view_new (kk_gui_util_parent_window (widget), self->db, self->current->id)));
}

static void
export (KkProcurementsPage *self,
        KkGuiExportKind     kind,
        gint64              supplier_id)
{
  g_autofree char *name = NULL;
  g_autoptr(KkSupplier) supplier = NULL;

  if (self->current == NULL)
    return;
  if (kind == KK_GUI_EXPORT_CHECKLIST)
    {
      g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, supplier_id);

      supplier = kk_store_find_supplier (self->db, ref, NULL);
    }
  name = kk_gui_util_export_file_name (kind, self->current->dnr, supplier ? supplier->name : NULL);
  kk_gui_util_export (GTK_WIDGET (self), self->db, kind, self->current->id, supplier_id, name);
}

static void
export_appendix_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  export (KK_PROCUREMENTS_PAGE (widget), KK_GUI_EXPORT_APPENDIX_PDF, 0);
}

static void
export_list_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  export (KK_PROCUREMENTS_PAGE (widget), KK_GUI_EXPORT_REQUIREMENT_LIST, 0);
}

static void
export_matrix_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  export (KK_PROCUREMENTS_PAGE (widget), KK_GUI_EXPORT_MATRIX, 0);
}

static void
export_checklist_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  export (KK_PROCUREMENTS_PAGE (widget), KK_GUI_EXPORT_CHECKLIST, g_variant_get_int64 (parameter));
}

/* Actions: requirements */

static void
requirements_chosen_cb (KkRequirementPicker *picker,
                        GStrv                codes,
                        KkProcurementsPage  *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n = codes ? g_strv_length (codes) : 0;

  if (self->current == NULL || n == 0)
    return;
  if (!kk_store_procurement_add_requirements (self->db, self->current->id, (const char * const *) codes, &error))
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Add the Requirements"), error);
      return;
    }
  reload_list (self);
  reload_requirements (self, (const char * const *) codes);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u requirement added", "%u requirements added", n), n);
  toast (self, title);
  data_changed (self, "procurements");
}

static void
add_requirements_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) existing = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));
  KkRequirementPicker *picker;

  if (!is_draft (self))
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KkChecklistItem) item = g_list_model_get_item (G_LIST_MODEL (self->requirements), i);

      g_strv_builder_add (builder, item->code);
    }
  existing = g_strv_builder_end (builder);
  picker = kk_requirement_picker_new (kk_gui_util_parent_window (widget), self->db, (const char * const *) existing);
  g_signal_connect_object (picker, "requirements-chosen", G_CALLBACK (requirements_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

/* Puts removed requirements back at their places, with their SHALL/SHOULD. */
static void
undo_removal (KkProcurementsPage *self)
{
  g_autoptr(GPtrArray) removed = g_steal_pointer (&self->removal);
  gint64 procurement_id = self->removal_procurement;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "procurements.undo", FALSE);
  if (removed == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  for (guint i = 0; i < removed->len; i++)
    g_strv_builder_add (builder, ((RemovedRequirement *) g_ptr_array_index (removed, i))->code);
  codes = g_strv_builder_end (builder);

  ok = kk_database_begin (self->db, &error) &&
       kk_store_procurement_add_requirements (self->db, procurement_id, (const char * const *) codes, &error);
  /* In list order, so each lands where it was. */
  for (guint i = 0; ok && i < removed->len; i++)
    {
      RemovedRequirement *r = g_ptr_array_index (removed, i);
      g_autoptr(GPtrArray) now = kk_store_procurement_requirements (self->db, procurement_id, &error);
      const char *obligation = NULL;

      ok = now != NULL && kk_store_procurement_move_requirement (self->db, procurement_id, r->code, r->position, &error);
      for (guint j = 0; ok && j < now->len; j++)
        if (g_strcmp0 (((KkChecklistItem *) g_ptr_array_index (now, j))->code, r->code) == 0)
          obligation = ((KkChecklistItem *) g_ptr_array_index (now, j))->obligation;
      if (ok && obligation != NULL && g_strcmp0 (obligation, r->obligation) != 0)
        ok = kk_store_procurement_set_obligation (self->db, procurement_id, r->code, r->obligation, &error);
    }
  if (ok)
    ok = kk_database_commit (self->db, &error);
  if (!ok)
    {
      if (kk_database_in_transaction (self->db))
        kk_database_rollback (self->db);
      kk_gui_error (GTK_WIDGET (self), _("Could Not Put the Requirements Back"), error);
      return;
    }
  reload_list (self);
  if (self->current != NULL && self->current->id == procurement_id)
    reload_requirements (self, (const char * const *) codes);
  data_changed (self, "procurements");
}

static void
undo_remove_cb (AdwToast           *t,
                KkProcurementsPage *self)
{
  /* Only the latest removal can be undone: older toasts are gone anyway. */
  if (self->removal != NULL && g_object_get_data (G_OBJECT (t), "kk-removed") == (gpointer) self->removal)
    undo_removal (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_removal (KK_PROCUREMENTS_PAGE (widget));
}

static void
remove_requirements_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  g_autoptr(GPtrArray) items = selected_requirements (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *removed;
  g_autofree char *title = NULL;
  AdwToast *t;
  guint next;

  if (!is_draft (self) || items->len == 0)
    return;

  removed = g_ptr_array_new_with_free_func ((GDestroyNotify) removed_requirement_free);
  for (guint i = 0; i < items->len; i++)
    {
      KkChecklistItem *item = g_ptr_array_index (items, i);
      RemovedRequirement *r = g_new0 (RemovedRequirement, 1);

      r->code = g_strdup (item->code);
      r->position = item->position;
      r->obligation = g_strdup (item->obligation);
      g_ptr_array_add (removed, r);
      g_strv_builder_add (builder, item->code);
    }
  codes = g_strv_builder_end (builder);
  next = ((KkChecklistItem *) g_ptr_array_index (items, 0))->position;

  if (!kk_store_procurement_remove_requirements (self->db, self->current->id, (const char * const *) codes, &error))
    {
      g_ptr_array_unref (removed);
      kk_gui_error (widget, _("Could Not Remove the Requirements"), error);
      return;
    }

  reload_list (self);
  /* Keep the cursor near where the removed rows were. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));

    if (n > 0)
      {
        kk_paced_model_reveal (self->requirements_paced, MIN (next, n - 1));
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->requirements_selection), MIN (next, n - 1), TRUE);
        gtk_widget_grab_focus (GTK_WIDGET (self->requirements_view));
      }
  }

  if (items->len == 1)
    /* Translators: a requirement was removed from the procurement */
    title = g_strdup_printf (_("%s removed"), codes[0]);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u requirement removed", "%u requirements removed", items->len),
                             items->len);
  t = kk_gui_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  g_clear_pointer (&self->removal, g_ptr_array_unref);
  self->removal = removed;
  self->removal_procurement = self->current->id;
  gtk_widget_action_set_enabled (widget, "procurements.undo", TRUE);
  g_object_set_data (G_OBJECT (t), "kk-removed", removed);
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (undo_remove_cb), self, 0);
  kk_gui_util_add_toast (widget, t);
  data_changed (self, "procurements");
}

static void
move (KkProcurementsPage *self,
      int                 delta)
{
  g_autoptr(GPtrArray) items = selected_requirements (self);
  g_autoptr(GError) error = NULL;
  KkChecklistItem *item;
  const char *codes[2] = { NULL, NULL };
  g_autofree char *code = NULL;
  GtkWidget *list;
  gboolean had_focus;
  int target;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));

  if (!is_draft (self) || items->len != 1)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  item = g_ptr_array_index (items, 0);
  target = item->position + delta;
  if (target < 0 || target >= (int) n)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  code = g_strdup (item->code);
  if (!kk_store_procurement_move_requirement (self->db, self->current->id, code, target, &error))
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Move the Requirement"), error);
      return;
    }
  list = kk_gui_util_list_view_of (GTK_WIDGET (self->requirements_view));
  had_focus = list != NULL && gtk_widget_get_focus_child (list) != NULL;
  codes[0] = code;
  reload_requirements (self, codes);

  /* Reloading leaves the keyboard focus at the old place: take it along
   * with the row, as Up or Down would. scroll-to-item brings the list's
   * idea of the focused row up to date first. */
  if (had_focus)
    {
      gtk_widget_grab_focus (list);
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", (guint) target);
      if (kk_gui_util_list_run_key (list, delta < 0 ? GDK_KEY_Up : GDK_KEY_Down))
        return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->requirements_view));
}

static void
move_up_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move (KK_PROCUREMENTS_PAGE (widget), -1);
}

static void
move_down_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move (KK_PROCUREMENTS_PAGE (widget), 1);
}

static void
toggle_obligation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  g_autoptr(GPtrArray) items = selected_requirements (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!is_draft (self) || items->len == 0)
    return;

  ok = kk_database_begin (self->db, &error);
  for (guint i = 0; ok && i < items->len; i++)
    {
      KkChecklistItem *item = g_ptr_array_index (items, i);

      ok = kk_store_procurement_set_obligation (self->db, self->current->id, item->code,
                                                g_strcmp0 (item->obligation, "shall") == 0 ? "should" : "shall",
                                                &error);
      g_strv_builder_add (builder, item->code);
    }
  if (ok)
    ok = kk_database_commit (self->db, &error);
  if (!ok)
    {
      if (kk_database_in_transaction (self->db))
        kk_database_rollback (self->db);
      kk_gui_error (widget, _("Could Not Change SHALL/SHOULD"), error);
      return;
    }
  codes = g_strv_builder_end (builder);
  reload_requirements (self, (const char * const *) codes);
  gtk_widget_grab_focus (GTK_WIDGET (self->requirements_view));
}

/* Actions: suppliers */

static gboolean
add_supplier (KkProcurementsPage *self,
              KkSupplier         *supplier)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->current == NULL)
    return FALSE;
  if (!kk_store_procurement_add_supplier (self->db, self->current->id, supplier->id, &error))
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Add the Supplier"), error);
      return FALSE;
    }
  reload_list (self);
  adw_view_stack_set_visible_child_name (self->tabs, "suppliers");
  /* Translators: "Bygg AB added to the procurement" */
  title = g_strdup_printf (_("%s added to the procurement"), supplier->name);
  toast (self, title);
  data_changed (self, "procurements");
  return TRUE;
}

/* The supplier chooser: the register with a search, and a way to register
 * a new supplier on the spot. Built in code: it is a small list. */

typedef struct {
  KkProcurementsPage *page;
  GtkWindow          *window;
  GtkFilterListModel *model;
  char               *search;
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  g_clear_object (&chooser->page);
  g_free (chooser->search);
  g_free (chooser);
}

static gboolean
chooser_filter (gpointer item,
                gpointer user_data)
{
  Chooser *chooser = user_data;
  KkSupplier *s = item;

  return kk_gui_util_matches (s->name, chooser->search) || kk_gui_util_matches (s->org_number, chooser->search);
}

static void
chooser_search_cb (GtkSearchEntry *entry,
                   Chooser        *chooser)
{
  g_free (chooser->search);
  chooser->search = kk_gui_util_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (gtk_filter_list_model_get_filter (chooser->model), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
chooser_setup_cb (GtkListItemFactory *factory,
                  GtkListItem        *item,
                  gpointer            user_data)
{
  GtkWidget *box = kk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *org = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (org), 0);
  gtk_widget_add_css_class (org, "caption");
  gtk_widget_add_css_class (org, "dim-label");
  gtk_widget_add_css_class (org, "numeric");
  kk_box_append (KK_BOX (box), name);
  kk_box_append (KK_BOX (box), org);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
chooser_bind_cb (GtkListItemFactory *factory,
                 GtkListItem        *item,
                 gpointer            user_data)
{
  KkSupplier *s = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), s->name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), s->org_number);
}

static void
chooser_activate_cb (GtkListView *view,
                     guint        position,
                     Chooser     *chooser)
{
  g_autoptr(KkSupplier) s = g_list_model_get_item (G_LIST_MODEL (chooser->model), position);

  if (s != NULL && add_supplier (chooser->page, s))
    gtk_window_destroy (chooser->window);
}

static void
destroy_window_cb (gpointer data)
{
  gtk_window_destroy (data);
  g_object_unref (data);
}

static void
chooser_created_cb (KkSupplierDialog *dialog,
                    KkSupplier       *supplier,
                    Chooser          *chooser)
{
  /* Not now: @dialog is transient for the chooser and destroyed with it,
   * and it is still running the code that emitted this signal. */
  if (add_supplier (chooser->page, supplier))
    g_idle_add_once (destroy_window_cb, g_object_ref (chooser->window));
}

static void
chooser_new_cb (GtkButton *button,
                Chooser   *chooser)
{
  KkSupplierDialog *dialog = kk_supplier_dialog_new (chooser->window, chooser->page->db, NULL);

  g_signal_connect (dialog, "saved", G_CALLBACK (chooser_created_cb), chooser);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_supplier_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GListStore) store = g_list_store_new (KK_TYPE_SUPPLIER);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window, *box, *header, *cancel, *create, *search, *scroll, *list, *stack;
  GtkSingleSelection *selection;
  Chooser *chooser;
  guint n_in = g_list_model_get_n_items (G_LIST_MODEL (self->suppliers));

  if (self->current == NULL)
    return;

  all = kk_store_list_suppliers (self->db, NULL, &error);
  if (all == NULL)
    {
      kk_gui_error (widget, _("Could Not Read the Suppliers"), error);
      return;
    }
  for (guint i = 0; i < all->len; i++)
    {
      KkSupplier *s = g_ptr_array_index (all, i);
      gboolean taking_part = FALSE;

      for (guint j = 0; j < n_in && !taking_part; j++)
        {
          g_autoptr(KkSupplier) in = g_list_model_get_item (G_LIST_MODEL (self->suppliers), j);

          taking_part = in->id == s->id;
        }
      if (!taking_part)
        g_list_store_append (store, s);
    }

  chooser = g_new0 (Chooser, 1);
  chooser->page = g_object_ref (self);
  chooser->search = g_strdup ("");

  window = adw_window_new ();
  chooser->window = GTK_WINDOW (window);
  gtk_window_set_title (GTK_WINDOW (window), _("Add Supplier"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), kk_gui_util_parent_window (widget));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 440, 560);
  g_object_set_data_full (G_OBJECT (window), "kk-chooser", chooser, (GDestroyNotify) chooser_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  create = gtk_button_new_with_mnemonic (_("_New Supplier…"));
  gtk_widget_set_tooltip_text (create, _("Register a supplier that is not in the register yet"));
  g_signal_connect (create, "clicked", G_CALLBACK (chooser_new_cb), chooser);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), create);
  gtk_box_append (GTK_BOX (box), header);

  search = gtk_search_entry_new ();
  g_object_set (search, "placeholder-text", _("Search by name or organisation number"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search suppliers"), -1);
  gtk_widget_set_margin_start (search, 12);
  gtk_widget_set_margin_end (search, 12);
  gtk_widget_set_margin_top (search, 8);
  gtk_widget_set_margin_bottom (search, 8);
  g_signal_connect (search, "search-changed", G_CALLBACK (chooser_search_cb), chooser);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  chooser->model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (store)),
                                              GTK_FILTER (gtk_custom_filter_new (chooser_filter, chooser, NULL)));
  selection = gtk_single_selection_new (G_LIST_MODEL (chooser->model));
  g_signal_connect (factory, "setup", G_CALLBACK (chooser_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (chooser_bind_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), g_object_ref (factory));
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Registered suppliers"), -1);
  g_signal_connect (list, "activate", G_CALLBACK (chooser_activate_cb), chooser);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), list);

  stack = gtk_stack_new ();
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_stack_add_named (GTK_STACK (stack), scroll, "list");
  gtk_stack_add_named (GTK_STACK (stack), adw_bin_new (), "empty");
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "list");
  else
    kk_gui_util_show_status_page (GTK_STACK (stack), "empty", "system-users-symbolic", _("No Other Suppliers Registered"),
                                  _("Register the supplier with “New Supplier…”."), TRUE);
  gtk_box_append (GTK_BOX (box), stack);

  adw_window_set_content (ADW_WINDOW (window), box);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (search);
}

static KkSupplier *
supplier_in_procurement (KkProcurementsPage *self,
                         gint64              id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suppliers));

  for (guint i = 0; i < n; i++)
    {
      KkSupplier *s = g_list_model_get_item (G_LIST_MODEL (self->suppliers), i);

      if (s->id == id)
        return s;
      g_object_unref (s);
    }
  return NULL;
}

static void
undo_remove_supplier_cb (AdwToast           *t,
                         KkProcurementsPage *self)
{
  gint64 procurement_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (t), "kk-procurement"));
  gint64 supplier_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (t), "kk-supplier"));
  g_autoptr(GError) error = NULL;

  if (!kk_store_procurement_add_supplier (self->db, procurement_id, supplier_id, &error))
    {
      kk_gui_error (GTK_WIDGET (self), _("Could Not Add the Supplier Back"), error);
      return;
    }
  reload_list (self);
  data_changed (self, "procurements");
}

static void
remove_supplier_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(KkSupplier) supplier = self->current ? supplier_in_procurement (self, id) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *t;

  if (supplier == NULL)
    return;
  if (!kk_store_procurement_remove_supplier (self->db, self->current->id, id, &error))
    {
      kk_gui_error (widget, _("Could Not Remove the Supplier"), error);
      return;
    }
  /* Translators: "Bygg AB removed from the procurement" */
  title = g_strdup_printf (_("%s removed from the procurement"), supplier->name);
  t = kk_gui_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  g_object_set_data (G_OBJECT (t), "kk-procurement", GSIZE_TO_POINTER (self->current->id));
  g_object_set_data (G_OBJECT (t), "kk-supplier", GSIZE_TO_POINTER (id));
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (undo_remove_supplier_cb), self, 0);
  reload_list (self);
  kk_gui_util_add_toast (widget, t);
  data_changed (self, "procurements");
}

/* The checklist, shown in place of the list and detail */

static void
stop_opening_checklist (KkProcurementsPage *self)
{
  if (self->open_clock != NULL)
    {
      g_clear_signal_handler (&self->open_stage_id, self->open_clock);
      g_clear_signal_handler (&self->open_rows_id, self->open_clock);
    }
  self->open_stage_id = 0;
  self->open_rows_id = 0;
  g_clear_weak_pointer (&self->open_clock);
}

/* The update phase of the frame after the view's styles: its first rows
 * are made, and styled in this frame, which still draws nothing new. */
static void
open_checklist_rows_cb (GdkFrameClock      *clock,
                        KkProcurementsPage *self)
{
  g_clear_signal_handler (&self->open_rows_id, clock);
  if (self->checklist != NULL)
    kk_checklist_view_prepare_rows (KK_CHECKLIST_VIEW (self->checklist));
  self->open_stage = OPEN_SLIDE;
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* The stages of opening a checklist after the click's own work, each
 * after the frame before it is drawn (with no frame clock, all at once). */
static void
open_checklist_stage_cb (GdkFrameClock      *clock,
                         KkProcurementsPage *self)
{
  if (self->checklist == NULL)
    {
      stop_opening_checklist (self);
      return;
    }
  switch (self->open_stage)
    {
    case OPEN_ROWS:
      if (clock != NULL)
        {
          if (self->open_rows_id == 0)
            self->open_rows_id = g_signal_connect (clock, "update", G_CALLBACK (open_checklist_rows_cb), self);
          gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_UPDATE);
          return;
        }
      kk_checklist_view_prepare_rows (KK_CHECKLIST_VIEW (self->checklist));
      G_GNUC_FALLTHROUGH;
    case OPEN_SLIDE:
      self->open_stage = OPEN_FOCUS;
      gtk_stack_set_visible_child_name (self->view_stack, "checklist");
      if (clock != NULL)
        return;
      G_GNUC_FALLTHROUGH;
    case OPEN_FOCUS:
    default:
      stop_opening_checklist (self);
      gtk_widget_grab_focus (kk_checklist_view_get_list (KK_CHECKLIST_VIEW (self->checklist)));
      break;
    }
}

/* A click opens the checklist over four frames, none of which has all
 * the work. The click fills the view and makes it visible in the stack's
 * hidden page: the next frame works out its styles and draws nothing new.
 * The frame after that makes its first rows (a list makes them only when
 * its model has them, see kk-paced-model.h) and styles them, still
 * drawing nothing new. After it the stack slides to the view; GtkStack
 * then moves the focus from the supplier's row into the view, which
 * restyles the list the row was in. After the slide's first frame the
 * focus goes to the view's list, which restyles the view's widgets (their
 * ancestors gain :focus-within). In one frame these took 14-18 ms here.
 * The first opening, which also builds the view and its rows' widgets,
 * had a 50 ms frame; the one that first draws the view now takes some
 * 6 ms (20-31 ms on the slower machines of earlier measurements), and its
 * longest are the frames that add the rest of the rows (kk-paced-model.c). */
static void
open_checklist_in_stages (KkProcurementsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  stop_opening_checklist (self);
  self->open_stage = OPEN_ROWS;
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      open_checklist_stage_cb (NULL, self);
      return;
    }
  g_set_weak_pointer (&self->open_clock, clock);
  self->open_stage_id = g_signal_connect (clock, "after-paint", G_CALLBACK (open_checklist_stage_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* With @reload, the list and details are read again (for the answers
 * given in the checklist). */
static void
close_checklist (KkProcurementsPage *self,
                 gboolean            reload)
{
  if (self->checklist == NULL)
    return;
  stop_opening_checklist (self);
  gtk_stack_set_visible_child_name (self->view_stack, "main");
  /* Kept, hidden, for the next checklist: building one is most of what
   * opening it costs. */
  self->spare_checklist = g_steal_pointer (&self->checklist);
  gtk_widget_set_visible (self->spare_checklist, FALSE);
  if (reload)
    reload_list (self);
  adw_view_stack_set_visible_child_name (self->tabs, "suppliers");
}

static void
checklist_close_cb (KkChecklistView    *view,
                    KkProcurementsPage *self)
{
  close_checklist (self, TRUE);
}

static void
open_checklist_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  kk_procurements_page_open_checklist (KK_PROCUREMENTS_PAGE (widget), g_variant_get_int64 (parameter));
}

/* Window signals */

static void
window_data_changed_cb (KkWindow           *window,
                        const char         *what,
                        KkProcurementsPage *self)
{
  if (self->emitting)
    return;
  if (g_strcmp0 (what, "checklists") == 0)
    {
      /* Only the summaries change; the open checklist updates itself. */
      if (self->checklist == NULL)
        reload_suppliers (self);
      return;
    }
  reload_list (self);
}

static void
kk_procurements_page_root (GtkWidget *widget)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);
  KkWindow *window;

  GTK_WIDGET_CLASS (kk_procurements_page_parent_class)->root (widget);

  window = kk_window_from_widget (widget);
  if (window != NULL && window != self->window)
    {
      g_set_weak_pointer (&self->window, window);
      g_signal_connect_object (window, "data-changed", G_CALLBACK (window_data_changed_cb), self, 0);
    }
}

static void
kk_procurements_page_map (GtkWidget *widget)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (widget);

  GTK_WIDGET_CLASS (kk_procurements_page_parent_class)->map (widget);
  if (!self->loaded && self->first_load == NULL)
    kk_gui_util_after_frame (&self->first_load, widget, first_load);
}

/* GObject */

static void
kk_procurements_page_constructed (GObject *object)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (kk_procurements_page_parent_class)->constructed (object);

  g_assert (self->db != NULL);
  self->lang = kk_gui_util_dup_content_language ();
  self->categories = kk_catalog_list_categories (self->db, &error);
  if (self->categories == NULL)
    g_warning ("Cannot read the procurement categories: %s", error->message);
}

static void
kk_procurements_page_dispose (GObject *object)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (object);

  stop_opening_checklist (self);
  kk_gui_util_cancel_after_frame (&self->first_load);
  kk_gui_util_cancel_after_frame (&self->detail_later);
  kk_gui_util_cancel_after_frame (&self->table_later);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->requirements_view != NULL)
    gtk_column_view_set_model (self->requirements_view, NULL);
  if (self->suppliers_list != NULL)
    gtk_list_box_bind_model (self->suppliers_list, NULL, NULL, NULL, NULL);
  self->checklist = NULL;
  self->spare_checklist = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_PROCUREMENTS_PAGE);
  /* Unbound template children are not unparented by the call above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->selection);
  g_clear_object (&self->list_paced);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->procurements);
  g_clear_object (&self->requirements_selection);
  g_clear_object (&self->requirements_paced);
  g_clear_object (&self->requirement_rows);
  g_clear_pointer (&self->requirement_cells, g_hash_table_unref);
  g_clear_object (&self->requirements);
  g_clear_object (&self->suppliers);
  g_clear_object (&self->supplier_rows);
  g_clear_object (&self->current);
  G_OBJECT_CLASS (kk_procurements_page_parent_class)->dispose (object);
}

static void
kk_procurements_page_finalize (GObject *object)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (object);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->removal, g_ptr_array_unref);
  g_clear_object (&self->db);
  g_free (self->lang);
  g_free (self->search);
  G_OBJECT_CLASS (kk_procurements_page_parent_class)->finalize (object);
}

static void
kk_procurements_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (object);

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
kk_procurements_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (object);

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
kk_procurements_page_class_init (KkProcurementsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();
  g_type_ensure (KK_TYPE_CHECKLIST_VIEW);
  g_type_ensure (KK_TYPE_WIDTH_FIRST_LAYOUT);
  g_type_ensure (KK_TYPE_CHOICE_BUTTON);

  object_class->constructed = kk_procurements_page_constructed;
  object_class->dispose = kk_procurements_page_dispose;
  object_class->finalize = kk_procurements_page_finalize;
  object_class->get_property = kk_procurements_page_get_property;
  object_class->set_property = kk_procurements_page_set_property;
  widget_class->root = kk_procurements_page_root;
  widget_class->map = kk_procurements_page_map;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KK_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-procurements-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, export_menu);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, status_badge);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, catalogue_label);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, status_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, tabs);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, requirements_tab);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, suppliers_tab);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, add_requirements_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, remove_requirements_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, move_up_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, move_down_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, obligation_button);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, frozen_label);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, requirements_stack);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, requirements_view);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, position_column);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, obligation_column);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, revision_column);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, suppliers_stack);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, suppliers_list);
  gtk_widget_class_bind_template_child (widget_class, KkProcurementsPage, checklist_holder);

  gtk_widget_class_install_action (widget_class, "procurements.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "procurements.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "procurements.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "procurements.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "procurements.advance", NULL, advance_action);
  gtk_widget_class_install_action (widget_class, "procurements.audit", NULL, audit_action);
  gtk_widget_class_install_action (widget_class, "procurements.export-appendix", NULL, export_appendix_action);
  gtk_widget_class_install_action (widget_class, "procurements.export-list", NULL, export_list_action);
  gtk_widget_class_install_action (widget_class, "procurements.export-matrix", NULL, export_matrix_action);
  gtk_widget_class_install_action (widget_class, "procurements.export-checklist", "x", export_checklist_action);
  gtk_widget_class_install_action (widget_class, "procurements.add-requirements", NULL, add_requirements_action);
  gtk_widget_class_install_action (widget_class, "procurements.remove-requirements", NULL, remove_requirements_action);
  gtk_widget_class_install_action (widget_class, "procurements.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "procurements.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "procurements.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "procurements.toggle-obligation", NULL, toggle_obligation_action);
  gtk_widget_class_install_action (widget_class, "procurements.add-supplier", NULL, add_supplier_action);
  gtk_widget_class_install_action (widget_class, "procurements.remove-supplier", "x", remove_supplier_action);
  gtk_widget_class_install_action (widget_class, "procurements.open-checklist", "x", open_checklist_action);
}

static void
kk_procurements_page_init (KkProcurementsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkCustomFilter *filter;

  kk_gui_util_ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  kk_gui_util_set_menu_later (self->export_button, self->export_menu);

  self->procurements = g_list_store_new (KK_TYPE_PROCUREMENT);
  filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->procurements)), GTK_FILTER (filter));
  /* Rows in the first frame of a fill: about a screenful. */
  self->list_paced = kk_paced_model_new (G_LIST_MODEL (self->filter_model), 8);
  kk_paced_model_attach (self->list_paced, GTK_WIDGET (self->list_view));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->list_paced)));
  g_signal_connect (factory, "setup", G_CALLBACK (list_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (list_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);

  self->requirements = g_list_store_new (KK_TYPE_CHECKLIST_ITEM);
  self->requirement_cells = g_hash_table_new (NULL, NULL);
  self->requirement_rows = kk_stable_rows_new (G_LIST_MODEL (self->requirements), GTK_WIDGET (self->requirements_view),
                                               requirement_rows_refresh_cb, self);
  /* Four rows in the frame that first shows a procurement: each row of
   * five new cells costs about a millisecond there (widgets, styles, first
   * text), on top of the details around them. */
  self->requirements_paced = kk_paced_model_new (G_LIST_MODEL (self->requirement_rows), 4);
  kk_paced_model_attach (self->requirements_paced, GTK_WIDGET (self->requirements_view));
  self->requirements_selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->requirements_paced)));
  setup_req_column (self, self->position_column, COLUMN_POSITION);
  setup_req_column (self, self->code_column, COLUMN_CODE);
  setup_req_column (self, self->obligation_column, COLUMN_OBLIGATION);
  setup_req_column (self, self->title_column, COLUMN_TITLE);
  setup_req_column (self, self->revision_column, COLUMN_REVISION);
  gtk_column_view_set_model (self->requirements_view, GTK_SELECTION_MODEL (self->requirements_selection));
  kk_gui_util_fix_column_widths (self->requirements_view);
  g_signal_connect (self->requirements_selection, "selection-changed",
                    G_CALLBACK (requirements_selection_changed_cb), self);

  self->suppliers = g_list_store_new (KK_TYPE_SUPPLIER);
  self->supplier_rows = g_list_store_new (KK_TYPE_SUPPLIER);
  gtk_list_box_bind_model (self->suppliers_list, G_LIST_MODEL (self->supplier_rows), supplier_row_new, self, NULL);
  g_signal_connect (self->tabs, "notify::visible-child", G_CALLBACK (tabs_visible_child_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "procurements.undo", FALSE);
  g_signal_connect (self->suppliers_list, "row-activated", G_CALLBACK (supplier_activated_cb), self);

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (search_stop_cb), self);
  g_signal_connect (self->status_dropdown, "notify::selected", G_CALLBACK (status_selected_cb), self);
  g_signal_connect (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
}

GtkWidget *
kk_procurements_page_new (KkDatabase *db)
{
  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  return g_object_new (KK_TYPE_PROCUREMENTS_PAGE, "database", db, NULL);
}

KkDatabase *
kk_procurements_page_get_database (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), NULL);

  return self->db;
}

void
kk_procurements_page_select (KkProcurementsPage *self,
                             gint64              procurement_id)
{
  g_return_if_fail (KK_IS_PROCUREMENTS_PAGE (self));

  ensure_loaded (self);
  close_checklist (self, FALSE);
  /* Make sure the procurement is listed, whatever the filters were. */
  if (self->status_filter != NULL || (self->search != NULL && *self->search != '\0'))
    {
      self->status_filter = NULL;
      g_clear_pointer (&self->search, g_free);
      self->reloading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      fill_status_dropdown (self);
      filter_changed (self);
      self->reloading = FALSE;
    }
  /* The list follows every change made here; only a procurement it does
   * not show yet (made by another process) needs it read again. Reading
   * it again rebuilt the rows it shows, a third of the time it took. */
  if (selected_id (self) != procurement_id && !select_procurement (self, procurement_id))
    reload_list_selecting (self, procurement_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
kk_procurements_page_reload (KkProcurementsPage *self)
{
  g_return_if_fail (KK_IS_PROCUREMENTS_PAGE (self));

  reload_list (self);
}

gint64
kk_procurements_page_get_selected (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), 0);

  ensure_loaded (self);
  return selected_id (self);
}

GListModel *
kk_procurements_page_get_requirements (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), NULL);

  ensure_loaded (self);
  return G_LIST_MODEL (self->requirements_selection);
}

GListModel *
kk_procurements_page_get_requirement_items (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), NULL);

  ensure_loaded (self);
  return G_LIST_MODEL (self->requirements);
}

GListModel *
kk_procurements_page_get_suppliers (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), NULL);

  ensure_loaded (self);
  return G_LIST_MODEL (self->suppliers);
}

gboolean
kk_procurements_page_is_loading (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), FALSE);

  return !self->loaded;
}

GListModel *
kk_procurements_page_get_procurements (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), NULL);

  ensure_loaded (self);
  return G_LIST_MODEL (self->filter_model);
}

GtkLabel *
kk_procurements_page_get_counts_label (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), NULL);

  return self->counts_label;
}

GtkWidget *
kk_procurements_page_open_checklist (KkProcurementsPage *self,
                                     gint64              supplier_id)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), NULL);

  ensure_loaded (self);
  if (self->current == NULL)
    return NULL;
  close_checklist (self, FALSE);
  if (self->spare_checklist != NULL &&
      kk_checklist_view_set_assessment (KK_CHECKLIST_VIEW (self->spare_checklist), self->current->id, supplier_id))
    {
      self->checklist = g_steal_pointer (&self->spare_checklist);
      gtk_widget_set_visible (self->checklist, TRUE);
    }
  else
    {
      if (self->spare_checklist != NULL)
        gtk_box_remove (GTK_BOX (self->checklist_holder), g_steal_pointer (&self->spare_checklist));
      self->checklist = kk_checklist_view_new (self->db, self->current->id, supplier_id);
      gtk_widget_set_vexpand (self->checklist, TRUE);
      g_signal_connect_object (self->checklist, "close-requested", G_CALLBACK (checklist_close_cb), self, 0);
      gtk_box_append (GTK_BOX (self->checklist_holder), self->checklist);
    }
  open_checklist_in_stages (self);
  return self->checklist;
}

GtkWidget *
kk_procurements_page_get_checklist (KkProcurementsPage *self)
{
  g_return_val_if_fail (KK_IS_PROCUREMENTS_PAGE (self), NULL);

  return self->checklist;
}
