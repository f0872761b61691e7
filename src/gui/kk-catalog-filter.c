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
  gsize     *rare;               /* per word: the offset of its rarest byte */
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
  GString *out;

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");   /* not UTF-8: matches nothing but the empty search */

  /* The same result as g_utf8_normalize (NFD), dropping the marks, then
   * g_utf8_casefold (), but with ASCII (most of any text here) handled
   * byte by byte: loading 10,000 requirements stays fast. */
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; )
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gunichar c;
      gsize n;

      if ((guchar) *p < 0x80)
        {
          const char *run = p;
          gsize start = out->len;

          while ((guchar) *p < 0x80 && *p != '\0')
            p++;
          g_string_append_len (out, run, p - run);
          for (gsize i = start; i < out->len; i++)
            if (out->str[i] >= 'A' && out->str[i] <= 'Z')
              out->str[i] += 'a' - 'A';
          continue;
        }

      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        {
          char utf8[8];
          int len;
          g_autofree char *folded = NULL;

          if (is_mark (decomposed[i]))
            continue;
          if (decomposed[i] < 0x80)
            {
              g_string_append_c (out, g_ascii_tolower ((char) decomposed[i]));
              continue;
            }
          len = g_unichar_to_utf8 (decomposed[i], utf8);
          folded = g_utf8_casefold (utf8, len);
          g_string_append (out, folded);
        }
    }
  return g_string_free (out, FALSE);
}

static GQuark
arena_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("kk-catalog-search-arena");
  return quark;
}

static char *
fold_requirement (KkRequirement *requirement)
{
  g_autofree char *joined = NULL;

  /* Newlines separate the fields so a word never matches across two. */
  joined = g_strjoin ("\n",
                      requirement->code ? requirement->code : "",
                      requirement->title_sv ? requirement->title_sv : "",
                      requirement->title_en ? requirement->title_en : "",
                      requirement->text_sv ? requirement->text_sv : "",
                      requirement->text_en ? requirement->text_en : "",
                      NULL);
  return kk_catalog_fold (joined);
}

void
kk_catalog_filter_prepare_all (KkRequirement * const *requirements,
                               guint                  n_requirements)
{
  g_autoptr(GBytes) arena = NULL;
  g_autofree gsize *offsets = g_new (gsize, n_requirements + 1);
  GString *keys = g_string_new (NULL);
  const char *base;

  /* All keys in one block, in list order: a keystroke then reads memory
   * front to back instead of chasing 10,000 separate allocations. */
  for (guint i = 0; i < n_requirements; i++)
    {
      g_autofree char *key = NULL;

      g_return_if_fail (KK_IS_REQUIREMENT (requirements[i]));
      key = fold_requirement (requirements[i]);
      offsets[i] = keys->len;
      g_string_append_len (keys, key, strlen (key) + 1);
    }
  offsets[n_requirements] = keys->len;
  arena = g_bytes_new_take (keys->str, keys->len);
  g_string_free (keys, FALSE);
  base = g_bytes_get_data (arena, NULL);

  for (guint i = 0; i < n_requirements; i++)
    {
      /* The key points into the arena; each row holds a reference to it. */
      g_object_set_qdata (G_OBJECT (requirements[i]), search_key_quark (), (gpointer) (base + offsets[i]));
      g_object_set_qdata_full (G_OBJECT (requirements[i]), arena_quark (),
                               g_bytes_ref (arena), (GDestroyNotify) g_bytes_unref);
    }
}

void
kk_catalog_filter_prepare (KkRequirement *requirement)
{
  g_return_if_fail (KK_IS_REQUIREMENT (requirement));

  kk_catalog_filter_prepare_all (&requirement, 1);
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

/* How common a byte is in folded Swedish and English text, most common
 * first; bytes not listed (digits, punctuation, the rest) count as rare. */
static const char common_bytes[] = " eatnrsioldkugmchvfpbyjwxqz";

static guint
byte_rank (guchar c)
{
  const char *found = c != '\0' ? strchr (common_bytes, c) : NULL;

  return found ? (guint) (sizeof common_bytes - (found - common_bytes)) : 0;
}

/* The offset of @word's rarest byte: the search looks for that byte with
 * strchr () (vectorised) and compares the word around it, several times
 * faster than strstr () on a 750-byte key for the short words a search
 * starts with. */
static gsize
rarest_offset (const char *word)
{
  gsize best = 0;

  for (gsize i = 1; word[i] != '\0'; i++)
    if (byte_rank (word[i]) < byte_rank (word[best]))
      best = i;
  return best;
}

static gboolean
contains (const char *key,
          const char *word,
          gsize       rare)
{
  gsize len = strlen (word);
  const char *p;

  if (strnlen (key, rare) < rare)
    return FALSE;   /* shorter than the bytes before the rare one */
  for (p = key + rare; (p = strchr (p, word[rare])) != NULL; p++)
    if (strncmp (p - rare, word, len) == 0)
      return TRUE;
  return FALSE;
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
        if (!contains (key, self->words[i], self->rare[i]))
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
  g_free (self->rare);
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
  g_free (self->rare);
  self->rare = g_new (gsize, g_strv_length (self->words) + 1);
  for (guint i = 0; self->words[i] != NULL; i++)
    self->rare[i] = rarest_offset (self->words[i]);
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
