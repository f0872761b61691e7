// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-catalog"

#include <inttypes.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kk-catalog.h"
#include "kk-core-resources.h"

G_DEFINE_QUARK (kk-catalog-error-quark, kk_catalog_error)

#define BUNDLED_RESOURCE "/io/github/kravkoll/Kravkoll/core/catalogue.json"
#define FORMAT_NAME      "kravkoll-catalogue"
#define FORMAT_VERSION   1

/* Limits against absurd or hostile files; a real catalogue is far below. */
#define MAX_FILE_SIZE    (10 * 1024 * 1024)
#define MAX_REQUIREMENTS 20000
#define MAX_AREAS        1000
#define MAX_CATEGORIES   1000
#define MAX_DEPTH        16
#define MAX_TEXT         4000
#define MAX_TITLE        200
#define MAX_VERSION      50

/* Areas that are no longer declared keep their rows (old revisions refer to
 * them) but sort after the current ones. */
#define STALE_AREA_POSITION 1000000

/* Search input is split into at most this many words. */
#define MAX_SEARCH_TOKENS 32

struct _KkCatalogFile
{
  char      *display_name;
  char      *name;
  char      *version;
  char      *published;
  char      *source_note;
  GPtrArray *categories;    /* KkCategory, in file order */
  GPtrArray *areas;         /* KkArea, in file order */
  GPtrArray *requirements;  /* KkRequirement, in file order */
};

void
kk_area_free (KkArea *area)
{
  if (area == NULL)
    return;
  g_free (area->code);
  g_free (area->perspective);
  g_free (area->name_sv);
  g_free (area->name_en);
  g_free (area);
}

void
kk_category_free (KkCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->key);
  g_free (category->name_sv);
  g_free (category->name_en);
  g_free (category);
}

void
kk_catalog_import_report_free (KkCatalogImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->added, g_ptr_array_unref);
  g_clear_pointer (&report->changed, g_ptr_array_unref);
  g_clear_pointer (&report->retired, g_ptr_array_unref);
  g_clear_pointer (&report->affected, g_ptr_array_unref);
  g_free (report);
}

void
kk_catalog_file_free (KkCatalogFile *file)
{
  if (file == NULL)
    return;
  g_free (file->display_name);
  g_free (file->name);
  g_free (file->version);
  g_free (file->published);
  g_free (file->source_note);
  g_clear_pointer (&file->categories, g_ptr_array_unref);
  g_clear_pointer (&file->areas, g_ptr_array_unref);
  g_clear_pointer (&file->requirements, g_ptr_array_unref);
  g_free (file);
}

const char *
kk_catalog_file_get_name (KkCatalogFile *file)
{
  return file->name;
}

const char *
kk_catalog_file_get_version (KkCatalogFile *file)
{
  return file->version;
}

guint
kk_catalog_file_get_n_requirements (KkCatalogFile *file)
{
  return file->requirements->len;
}

/* ------------------------------------------------------------------------ */
/* Validation                                                               */

typedef struct {
  const char *display_name;
  GError    **error;
} Ctx;

/* Refuses the file: "Catalogue “FILE”: $.path.member (CODE): problem". */
static gboolean refuse (const Ctx      *ctx,
                        KkCatalogError  code,
                        const char     *path,
                        const char     *member,
                        const char     *req_code,
                        const char     *format,
                        ...) G_GNUC_PRINTF (6, 7);

static gboolean
refuse (const Ctx      *ctx,
        KkCatalogError  code,
        const char     *path,
        const char     *member,
        const char     *req_code,
        const char     *format,
        ...)
{
  g_autofree char *problem = NULL;
  g_autofree char *location = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (member != NULL)
    location = g_strdup_printf ("%s.%s", path, member);
  else
    location = g_strdup (path);

  if (req_code != NULL)
    g_set_error (ctx->error, KK_CATALOG_ERROR, code,
                 /* Translators: file name, JSON path, requirement code, problem */
                 _("Catalogue “%s”: %s (requirement %s): %s"),
                 ctx->display_name, location, req_code, problem);
  else
    g_set_error (ctx->error, KK_CATALOG_ERROR, code,
                 /* Translators: file name, JSON path, problem */
                 _("Catalogue “%s”: %s: %s"),
                 ctx->display_name, location, problem);
  return FALSE;
}

typedef enum {
  EXPECT_OBJECT,
  EXPECT_ARRAY,
  EXPECT_STRING,
  EXPECT_INTEGER,
} Expect;

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_INT64:
      return _("a whole number");
    case G_TYPE_DOUBLE:
      return _("a number");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("an unknown value");
    }
}

static const char *
describe_expect (Expect expect)
{
  switch (expect)
    {
    case EXPECT_OBJECT:
      return _("an object");
    case EXPECT_ARRAY:
      return _("an array");
    case EXPECT_STRING:
      return _("a string");
    case EXPECT_INTEGER:
    default:
      return _("a whole number");
    }
}

static gboolean
node_is (JsonNode *node,
         Expect    expect)
{
  switch (expect)
    {
    case EXPECT_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case EXPECT_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case EXPECT_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case EXPECT_INTEGER:
    default:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    }
}

/* The node at @path (for messages) must be of the expected type. */
static gboolean
check_node (const Ctx  *ctx,
            JsonNode   *node,
            Expect      expect,
            const char *path,
            const char *member,
            const char *req_code)
{
  if (node_is (node, expect))
    return TRUE;
  return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, member, req_code,
                 _("expected %s, found %s"), describe_expect (expect), describe_node (node));
}

static JsonNode *
get_member (const Ctx  *ctx,
            JsonObject *object,
            const char *path,
            const char *member,
            const char *req_code,
            Expect      expect)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, member, req_code, _("this member is missing"));
      return NULL;
    }
  if (!check_node (ctx, node, expect, path, member, req_code))
    return NULL;
  return node;
}

/* Every member of @object must be one of @allowed: a misspelt member would
 * otherwise be dropped silently. */
static gboolean
check_members (const Ctx          *ctx,
               JsonObject         *object,
               const char         *path,
               const char         *req_code,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, l->data, req_code,
                       _("unknown member “%s” (expected only: %s)"), (const char *) l->data, list);
      }
  return TRUE;
}

typedef enum {
  TEXT_SINGLE_LINE = 0,
  TEXT_MULTILINE   = 1 << 0,   /* line breaks and tabs allowed */
  TEXT_MAY_BE_EMPTY = 1 << 1,
} TextFlags;

static gboolean
is_direction_control (gunichar c)
{
  /* Invisible characters that reorder text on screen: a reader would see
   * something else than what is stored. */
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x200E || c == 0x200F || c == 0x061C;
}

static gboolean
check_text (const Ctx  *ctx,
            const char *value,
            const char *path,
            const char *member,
            const char *req_code,
            guint       max_chars,
            TextFlags   flags)
{
  gboolean blank = TRUE;
  guint n = 0;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((flags & TEXT_MULTILINE) && (c == '\n' || c == '\t'))
        ;
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, member, req_code,
                       (flags & TEXT_MULTILINE)
                         ? _("the text contains the control character U+%04X; only line breaks and tabs are allowed")
                         : _("the text contains the control character U+%04X; this field must be a single line without control characters"),
                       c);
      else if (is_direction_control (c))
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, member, req_code,
                       _("the text contains the invisible direction control character U+%04X"), c);
      if (!g_unichar_isspace (c))
        blank = FALSE;
      n++;
    }

  if (n > max_chars)
    return refuse (ctx, KK_CATALOG_ERROR_TOO_LARGE, path, member, req_code,
                   _("the text is %u characters long; at most %u are allowed"), n, max_chars);
  if (blank && !(flags & TEXT_MAY_BE_EMPTY))
    return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, member, req_code,
                   n == 0 ? _("the text is empty") : _("the text holds only white space"));
  return TRUE;
}

