// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-catalog-page"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kk-catalog.h"
#include "kk-catalog-filter.h"
#include "kk-filter-model.h"
#include "kk-catalog-page.h"
#include "kk-choice-button.h"
#include "kk-gui-util.h"
#include "kk-paced-model.h"
#include "kk-stable-rows.h"
#include "kk-width-first-layout.h"
#include "kk-cell-text.h"
#include "kk-export.h"
#include "kk-gui.h"
#include "kk-window.h"

typedef enum {
  COLUMN_CODE,
  COLUMN_TITLE,
  COLUMN_AREA,
  COLUMN_OBLIGATION,
  COLUMN_KIND,
  COLUMN_LEVEL,
} Column;

struct _KkCatalogPage
{
  GtkWidget             parent_instance;

  KkDatabase           *db;
  GSettings            *settings;
  char                 *content_language;

  GListStore           *store;             /* KkRequirement, loaded once */
  KkFilterModel        *filter_model;
  KkStableRows         *rows;              /* what the view shows: one row per filtered position */
  KkPacedModel        *paced;          /* the rows, a batch per frame */
  KkRequirement        *detail_shown;      /* in the detail pane */
  GtkSingleSelection   *selection;
  KkCatalogFilter      *filter;
  GtkSorter            *title_sorter;
  GtkSorter            *area_sorter;

  GPtrArray            *areas;             /* KkArea, catalogue order */
  GHashTable           *area_index;        /* code → position + 1 */
  GPtrArray            *categories;        /* KkCategory */
  GHashTable           *bound_items;       /* GtkListItem → Column, every bound cell */
  GPtrArray            *dropdown_keys[KK_CATALOG_N_FIELDS];  /* char *, [0] = NULL for "All" */
  gboolean              updating_dropdowns;

  GtkFileChooserNative *chooser;
  gboolean              importing;
  gboolean              exporting;
  GTask                *load_task;         /* the load running now, or NULL */
  GCancellable         *load_cancellable;
  gboolean              load_pending;      /* to start once the page is shown */
  GdkFrameClock        *detail_clock;      /* the detail pane waits for its after-paint */
  gulong                detail_paint_id;
  GdkFrameClock        *rest_clock;        /* the lower half of the detail pane waits for its after-paint */
  gulong                rest_paint_id;
  guint                 rest_frames;       /* frames it still waits */

  /* Template widgets */
  GtkSearchEntry       *search_entry;
  KkChoiceButton       *perspective_dropdown;
  KkChoiceButton       *area_dropdown;
  KkChoiceButton       *kind_dropdown;
  KkChoiceButton       *level_dropdown;
  KkChoiceButton       *obligation_dropdown;
  AdwFlap              *flap;
  GtkStack             *content_stack;
  AdwStatusPage        *no_catalogue_page;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *code_column;
  GtkColumnViewColumn  *title_column;
  GtkColumnViewColumn  *area_column;
  GtkColumnViewColumn  *obligation_column;
  GtkColumnViewColumn  *kind_column;
  GtkColumnViewColumn  *level_column;
  GtkStack             *detail_stack;
  GtkScrolledWindow    *detail_scroll;
  GtkLabel             *code_label;
  GtkLabel             *title_label;
  GtkLabel             *obligation_badge;
  GtkLabel             *kind_badge;
  GtkLabel             *level_badge;
  GtkLabel             *area_label;
  GtkLabel             *text_label;
  GtkLabel             *motive_label;
  GtkLabel             *verification_label;
  GtkLabel             *categories_label;
  GtkWidget            *source_heading;
  GtkLabel             *source_label;
  GtkActionBar         *action_bar;
  GtkWidget            *count_label;       /* a KkCellText: a new count redraws, the window is not measured again */
};

G_DEFINE_FINAL_TYPE (KkCatalogPage, kk_catalog_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CONTENT_LANGUAGE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kinds[] = { "qualification", "technical", "contract_clause", "award_criterion", NULL };
static const char * const levels[] = { "basic", "advanced", "leading", NULL };
static const char * const obligations[] = { "shall", "should", NULL };
static const char * const obligation_classes[] = { "kk-shall", "kk-should", NULL };
static const char * const perspectives[] = { "supplier", "operations", "individual", NULL };

static int
index_of (const char * const *set,
          const char         *value)
{
  for (int i = 0; set[i] != NULL; i++)
    if (g_strcmp0 (set[i], value) == 0)
      return i;
  return G_MAXINT;
}

static const KkArea *
find_area (KkCatalogPage *self,
           const char    *code)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->area_index, code ? code : ""));

  return position > 0 ? g_ptr_array_index (self->areas, position - 1) : NULL;
}

static const char *
area_name (KkCatalogPage *self,
           const char    *code)
{
  const KkArea *area = find_area (self, code);

  if (area == NULL)
    return code ? code : "";
  return g_str_has_prefix (self->content_language, "en") ? area->name_en : area->name_sv;
}

static const char *
category_name (KkCatalogPage *self,
               const char    *key)
{
  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    {
      const KkCategory *category = g_ptr_array_index (self->categories, i);

      if (g_strcmp0 (category->key, key) == 0)
        return g_str_has_prefix (self->content_language, "en") ? category->name_en : category->name_sv;
    }
  return key;
}

