// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-help-window"

#include <glib/gi18n.h>

#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-help-window.h"

struct _KkHelpWindow
{
  AdwWindow  parent_instance;

  const char *language;
  char       *title;

  GtkBox     *content_box;
};

G_DEFINE_FINAL_TYPE (KkHelpWindow, kk_help_window, ADW_TYPE_WINDOW)

const char *
kk_help_language (void)
{
  return kk_gui_util_ui_language ();
}

char *
kk_help_inline_markup (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean bold = FALSE, italic = FALSE, code = FALSE;

  for (const char *p = text; p != NULL && *p; p++)
    {
      if (code && *p != '`')
        {
          switch (*p)
            {
            case '&': g_string_append (out, "&amp;"); break;
            case '<': g_string_append (out, "&lt;"); break;
            case '>': g_string_append (out, "&gt;"); break;
            default: g_string_append_c (out, *p);
            }
          continue;
        }
      switch (*p)
        {
        case '`':
          g_string_append (out, code ? "</tt>" : "<tt>");
          code = !code;
          break;
        case '*':
          if (p[1] == '*')
            {
              g_string_append (out, bold ? "</b>" : "<b>");
              bold = !bold;
              p++;
            }
          else if (italic || (p[1] != '\0' && !g_ascii_isspace (p[1])))
            {
              g_string_append (out, italic ? "</i>" : "<i>");
              italic = !italic;
            }
          else
            g_string_append_c (out, '*');
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  /* Close what the text left open, innermost first. */
  if (code)
    g_string_append (out, "</tt>");
  if (italic)
    g_string_append (out, "</i>");
  if (bold)
    g_string_append (out, "</b>");
  return g_string_free (out, FALSE);
}

static GtkWidget *
text_label (const char *markdown,
            const char *css_class)
{
  g_autofree char *markup = kk_help_inline_markup (markdown);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Not selectable: the first selectable label would take the focus with
   * all its text selected when the window opens. */
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char **
table_cells (const char *line)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (line));
  char **cells;
  gsize len = strlen (trimmed);

  if (len > 0 && trimmed[0] == '|')
    memmove (trimmed, trimmed + 1, len--);
  if (len > 0 && trimmed[len - 1] == '|')
    trimmed[--len] = '\0';
  cells = g_strsplit (trimmed, "|", -1);
  for (guint i = 0; cells[i] != NULL; i++)
    g_strstrip (cells[i]);
  return cells;
}

static gboolean
is_separator_row (char **cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    for (const char *p = cells[i]; *p; p++)
      if (*p != '-' && *p != ':' && *p != ' ')
        return FALSE;
  return TRUE;
}

static void
flush_paragraph (KkHelpWindow *self,
                 GString      *paragraph)
{
  if (paragraph->len == 0)
    return;
  gtk_box_append (self->content_box, text_label (paragraph->str, NULL));
  g_string_truncate (paragraph, 0);
}

static void
add_table (KkHelpWindow *self,
           GPtrArray    *rows)   /* char ** */
{
  GtkWidget *grid = gtk_grid_new ();
  int r = 0;

  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  gtk_widget_add_css_class (grid, "kk-help-table");
  gtk_widget_set_overflow (grid, GTK_OVERFLOW_HIDDEN);
  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);

      if (is_separator_row (cells))
        continue;
      for (int c = 0; cells[c] != NULL; c++)
        {
          GtkWidget *label = text_label (cells[c], r == 0 ? "heading" : NULL);

          gtk_grid_attach (GTK_GRID (grid), label, c, r, 1, 1);
        }
      r++;
    }
  gtk_box_append (self->content_box, grid);
}