static char *
get_text (const Ctx  *ctx,
          JsonObject *object,
          const char *path,
          const char *member,
          const char *req_code,
          guint       max_chars,
          TextFlags   flags)
{
  JsonNode *node = get_member (ctx, object, path, member, req_code, EXPECT_STRING);
  const char *value;

  if (node == NULL)
    return NULL;
  value = json_node_get_string (node);
  if (!check_text (ctx, value, path, member, req_code, max_chars, flags))
    return NULL;
  return g_strdup (value);
}

/* { "sv": "…", "en": "…" } */
static gboolean
get_bilingual (const Ctx  *ctx,
               JsonObject *object,
               const char *path,
               const char *member,
               const char *req_code,
               guint       max_chars,
               TextFlags   flags,
               char      **sv,
               char      **en)
{
  static const char * const langs[] = { "sv", "en", NULL };
  g_autofree char *sub_path = NULL;
  JsonNode *node = get_member (ctx, object, path, member, req_code, EXPECT_OBJECT);
  JsonObject *texts;

  if (node == NULL)
    return FALSE;
  texts = json_node_get_object (node);
  sub_path = g_strdup_printf ("%s.%s", path, member);
  if (!check_members (ctx, texts, sub_path, req_code, langs))
    return FALSE;
  if ((*sv = get_text (ctx, texts, sub_path, "sv", req_code, max_chars, flags)) == NULL ||
      (*en = get_text (ctx, texts, sub_path, "en", req_code, max_chars, flags)) == NULL)
    return FALSE;
  return TRUE;
}

static gboolean
is_upper_run (const char *s, guint min, guint max, guint *len)
{
  guint n = 0;

  while (g_ascii_isupper (s[n]))
    n++;
  *len = n;
  return n >= min && n <= max;
}

/* LEV-IN */
static gboolean
area_code_is_valid (const char *code)
{
  guint n, m;

  return is_upper_run (code, 2, 4, &n) && code[n] == '-' &&
         is_upper_run (code + n + 1, 2, 2, &m) && code[n + 1 + m] == '\0';
}

/* LEV-IN-01: ^[A-Z]{2,4}-[A-Z]{2}-[0-9]{2,3}$ */
static gboolean
requirement_code_is_valid (const char *code)
{
  guint n, m, d = 0;
  const char *digits;

  if (!is_upper_run (code, 2, 4, &n) || code[n] != '-' ||
      !is_upper_run (code + n + 1, 2, 2, &m) || code[n + 1 + m] != '-')
    return FALSE;
  digits = code + n + 1 + m + 1;
  while (g_ascii_isdigit (digits[d]))
    d++;
  return d >= 2 && d <= 3 && digits[d] == '\0';
}

/* it, care, property_management: ^[a-z][a-z0-9_]{0,31}$ */
static gboolean
category_key_is_valid (const char *key)
{
  guint n = 0;

  if (!g_ascii_islower (key[0]))
    return FALSE;
  for (n = 1; key[n] != '\0'; n++)
    if (!(g_ascii_islower (key[n]) || g_ascii_isdigit (key[n]) || key[n] == '_'))
      return FALSE;
  return n <= 32;
}

static gboolean
date_is_valid (const char *s)
{
  guint64 y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  y = g_ascii_strtoull (s, NULL, 10);
  m = g_ascii_strtoull (s + 5, NULL, 10);
  d = g_ascii_strtoull (s + 8, NULL, 10);
  return y >= 1900 && y <= 9999 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* 1-based line and column (in characters) of @offset in @data. */
static void
position_of (const char *data,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }
  /* The bytes before @offset are valid UTF-8 when this is used for an
   * encoding error, so counting characters is safe. */
  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

/* What json-glib does not check: encoding (with a position), nesting depth
 * (its parser recurses and would overflow the stack) and \u0000 escapes
 * (which it silently truncates strings at). */
static gboolean
prescan (const Ctx  *ctx,
         const char *data,
         gsize       length)
{
  const char *end = NULL;
  gboolean in_string = FALSE;
  guint depth = 0, line, column;

  if (!g_utf8_validate_len (data, length, &end))
    {
      position_of (data, end - data, &line, &column);
      g_set_error (ctx->error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_SYNTAX,
                   _("Catalogue “%s” is not valid UTF-8 text (line %u, column %u)"),
                   ctx->display_name, line, column);
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\' && i + 1 < length)
            {
              if (data[i + 1] == 'u' && i + 5 < length &&
                  data[i + 2] == '0' && data[i + 3] == '0' && data[i + 4] == '0' && data[i + 5] == '0')
                {
                  position_of (data, i, &line, &column);
                  g_set_error (ctx->error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_INVALID,
                               _("Catalogue “%s”: line %u, column %u: a text contains the escape \\u0000 (a NUL character)"),
                               ctx->display_name, line, column);
                  return FALSE;
                }
              i++;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            {
              position_of (data, i, &line, &column);
              g_set_error (ctx->error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_TOO_LARGE,
                           _("Catalogue “%s”: line %u, column %u: the JSON is nested more than %u levels deep"),
                           ctx->display_name, line, column, MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

static gboolean
parse_categories (const Ctx     *ctx,
                  JsonObject    *root,
                  KkCatalogFile *file,
                  GHashTable    *keys)
{
  static const char * const members[] = { "key", "name", NULL };
  JsonNode *node = get_member (ctx, root, "$", "categories", NULL, EXPECT_ARRAY);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return FALSE;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > MAX_CATEGORIES)
    return refuse (ctx, KK_CATALOG_ERROR_TOO_LARGE, "$", "categories", NULL,
                   _("%u categories; at most %u are allowed"), n, MAX_CATEGORIES);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.categories[%u]", i);
      g_autoptr(KkCategory) category = g_new0 (KkCategory, 1);
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;

      if (!check_node (ctx, element, EXPECT_OBJECT, path, NULL, NULL))
        return FALSE;
      object = json_node_get_object (element);
      if (!check_members (ctx, object, path, NULL, members))
        return FALSE;
      if ((category->key = get_text (ctx, object, path, "key", NULL, 32, TEXT_SINGLE_LINE)) == NULL)
        return FALSE;
      if (!category_key_is_valid (category->key))
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "key", NULL,
                       _("“%s” is not a category key: use lower-case letters, digits and _ (like “it” or “care”)"),
                       category->key);
      if (g_hash_table_contains (keys, category->key))
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "key", NULL,
                       _("the category “%s” is declared twice"), category->key);
      if (!get_bilingual (ctx, object, path, "name", NULL, MAX_TITLE, TEXT_SINGLE_LINE,
                          &category->name_sv, &category->name_en))
        return FALSE;
      g_hash_table_add (keys, category->key);
      g_ptr_array_add (file->categories, g_steal_pointer (&category));
    }
  return TRUE;
}

static gboolean
parse_areas (const Ctx     *ctx,
             JsonObject    *root,
             KkCatalogFile *file,
             GHashTable    *areas)
{
  static const char * const members[] = { "code", "perspective", "name", NULL };
  JsonNode *node = get_member (ctx, root, "$", "areas", NULL, EXPECT_ARRAY);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return FALSE;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return refuse (ctx, KK_CATALOG_ERROR_INVALID, "$", "areas", NULL, _("the catalogue declares no areas"));
  if (n > MAX_AREAS)
    return refuse (ctx, KK_CATALOG_ERROR_TOO_LARGE, "$", "areas", NULL,
                   _("%u areas; at most %u are allowed"), n, MAX_AREAS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.areas[%u]", i);
      g_autoptr(KkArea) area = g_new0 (KkArea, 1);
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;

      if (!check_node (ctx, element, EXPECT_OBJECT, path, NULL, NULL))
        return FALSE;
      object = json_node_get_object (element);
      if (!check_members (ctx, object, path, NULL, members))
        return FALSE;
      if ((area->code = get_text (ctx, object, path, "code", NULL, 16, TEXT_SINGLE_LINE)) == NULL)
        return FALSE;
      if (!area_code_is_valid (area->code))
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "code", NULL,
                       _("“%s” is not an area code like LEV-IN (2–4 capital letters, a hyphen, 2 capital letters)"),
                       area->code);
      if (g_hash_table_contains (areas, area->code))
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "code", NULL,
                       _("the area %s is declared twice"), area->code);
      if ((area->perspective = get_text (ctx, object, path, "perspective", NULL, 32, TEXT_SINGLE_LINE)) == NULL)
        return FALSE;
      if (!kk_is_perspective (area->perspective))
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "perspective", NULL,
                       _("“%s” is not a perspective: use supplier, operations or individual"),
                       area->perspective);
      if (!get_bilingual (ctx, object, path, "name", NULL, MAX_TITLE, TEXT_SINGLE_LINE,
                          &area->name_sv, &area->name_en))
        return FALSE;
      g_hash_table_insert (areas, area->code, area);
      g_ptr_array_add (file->areas, g_steal_pointer (&area));
    }
  return TRUE;
}