/* Sorting */

static int
compare_code (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_strcmp0 (((KkRequirement *) a)->code, ((KkRequirement *) b)->code);
}

static int
compare_title (gconstpointer a, gconstpointer b, gpointer user_data)
{
  KkCatalogPage *self = user_data;
  const char *ta = kk_requirement_get_title ((KkRequirement *) a, self->content_language);
  const char *tb = kk_requirement_get_title ((KkRequirement *) b, self->content_language);

  return g_utf8_collate (ta ? ta : "", tb ? tb : "");
}

static int
compare_area (gconstpointer a, gconstpointer b, gpointer user_data)
{
  KkCatalogPage *self = user_data;
  KkRequirement *ra = (KkRequirement *) a, *rb = (KkRequirement *) b;
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (self->area_index, ra->area ? ra->area : ""));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (self->area_index, rb->area ? rb->area : ""));

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return g_strcmp0 (ra->code, rb->code);
}

static int
compare_in (const char * const *set, const char *a, const char *b)
{
  int ia = index_of (set, a), ib = index_of (set, b);

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

static int
compare_obligation (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return compare_in (obligations, ((KkRequirement *) a)->obligation, ((KkRequirement *) b)->obligation);
}

static int
compare_kind (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return compare_in (kinds, ((KkRequirement *) a)->kind, ((KkRequirement *) b)->kind);
}

static int
compare_level (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return compare_in (levels, ((KkRequirement *) a)->level, ((KkRequirement *) b)->level);
}

/* Cells */

static void
set_cell_text (KkCatalogPage *self,
               GtkListItem   *item,
               Column         column)
{
  KkStableRow *row = gtk_list_item_get_item (item);
  KkRequirement *req = row ? kk_stable_row_get_item (row) : NULL;
  GtkWidget *cell = gtk_list_item_get_child (item);
  const char *text = NULL;

  if (row == NULL || cell == NULL)
    return;
  if (req == NULL)
    {
      /* A blank row on its way out: no text, no badge. */
      if (column == COLUMN_OBLIGATION)
        kk_gui_util_set_obligation_badge (cell, NULL);
      else
        kk_cell_text_set_text (cell, NULL);
      return;
    }

  switch (column)
    {
    case COLUMN_CODE:
      text = req->code;
      break;
    case COLUMN_TITLE:
      text = kk_requirement_get_title (req, self->content_language);
      break;
    case COLUMN_AREA:
      text = area_name (self, req->area);
      break;
    case COLUMN_OBLIGATION:
      kk_gui_util_set_obligation_badge (cell, req->obligation);
      return;
    case COLUMN_KIND:
      text = kk_kind_label (req->kind);
      break;
    case COLUMN_LEVEL:
      text = kk_level_label (req->level);
      break;
    default:
      g_assert_not_reached ();
    }
  kk_cell_text_set_text (cell, text);
}

static Column
factory_column (GtkListItemFactory *factory)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kk-column"));
}

/* The cells are KkCellTexts: unlike GtkLabels, the up to 200 rows
 * GtkColumnView keeps are measured without laying out any text, only the
 * rows on screen are laid out when drawn, and new text in a cell redraws it
 * without measuring the list again (see kk-cell-text.h). */
static void
cell_setup_cb (GtkListItemFactory *factory,
               GtkListItem        *item,
               KkCatalogPage      *self)
{
  Column column = factory_column (factory);
  GtkWidget *cell;

  switch (column)
    {
    case COLUMN_OBLIGATION:
      cell = kk_gui_util_obligation_badge_new ();
      break;
    case COLUMN_CODE:
      cell = kk_cell_text_new (3, FALSE);
      gtk_widget_add_css_class (cell, "numeric");
      break;
    case COLUMN_TITLE:
      /* The one column without a fixed width: what it asks for. */
      cell = kk_cell_text_new (16, TRUE);
      break;
    case COLUMN_AREA:
      cell = kk_cell_text_new (3, TRUE);
      kk_cell_text_set_repeated (cell, TRUE);
      break;
    case COLUMN_KIND:
    case COLUMN_LEVEL:
    default:
      cell = kk_cell_text_new (3, FALSE);
      kk_cell_text_set_repeated (cell, TRUE);
      break;
    }
  gtk_list_item_set_child (item, cell);
}

static void
cell_bind_cb (GtkListItemFactory *factory,
              GtkListItem        *item,
              KkCatalogPage      *self)
{
  Column column = factory_column (factory);
  kk_stable_row_bind (gtk_list_item_get_item (item));
  set_cell_text (self, item, column);
  g_hash_table_insert (self->bound_items, item, GINT_TO_POINTER (column));
}

static void
cell_unbind_cb (GtkListItemFactory *factory,
                GtkListItem        *item,
                KkCatalogPage      *self)
{
  kk_stable_row_unbind (gtk_list_item_get_item (item));
  g_hash_table_remove (self->bound_items, item);
}

static void
setup_column (KkCatalogPage       *self,
              GtkColumnViewColumn *view_column,
              Column               column,
              GCompareDataFunc     compare)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, self, NULL));

  g_object_set_data (G_OBJECT (factory), "kk-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), self);
  gtk_column_view_column_set_factory (view_column, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);

  if (column == COLUMN_TITLE)
    self->title_sorter = g_object_ref (sorter);
  else if (column == COLUMN_AREA)
    self->area_sorter = g_object_ref (sorter);
}

