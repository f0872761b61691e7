// SPDX-License-Identifier: GPL-3.0-or-later
/* kravkoll-cli procurement …, answer …, audit … */
#define G_LOG_DOMAIN "kravkoll-cli"

#include <glib/gi18n.h>

#include "kk-catalog.h"
#include "kk-cli.h"
#include "kk-store.h"

static void
member_string (JsonBuilder *b,
               const char  *key,
               const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Empty text is null: the column is NULL in the database. */
static void
member_string_or_null (JsonBuilder *b,
                       const char  *key,
                       const char  *value)
{
  member_string (b, key, value != NULL && *value != '\0' ? value : NULL);
}

static void
member_int (JsonBuilder *b,
            const char  *key,
            gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  kk_cli_print_json (root);
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* Codes given as separate words, comma-separated, or both. */
static GStrv
split_codes (int    argc,
             char **argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int i = 0; i < argc; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (argv[i], ", \t\n", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        if (*parts[j] != '\0')
          g_strv_builder_add (builder, parts[j]);
    }
  return g_strv_builder_end (builder);
}

static KkProcurement *
find_procurement (KkDatabase  *db,
                  const char  *ref,
                  int         *status)
{
  g_autoptr(GError) error = NULL;
  KkProcurement *p = kk_store_find_procurement (db, ref, &error);

  if (p == NULL)
    *status = kk_cli_fail_error (error);
  return p;
}

static KkSupplier *
find_supplier (KkDatabase  *db,
               const char  *ref,
               int         *status)
{
  g_autoptr(GError) error = NULL;
  KkSupplier *s = kk_store_find_supplier (db, ref, &error);

  if (s == NULL)
    *status = kk_cli_fail_error (error);
  return s;
}

/* ------------------------------------------------------------------ */
/* procurement */

static GStrv
all_codes (KkDatabase  *db,
           GError     **error)
{
  KkCatalogQuery query = { 0 };
  g_autoptr(GPtrArray) requirements = kk_catalog_list (db, &query, error);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (requirements == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < requirements->len; i++)
    {
      KkRequirement *r = g_ptr_array_index (requirements, i);

      if (!r->retired)
        g_strv_builder_add (builder, r->code);
    }
  return g_strv_builder_end (builder);
}

static int
procurement_create (KkCli *cli, int argc, char **argv)
{
  g_autofree char *title = NULL, *dnr = NULL, *unit = NULL, *category = NULL;
  g_autofree char *deadline = NULL, *note = NULL, *requirements = NULL;
  gboolean all = FALSE, suggested = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_auto(GStrv) codes = NULL;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the procurement"), N_("TITLE") },
    { "dnr", 0, 0, G_OPTION_ARG_STRING, &dnr, N_("Registration number (diarienummer)"), N_("DNR") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Administration or company that procures"), N_("UNIT") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Procurement category key (it, construction…)"), N_("KEY") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("Last day for tenders"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), N_("TEXT") },
    { "requirements", 0, 0, G_OPTION_ARG_STRING, &requirements, N_("Requirement codes to include"), N_("CODE,CODE…") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Include every current requirement"), NULL },
    { "suggested", 0, 0, G_OPTION_ARG_NONE, &suggested, N_("Include the requirements suggested for the category"), NULL },
    { NULL }
  };
  KkProcurementInput input = { 0 };
  KkDatabase *db;

  if (!kk_cli_parse ("procurement create", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (title == NULL || dnr == NULL || argc > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("procurement create needs --title and --dnr"));
  if ((requirements != NULL) + all + suggested > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("use only one of --requirements, --all and --suggested"));
  if (suggested && category == NULL)
    return kk_cli_fail (KK_EXIT_USAGE, _("--suggested needs --category"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;

  input.title = title;
  input.dnr = dnr;
  input.unit = unit;
  input.category = category;
  input.deadline = deadline;
  input.note = note;

  /* The procurement and its requirements are one change: a bad code
   * leaves no half-made procurement behind. */
  if (!kk_database_begin (db, &error))
    return kk_cli_fail_error (error);
  if ((p = kk_store_create_procurement (db, &input, &error)) == NULL)
    goto fail;
  if (requirements != NULL)
    codes = split_codes (1, &requirements);
  else if (all)
    codes = all_codes (db, &error);
  else if (suggested)
    codes = kk_store_suggested_codes (db, category, &error);
  if ((requirements || all || suggested) && codes == NULL)
    goto fail;
  if (codes != NULL && codes[0] != NULL &&
      !kk_store_procurement_add_requirements (db, p->id, (const char * const *) codes, &error))
    goto fail;
  if (!kk_database_commit (db, &error))
    return kk_cli_fail_error (error);

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", p->id, p->dnr, p->title);
  return KK_EXIT_OK;

fail:
  kk_database_rollback (db);
  return kk_cli_fail_error (error);
}

static JsonNode *
procurement_to_json (KkProcurement *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  member_int (b, "id", p->id);
  member_string (b, "title", p->title);
  member_string (b, "dnr", p->dnr);
  member_string (b, "unit", p->unit);
  member_string (b, "category", p->category);
  member_string (b, "status", p->status);
  member_string (b, "deadline", p->deadline);
  member_string (b, "created", p->created);
  member_string (b, "published_at", p->published_at);
  member_string (b, "catalog_version", p->catalog_version);
  member_int (b, "requirements", p->n_requirements);
  member_int (b, "suppliers", p->n_suppliers);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
procurement_list (KkCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL, *status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only procurements with this status (draft, published, evaluating, decided)"), N_("STATUS") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), N_("FORMAT") },
    { NULL }
  };
  KkDatabase *db;
  int json;

  if (!kk_cli_parse ("procurement list", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("procurement list takes no arguments"));
  if ((json = kk_cli_format_is_json (format)) < 0)
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((list = kk_store_list_procurements (db, status, &error)) == NULL)
    return kk_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (array, procurement_to_json (g_ptr_array_index (list, i)));
      json_node_take_array (root, array);
      kk_cli_print_json (root);
      return KK_EXIT_OK;
    }

  for (guint i = 0; i < list->len; i++)
    {
      KkProcurement *p = g_ptr_array_index (list, i);
      g_autofree char *id = int_text (p->id);
      g_autofree char *nreq = int_text (p->n_requirements);
      g_autofree char *nsup = int_text (p->n_suppliers);

      kk_cli_print_tsv_row (id, p->dnr, p->status, p->title, nreq, nsup,
                            p->deadline ? p->deadline : "", NULL);
    }
  return KK_EXIT_OK;
}

static int
procurement_show (KkCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), N_("FORMAT") },
    { NULL }
  };
  KkDatabase *db;
  int json, status = KK_EXIT_OK;

  if (!kk_cli_parse ("procurement show", N_("PROCUREMENT"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("procurement show needs one PROCUREMENT (id or dnr)"));
  if ((json = kk_cli_format_is_json (format)) < 0)
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL)
    return status;
  if ((items = kk_store_procurement_requirements (db, p->id, &error)) == NULL)
    return kk_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < items->len; i++)
        {
          KkChecklistItem *item = g_ptr_array_index (items, i);

          json_builder_begin_object (b);
          member_int (b, "position", item->position);
          member_string (b, "code", item->code);
          member_int (b, "revision", item->revision);
          member_int (b, "requirement", item->requirement);
          member_string (b, "area", item->area);
          member_string (b, "obligation", item->obligation);
          member_string (b, "kind", item->kind);
          member_string (b, "level", item->level);
          member_string (b, "title_sv", item->title_sv);
          member_string (b, "title_en", item->title_en);
          member_string (b, "text_sv", item->text_sv);
          member_string (b, "text_en", item->text_en);
          json_builder_set_member_name (b, "newer_revision");
          json_builder_add_boolean_value (b, item->newer_revision);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_builder (b);
      return KK_EXIT_OK;
    }

  for (guint i = 0; i < items->len; i++)
    {
      KkChecklistItem *item = g_ptr_array_index (items, i);
      g_autofree char *position = int_text (item->position);
      g_autofree char *revision = int_text (item->revision);

      kk_cli_print_tsv_row (position, item->code, revision, item->obligation, item->title_sv,
                            item->newer_revision ? "1" : "0", NULL);
    }
  return KK_EXIT_OK;
}

static int
procurement_edit (KkCli *cli, int argc, char **argv)
{
  g_autofree char *title = NULL, *dnr = NULL, *unit = NULL, *category = NULL, *deadline = NULL, *note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the procurement"), N_("TITLE") },
    { "dnr", 0, 0, G_OPTION_ARG_STRING, &dnr, N_("Registration number (diarienummer)"), N_("DNR") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Administration or company that procures"), N_("UNIT") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Procurement category key; empty for none"), N_("KEY") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("Last day for tenders; empty for none"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), N_("TEXT") },
    { NULL }
  };
  KkProcurementInput input = { 0 };
  KkDatabase *db;
  int status = KK_EXIT_OK;

  if (!kk_cli_parse ("procurement edit", N_("PROCUREMENT"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("procurement edit needs one PROCUREMENT (id or dnr)"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL)
    return status;

  /* Options not given keep their value. */
  input.title = title ? title : p->title;
  input.dnr = dnr ? dnr : p->dnr;
  input.unit = unit ? unit : p->unit;
  input.category = category ? category : p->category;
  input.deadline = deadline ? deadline : p->deadline;
  input.note = note ? note : p->note;
  /* If another program changed it since it was read just above, the
   * values kept would undo that change: refused instead. */
  input.expected = p;
  if (!kk_store_update_procurement (db, p->id, &input, &error))
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

typedef enum {
  CODES_ADD,
  CODES_REMOVE,
} CodesAction;

static int
procurement_codes (KkCli *cli, int argc, char **argv, CodesAction action)
{
  const char *command = action == CODES_ADD ? "procurement add-requirements" : "procurement remove-requirements";
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_auto(GStrv) codes = NULL;
  GOptionEntry entries[] = { { NULL } };
  KkDatabase *db;
  int status = KK_EXIT_OK;
  gboolean ok;

  if (!kk_cli_parse (command, N_("PROCUREMENT CODE…"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  codes = argc > 2 ? split_codes (argc - 2, argv + 2) : NULL;
  if (codes == NULL || codes[0] == NULL)
    return kk_cli_fail (KK_EXIT_USAGE, _("%s needs a PROCUREMENT (id or dnr) and at least one requirement code"), command);
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL)
    return status;

  if (action == CODES_ADD)
    ok = kk_store_procurement_add_requirements (db, p->id, (const char * const *) codes, &error);
  else
    ok = kk_store_procurement_remove_requirements (db, p->id, (const char * const *) codes, &error);
  if (!ok)
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

static int
procurement_move (KkCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  GOptionEntry entries[] = { { NULL } };
  KkDatabase *db;
  int status = KK_EXIT_OK;
  gint64 position;

  if (!kk_cli_parse ("procurement move", N_("PROCUREMENT CODE POSITION"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 4)
    return kk_cli_fail (KK_EXIT_USAGE, _("procurement move needs PROCUREMENT CODE POSITION (0 is the first position)"));
  if (!g_ascii_string_to_signed (argv[3], 10, 0, G_MAXINT, &position, NULL))
    return kk_cli_fail (KK_EXIT_USAGE, _("the position “%s” is not a number from 0 up"), argv[3]);
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL)
    return status;
  if (!kk_store_procurement_move_requirement (db, p->id, argv[2], (int) position, &error))
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

static int
procurement_set_obligation (KkCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  GOptionEntry entries[] = { { NULL } };
  KkDatabase *db;
  int status = KK_EXIT_OK;

  if (!kk_cli_parse ("procurement set-obligation", N_("PROCUREMENT CODE shall|should"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 4)
    return kk_cli_fail (KK_EXIT_USAGE, _("procurement set-obligation needs PROCUREMENT CODE shall|should"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL)
    return status;
  if (!kk_store_procurement_set_obligation (db, p->id, argv[2], argv[3], &error))
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

static int
procurement_set_status (KkCli *cli, int argc, char **argv, const char *fixed_status)
{
  const char *command = fixed_status ? "procurement publish" : "procurement set-status";
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  GOptionEntry entries[] = { { NULL } };
  KkDatabase *db;
  int status = KK_EXIT_OK;
  int wanted = fixed_status ? 2 : 3;

  if (!kk_cli_parse (command, fixed_status ? N_("PROCUREMENT") : N_("PROCUREMENT STATUS"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != wanted)
    return kk_cli_fail (KK_EXIT_USAGE, fixed_status
                                       ? _("procurement publish needs one PROCUREMENT (id or dnr)")
                                       : _("procurement set-status needs PROCUREMENT STATUS (published, evaluating or decided)"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL)
    return status;
  if (!kk_store_procurement_set_status (db, p->id, fixed_status ? fixed_status : argv[2], &error))
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

static int
procurement_supplier (KkCli *cli, int argc, char **argv, gboolean add)
{
  const char *command = add ? "procurement add-supplier" : "procurement remove-supplier";
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  GOptionEntry entries[] = { { NULL } };
  KkDatabase *db;
  int status = KK_EXIT_OK;
  gboolean ok;

  if (!kk_cli_parse (command, N_("PROCUREMENT SUPPLIER"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 3)
    return kk_cli_fail (KK_EXIT_USAGE, _("%s needs PROCUREMENT (id or dnr) and SUPPLIER (id or organisation number)"), command);
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL ||
      (s = find_supplier (db, argv[2], &status)) == NULL)
    return status;
  if (add)
    ok = kk_store_procurement_add_supplier (db, p->id, s->id, &error);
  else
    ok = kk_store_procurement_remove_supplier (db, p->id, s->id, &error);
  if (!ok)
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

int
kk_cli_procurement (KkCli *cli, int argc, char **argv)
{
  const char *sub = argc >= 2 ? argv[1] : NULL;

  if (sub == NULL)
    return kk_cli_fail (KK_EXIT_USAGE,
                        _("procurement needs a subcommand: create, list, show, edit, add-requirements, "
                          "remove-requirements, move, set-obligation, publish, set-status, add-supplier "
                          "or remove-supplier"));
  argc--;
  argv++;
  if (g_str_equal (sub, "create"))
    return procurement_create (cli, argc, argv);
  if (g_str_equal (sub, "list"))
    return procurement_list (cli, argc, argv);
  if (g_str_equal (sub, "show"))
    return procurement_show (cli, argc, argv);
  if (g_str_equal (sub, "edit"))
    return procurement_edit (cli, argc, argv);
  if (g_str_equal (sub, "add-requirements"))
    return procurement_codes (cli, argc, argv, CODES_ADD);
  if (g_str_equal (sub, "remove-requirements"))
    return procurement_codes (cli, argc, argv, CODES_REMOVE);
  if (g_str_equal (sub, "move"))
    return procurement_move (cli, argc, argv);
  if (g_str_equal (sub, "set-obligation"))
    return procurement_set_obligation (cli, argc, argv);
  if (g_str_equal (sub, "publish"))
    return procurement_set_status (cli, argc, argv, "published");
  if (g_str_equal (sub, "set-status"))
    return procurement_set_status (cli, argc, argv, NULL);
  if (g_str_equal (sub, "add-supplier"))
    return procurement_supplier (cli, argc, argv, TRUE);
  if (g_str_equal (sub, "remove-supplier"))
    return procurement_supplier (cli, argc, argv, FALSE);
  return kk_cli_fail (KK_EXIT_USAGE, _("unknown procurement subcommand “%s”"), sub);
}

/* ------------------------------------------------------------------ */
/* answer */

static int
answer_set (KkCli *cli, int argc, char **argv)
{
  g_autofree char *comment = NULL, *evidence = NULL, *valid_until = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("The officer's comment (empty to clear)"), N_("TEXT") },
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence, N_("What the answer rests on (empty to clear)"), N_("TEXT") },
    { "valid-until", 0, 0, G_OPTION_ARG_STRING, &valid_until, N_("Last day the evidence is valid (empty to clear)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  KkAnswerInput input = { 0 };
  KkDatabase *db;
  int status = KK_EXIT_OK;

  if (!kk_cli_parse ("answer set", N_("PROCUREMENT SUPPLIER CODE STATUS"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 5)
    return kk_cli_fail (KK_EXIT_USAGE,
                        _("answer set needs PROCUREMENT SUPPLIER CODE STATUS "
                          "(STATUS: unanswered, met, partly_met, not_met or not_applicable)"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL ||
      (s = find_supplier (db, argv[2], &status)) == NULL)
    return status;

  /* Options not given keep what the answer says when it is written (the
   * store reads it in the same transaction: a change another process made
   * meanwhile stays). */
  input.status = argv[4];
  input.comment = comment;
  input.evidence = evidence;
  input.valid_until = valid_until;
  if (!kk_store_set_answer (db, p->id, s->id, argv[3], &input, NULL, &error))
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

static void
answer_to_json (JsonBuilder     *b,
                KkSupplier      *s,
                KkChecklistItem *item)
{
  json_builder_begin_object (b);
  member_string (b, "code", item->code);
  member_string (b, "org_number", s->org_number);
  member_string (b, "supplier", s->name);
  member_string (b, "status", item->status);
  member_string (b, "comment", item->comment);
  member_string (b, "evidence", item->evidence);
  member_string_or_null (b, "valid_until", item->valid_until);
  member_string (b, "checked_by", item->checked_by);
  member_string_or_null (b, "checked_at", item->checked_at);
  member_string (b, "obligation", item->obligation);
  json_builder_end_object (b);
}

static int
answer_list (KkCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) suppliers = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), N_("FORMAT") },
    { NULL }
  };
  KkDatabase *db;
  int json, status = KK_EXIT_OK;

  if (!kk_cli_parse ("answer list", N_("PROCUREMENT [SUPPLIER]"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 2 && argc != 3)
    return kk_cli_fail (KK_EXIT_USAGE, _("answer list needs PROCUREMENT and optionally SUPPLIER"));
  if ((json = kk_cli_format_is_json (format)) < 0)
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL)
    return status;

  if (argc == 3)
    {
      KkSupplier *s = find_supplier (db, argv[2], &status);

      if (s == NULL)
        return status;
      suppliers = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (suppliers, s);
    }
  else if ((suppliers = kk_store_procurement_suppliers (db, p->id, &error)) == NULL)
    return kk_cli_fail_error (error);

  b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < suppliers->len; i++)
    {
      KkSupplier *s = g_ptr_array_index (suppliers, i);
      g_autoptr(GPtrArray) items = kk_store_checklist (db, p->id, s->id, &error);

      if (items == NULL)
        return kk_cli_fail_error (error);
      for (guint j = 0; j < items->len; j++)
        {
          KkChecklistItem *item = g_ptr_array_index (items, j);

          if (json)
            answer_to_json (b, s, item);
          else
            kk_cli_print_tsv_row (item->code, s->org_number, s->name, item->status, item->comment,
                                  item->evidence, item->valid_until, item->checked_by, item->checked_at,
                                  item->obligation, NULL);
        }
    }
  json_builder_end_array (b);
  if (json)
    print_builder (b);
  return KK_EXIT_OK;
}

static void
print_summary (KkProcurement      *p,
               KkSupplier         *s,
               KkChecklistSummary *summary,
               gboolean            json)
{
  const struct { const char *key; guint value; } counts[] = {
    { "total", summary->total },
    { "answered", summary->answered },
    { "shall_total", summary->shall_total },
    { "shall_met", summary->shall_met },
    { "shall_not_met", summary->shall_not_met },
    { "shall_unanswered", summary->shall_unanswered },
  };

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      member_int (b, "procurement", p->id);
      member_string (b, "dnr", p->dnr);
      member_string (b, "org_number", s->org_number);
      member_string (b, "supplier", s->name);
      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        member_int (b, counts[i].key, counts[i].value);
      json_builder_set_member_name (b, "shortcomings");
      json_builder_begin_array (b);
      for (guint i = 0; i < summary->shortcomings->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (summary->shortcomings, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_builder (b);
    }
  else
    {
      g_autoptr(GString) shortcomings = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        {
          g_autofree char *value = int_text (counts[i].value);

          kk_cli_print_tsv_row (counts[i].key, value, NULL);
        }
      for (guint i = 0; i < summary->shortcomings->len; i++)
        g_string_append_printf (shortcomings, "%s%s", i ? "," : "",
                                (const char *) g_ptr_array_index (summary->shortcomings, i));
      kk_cli_print_tsv_row ("shortcomings", shortcomings->str, NULL);
    }
}

static int
answer_summary (KkCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(KkSupplier) s = NULL;
  KkChecklistSummary summary = { 0 };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), N_("FORMAT") },
    { NULL }
  };
  KkDatabase *db;
  int json, status = KK_EXIT_OK;

  if (!kk_cli_parse ("answer summary", N_("PROCUREMENT SUPPLIER"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 3)
    return kk_cli_fail (KK_EXIT_USAGE, _("answer summary needs PROCUREMENT and SUPPLIER"));
  if ((json = kk_cli_format_is_json (format)) < 0)
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((p = find_procurement (db, argv[1], &status)) == NULL ||
      (s = find_supplier (db, argv[2], &status)) == NULL)
    return status;
  if (!kk_store_checklist_summary (db, p->id, s->id, &summary, &error))
    return kk_cli_fail_error (error);
  print_summary (p, s, &summary, json);
  kk_checklist_summary_clear (&summary);
  return KK_EXIT_OK;
}

int
kk_cli_answer (KkCli *cli, int argc, char **argv)
{
  if (argc < 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("answer needs a subcommand: set, list or summary"));
  if (g_str_equal (argv[1], "set"))
    return answer_set (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return answer_list (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "summary"))
    return answer_summary (cli, argc - 1, argv + 1);
  return kk_cli_fail (KK_EXIT_USAGE, _("unknown answer subcommand “%s”"), argv[1]);
}

/* ------------------------------------------------------------------ */
/* audit */

static int
audit_list (KkCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL, *procurement = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkProcurement) p = NULL;
  g_autoptr(GPtrArray) entries_list = NULL;
  GOptionEntry entries[] = {
    { "procurement", 0, 0, G_OPTION_ARG_STRING, &procurement, N_("Only the changes to this procurement (id or dnr)"), N_("PROCUREMENT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), N_("FORMAT") },
    { NULL }
  };
  KkDatabase *db;
  int json, status = KK_EXIT_OK;

  if (!kk_cli_parse ("audit list", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("audit list takes no arguments"));
  if ((json = kk_cli_format_is_json (format)) < 0)
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if (procurement != NULL && (p = find_procurement (db, procurement, &status)) == NULL)
    return status;
  if ((entries_list = kk_store_list_audit (db, p ? p->id : 0, &error)) == NULL)
    return kk_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < entries_list->len; i++)
        {
          KkAuditEntry *e = g_ptr_array_index (entries_list, i);
          JsonObject *object = json_object_new ();
          JsonNode *detail = NULL;

          json_object_set_int_member (object, "id", e->id);
          json_object_set_string_member (object, "at", e->at);
          json_object_set_string_member (object, "actor", e->actor);
          json_object_set_string_member (object, "action", e->action);
          json_object_set_string_member (object, "entity", e->entity);
          if (e->entity_id > 0)
            json_object_set_int_member (object, "entity_id", e->entity_id);
          else
            json_object_set_null_member (object, "entity_id");
          if (e->procurement > 0)
            json_object_set_int_member (object, "procurement", e->procurement);
          else
            json_object_set_null_member (object, "procurement");
          /* The detail is stored as JSON text; scripts get it as an object. */
          if (e->detail != NULL && *e->detail != '\0')
            detail = json_from_string (e->detail, NULL);
          if (detail == NULL && e->detail != NULL && *e->detail != '\0')
            {
              detail = json_node_new (JSON_NODE_VALUE);
              json_node_set_string (detail, e->detail);
            }
          if (detail != NULL)
            json_object_set_member (object, "detail", detail);
          else
            json_object_set_null_member (object, "detail");
          json_array_add_object_element (array, object);
        }
      json_node_take_array (root, array);
      kk_cli_print_json (root);
      return KK_EXIT_OK;
    }

  for (guint i = 0; i < entries_list->len; i++)
    {
      KkAuditEntry *e = g_ptr_array_index (entries_list, i);
      g_autofree char *id = int_text (e->id);
      g_autofree char *entity_id = e->entity_id > 0 ? int_text (e->entity_id) : g_strdup ("");
      g_autofree char *proc = e->procurement > 0 ? int_text (e->procurement) : g_strdup ("");

      kk_cli_print_tsv_row (id, e->at, e->actor, e->action, e->entity, entity_id, proc,
                            e->detail ? e->detail : "", NULL);
    }
  return KK_EXIT_OK;
}

int
kk_cli_audit (KkCli *cli, int argc, char **argv)
{
  if (argc < 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("audit needs a subcommand: list"));
  if (g_str_equal (argv[1], "list"))
    return audit_list (cli, argc - 1, argv + 1);
  return kk_cli_fail (KK_EXIT_USAGE, _("unknown audit subcommand “%s”"), argv[1]);
}