static KkRequirement *
parse_requirement (const Ctx  *ctx,
                   JsonNode   *element,
                   const char *path,
                   GHashTable *areas,
                   GHashTable *category_keys)
{
  static const char * const members[] = {
    "code", "perspective", "area", "title", "text", "motive", "verification",
    "obligation", "kind", "level", "categories", "source_ref", NULL
  };
  g_autoptr(KkRequirement) r = kk_requirement_new ();
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  KkArea *area;
  const char *code;

  if (!check_node (ctx, element, EXPECT_OBJECT, path, NULL, NULL))
    return NULL;
  object = json_node_get_object (element);

  /* The code first, so every later message can name it. */
  if ((r->code = get_text (ctx, object, path, "code", NULL, 16, TEXT_SINGLE_LINE)) == NULL)
    return NULL;
  if (!requirement_code_is_valid (r->code))
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "code", NULL,
              _("“%s” is not a requirement code like LEV-IN-01 (2–4 capital letters, a hyphen, 2 capital letters, a hyphen, 2–3 digits)"),
              r->code);
      return NULL;
    }
  code = r->code;

  if (!check_members (ctx, object, path, code, members))
    return NULL;

  if ((r->perspective = get_text (ctx, object, path, "perspective", code, 32, TEXT_SINGLE_LINE)) == NULL)
    return NULL;
  if (!kk_is_perspective (r->perspective))
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "perspective", code,
              _("“%s” is not a perspective: use supplier, operations or individual"), r->perspective);
      return NULL;
    }

  if ((r->area = get_text (ctx, object, path, "area", code, 16, TEXT_SINGLE_LINE)) == NULL)
    return NULL;
  if ((area = g_hash_table_lookup (areas, r->area)) == NULL)
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "area", code,
              _("the area “%s” is not declared in $.areas"), r->area);
      return NULL;
    }
  if (g_strcmp0 (area->perspective, r->perspective) != 0)
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "perspective", code,
              _("the perspective “%s” differs from the perspective “%s” of its area %s"),
              r->perspective, area->perspective, area->code);
      return NULL;
    }
  if (!g_str_has_prefix (code, r->area) || code[strlen (r->area)] != '-')
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "code", code,
              _("the code does not belong to its area %s: it must start with “%s-”"),
              r->area, r->area);
      return NULL;
    }

  if (!get_bilingual (ctx, object, path, "title", code, MAX_TITLE, TEXT_SINGLE_LINE, &r->title_sv, &r->title_en) ||
      !get_bilingual (ctx, object, path, "text", code, MAX_TEXT, TEXT_MULTILINE, &r->text_sv, &r->text_en) ||
      !get_bilingual (ctx, object, path, "motive", code, MAX_TEXT, TEXT_MULTILINE, &r->motive_sv, &r->motive_en) ||
      !get_bilingual (ctx, object, path, "verification", code, MAX_TEXT, TEXT_MULTILINE,
                      &r->verification_sv, &r->verification_en))
    return NULL;

  if ((r->obligation = get_text (ctx, object, path, "obligation", code, 32, TEXT_SINGLE_LINE)) == NULL)
    return NULL;
  if (!kk_is_obligation (r->obligation))
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "obligation", code,
              _("“%s” is not an obligation: use shall (SKA) or should (BÖR)"), r->obligation);
      return NULL;
    }
  if ((r->kind = get_text (ctx, object, path, "kind", code, 32, TEXT_SINGLE_LINE)) == NULL)
    return NULL;
  if (!kk_is_kind (r->kind))
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "kind", code,
              _("“%s” is not a kind of requirement: use qualification, technical, contract_clause or award_criterion"),
              r->kind);
      return NULL;
    }
  if ((r->level = get_text (ctx, object, path, "level", code, 32, TEXT_SINGLE_LINE)) == NULL)
    return NULL;
  if (!kk_is_level (r->level))
    {
      refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "level", code,
              _("“%s” is not a level: use basic, advanced or leading"), r->level);
      return NULL;
    }

  if ((node = get_member (ctx, object, path, "categories", code, EXPECT_ARRAY)) == NULL)
    return NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > MAX_CATEGORIES)
    {
      refuse (ctx, KK_CATALOG_ERROR_TOO_LARGE, path, "categories", code,
              _("%u categories; at most %u are allowed"), json_array_get_length (array), MAX_CATEGORIES);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *member = g_strdup_printf ("categories[%u]", i);
      JsonNode *key_node = json_array_get_element (array, i);
      const char *key;

      if (!check_node (ctx, key_node, EXPECT_STRING, path, member, code))
        return NULL;
      key = json_node_get_string (key_node);
      if (!g_hash_table_contains (category_keys, key))
        {
          refuse (ctx, KK_CATALOG_ERROR_INVALID, path, member, code,
                  _("the category “%s” is not declared in $.categories"), key);
          return NULL;
        }
      for (guint j = 0; j < categories->len; j++)
        if (g_str_equal (categories->pdata[j], key))
          {
            refuse (ctx, KK_CATALOG_ERROR_INVALID, path, member, code,
                    _("the category “%s” is listed twice"), key);
            return NULL;
          }
      g_ptr_array_add (categories, g_strdup (key));
    }
  g_ptr_array_add (categories, NULL);
  r->categories = (GStrv) g_ptr_array_steal (categories, NULL);

  if ((r->source_ref = get_text (ctx, object, path, "source_ref", code, MAX_TEXT,
                                 TEXT_MULTILINE | TEXT_MAY_BE_EMPTY)) == NULL)
    return NULL;

  return g_steal_pointer (&r);
}