/* Drop-downs */

static KkChoiceButton *
dropdown_for (KkCatalogPage  *self,
              KkCatalogField  field)
{
  switch (field)
    {
    case KK_CATALOG_FIELD_PERSPECTIVE:
      return self->perspective_dropdown;
    case KK_CATALOG_FIELD_AREA:
      return self->area_dropdown;
    case KK_CATALOG_FIELD_KIND:
      return self->kind_dropdown;
    case KK_CATALOG_FIELD_LEVEL:
      return self->level_dropdown;
    case KK_CATALOG_FIELD_OBLIGATION:
      return self->obligation_dropdown;
    case KK_CATALOG_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Fills one drop-down with "All …" and a label per key, keeping the
 * current choice when it is still offered. */
static void
fill_dropdown (KkCatalogPage      *self,
               KkCatalogField      field,
               const char         *all_label,
               GPtrArray          *keys,      /* transfer full, char * */
               const char * const *labels)
{
  KkChoiceButton *dropdown = dropdown_for (self, field);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char *current = kk_catalog_filter_get_field (self->filter, field);
  guint selected = 0;

  g_ptr_array_insert (keys, 0, NULL);
  gtk_string_list_append (model, all_label);
  for (guint i = 1; i < keys->len; i++)
    {
      gtk_string_list_append (model, labels[i - 1]);
      if (current != NULL && g_strcmp0 (current, g_ptr_array_index (keys, i)) == 0)
        selected = i;
    }

  g_clear_pointer (&self->dropdown_keys[field], g_ptr_array_unref);
  self->dropdown_keys[field] = keys;

  self->updating_dropdowns = TRUE;
  kk_choice_button_set_model (dropdown, G_LIST_MODEL (model));
  kk_choice_button_set_selected (dropdown, selected);
  self->updating_dropdowns = FALSE;
  kk_catalog_filter_set_field (self->filter, field, g_ptr_array_index (keys, selected));
}

static void
fill_fixed_dropdown (KkCatalogPage      *self,
                     KkCatalogField      field,
                     const char         *all_label,
                     const char * const *values,
                     const char *      (*label_func) (const char *))
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_ptr_array_add (keys, g_strdup (values[i]));
      g_ptr_array_add (labels, (gpointer) label_func (values[i]));
    }
  g_ptr_array_add (labels, NULL);
  fill_dropdown (self, field, all_label, keys, (const char * const *) labels->pdata);
}

static void
fill_area_dropdown (KkCatalogPage *self)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; self->areas != NULL && i < self->areas->len; i++)
    {
      const KkArea *area = g_ptr_array_index (self->areas, i);

      g_ptr_array_add (keys, g_strdup (area->code));
      g_ptr_array_add (labels, (gpointer) area_name (self, area->code));
    }
  g_ptr_array_add (labels, NULL);
  fill_dropdown (self, KK_CATALOG_FIELD_AREA, _("All areas"), keys, (const char * const *) labels->pdata);
}

static void
dropdown_selected_cb (KkChoiceButton *dropdown,
                      GParamSpec     *pspec,
                      KkCatalogPage  *self)
{
  guint selected = kk_choice_button_get_selected (dropdown);

  if (self->updating_dropdowns)
    return;

  for (KkCatalogField field = 0; field < KK_CATALOG_N_FIELDS; field++)
    if (dropdown_for (self, field) == dropdown && self->dropdown_keys[field] != NULL &&
        selected < self->dropdown_keys[field]->len)
      kk_catalog_filter_set_field (self->filter, field, g_ptr_array_index (self->dropdown_keys[field], selected));
}

/* State */

static gboolean
is_loading (KkCatalogPage *self)
{
  return self->load_pending || self->load_task != NULL;
}

static void
update_count (KkCatalogPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (kk_catalog_filter_is_empty (self->filter))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u requirement", "%u requirements", total), total);
  else
    /* Translators: "5 of 61 requirements" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u requirement", "%u of %u requirements", total),
                            shown, total);
  if (total == 0 && is_loading (self))
    {
      /* The first load: a spinner, not the empty state. */
      kk_cell_text_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
      return;
    }
  kk_cell_text_set_text (self->count_label, text);

  if (total == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "no-catalogue");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");
}

static void
filter_items_changed_cb (GListModel    *model,
                         guint          position,
                         guint          removed,
                         guint          added,
                         KkCatalogPage *self)
{
  update_count (self);
}