static void
render (KkHelpWindow *self,
        const char   *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GtkWidget *list = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *text = line;
      gboolean bullet = FALSE;

      while (*text == ' ')
        text++;
      bullet = (text[0] == '*' || text[0] == '-') && text[1] == ' ';

      if (text[0] != '|' && table->len > 0)
        {
          add_table (self, table);
          g_ptr_array_set_size (table, 0);
        }

      if (*text == '\0')
        {
          flush_paragraph (self, paragraph);
          list = NULL;
        }
      else if (text[0] == '#')
        {
          guint level = 0;
          const char *css;

          flush_paragraph (self, paragraph);
          list = NULL;
          while (text[level] == '#')
            level++;
          text += level;
          while (*text == ' ')
            text++;
          css = level == 1 ? "title-1" : level == 2 ? "title-3" : "heading";
          {
            GtkWidget *label = text_label (text, css);

            if (level > 1)
              gtk_widget_set_margin_top (label, 12);
            gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) level, -1);
            gtk_box_append (self->content_box, label);
          }
          if (level == 1 && self->title == NULL)
            self->title = g_strdup (text);
        }
      else if (text[0] == '|')
        {
          flush_paragraph (self, paragraph);
          list = NULL;
          g_ptr_array_add (table, table_cells (text));
        }
      else if (bullet)
        {
          GtkWidget *row, *dot;

          flush_paragraph (self, paragraph);
          if (list == NULL)
            {
              list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
              gtk_widget_set_margin_start (list, 6);
              gtk_box_append (self->content_box, list);
            }
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
          dot = gtk_label_new ("•");
          gtk_widget_set_valign (dot, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (row), dot);
          gtk_box_append (GTK_BOX (row), text_label (text + 2, NULL));
          gtk_box_append (GTK_BOX (list), row);
        }
      else if (list != NULL && line[0] == ' ')
        {
          /* A continuation line of the last bullet. */
          GtkWidget *row = gtk_widget_get_last_child (list);
          GtkWidget *label = gtk_widget_get_last_child (row);

          {
            const char *previous = g_object_get_data (G_OBJECT (label), "kk-md");
            g_autofree char *source = NULL;
            g_autofree char *markup = NULL;

            if (previous == NULL)
              previous = "";
            source = g_strconcat (previous, " ", text, NULL);
            markup = kk_help_inline_markup (source);
            gtk_label_set_markup (GTK_LABEL (label), markup);
            g_object_set_data_full (G_OBJECT (label), "kk-md", g_steal_pointer (&source), g_free);
          }
        }
      else
        {
          list = NULL;
          if (paragraph->len > 0)
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, text);
        }

      /* Remember a bullet's source so continuation lines can extend it. */
      if (bullet && list != NULL)
        {
          GtkWidget *row = gtk_widget_get_last_child (list);
          GtkWidget *label = gtk_widget_get_last_child (row);

          g_object_set_data_full (G_OBJECT (label), "kk-md", g_strdup (text + 2), g_free);
        }
    }
  if (table->len > 0)
    add_table (self, table);
  flush_paragraph (self, paragraph);
}

static void
kk_help_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KK_TYPE_HELP_WINDOW);
  G_OBJECT_CLASS (kk_help_window_parent_class)->dispose (object);
}

static void
kk_help_window_finalize (GObject *object)
{
  g_free (KK_HELP_WINDOW (object)->title);
  G_OBJECT_CLASS (kk_help_window_parent_class)->finalize (object);
}

static void
kk_help_window_class_init (KkHelpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->dispose = kk_help_window_dispose;
  object_class->finalize = kk_help_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KkHelpWindow, content_box);
}

static void
kk_help_window_init (KkHelpWindow *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  kk_gui_util_ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->language = kk_help_language ();
  path = g_strdup_printf ("/io/github/kravkoll/Kravkoll/help/%s.md", self->language);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_warning ("The user guide %s is missing: %s", path, error->message);
      gtk_box_append (self->content_box, text_label (_("The user guide is missing from this build."), NULL));
      return;
    }
  render (self, g_bytes_get_data (bytes, NULL));
}

KkHelpWindow *
kk_help_window_new (GtkWindow *parent)
{
  return g_object_new (KK_TYPE_HELP_WINDOW, "transient-for", parent, NULL);
}

const char *
kk_help_window_get_language (KkHelpWindow *self)
{
  g_return_val_if_fail (KK_IS_HELP_WINDOW (self), NULL);

  return self->language;
}

const char *
kk_help_window_get_title (KkHelpWindow *self)
{
  g_return_val_if_fail (KK_IS_HELP_WINDOW (self), NULL);

  return self->title;
}