static gboolean
parse_requirements (const Ctx     *ctx,
                    JsonObject    *root,
                    KkCatalogFile *file,
                    GHashTable    *areas,
                    GHashTable    *category_keys)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal); /* code → index + 1 */
  JsonNode *node = get_member (ctx, root, "$", "requirements", NULL, EXPECT_ARRAY);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return FALSE;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return refuse (ctx, KK_CATALOG_ERROR_INVALID, "$", "requirements", NULL,
                   _("the catalogue holds no requirements"));
  if (n > MAX_REQUIREMENTS)
    return refuse (ctx, KK_CATALOG_ERROR_TOO_LARGE, "$", "requirements", NULL,
                   _("%u requirements; at most %u are allowed"), n, MAX_REQUIREMENTS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.requirements[%u]", i);
      KkRequirement *r = parse_requirement (ctx, json_array_get_element (array, i), path, areas, category_keys);
      gpointer previous;

      if (r == NULL)
        return FALSE;
      g_ptr_array_add (file->requirements, r);
      if ((previous = g_hash_table_lookup (codes, r->code)) != NULL)
        return refuse (ctx, KK_CATALOG_ERROR_INVALID, path, "code", r->code,
                       _("duplicate code: already used by $.requirements[%u]"),
                       GPOINTER_TO_UINT (previous) - 1);
      g_hash_table_insert (codes, r->code, GUINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

static gboolean
parse_root (const Ctx     *ctx,
            JsonNode      *root_node,
            KkCatalogFile *file)
{
  static const char * const members[] = {
    "format", "format_version", "name", "version", "published", "source_note",
    "categories", "areas", "requirements", NULL
  };
  g_autoptr(GHashTable) category_keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) areas = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonNode *node;
  gint64 format_version;

  if (!check_node (ctx, root_node, EXPECT_OBJECT, "$", NULL, NULL))
    return FALSE;
  root = json_node_get_object (root_node);

  /* Format and version first: another kind of JSON file gets a message
   * about what it is not, rather than about its first odd member. */
  if ((node = json_object_get_member (root, "format")) == NULL)
    return refuse (ctx, KK_CATALOG_ERROR_INVALID, "$", "format", NULL,
                   _("this member is missing: the file is not a Kravkoll catalogue"));
  if (!check_node (ctx, node, EXPECT_STRING, "$", "format", NULL))
    return FALSE;
  if (g_strcmp0 (json_node_get_string (node), FORMAT_NAME) != 0)
    return refuse (ctx, KK_CATALOG_ERROR_INVALID, "$", "format", NULL,
                   _("“%s” is not “%s”: the file is not a Kravkoll catalogue"),
                   json_node_get_string (node), FORMAT_NAME);
  if ((node = get_member (ctx, root, "$", "format_version", NULL, EXPECT_INTEGER)) == NULL)
    return FALSE;
  format_version = json_node_get_int (node);
  if (format_version != FORMAT_VERSION)
    return refuse (ctx, KK_CATALOG_ERROR_INVALID, "$", "format_version", NULL,
                   _("format version %" PRId64 " is not supported: this version of Kravkoll reads version %d"),
                   format_version, FORMAT_VERSION);
  if (!check_members (ctx, root, "$", NULL, members))
    return FALSE;

  if ((file->name = get_text (ctx, root, "$", "name", NULL, MAX_TITLE, TEXT_SINGLE_LINE)) == NULL ||
      (file->version = get_text (ctx, root, "$", "version", NULL, MAX_VERSION, TEXT_SINGLE_LINE)) == NULL ||
      (file->published = get_text (ctx, root, "$", "published", NULL, 10, TEXT_SINGLE_LINE)) == NULL ||
      (file->source_note = get_text (ctx, root, "$", "source_note", NULL, MAX_TEXT,
                                     TEXT_MULTILINE | TEXT_MAY_BE_EMPTY)) == NULL)
    return FALSE;
  if (!date_is_valid (file->published))
    return refuse (ctx, KK_CATALOG_ERROR_INVALID, "$", "published", NULL,
                   _("“%s” is not a date in the form YYYY-MM-DD"), file->published);

  return parse_categories (ctx, root, file, category_keys) &&
         parse_areas (ctx, root, file, areas) &&
         parse_requirements (ctx, root, file, areas, category_keys);
}

KkCatalogFile *
kk_catalog_file_load_bytes (GBytes      *bytes,
                            const char  *display_name,
                            GError     **error)
{
  g_autoptr(KkCatalogFile) file = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  Ctx ctx = { display_name ? display_name : "?", error };
  const char *data;
  gsize length;
  JsonNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_TOO_LARGE,
                   _("Catalogue “%s” is too large: %zu bytes; at most %d are allowed"),
                   ctx.display_name, length, MAX_FILE_SIZE);
      return NULL;
    }
  /* A byte order mark is harmless; editors on some systems add one. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!prescan (&ctx, data, length))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      guint line = 0, column = 0;
      const char *message = local->message;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COL: Parse error: …". */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      if (sscanf (message, "%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_SYNTAX,
                     _("Catalogue “%s” is not valid JSON: line %u, column %u: %s"),
                     ctx.display_name, line, column, message + consumed);
      else
        g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_SYNTAX,
                     _("Catalogue “%s” is not valid JSON: %s"), ctx.display_name, message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_SYNTAX,
                   _("Catalogue “%s” is empty"), ctx.display_name);
      return NULL;
    }

  file = g_new0 (KkCatalogFile, 1);
  file->display_name = g_strdup (ctx.display_name);
  file->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) kk_category_free);
  file->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) kk_area_free);
  file->requirements = g_ptr_array_new_with_free_func (g_object_unref);
  if (!parse_root (&ctx, root, file))
    return NULL;
  return g_steal_pointer (&file);
}

KkCatalogFile *
kk_catalog_file_load (const char  *path,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  /* Size first: a huge file is refused before it is read into memory. */
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_READ,
                   _("Catalogue “%s” cannot be read: %s"), display, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_READ,
                   _("Catalogue “%s” cannot be read: it is not a regular file"), display);
      return NULL;
    }
  if (st.st_size > MAX_FILE_SIZE)
    {
      g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_TOO_LARGE,
                   _("Catalogue “%s” is too large: %" PRId64 " bytes; at most %d are allowed"),
                   display, (gint64) st.st_size, MAX_FILE_SIZE);
      return NULL;
    }
  {
    g_autoptr(GError) local = NULL;

    if (!g_file_get_contents (path, &contents, &length, &local))
      {
        g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_READ,
                     _("Catalogue “%s” cannot be read: %s"), display, local->message);
        return NULL;
      }
  }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return kk_catalog_file_load_bytes (bytes, display, error);
}

/* ------------------------------------------------------------------------ */
/* Reading the catalogue                                                    */

#define REQUIREMENT_COLUMNS \
  "r.id, r.catalog_version, r.revision, r.retired, r.code, r.perspective, r.area, " \
  "r.title_sv, r.title_en, r.text_sv, r.text_en, r.motive_sv, r.motive_en, " \
  "r.verification_sv, r.verification_en, r.obligation, r.kind, r.level, r.source_ref, " \
  "(SELECT group_concat (key, ',') FROM (SELECT c.key AS key FROM requirement_category rc " \
  "  JOIN category c ON c.id = rc.category WHERE rc.requirement = r.id ORDER BY c.id))"

/* Codes sort by number within an area: LEV-IN-99 before LEV-IN-100.
 * compare_sorted_rows () is the same order in C. */
#define REQUIREMENT_ORDER "a.position, r.area, length (r.code), r.code"

static KkRequirement *
requirement_from_row (sqlite3_stmt *stmt)
{
  KkRequirement *r = kk_requirement_new ();
  const char *categories;

  r->id = sqlite3_column_int64 (stmt, 0);
  r->catalog_version = sqlite3_column_int64 (stmt, 1);
  r->revision = sqlite3_column_int (stmt, 2);
  r->retired = sqlite3_column_int (stmt, 3) != 0;
  r->code = kk_stmt_dup_text (stmt, 4);
  r->perspective = kk_stmt_dup_text (stmt, 5);
  r->area = kk_stmt_dup_text (stmt, 6);
  r->title_sv = kk_stmt_dup_text (stmt, 7);
  r->title_en = kk_stmt_dup_text (stmt, 8);
  r->text_sv = kk_stmt_dup_text (stmt, 9);
  r->text_en = kk_stmt_dup_text (stmt, 10);
  r->motive_sv = kk_stmt_dup_text (stmt, 11);
  r->motive_en = kk_stmt_dup_text (stmt, 12);
  r->verification_sv = kk_stmt_dup_text (stmt, 13);
  r->verification_en = kk_stmt_dup_text (stmt, 14);
  r->obligation = kk_stmt_dup_text (stmt, 15);
  r->kind = kk_stmt_dup_text (stmt, 16);
  r->level = kk_stmt_dup_text (stmt, 17);
  r->source_ref = kk_stmt_dup_text (stmt, 18);
  categories = (const char *) sqlite3_column_text (stmt, 19);
  if (categories != NULL && *categories != '\0')
    r->categories = g_strsplit (categories, ",", -1);
  else
    r->categories = g_new0 (char *, 1);
  return r;
}