static void
set_badge (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static KkRequirement *
selected_requirement (KkCatalogPage *self)
{
  KkStableRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row ? kk_stable_row_get_item (row) : NULL;
}

static void
stop_detail_rest (KkCatalogPage *self)
{
  if (self->rest_paint_id != 0)
    g_clear_signal_handler (&self->rest_paint_id, self->rest_clock);
  g_clear_object (&self->rest_clock);
}

/* The lower half of the detail pane: motive, verification, categories and
 * source of the requirement shown. */
static void
update_detail_rest (KkCatalogPage *self)
{
  KkRequirement *req = self->detail_shown;
  const char *lang = self->content_language;
  g_autoptr(GString) categories = NULL;

  stop_detail_rest (self);
  if (req == NULL)
    return;
  gtk_label_set_text (self->motive_label, kk_requirement_get_motive (req, lang));
  gtk_label_set_text (self->verification_label, kk_requirement_get_verification (req, lang));

  categories = g_string_new (NULL);
  for (guint i = 0; req->categories != NULL && req->categories[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (categories, ", ");
      g_string_append (categories, category_name (self, req->categories[i]));
    }
  gtk_label_set_text (self->categories_label, categories->len > 0 ? categories->str : _("No procurement category"));

  gtk_label_set_text (self->source_label, req->source_ref ? req->source_ref : "");
  gtk_widget_set_visible (self->source_heading, req->source_ref != NULL && *req->source_ref != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), req->source_ref != NULL && *req->source_ref != '\0');
}

static void
detail_rest_after_paint_cb (GdkFrameClock *clock,
                            KkCatalogPage *self)
{
  if (self->rest_frames > 0)
    {
      self->rest_frames--;
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
      return;
    }
  update_detail_rest (self);
}

static void
update_detail (KkCatalogPage *self)
{
  KkRequirement *req = selected_requirement (self);
  const char *lang = self->content_language;
  g_autofree char *area = NULL;

  g_set_object (&self->detail_shown, req);
  if (self->detail_paint_id != 0)
    g_clear_signal_handler (&self->detail_paint_id, self->detail_clock);
  g_clear_object (&self->detail_clock);
  stop_detail_rest (self);
  if (req == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  gtk_label_set_text (self->code_label, req->code);
  gtk_label_set_text (self->title_label, kk_requirement_get_title (req, lang));
  set_badge (self->obligation_badge, kk_obligation_label (req->obligation));
  kk_gui_util_set_one_css_class (GTK_WIDGET (self->obligation_badge), obligation_classes,
                                 g_strcmp0 (req->obligation, "shall") == 0 ? "kk-shall" : "kk-should");
  set_badge (self->kind_badge, kk_kind_label (req->kind));
  set_badge (self->level_badge, kk_level_label (req->level));

  /* Translators: area of a requirement, then its perspective */
  area = g_strdup_printf (_("%s · %s perspective"), area_name (self, req->area),
                          kk_perspective_label (req->perspective));
  gtk_label_set_text (self->area_label, area);
  gtk_label_set_text (self->text_label, kk_requirement_get_text (req, lang));

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroll), 0);

  /* Laying out the pane's long wrapped texts took some 20 ms: its lower
   * half follows two frames after the one that shows the upper half, so
   * that while the list changes with every key typed, it waits. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->rest_frames = 1;
      self->rest_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      self->rest_paint_id = g_signal_connect (self->rest_clock, "after-paint",
                                              G_CALLBACK (detail_rest_after_paint_cb), self);
    }
  else
    update_detail_rest (self);
}

static void
detail_after_paint_cb (GdkFrameClock *clock,
                       KkCatalogPage *self)
{
  g_clear_signal_handler (&self->detail_paint_id, self->detail_clock);
  g_clear_object (&self->detail_clock);
  if (selected_requirement (self) != self->detail_shown)
    update_detail (self);
}

/* The detail pane shows the selected requirement once the frame being
 * drawn is: long wrapped texts, costly to lay out, in a frame of their
 * own. */
static void
update_detail_after_frame (KkCatalogPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  if (self->detail_paint_id != 0 || selected_requirement (self) == self->detail_shown)
    return;
  if (clock == NULL)
    {
      update_detail (self);
      return;
    }
  self->detail_clock = g_object_ref (clock);
  self->detail_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (detail_after_paint_cb), self);
}

/* The filter or the sort changed: rows that stay show other requirements.
 * The cells on screen change at once, those of the other rows GTK keeps
 * (up to 200) once the frame is drawn (KkStableRows calls back twice); the
 * detail pane (long wrapped texts, costly to lay out) follows in the next
 * frame, so a keystroke's frame only has the list on screen to draw. */
static void
rows_refresh_cb (guint    first,
                 guint    last,
                 gpointer user_data)
{
  KkCatalogPage *self = user_data;
  GHashTableIter iter;
  gpointer item, column;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, &column))
    {
      guint position = gtk_list_item_get_position (item);

      if (position >= first && position <= last)
        set_cell_text (self, item, GPOINTER_TO_INT (column));
    }

  if (self->selection != NULL)
    update_detail_after_frame (self);
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      KkCatalogPage      *self)
{
  /* From no requirement to one (the first rows, in the frame that makes
   * their styles, text and glyphs for the first time): the pane follows
   * in a frame of its own. */
  if (self->detail_shown == NULL)
    update_detail_after_frame (self);
  else
    update_detail (self);
}

static void
set_content_language (KkCatalogPage *self,
                      const char    *lang)
{
  GHashTableIter iter;
  gpointer item, column;

  if (lang == NULL || *lang == '\0')
    lang = "sv";
  if (g_strcmp0 (self->content_language, lang) == 0)
    return;

  g_free (self->content_language);
  self->content_language = g_strdup (lang);

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, &column))
    set_cell_text (self, item, GPOINTER_TO_INT (column));
  if (self->title_sorter != NULL)
    gtk_sorter_changed (self->title_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  if (self->areas != NULL)
    fill_area_dropdown (self);
  if (self->selection != NULL)
    update_detail (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_LANGUAGE]);
}

