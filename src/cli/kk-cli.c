// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kravkoll-cli"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "kk-catalog.h"
#include "kk-cli.h"

static const struct {
  const char       *name;
  KkCliCommandFunc  func;
} commands[] = {
  { "supplier", kk_cli_supplier },
  { "procurement", kk_cli_procurement },
  { "answer", kk_cli_answer },
  { "audit", kk_cli_audit },
  { "catalog", kk_cli_catalog },
  { "appendix", kk_cli_appendix },
  { "checklist", kk_cli_checklist },
  { "matrix", kk_cli_matrix },
  { "demo", kk_cli_demo },
  { "backup", kk_cli_backup },
};

int
kk_cli_fail (int status, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("kravkoll-cli: %s\n", message);
  return status;
}

int
kk_cli_fail_error (const GError *error)
{
  return kk_cli_fail (KK_EXIT_REFUSED, "%s", error->message);
}

KkDatabase *
kk_cli_open_db (KkCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->db != NULL)
    return cli->db;

  cli->db = kk_database_open (cli->db_path, &error);
  if (cli->db == NULL || !kk_catalog_ensure_bundled (cli->db, &error))
    {
      g_clear_object (&cli->db);
      kk_cli_fail_error (error);
      return NULL;
    }
  return cli->db;
}

gboolean
kk_cli_parse (const char   *command,
              const char   *parameter_string,
              GOptionEntry *entries,
              int          *argc,
              char       ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strdup_printf ("%s %s", command, parameter_string ? parameter_string : "");

  context = g_option_context_new (full);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("kravkoll-cli %s: %s\n\n%s", command, error->message, help);
      return FALSE;
    }
  return TRUE;
}

int
kk_cli_format_is_json (const char *format)
{
  if (format == NULL || g_strcmp0 (format, "tsv") == 0)
    return FALSE;
  if (g_strcmp0 (format, "json") == 0)
    return TRUE;
  kk_cli_fail (KK_EXIT_USAGE, _("unknown format “%s”: use tsv or json"), format);
  return -1;
}

void
kk_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
print_tsv_value (const char *value)
{
  for (const char *p = value ? value : ""; *p; p++)
    fputc ((*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p, stdout);
}

void
kk_cli_print_tsv_row (const char *first, ...)
{
  va_list args;

  print_tsv_value (first);
  va_start (args, first);
  for (const char *v = va_arg (args, const char *); v != NULL; v = va_arg (args, const char *))
    {
      fputc ('\t', stdout);
      /* An empty column is passed as "" so NULL can end the list. */
      print_tsv_value (v);
    }
  va_end (args);
  fputc ('\n', stdout);
}

static int
cmd_init (KkCli *cli)
{
  KkDatabase *db = kk_cli_open_db (cli);
  g_autofree char *version = NULL;

  if (db == NULL)
    return KK_EXIT_REFUSED;
  version = kk_catalog_describe_current_version (db);
  g_print (_("Database %s ready (schema %d, catalogue %s)\n"),
           kk_database_get_path (db), kk_database_get_schema_version (db),
           version ? version : _("none"));
  return KK_EXIT_OK;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: kravkoll-cli [--db PATH] COMMAND …\n"
             "\n"
             "Commands:\n"
             "  init                                   create or upgrade the database\n"
             "  catalog list|import|export|areas       the requirement catalogue\n"
             "  supplier add|edit|delete|list          the supplier register\n"
             "  procurement create|list|show|…         procurements and their requirements\n"
             "  answer set|list                        checklist answers\n"
             "  audit list                             the audit trail\n"
             "  appendix PROCUREMENT -o FILE.pdf       the requirement appendix\n"
             "  checklist export|import                the supplier's checklist workbook\n"
             "  matrix PROCUREMENT -o FILE.xlsx        the comparison matrix\n"
             "  demo                                   generate a large demo database\n"
             "  backup -o FILE                         copy the database safely\n"
             "\n"
             "Options:\n"
             "  --db PATH      database file (default: $KRAVKOLL_DB or ~/.local/share/kravkoll/kravkoll.db)\n"
             "  --help         show this help\n"
             "  --version      show the version\n"
             "\n"
             "Exit status: 0 done, 1 refused (nothing changed), 2 usage error.\n"));
}

int
main (int    argc,
      char **argv)
{
  KkCli cli = { 0 };
  int status = KK_EXIT_USAGE;
  int i;

  setlocale (LC_ALL, "");
  /* KRAVKOLL_LOCALEDIR lets an uninstalled build use its own translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KRAVKOLL_LOCALEDIR") ? g_getenv ("KRAVKOLL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command word. */
  for (i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--help") == 0 || g_strcmp0 (argv[i], "-h") == 0)
        {
          print_usage (stdout);
          return KK_EXIT_OK;
        }
      else if (g_strcmp0 (argv[i], "--version") == 0)
        {
          g_print ("kravkoll-cli %s\n", PACKAGE_VERSION);
          return KK_EXIT_OK;
        }
      else if (g_strcmp0 (argv[i], "--db") == 0)
        {
          if (i + 1 >= argc)
            return kk_cli_fail (KK_EXIT_USAGE, _("--db needs a file name"));
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[i] + strlen ("--db="));
        }
      else if (argv[i][0] == '-')
        {
          print_usage (stderr);
          return kk_cli_fail (KK_EXIT_USAGE, _("unknown option “%s”"), argv[i]);
        }
      else
        break;
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return KK_EXIT_USAGE;
    }

  if (cli.db_path == NULL)
    cli.db_path = kk_database_default_path ();

  if (g_strcmp0 (argv[i], "init") == 0)
    status = cmd_init (&cli);
  else
    {
      gboolean found = FALSE;

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        if (g_strcmp0 (argv[i], commands[c].name) == 0)
          {
            status = commands[c].func (&cli, argc - i, argv + i);
            found = TRUE;
            break;
          }
      if (!found)
        {
          print_usage (stderr);
          status = kk_cli_fail (KK_EXIT_USAGE, _("unknown command “%s”"), argv[i]);
        }
    }

  g_clear_object (&cli.db);
  g_free (cli.db_path);
  return status;
}