/* Reads all rows of a prepared statement. */
static GPtrArray *
collect_requirements (KkDatabase   *db,
                      sqlite3_stmt *stmt,
                      GError      **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, requirement_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* kk_catalog_list () sorts in C rather than with ORDER BY: SQLite's sorter
 * would copy every row with all its texts (megabytes at city scale) to
 * order them, where this sorts pointers by a key read with the row. */
typedef struct {
  gint64         area_position;
  KkRequirement *requirement;
} SortedRow;

/* The order of REQUIREMENT_ORDER. Codes are ASCII (see
 * requirement_code_is_valid), so strlen () is SQLite's length (). */
static int
compare_sorted_rows (gconstpointer a,
                     gconstpointer b)
{
  const SortedRow *x = a, *y = b;
  gsize lx, ly;
  int cmp;

  if (x->area_position != y->area_position)
    return x->area_position < y->area_position ? -1 : 1;
  if ((cmp = g_strcmp0 (x->requirement->area, y->requirement->area)) != 0)
    return cmp;
  lx = x->requirement->code ? strlen (x->requirement->code) : 0;
  ly = y->requirement->code ? strlen (y->requirement->code) : 0;
  if (lx != ly)
    return lx < ly ? -1 : 1;
  return g_strcmp0 (x->requirement->code, y->requirement->code);
}

/* Reads all rows of a statement whose column @position_column holds the
 * area's position, and returns them in REQUIREMENT_ORDER. */
static GPtrArray *
collect_requirements_sorted (KkDatabase   *db,
                             sqlite3_stmt *stmt,
                             int           position_column,
                             GError      **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (SortedRow));
  GPtrArray *result;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SortedRow row = { sqlite3_column_int64 (stmt, position_column), requirement_from_row (stmt) };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < rows->len; i++)
        g_object_unref (g_array_index (rows, SortedRow, i).requirement);
      kk_database_set_error (db, rc, error);
      return NULL;
    }

  g_array_sort (rows, compare_sorted_rows);
  result = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (result, g_array_index (rows, SortedRow, i).requirement);
  return result;
}

/* Builds an FTS5 query from what a user typed: every run of letters and
 * digits becomes a quoted prefix term, all ANDed. Quoting makes FTS5
 * operators (AND, NEAR, *, ") plain words. NULL when there is no word. */