/* Loading
 *
 * The catalogue is read in a worker thread on a connection of its own
 * (10,000 requirements take longer than a frame to read and to give
 * search keys), then spliced into the store in one go on the main thread.
 * Until the first load is done the page shows a spinner. */

typedef struct {
  char      *db_path;
  GPtrArray *areas;          /* KkArea */
  GPtrArray *categories;     /* KkCategory */
  GPtrArray *requirements;   /* KkRequirement, with their search keys */
  char      *areas_error;
  char      *categories_error;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->areas, g_ptr_array_unref);
  g_clear_pointer (&job->categories, g_ptr_array_unref);
  g_clear_pointer (&job->requirements, g_ptr_array_unref);
  g_free (job->areas_error);
  g_free (job->categories_error);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkDatabase) db = NULL;
  KkCatalogQuery query = { 0 };

  /* SQLite handles are not shared across threads. */
  db = kk_database_open (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->areas = kk_catalog_list_areas (db, &error);
  if (job->areas == NULL)
    {
      job->areas_error = g_strdup (error->message);
      g_clear_error (&error);
    }
  job->categories = kk_catalog_list_categories (db, &error);
  if (job->categories == NULL)
    {
      job->categories_error = g_strdup (error->message);
      g_clear_error (&error);
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  job->requirements = kk_catalog_list (db, &query, &error);
  if (job->requirements == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  kk_catalog_filter_prepare_all ((KkRequirement * const *) job->requirements->pdata, job->requirements->len);
  g_task_return_boolean (task, TRUE);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (source);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean loaded = g_task_propagate_boolean (G_TASK (result), &error);

  /* Cancelled: the page went away, or a newer load replaced this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || G_TASK (result) != self->load_task)
    return;
  g_clear_object (&self->load_task);
  g_clear_object (&self->load_cancellable);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_hash_table_remove_all (self->area_index);

  if (job->areas_error != NULL)
    g_warning ("Cannot read the catalogue areas: %s", job->areas_error);
  self->areas = g_steal_pointer (&job->areas);
  for (guint i = 0; self->areas != NULL && i < self->areas->len; i++)
    {
      const KkArea *area = g_ptr_array_index (self->areas, i);

      g_hash_table_insert (self->area_index, g_strdup (area->code), GUINT_TO_POINTER (i + 1));
    }
  if (job->categories_error != NULL)
    g_warning ("Cannot read the procurement categories: %s", job->categories_error);
  self->categories = g_steal_pointer (&job->categories);

  if (!loaded)
    {
      g_autofree char *description = g_strdup_printf (_("The catalogue could not be read: %s"), error->message);

      adw_status_page_set_description (self->no_catalogue_page, description);
      g_list_store_remove_all (self->store);
    }
  else
    g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                         job->requirements->pdata, job->requirements->len);

  fill_area_dropdown (self);
  if (self->area_sorter != NULL)
    gtk_sorter_changed (self->area_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  update_count (self);
  update_detail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
cancel_load (KkCatalogPage *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_task);
  g_clear_object (&self->load_cancellable);
}

static void
start_load (KkCatalogPage *self)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  g_assert (self->load_task == NULL);

  self->load_pending = FALSE;
  job->db_path = g_strdup (kk_database_get_path (self->db));
  self->load_cancellable = g_cancellable_new ();
  self->load_task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (self->load_task, start_load);
  g_task_set_name (self->load_task, "kk-catalog-page load");
  g_task_set_task_data (self->load_task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (self->load_task, load_thread);
}

static void
load (KkCatalogPage *self)
{
  gboolean was_loading = is_loading (self);

  /* A newer load replaces one still running. */
  cancel_load (self);
  self->load_pending = TRUE;
  /* Shown (a reload after an import): at once, the old rows staying until
   * the new ones are read. Not shown yet: kk_catalog_page_map () starts it. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_load (self);

  update_count (self);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Search */

static void
search_changed_cb (GtkSearchEntry *entry,
                   KkCatalogPage  *self)
{
  kk_catalog_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_count (self);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                KkCatalogPage  *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
search_activate_cb (GtkSearchEntry *entry,
                    KkCatalogPage  *self)
{
  /* Enter in the search entry moves to the first match. */
  kk_filter_model_finish (self->filter_model);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
column_view_activate_cb (GtkColumnView *view,
                         guint          position,
                         KkCatalogPage *self)
{
  /* Enter shows the details: revealed when folded, and focused so they
   * are read out and can be selected; Escape comes back. */
  gtk_single_selection_set_selected (self->selection, position);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_label));
}

static void
flap_folded_cb (AdwFlap       *flap,
                GParamSpec    *pspec,
                KkCatalogPage *self)
{
  /* Folded, the detail pane covers the list: only show it when asked. */
  adw_flap_set_reveal_flap (flap, !adw_flap_get_folded (flap));
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
      return TRUE;
    }
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->detail_stack)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
      return TRUE;
    }
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return TRUE;
    }
  return FALSE;
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kk_catalog_page_focus_search (KK_CATALOG_PAGE (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (widget);

  for (KkCatalogField field = 0; field < KK_CATALOG_N_FIELDS; field++)
    kk_choice_button_set_selected (dropdown_for (self, field), 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Apply at once rather than after the entry's typing delay. */
  kk_catalog_filter_set_search (self->filter, "");
  update_count (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Import */

typedef struct {
  char                  *db_path;
  char                  *actor;
  char                  *file_path;
  gboolean               dry_run;
  char                  *title;
  KkCatalogImportReport *report;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_free (job->actor);
  g_free (job->file_path);
  g_free (job->title);
  g_clear_pointer (&job->report, kk_catalog_import_report_free);
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
  g_autoptr(KkCatalogFile) file = NULL;

  /* A connection of its own: SQLite handles are not shared across threads. */
  db = kk_database_open (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  kk_database_set_actor (db, job->actor);

  file = kk_catalog_file_load (job->file_path, &error);
  if (file == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->title = g_strdup_printf ("%s %s", kk_catalog_file_get_name (file), kk_catalog_file_get_version (file));

  if (!kk_catalog_import (db, file, job->dry_run, &job->report, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void start_import (KkCatalogPage *self, const char *path, gboolean dry_run);

static void
set_busy (KkCatalogPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalogue.import", !self->importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalogue.export", !self->exporting);
}

/* "Changed: LEV-IS-01, LEV-IS-04 and 12 more" on a line of its own. */
static void
append_codes (GString    *text,
              const char *label,
              GPtrArray  *codes)
{
  const guint shown = 8;

  if (codes == NULL || codes->len == 0)
    return;
  g_string_append_printf (text, "\n%s ", label);
  for (guint i = 0; i < codes->len && i < shown; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (codes, i));
    }
  if (codes->len > shown)
    {
      g_string_append (text, " ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", codes->len - shown),
                              codes->len - shown);
    }
}

static char *
describe_report (const KkCatalogImportReport *report)
{
  GString *text = g_string_new (NULL);
  guint added = report->added ? report->added->len : 0;
  guint changed = report->changed ? report->changed->len : 0;
  guint retired = report->retired ? report->retired->len : 0;

  /* Translators: the three parts make "3 added, 2 changed, 1 retired" */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u requirement added", "%u requirements added", added), added);
  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u changed", "%u changed", changed), changed);
  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u retired", "%u retired", retired), retired);
  g_string_append (text, ".");

  append_codes (text, _("Added:"), report->added);
  append_codes (text, _("Changed:"), report->changed);
  append_codes (text, _("Retired:"), report->retired);

  if (report->affected != NULL && report->affected->len > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append (text, _("Affected open procurements (they keep the wording they use until you update them):"));
      for (guint i = 0; i < report->affected->len; i++)
        g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (report->affected, i));
    }
  else
    {
      g_string_append (text, "\n\n");
      g_string_append (text, _("No open procurement is affected."));
    }
  return g_string_free (text, FALSE);
}

static void
import_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KkCatalogPage    *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "kk-path");

  if (g_strcmp0 (response, "import") == 0)
    start_import (self, path, FALSE);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->importing = FALSE;
  set_busy (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message, _("Nothing was changed."));

      kk_gui_message (GTK_WIDGET (self), _("Could Not Import the Catalogue"), body);
      return;
    }

  if (job->dry_run)
    {
      g_autofree char *heading = g_strdup_printf (_("Import “%s”?"), job->title);
      g_autofree char *body = describe_report (job->report);
      AdwMessageDialog *dialog;
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           heading, body));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "import", _("_Import"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "import");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "kk-path", g_strdup (job->file_path), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      KkWindow *window = kk_window_from_widget (GTK_WIDGET (self));
      g_autofree char *title = g_strdup_printf (_("Catalogue “%s” imported"), job->title);

      kk_catalog_page_reload (self);
      if (window != NULL)
        {
          kk_window_add_toast (window, kk_gui_toast_new (title));
          kk_window_data_changed (window, "catalogue");
        }
    }
}

