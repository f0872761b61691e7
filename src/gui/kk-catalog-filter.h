// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The catalogue page's filter, without widgets, so the page and the filter
 * benchmark run the same code.
 *
 * Each requirement gets a search key once (kk_catalog_filter_prepare): its
 * code, titles and texts in both languages, decomposed, stripped of
 * combining marks and case-folded. A keystroke is then one strstr() per
 * word per row, and the filter tells GTK whether the new criteria are
 * stricter or looser than the old so GtkFilterListModel only re-checks the
 * rows that can change. */

#include <gtk/gtk.h>

#include "kk-types.h"

G_BEGIN_DECLS

typedef enum {
  KK_CATALOG_FIELD_PERSPECTIVE,
  KK_CATALOG_FIELD_AREA,
  KK_CATALOG_FIELD_KIND,
  KK_CATALOG_FIELD_LEVEL,
  KK_CATALOG_FIELD_OBLIGATION,
  KK_CATALOG_N_FIELDS,
} KkCatalogField;

typedef struct _KkCatalogFilter KkCatalogFilter;

/* Case- and diacritic-insensitive form of @text: NFD, combining marks
 * removed, case-folded. */
char            *kk_catalog_fold              (const char      *text);

/* Computes and attaches the search key of @requirement; call once per row
 * when the list is loaded. Rows without a key get one on first match. */
void             kk_catalog_filter_prepare    (KkRequirement   *requirement);
/* The same for a whole list at once, with the keys in one block of memory
 * in list order, which makes a keystroke several times faster. */
void             kk_catalog_filter_prepare_all (KkRequirement * const *requirements,
                                                guint                  n_requirements);
const char      *kk_catalog_filter_get_key    (KkRequirement   *requirement);

KkCatalogFilter *kk_catalog_filter_new        (void);
void             kk_catalog_filter_free       (KkCatalogFilter *self);
/* The GtkCustomFilter to put in a GtkFilterListModel. Owned by @self. */
GtkFilter       *kk_catalog_filter_get_filter (KkCatalogFilter *self);

/* Each setter calls gtk_filter_changed() with MORE_STRICT, LESS_STRICT or
 * DIFFERENT as fits, or nothing when the criteria did not change. */
void             kk_catalog_filter_set_search (KkCatalogFilter *self,
                                               const char      *text);
const char      *kk_catalog_filter_get_search (KkCatalogFilter *self);
/* @value NULL or "" = all. */
void             kk_catalog_filter_set_field  (KkCatalogFilter *self,
                                               KkCatalogField   field,
                                               const char      *value);
const char      *kk_catalog_filter_get_field  (KkCatalogFilter *self,
                                               KkCatalogField   field);
/* TRUE when no criterion restricts the list. */
gboolean         kk_catalog_filter_is_empty   (KkCatalogFilter *self);
gboolean         kk_catalog_filter_match      (KkCatalogFilter *self,
                                               KkRequirement   *requirement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkCatalogFilter, kk_catalog_filter_free)

G_END_DECLS
