// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-catalog-filter"

#include <string.h>

#include "kk-catalog-filter.h"

struct _KkCatalogFilter
{
  GtkFilter *filter;
  char      *search;             /* as typed */
  char      *folded;             /* kk_catalog_fold (search) */
  GStrv      words;              /* folded words; all must occur */
  char      *fields[KK_CATALOG_N_FIELDS];
};

static GQuark
search_key_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("kk-catalog-search-key");
  return quark;
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
kk_catalog_fold (const char *text)
{
  g_autofree char *nfd = NULL;
  g_autofree char *stripped = NULL;
  GString *out;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup ("");   /* not UTF-8: matches nothing but the empty search */

  out = g_string_sized_new (strlen (nfd));
  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_mark (c))
        g_string_append_unichar (out, c);
    }
  stripped = g_string_free (out, FALSE);
  return g_utf8_casefold (stripped, -1);
}

void
kk_catalog_filter_prepare (KkRequirement *requirement)
{
  g_autofree char *joined = NULL;

  g_return_if_fail (KK_IS_REQUIREMENT (requirement));

  /* Newlines separate the fields so a word never matches across two. */
  joined = g_strjoin ("\n",
                      requirement->code ? requirement->code : "",
                      requirement->title_sv ? requirement->title_sv : "",
                      requirement->title_en ? requirement->title_en : "",
                      requirement->text_sv ? requirement->text_sv : "",
                      requirement->text_en ? requirement->text_en : "",
                      NULL);
  g_object_set_qdata_full (G_OBJECT (requirement), search_key_quark (),
                           kk_catalog_fold (joined), g_free);
}

const char *
kk_catalog_filter_get_key (KkRequirement *requirement)
{
  const char *key = g_object_get_qdata (G_OBJECT (requirement), search_key_quark ());

  if (G_UNLIKELY (key == NULL))
    {
      kk_catalog_filter_prepare (requirement);
      key = g_object_get_qdata (G_OBJECT (requirement), search_key_quark ());
    }
  return key;
}

static const char *
field_value (KkRequirement *requirement,
             KkCatalogField field)
{
  switch (field)
    {
    case KK_CATALOG_FIELD_PERSPECTIVE:
      return requirement->perspective;
    case KK_CATALOG_FIELD_AREA:
      return requirement->area;
    case KK_CATALOG_FIELD_KIND:
      return requirement->kind;
    case KK_CATALOG_FIELD_LEVEL:
      return requirement->level;
    case KK_CATALOG_FIELD_OBLIGATION:
      return requirement->obligation;
    case KK_CATALOG_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
kk_catalog_filter_match (KkCatalogFilter *self,
                         KkRequirement   *requirement)
{
  for (guint i = 0; i < KK_CATALOG_N_FIELDS; i++)
    if (self->fields[i] != NULL && g_strcmp0 (field_value (requirement, i), self->fields[i]) != 0)
      return FALSE;

  if (self->words != NULL && self->words[0] != NULL)
    {
      const char *key = kk_catalog_filter_get_key (requirement);

      for (guint i = 0; self->words[i] != NULL; i++)
        if (strstr (key, self->words[i]) == NULL)
          return FALSE;
    }
  return TRUE;
}

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  return kk_catalog_filter_match (user_data, item);
}

KkCatalogFilter *
kk_catalog_filter_new (void)
{
  KkCatalogFilter *self = g_new0 (KkCatalogFilter, 1);

  self->filter = GTK_FILTER (gtk_custom_filter_new (match_cb, self, NULL));
  self->search = g_strdup ("");
  self->folded = g_strdup ("");
  return self;
}

void
kk_catalog_filter_free (KkCatalogFilter *self)
{
  if (self == NULL)
    return;
  /* The filter may outlive us inside a model: make it match everything
   * rather than call back into freed memory. */
  gtk_custom_filter_set_filter_func (GTK_CUSTOM_FILTER (self->filter), NULL, NULL, NULL);
  g_clear_object (&self->filter);
  g_free (self->search);
  g_free (self->folded);
  g_strfreev (self->words);
  for (guint i = 0; i < KK_CATALOG_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self);
}

GtkFilter *
kk_catalog_filter_get_filter (KkCatalogFilter *self)
{
  return self->filter;
}

static GStrv
split_words (const char *folded)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  const char *start = NULL;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c);

      if (!space && start == NULL)
        start = p;
      else if (space && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

void
kk_catalog_filter_set_search (KkCatalogFilter *self,
                              const char      *text)
{
  g_autofree char *folded = kk_catalog_fold (text);
  g_auto(GStrv) words = split_words (folded);
  GtkFilterChange change;
  guint old_n = self->words ? g_strv_length (self->words) : 0;

  g_free (self->search);
  self->search = g_strdup (text ? text : "");

  if ((old_n == 0 && words[0] == NULL) ||
      (self->words != NULL && g_strv_equal ((const char * const *) words,
                                            (const char * const *) self->words)))
    {
      g_free (self->folded);
      self->folded = g_steal_pointer (&folded);
      return;
    }

  /* Typing on extends every old word or adds new ones: only rows that
   * matched before can match now. Deleting from the end is the reverse. */
  if (old_n == 0 || g_str_has_prefix (folded, self->folded))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (words[0] == NULL || g_str_has_prefix (self->folded, folded))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->folded);
  self->folded = g_steal_pointer (&folded);
  g_strfreev (self->words);
  self->words = g_steal_pointer (&words);
  gtk_filter_changed (self->filter, change);
}

const char *
kk_catalog_filter_get_search (KkCatalogFilter *self)
{
  return self->search;
}

void
kk_catalog_filter_set_field (KkCatalogFilter *self,
                             KkCatalogField   field,
                             const char      *value)
{
  char *old;
  GtkFilterChange change;

  g_return_if_fail (field < KK_CATALOG_N_FIELDS);

  if (value != NULL && *value == '\0')
    value = NULL;
  old = self->fields[field];
  if (g_strcmp0 (old, value) == 0)
    return;

  if (old == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (value == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  self->fields[field] = g_strdup (value);
  g_free (old);
  gtk_filter_changed (self->filter, change);
}

const char *
kk_catalog_filter_get_field (KkCatalogFilter *self,
                             KkCatalogField   field)
{
  g_return_val_if_fail (field < KK_CATALOG_N_FIELDS, NULL);
  return self->fields[field];
}

gboolean
kk_catalog_filter_is_empty (KkCatalogFilter *self)
{
  for (guint i = 0; i < KK_CATALOG_N_FIELDS; i++)
    if (self->fields[i] != NULL)
      return FALSE;
  return self->words == NULL || self->words[0] == NULL;
}