static void
start_import (KkCatalogPage *self,
              const char    *path,
              gboolean       dry_run)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  if (self->importing || path == NULL)
    return;

  job = g_new0 (ImportJob, 1);
  job->db_path = g_strdup (kk_database_get_path (self->db));
  job->actor = g_strdup (kk_database_get_actor (self->db));
  job->file_path = g_strdup (path);
  job->dry_run = dry_run;

  self->importing = TRUE;
  set_busy (self);

  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static GtkWindow *
parent_window (KkCatalogPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
import_chooser_response_cb (GtkNativeDialog *native,
                            int              response,
                            KkCatalogPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      start_import (self, path, TRUE);
    }
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (widget);
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Requirement Catalogue"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (json, _("Requirement catalogues (JSON)"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Export: the work and the toast are kk-gui-util's; the page only keeps
 * its busy state. */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (source);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;

  self->exporting = FALSE;
  set_busy (self);

  if (!kk_gui_util_export_finish (result, &error))
    kk_gui_error (GTK_WIDGET (self), _("Could Not Export the Requirement List"), error);
  else
    kk_gui_util_show_saved_toast (GTK_WIDGET (self), path);
}

static void
start_export (KkCatalogPage *self,
              const char    *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  char *full;

  if (self->exporting)
    return;

  full = g_str_has_suffix (lower, ".xlsx") ? g_strdup (path) : g_strconcat (path, ".xlsx", NULL);
  self->exporting = TRUE;
  set_busy (self);
  kk_gui_util_export_to_path (GTK_WIDGET (self), self->db, KK_GUI_EXPORT_REQUIREMENT_LIST, 0, 0,
                              full, export_done_cb, full);
}