static char *
build_match (const char *text)
{
  GString *query = g_string_new (NULL);
  GString *token = g_string_new (NULL);
  guint n = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (token, c);
          continue;
        }
      if (token->len > 0 && n < MAX_SEARCH_TOKENS)
        {
          if (n > 0)
            g_string_append (query, " AND ");
          g_string_append_printf (query, "\"%s\"*", token->str);
          n++;
        }
      g_string_truncate (token, 0);
      if (c == 0)
        break;
    }
  g_string_free (token, TRUE);
  if (n == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           index,
               const char   *value)
{
  if (value != NULL && *value != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

GPtrArray *
kk_catalog_list (KkDatabase           *db,
                 const KkCatalogQuery *query,
                 GError              **error)
{
  static const KkCatalogQuery everything = { 0 };
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  if (query == NULL)
    query = &everything;

  stmt = kk_database_prepare (db,
    "SELECT " REQUIREMENT_COLUMNS ", a.position FROM requirement r JOIN area a ON a.code = r.area "
    "WHERE r.current = 1 "
    "  AND (?1 IS NULL OR r.id IN (SELECT rowid FROM requirement_fts WHERE requirement_fts MATCH ?1)) "
    "  AND (?2 IS NULL OR r.perspective = ?2) "
    "  AND (?3 IS NULL OR r.area = ?3) "
    "  AND (?4 IS NULL OR r.kind = ?4) "
    "  AND (?5 IS NULL OR r.level = ?5) "
    "  AND (?6 IS NULL OR r.obligation = ?6) "
    "  AND (?7 IS NULL OR EXISTS (SELECT 1 FROM requirement_category rc JOIN category c ON c.id = rc.category "
    "                             WHERE rc.requirement = r.id AND c.key = ?7)) "
    "  AND (?8 OR r.retired = 0)", error);
  if (stmt == NULL)
    return NULL;

  match = build_match (query->search);
  bind_optional (stmt, 1, match);
  bind_optional (stmt, 2, query->perspective);
  bind_optional (stmt, 3, query->area);
  bind_optional (stmt, 4, query->kind);
  bind_optional (stmt, 5, query->level);
  bind_optional (stmt, 6, query->obligation);
  bind_optional (stmt, 7, query->category);
  sqlite3_bind_int (stmt, 8, query->include_retired ? 1 : 0);
  /* Column 20: a.position, after the 20 of REQUIREMENT_COLUMNS. */
  return collect_requirements_sorted (db, stmt, 20, error);
}

KkRequirement *
kk_catalog_get (KkDatabase  *db,
                const char  *code,
                GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  stmt = kk_database_prepare (db,
                              "SELECT " REQUIREMENT_COLUMNS " FROM requirement r "
                              "WHERE r.code = ? AND r.current = 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code ? code : "", -1, SQLITE_TRANSIENT);
  if ((rows = collect_requirements (db, stmt, error)) == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                   _("The catalogue has no requirement with the code “%s”"), code ? code : "");
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rows, 0));
}

GPtrArray *
kk_catalog_list_areas (KkDatabase  *db,
                       GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) kk_area_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  /* Areas a newer catalogue no longer declares stay for old revisions; only
   * the areas that hold current requirements are listed. */
  stmt = kk_database_prepare (db,
                              "SELECT a.code, a.perspective, a.name_sv, a.name_en FROM area a "
                              "WHERE a.code IN (SELECT r.area FROM requirement r "
                              "                 WHERE r.current = 1 AND r.retired = 0) "
                              "ORDER BY a.position, a.code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KkArea *area = g_new0 (KkArea, 1);

      area->code = kk_stmt_dup_text (stmt, 0);
      area->perspective = kk_stmt_dup_text (stmt, 1);
      area->name_sv = kk_stmt_dup_text (stmt, 2);
      area->name_en = kk_stmt_dup_text (stmt, 3);
      g_ptr_array_add (result, area);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
kk_catalog_list_categories (KkDatabase  *db,
                            GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) kk_category_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  stmt = kk_database_prepare (db, "SELECT key, name_sv, name_en FROM category ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KkCategory *category = g_new0 (KkCategory, 1);

      category->key = kk_stmt_dup_text (stmt, 0);
      category->name_sv = kk_stmt_dup_text (stmt, 1);
      category->name_en = kk_stmt_dup_text (stmt, 2);
      g_ptr_array_add (result, category);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kk_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

typedef struct {
  gint64 id;
  char  *name;
  char  *version;
  char  *published;
  char  *source_note;
} VersionRow;

static void
version_row_clear (VersionRow *v)
{
  g_clear_pointer (&v->name, g_free);
  g_clear_pointer (&v->version, g_free);
  g_clear_pointer (&v->published, g_free);
  g_clear_pointer (&v->source_note, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VersionRow, version_row_clear)

/* The most recently imported catalogue; FALSE without error when none. */
static gboolean
current_version (KkDatabase  *db,
                 VersionRow  *out,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kk_database_prepare (db,
                              "SELECT id, name, version, published, source_note FROM catalog_version "
                              "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->id = sqlite3_column_int64 (stmt, 0);
      out->name = kk_stmt_dup_text (stmt, 1);
      out->version = kk_stmt_dup_text (stmt, 2);
      out->published = kk_stmt_dup_text (stmt, 3);
      out->source_note = kk_stmt_dup_text (stmt, 4);
    }
  else if (rc != SQLITE_DONE)
    kk_database_set_error (db, rc, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

char *
kk_catalog_describe_current_version (KkDatabase *db)
{
  g_auto(VersionRow) v = { 0 };

  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  if (!current_version (db, &v, NULL))
    return NULL;
  return g_strdup_printf ("%s %s", v.name, v.version);
}

/* ------------------------------------------------------------------------ */
/* Import                                                                   */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
same_categories (const char * const *a,
                 const char * const *b)
{
  g_autoptr(GPtrArray) sa = g_ptr_array_new ();
  g_autoptr(GPtrArray) sb = g_ptr_array_new ();

  for (guint i = 0; a && a[i]; i++)
    g_ptr_array_add (sa, (gpointer) a[i]);
  for (guint i = 0; b && b[i]; i++)
    g_ptr_array_add (sb, (gpointer) b[i]);
  if (sa->len != sb->len)
    return FALSE;
  g_ptr_array_sort (sa, compare_strings);
  g_ptr_array_sort (sb, compare_strings);
  for (guint i = 0; i < sa->len; i++)
    if (g_strcmp0 (sa->pdata[i], sb->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
same_content (KkRequirement *a,
              KkRequirement *b)
{
  return g_strcmp0 (a->perspective, b->perspective) == 0 &&
         g_strcmp0 (a->area, b->area) == 0 &&
         g_strcmp0 (a->title_sv, b->title_sv) == 0 &&
         g_strcmp0 (a->title_en, b->title_en) == 0 &&
         g_strcmp0 (a->text_sv, b->text_sv) == 0 &&
         g_strcmp0 (a->text_en, b->text_en) == 0 &&
         g_strcmp0 (a->motive_sv, b->motive_sv) == 0 &&
         g_strcmp0 (a->motive_en, b->motive_en) == 0 &&
         g_strcmp0 (a->verification_sv, b->verification_sv) == 0 &&
         g_strcmp0 (a->verification_en, b->verification_en) == 0 &&
         g_strcmp0 (a->obligation, b->obligation) == 0 &&
         g_strcmp0 (a->kind, b->kind) == 0 &&
         g_strcmp0 (a->level, b->level) == 0 &&
         g_strcmp0 (a->source_ref, b->source_ref) == 0 &&
         same_categories ((const char * const *) a->categories, (const char * const *) b->categories);
}

typedef struct {
  KkDatabase            *db;
  KkCatalogFile         *file;
  KkCatalogImportReport *report;
  gint64                 version_id;
  GHashTable            *category_ids;  /* key → id */
  GPtrArray             *existing;      /* KkRequirement: current rows before the import */
  guint                  refreshed;     /* draft procurement rows */
} Import;

static gboolean
check_not_imported (Import  *im,
                    GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *imported_at = NULL;
  int rc;

  stmt = kk_database_prepare (im->db,
                              "SELECT imported_at FROM catalog_version WHERE name = ? AND version = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, im->file->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, im->file->version, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    imported_at = kk_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, KK_CATALOG_ERROR, KK_CATALOG_ERROR_DUPLICATE,
                   _("Catalogue “%s”: “%s” version %s is already imported (on %s)"),
                   im->file->display_name, im->file->name, im->file->version, imported_at);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return kk_database_set_error (im->db, rc, error);
  return TRUE;
}

static gboolean
insert_version (Import  *im,
                GError **error)
{
  g_autofree char *now = kk_now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (im->db,
                              "INSERT INTO catalog_version (name, version, published, source_note, imported_at) "
                              "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, im->file->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, im->file->version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, im->file->published, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, im->file->source_note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!kk_database_step_done (im->db, stmt, error))
    return FALSE;
  im->version_id = kk_database_last_insert_id (im->db);
  return TRUE;
}

static gboolean
upsert_categories (Import  *im,
                   GError **error)
{
  for (guint i = 0; i < im->file->categories->len; i++)
    {
      KkCategory *c = g_ptr_array_index (im->file->categories, i);
      sqlite3_stmt *stmt;
      int rc;

      stmt = kk_database_prepare (im->db,
                                  "INSERT INTO category (key, name_sv, name_en) VALUES (?1, ?2, ?3) "
                                  "ON CONFLICT (key) DO UPDATE SET name_sv = ?2, name_en = ?3", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, c->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, c->name_sv, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, c->name_en, -1, SQLITE_TRANSIENT);
      if (!kk_database_step_done (im->db, stmt, error))
        return FALSE;

      stmt = kk_database_prepare (im->db, "SELECT id FROM category WHERE key = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, c->key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_hash_table_insert (im->category_ids, c->key, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        return kk_database_set_error (im->db, rc, error);
    }
  return TRUE;
}

static gboolean
upsert_areas (Import  *im,
              GError **error)
{
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (im->db,
                              "UPDATE area SET position = position + " G_STRINGIFY (STALE_AREA_POSITION) " "
                              "WHERE position < " G_STRINGIFY (STALE_AREA_POSITION), error);
  if (stmt == NULL || !kk_database_step_done (im->db, stmt, error))
    return FALSE;

  for (guint i = 0; i < im->file->areas->len; i++)
    {
      KkArea *a = g_ptr_array_index (im->file->areas, i);

      stmt = kk_database_prepare (im->db,
                                  "INSERT INTO area (code, perspective, name_sv, name_en, position) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5) "
                                  "ON CONFLICT (code) DO UPDATE SET perspective = ?2, name_sv = ?3, "
                                  "  name_en = ?4, position = ?5", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, a->code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, a->perspective, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, a->name_sv, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, a->name_en, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, (int) i);
      if (!kk_database_step_done (im->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_requirement (Import        *im,
                    KkRequirement *r,
                    int            revision,
                    gint64        *id_out,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = kk_database_prepare (im->db,
    "INSERT INTO requirement (catalog_version, code, revision, current, perspective, area, "
    "  title_sv, title_en, text_sv, text_en, obligation, kind, level, verification_sv, verification_en, "
    "  motive_sv, motive_en, source_ref, retired) "
    "VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 0)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, im->version_id);
  sqlite3_bind_text (stmt, 2, r->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, revision);
  sqlite3_bind_text (stmt, 4, r->perspective, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, r->area, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, r->title_sv, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, r->title_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, r->text_sv, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, r->text_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, r->obligation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, r->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, r->level, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, r->verification_sv, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, r->verification_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, r->motive_sv, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, r->motive_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 17, r->source_ref, -1, SQLITE_TRANSIENT);
  if (!kk_database_step_done (im->db, stmt, error))
    return FALSE;
  id = kk_database_last_insert_id (im->db);

  for (guint i = 0; r->categories && r->categories[i]; i++)
    {
      stmt = kk_database_prepare (im->db,
                                  "INSERT INTO requirement_category (requirement, category) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (im->category_ids, r->categories[i])));
      if (!kk_database_step_done (im->db, stmt, error))
        return FALSE;
    }
  *id_out = id;
  return TRUE;
}

/* Drafts are not frozen yet: they follow the catalogue to the new wording.
 * An obligation the officer changed for the procurement is kept. */
static gboolean
refresh_drafts (Import        *im,
                KkRequirement *old,
                KkRequirement *r,
                gint64         new_id,
                int            revision,
                GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (im->db,
    "UPDATE procurement_requirement SET requirement = ?1, revision = ?2, area = ?3, "
    "  title_sv = ?4, title_en = ?5, text_sv = ?6, text_en = ?7, verification_sv = ?8, verification_en = ?9, "
    "  kind = ?10, level = ?11, obligation = CASE WHEN obligation = ?12 THEN ?13 ELSE obligation END "
    "WHERE code = ?14 AND procurement IN (SELECT id FROM procurement WHERE status = 'draft')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, new_id);
  sqlite3_bind_int (stmt, 2, revision);
  sqlite3_bind_text (stmt, 3, r->area, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, r->title_sv, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, r->title_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, r->text_sv, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, r->text_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, r->verification_sv, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, r->verification_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, r->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, r->level, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, old->obligation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, r->obligation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, r->code, -1, SQLITE_TRANSIENT);
  if (!kk_database_step_done (im->db, stmt, error))
    return FALSE;
  im->refreshed += kk_database_changes (im->db);
  return TRUE;
}

static gboolean
set_flag (Import     *im,
          const char *sql,
          gint64      id,
          GError    **error)
{
  sqlite3_stmt *stmt = kk_database_prepare (im->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return kk_database_step_done (im->db, stmt, error);
}

/* The current rows, in the order of the catalogue being replaced (read
 * before the new file's areas are placed). */
static gboolean
load_existing (Import  *im,
               GError **error)
{
  sqlite3_stmt *stmt;

  stmt = kk_database_prepare (im->db,
                              "SELECT " REQUIREMENT_COLUMNS " FROM requirement r JOIN area a ON a.code = r.area "
                              "WHERE r.current = 1 ORDER BY " REQUIREMENT_ORDER, error);
  if (stmt == NULL)
    return FALSE;
  im->existing = collect_requirements (im->db, stmt, error);
  return im->existing != NULL;
}

static gboolean
import_requirements (Import  *im,
                     GError **error)
{
  GPtrArray *existing = im->existing;
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_file = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < existing->len; i++)
    {
      KkRequirement *old = g_ptr_array_index (existing, i);
      g_hash_table_insert (by_code, old->code, old);
    }

  for (guint i = 0; i < im->file->requirements->len; i++)
    {
      KkRequirement *r = g_ptr_array_index (im->file->requirements, i);
      KkRequirement *old = g_hash_table_lookup (by_code, r->code);
      gint64 new_id;

      g_hash_table_add (in_file, r->code);
      if (old == NULL)
        {
          if (!insert_requirement (im, r, 1, &new_id, error))
            return FALSE;
          g_ptr_array_add (im->report->added, g_strdup (r->code));
        }
      else if (old->retired || !same_content (old, r))
        {
          /* A retired code that comes back is added again, as a new
           * revision: its history stays with it. */
          if (!set_flag (im, "UPDATE requirement SET current = 0 WHERE id = ?", old->id, error) ||
              !insert_requirement (im, r, old->revision + 1, &new_id, error) ||
              !refresh_drafts (im, old, r, new_id, old->revision + 1, error))
            return FALSE;
          g_ptr_array_add (old->retired ? im->report->added : im->report->changed, g_strdup (r->code));
        }
      else
        im->report->unchanged++;
    }

  for (guint i = 0; i < existing->len; i++)
    {
      KkRequirement *old = g_ptr_array_index (existing, i);

      if (old->retired || g_hash_table_contains (in_file, old->code))
        continue;
      if (!set_flag (im, "UPDATE requirement SET retired = 1 WHERE id = ?", old->id, error))
        return FALSE;
      g_ptr_array_add (im->report->retired, g_strdup (old->code));
    }
  return TRUE;
}

static void
flush_affected (Import     *im,
                const char *dnr,
                const char *title,
                GPtrArray  *codes)
{
  g_autofree char *list = NULL;

  if (codes->len == 0)
    return;
  g_ptr_array_add (codes, NULL);
  list = g_strjoinv (", ", (char **) codes->pdata);
  g_ptr_array_add (im->report->affected, g_strdup_printf ("%s “%s”: %s", dnr, title, list));
  g_ptr_array_set_size (codes, 0);
}

/* Open procurements that use a changed or retired requirement. */
static gboolean
find_affected (Import  *im,
               GError **error)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dnr = NULL, *title = NULL;
  gint64 current = 0;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < im->report->changed->len; i++)
    g_hash_table_add (touched, im->report->changed->pdata[i]);
  for (guint i = 0; i < im->report->retired->len; i++)
    g_hash_table_add (touched, im->report->retired->pdata[i]);
  if (g_hash_table_size (touched) == 0)
    return TRUE;

  stmt = kk_database_prepare (im->db,
                              "SELECT p.id, p.dnr, p.title, pr.code FROM procurement p "
                              "JOIN procurement_requirement pr ON pr.procurement = p.id "
                              "WHERE p.status != 'decided' ORDER BY p.dnr, p.id, pr.position, pr.code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *code = kk_stmt_get_text (stmt, 3);

      if (id != current)
        {
          if (current != 0)
            flush_affected (im, dnr, title, codes);
          current = id;
          g_free (dnr);
          g_free (title);
          dnr = kk_stmt_dup_text (stmt, 1);
          title = kk_stmt_dup_text (stmt, 2);
        }
      if (g_hash_table_contains (touched, code))
        g_ptr_array_add (codes, g_strdup (code));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kk_database_set_error (im->db, rc, error);
  if (current != 0)
    flush_affected (im, dnr, title, codes);
  return TRUE;
}

static gboolean
write_audit (Import     *im,
             const char *previous,
             GError    **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, im->file->display_name);
  json_builder_set_member_name (b, "old_version");
  if (previous != NULL)
    json_builder_add_string_value (b, previous);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, im->file->name);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, im->file->version);
  json_builder_set_member_name (b, "published");
  json_builder_add_string_value (b, im->file->published);
  json_builder_set_member_name (b, "added");
  json_builder_add_int_value (b, im->report->added->len);
  json_builder_set_member_name (b, "changed");
  json_builder_add_int_value (b, im->report->changed->len);
  json_builder_set_member_name (b, "retired");
  json_builder_add_int_value (b, im->report->retired->len);
  json_builder_set_member_name (b, "unchanged");
  json_builder_add_int_value (b, im->report->unchanged);
  json_builder_set_member_name (b, "affected_procurements");
  json_builder_add_int_value (b, im->report->affected->len);
  json_builder_set_member_name (b, "refreshed_draft_rows");
  json_builder_add_int_value (b, im->refreshed);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  detail = json_generator_to_data (gen, NULL);
  return kk_database_audit (im->db, "catalog.import", "catalog_version", im->version_id, 0, detail, error);
}

static gboolean
import_in_transaction (Import  *im,
                       GError **error)
{
  g_autofree char *previous = kk_catalog_describe_current_version (im->db);

  return check_not_imported (im, error) &&
         load_existing (im, error) &&
         insert_version (im, error) &&
         upsert_categories (im, error) &&
         upsert_areas (im, error) &&
         import_requirements (im, error) &&
         find_affected (im, error) &&
         write_audit (im, previous, error);
}

gboolean
kk_catalog_import (KkDatabase             *db,
                   KkCatalogFile          *file,
                   gboolean                dry_run,
                   KkCatalogImportReport **report,
                   GError                **error)
{
  g_autoptr(KkCatalogImportReport) rep = g_new0 (KkCatalogImportReport, 1);
  g_autoptr(GHashTable) category_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) existing = NULL;
  Import im = { db, file, rep, 0, category_ids, NULL, 0 };
  gboolean ok;

  g_return_val_if_fail (KK_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  rep->added = g_ptr_array_new_with_free_func (g_free);
  rep->changed = g_ptr_array_new_with_free_func (g_free);
  rep->retired = g_ptr_array_new_with_free_func (g_free);
  rep->affected = g_ptr_array_new_with_free_func (g_free);

  if (!kk_database_begin (db, error))
    return FALSE;
  ok = import_in_transaction (&im, error);
  existing = g_steal_pointer (&im.existing);
  if (!ok)
    {
      kk_database_rollback (db);
      return FALSE;
    }
  /* A dry run does all the work, so its report is exactly what the import
   * would do, and then throws it away. */
  if (dry_run)
    kk_database_rollback (db);
  else if (!kk_database_commit (db, error))
    return FALSE;

  g_debug ("%s %s: %u added, %u changed, %u retired, %u unchanged%s",
           file->name, file->version, rep->added->len, rep->changed->len,
           rep->retired->len, rep->unchanged, dry_run ? " (dry run)" : "");
  if (report != NULL)
    *report = g_steal_pointer (&rep);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Export                                                                   */

/* The same layout as Python's json.dumps (indent=2, ensure_ascii=False), in
 * which the bundled files are kept, so an exported catalogue diffs cleanly
 * against them. */
static void
json_string (GString    *out,
             const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s ? s : ""; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
indent (GString *out,
        guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

/* "key": "value" as the next member of an object at @level. */
static void
json_member (GString    *out,
             guint       level,
             gboolean    first,
             const char *key)
{
  if (!first)
    g_string_append_c (out, ',');
  indent (out, level);
  json_string (out, key);
  g_string_append (out, ": ");
}

static void
json_bilingual (GString    *out,
                guint       level,
                const char *key,
                const char *sv,
                const char *en)
{
  json_member (out, level, FALSE, key);
  g_string_append_c (out, '{');
  json_member (out, level + 1, TRUE, "sv");
  json_string (out, sv);
  json_member (out, level + 1, FALSE, "en");
  json_string (out, en);
  indent (out, level);
  g_string_append_c (out, '}');
}

static void
json_requirement (GString       *out,
                  KkRequirement *r)
{
  const guint level = 3;

  g_string_append_c (out, '{');
  json_member (out, level, TRUE, "code");
  json_string (out, r->code);
  json_member (out, level, FALSE, "perspective");
  json_string (out, r->perspective);
  json_member (out, level, FALSE, "area");
  json_string (out, r->area);
  json_bilingual (out, level, "title", r->title_sv, r->title_en);
  json_bilingual (out, level, "text", r->text_sv, r->text_en);
  json_bilingual (out, level, "motive", r->motive_sv, r->motive_en);
  json_bilingual (out, level, "verification", r->verification_sv, r->verification_en);
  json_member (out, level, FALSE, "obligation");
  json_string (out, r->obligation);
  json_member (out, level, FALSE, "kind");
  json_string (out, r->kind);
  json_member (out, level, FALSE, "level");
  json_string (out, r->level);
  json_member (out, level, FALSE, "categories");
  if (r->categories == NULL || r->categories[0] == NULL)
    g_string_append (out, "[]");
  else
    {
      g_string_append_c (out, '[');
      for (guint i = 0; r->categories[i]; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          indent (out, level + 1);
          json_string (out, r->categories[i]);
        }
      indent (out, level);
      g_string_append_c (out, ']');
    }
  json_member (out, level, FALSE, "source_ref");
  json_string (out, r->source_ref);
  indent (out, level - 1);
  g_string_append_c (out, '}');
}

static char *
catalog_to_json (KkDatabase  *db,
                 gsize       *length,
                 GError     **error)
{
  g_auto(VersionRow) v = { 0 };
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GError) local = NULL;
  GString *out;

  if (!current_version (db, &v, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error_literal (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                             _("The database holds no catalogue to export"));
      return NULL;
    }
  if ((categories = kk_catalog_list_categories (db, error)) == NULL ||
      (areas = kk_catalog_list_areas (db, error)) == NULL ||
      (requirements = kk_catalog_list (db, NULL, error)) == NULL)
    return NULL;
  if (requirements->len == 0)
    {
      g_set_error_literal (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_NOT_FOUND,
                           _("The catalogue holds no current requirements to export"));
      return NULL;
    }

  out = g_string_sized_new (4096 + requirements->len * 2048);
  g_string_append_c (out, '{');
  json_member (out, 1, TRUE, "format");
  json_string (out, FORMAT_NAME);
  json_member (out, 1, FALSE, "format_version");
  g_string_append_printf (out, "%d", FORMAT_VERSION);
  json_member (out, 1, FALSE, "name");
  json_string (out, v.name);
  json_member (out, 1, FALSE, "version");
  json_string (out, v.version);
  json_member (out, 1, FALSE, "published");
  json_string (out, v.published);
  json_member (out, 1, FALSE, "source_note");
  json_string (out, v.source_note);

  json_member (out, 1, FALSE, "categories");
  g_string_append_c (out, '[');
  for (guint i = 0; i < categories->len; i++)
    {
      KkCategory *c = g_ptr_array_index (categories, i);

      if (i > 0)
        g_string_append_c (out, ',');
      indent (out, 2);
      g_string_append_c (out, '{');
      json_member (out, 3, TRUE, "key");
      json_string (out, c->key);
      json_bilingual (out, 3, "name", c->name_sv, c->name_en);
      indent (out, 2);
      g_string_append_c (out, '}');
    }
  if (categories->len > 0)
    indent (out, 1);
  g_string_append_c (out, ']');

  json_member (out, 1, FALSE, "areas");
  g_string_append_c (out, '[');
  for (guint i = 0; i < areas->len; i++)
    {
      KkArea *a = g_ptr_array_index (areas, i);

      if (i > 0)
        g_string_append_c (out, ',');
      indent (out, 2);
      g_string_append_c (out, '{');
      json_member (out, 3, TRUE, "code");
      json_string (out, a->code);
      json_member (out, 3, FALSE, "perspective");
      json_string (out, a->perspective);
      json_bilingual (out, 3, "name", a->name_sv, a->name_en);
      indent (out, 2);
      g_string_append_c (out, '}');
    }
  indent (out, 1);
  g_string_append_c (out, ']');

  json_member (out, 1, FALSE, "requirements");
  g_string_append_c (out, '[');
  for (guint i = 0; i < requirements->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      indent (out, 2);
      json_requirement (out, g_ptr_array_index (requirements, i));
    }
  indent (out, 1);
  g_string_append (out, "]\n}\n");

  *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
kk_catalog_export_json (KkDatabase  *db,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (KK_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((data = catalog_to_json (db, &length, error)) == NULL)
    return FALSE;
  /* Written to a temporary file and renamed: a failed export never leaves
   * half a catalogue behind. */
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* ------------------------------------------------------------------------ */
/* The bundled catalogue                                                    */

GBytes *
kk_catalog_bundled_bytes (void)
{
  GBytes *bytes = g_resource_lookup_data (kk_core_get_resource (), BUNDLED_RESOURCE,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);
  return bytes;
}

gboolean
kk_catalog_ensure_bundled (KkDatabase  *db,
                           GError     **error)
{
  g_autoptr(KkCatalogFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (KK_IS_DATABASE (db), FALSE);

  /* The check and the import share one transaction, so two programs that
   * open a new database at the same moment cannot both import it. */
  if (!kk_database_begin (db, error))
    return FALSE;
  stmt = kk_database_prepare (db, "SELECT count(*) FROM catalog_version", error);
  if (stmt == NULL)
    goto fail;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      kk_database_set_error (db, rc, error);
      goto fail;
    }
  if (count == 0)
    {
      bytes = kk_catalog_bundled_bytes ();
      file = kk_catalog_file_load_bytes (bytes, _("bundled catalogue"), error);
      if (file == NULL || !kk_catalog_import (db, file, FALSE, NULL, error))
        goto fail;
    }
  return kk_database_commit (db, error);

fail:
  kk_database_rollback (db);
  return FALSE;
}