static void
export_chooser_response_cb (GtkNativeDialog *native,
                            int              response,
                            KkCatalogPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        start_export (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (widget);
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Requirement List"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (xlsx, _("Excel workbooks (.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), xlsx);
  /* Translators: the suggested file name of the exported requirement list */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("requirements.xlsx"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
kk_catalog_page_constructed (GObject *object)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (object);

  G_OBJECT_CLASS (kk_catalog_page_parent_class)->constructed (object);

  g_assert (self->db != NULL);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "content-language", self, "content-language", G_SETTINGS_BIND_DEFAULT);

  fill_fixed_dropdown (self, KK_CATALOG_FIELD_PERSPECTIVE, _("All perspectives"), perspectives, kk_perspective_label);
  fill_fixed_dropdown (self, KK_CATALOG_FIELD_KIND, _("All kinds"), kinds, kk_kind_label);
  fill_fixed_dropdown (self, KK_CATALOG_FIELD_LEVEL, _("All levels"), levels, kk_level_label);
  /* Translators: the first choice of the SHALL/SHOULD filter */
  fill_fixed_dropdown (self, KK_CATALOG_FIELD_OBLIGATION, _("SHALL and SHOULD"), obligations, kk_obligation_label);

  load (self);
}

static void
kk_catalog_page_map (GtkWidget *widget)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (widget);

  GTK_WIDGET_CLASS (kk_catalog_page_parent_class)->map (widget);
  /* The window shows its first frame before it makes this page (see
   * kk-window.c), so the worker thread does not compete for that frame. */
  if (self->load_pending && self->load_task == NULL)
    start_load (self);
}

static void
kk_catalog_page_unmap (GtkWidget *widget)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (widget);

  if (self->detail_paint_id != 0)
    update_detail (self);
  if (self->rest_paint_id != 0)
    update_detail_rest (self);
  GTK_WIDGET_CLASS (kk_catalog_page_parent_class)->unmap (widget);
}

static void
kk_catalog_page_dispose (GObject *object)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (object);
  GtkWidget *child;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  cancel_load (self);
  if (self->detail_paint_id != 0)
    g_clear_signal_handler (&self->detail_paint_id, self->detail_clock);
  g_clear_object (&self->detail_clock);
  stop_detail_rest (self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  /* The template's top widget is not bound to a field: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_CATALOG_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->paced);
  g_clear_object (&self->rows);
  g_clear_object (&self->detail_shown);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->store);
  g_clear_object (&self->title_sorter);
  g_clear_object (&self->area_sorter);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (kk_catalog_page_parent_class)->dispose (object);
}

static void
kk_catalog_page_finalize (GObject *object)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (object);

  g_clear_pointer (&self->filter, kk_catalog_filter_free);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->area_index, g_hash_table_unref);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);
  for (guint i = 0; i < KK_CATALOG_N_FIELDS; i++)
    g_clear_pointer (&self->dropdown_keys[i], g_ptr_array_unref);
  g_free (self->content_language);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (kk_catalog_page_parent_class)->finalize (object);
}

static void
kk_catalog_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_CONTENT_LANGUAGE:
      g_value_set_string (value, self->content_language);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, is_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kk_catalog_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KkCatalogPage *self = KK_CATALOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    case PROP_CONTENT_LANGUAGE:
      set_content_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kk_catalog_page_class_init (KkCatalogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->constructed = kk_catalog_page_constructed;
  object_class->dispose = kk_catalog_page_dispose;
  object_class->finalize = kk_catalog_page_finalize;
  object_class->get_property = kk_catalog_page_get_property;
  object_class->set_property = kk_catalog_page_set_property;
  widget_class->map = kk_catalog_page_map;
  widget_class->unmap = kk_catalog_page_unmap;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KK_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT_LANGUAGE] =
    g_param_spec_string ("content-language", NULL, NULL, "sv",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KkCatalogPage:loading:
   *
   * TRUE while the catalogue is read from the database (at start and after
   * an import); the rows appear when it turns FALSE.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KK_TYPE_CHOICE_BUTTON);
  g_type_ensure (KK_TYPE_WIDTH_FIRST_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-catalog-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, perspective_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, obligation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, flap);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, no_catalogue_page);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, area_column);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, obligation_column);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, level_column);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, detail_scroll);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, obligation_badge);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, kind_badge);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, level_badge);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, area_label);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, text_label);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, motive_label);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, verification_label);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, categories_label);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, source_heading);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, KkCatalogPage, action_bar);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_folded_cb);

  gtk_widget_class_install_action (widget_class, "catalogue.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "catalogue.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "catalogue.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "catalogue.export", NULL, export_action);
  gtk_widget_class_install_property_action (widget_class, "catalogue.content-language", "content-language");

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
kk_catalog_page_init (KkCatalogPage *self)
{
  GtkSortListModel *sort_model;

  self->content_language = g_strdup ("sv");
  self->filter = kk_catalog_filter_new ();
  self->area_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound_items = g_hash_table_new (NULL, NULL);
  self->store = g_list_store_new (KK_TYPE_REQUIREMENT);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* "5183 of 10,000 requirements": wide enough for that in either language,
   * and a GtkLabel would have the whole window measured on each keystroke. */
  self->count_label = kk_cell_text_new (20, FALSE);
  gtk_widget_set_hexpand (self->count_label, TRUE);
  gtk_widget_set_margin_start (self->count_label, 6);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_action_bar_pack_start (self->action_bar, self->count_label);

  setup_column (self, self->code_column, COLUMN_CODE, compare_code);
  setup_column (self, self->title_column, COLUMN_TITLE, compare_title);
  setup_column (self, self->area_column, COLUMN_AREA, compare_area);
  setup_column (self, self->obligation_column, COLUMN_OBLIGATION, compare_obligation);
  setup_column (self, self->kind_column, COLUMN_KIND, compare_kind);
  setup_column (self, self->level_column, COLUMN_LEVEL, compare_level);

  /* Sort below the filter: a keystroke then filters an already sorted list
   * instead of re-sorting what passed. */
  sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                        g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  /* A keystroke filters the list's top (more than the rows GTK keeps)
   * before its frame, the rest after it, 2 ms per main-loop iteration. */
  self->filter_model = kk_filter_model_new (G_LIST_MODEL (sort_model), kk_catalog_filter_get_filter (self->filter),
                                            256, 2.0);
  g_object_unref (sort_model);
  kk_filter_model_attach (self->filter_model, GTK_WIDGET (self->column_view));
  self->rows = kk_stable_rows_new (G_LIST_MODEL (self->filter_model), GTK_WIDGET (self->column_view),
                                    rows_refresh_cb, self);
  /* About a screenful of rows in the first frame of a fill. */
  self->paced = kk_paced_model_new (G_LIST_MODEL (self->rows), 16);
  kk_paced_model_attach (self->paced, GTK_WIDGET (self->column_view));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->paced)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  kk_gui_util_fix_column_widths (self->column_view);
  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (filter_items_changed_cb), self);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);

  for (KkCatalogField field = 0; field < KK_CATALOG_N_FIELDS; field++)
    {
      g_signal_connect (dropdown_for (self, field), "notify::selected", G_CALLBACK (dropdown_selected_cb), self);
    }

  gtk_stack_add_named (self->content_stack, kk_gui_util_loading_view_new (_("Loading the catalogue…")), "loading");
  /* Only the child shown is measured (the list fills the space anyway):
   * the status pages' wrapped texts are not laid out for every frame. */
  gtk_stack_set_hhomogeneous (self->content_stack, FALSE);
  gtk_stack_set_vhomogeneous (self->content_stack, FALSE);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
}

GtkWidget *
kk_catalog_page_new (KkDatabase *db)
{
  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  return g_object_new (KK_TYPE_CATALOG_PAGE, "database", db, NULL);
}

void
kk_catalog_page_reload (KkCatalogPage *self)
{
  g_return_if_fail (KK_IS_CATALOG_PAGE (self));

  load (self);
}

void
kk_catalog_page_focus_search (KkCatalogPage *self)
{
  g_return_if_fail (KK_IS_CATALOG_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

GtkEditable *
kk_catalog_page_get_search_entry (KkCatalogPage *self)
{
  g_return_val_if_fail (KK_IS_CATALOG_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkWidget *
kk_catalog_page_get_count_label (KkCatalogPage *self)
{
  g_return_val_if_fail (KK_IS_CATALOG_PAGE (self), NULL);

  return self->count_label;
}

GListModel *
kk_catalog_page_get_model (KkCatalogPage *self)
{
  g_return_val_if_fail (KK_IS_CATALOG_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

gboolean
kk_catalog_page_is_filtering (KkCatalogPage *self)
{
  g_return_val_if_fail (KK_IS_CATALOG_PAGE (self), FALSE);

  return kk_filter_model_is_filtering (self->filter_model);
}

gboolean
kk_catalog_page_is_trimming (KkCatalogPage *self)
{
  g_return_val_if_fail (KK_IS_CATALOG_PAGE (self), FALSE);

  return kk_stable_rows_is_trimming (self->rows);
}

guint
kk_catalog_page_get_n_total (KkCatalogPage *self)
{
  g_return_val_if_fail (KK_IS_CATALOG_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

void
kk_catalog_page_import_file (KkCatalogPage *self,
                             const char    *path)
{
  g_return_if_fail (KK_IS_CATALOG_PAGE (self));
  g_return_if_fail (path != NULL);

  start_import (self, path, TRUE);
}

void
kk_catalog_page_export_file (KkCatalogPage *self,
                             const char    *path)
{
  g_return_if_fail (KK_IS_CATALOG_PAGE (self));
  g_return_if_fail (path != NULL);

  start_export (self, path);
}

gboolean
kk_catalog_page_is_busy (KkCatalogPage *self)
{
  g_return_val_if_fail (KK_IS_CATALOG_PAGE (self), FALSE);

  return self->importing || self->exporting || is_loading (self);
}

gboolean
kk_catalog_page_is_loading (KkCatalogPage *self)
{
  g_return_val_if_fail (KK_IS_CATALOG_PAGE (self), FALSE);

  return is_loading (self);
}
