// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-preferences-window"

#include <glib/gi18n.h>

#include "kk-gui.h"
#include "kk-preferences-window.h"

struct _KkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwComboRow          *document_language_row;
  AdwEntryRow          *default_unit_row;
  AdwEntryRow          *assessor_name_row;
  AdwPreferencesGroup  *audit_group;
};

G_DEFINE_FINAL_TYPE (KkPreferencesWindow, kk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row lists Svenska, English in this order. */
static const char * const languages[] = { "sv", "en" };

static gboolean
language_to_selected (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *lang = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (lang, languages[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_language (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (languages))
    return NULL;
  return g_variant_new_string (languages[selected]);
}

static void
kk_preferences_window_dispose (GObject *object)
{
  KkPreferencesWindow *self = KK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (kk_preferences_window_parent_class)->dispose (object);
}

static void
kk_preferences_window_class_init (KkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kk_gui_init ();

  object_class->dispose = kk_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KkPreferencesWindow, document_language_row);
  gtk_widget_class_bind_template_child (widget_class, KkPreferencesWindow, default_unit_row);
  gtk_widget_class_bind_template_child (widget_class, KkPreferencesWindow, assessor_name_row);
  gtk_widget_class_bind_template_child (widget_class, KkPreferencesWindow, audit_group);
}

static void
kk_preferences_window_init (KkPreferencesWindow *self)
{
  g_autofree char *description = NULL;
  const char *real_name = g_get_real_name ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "document-language",
                                self->document_language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_to_selected, selected_to_language, NULL, NULL);
  g_settings_bind (self->settings, "default-unit", self->default_unit_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "assessor-name", self->assessor_name_row, "text", G_SETTINGS_BIND_DEFAULT);

  if (real_name == NULL || *real_name == '\0' || g_strcmp0 (real_name, "Unknown") == 0)
    real_name = g_get_user_name ();
  description = g_strdup_printf (_("The name recorded with every change you make. When it is empty, “%s” is used."),
                                 real_name);
  adw_preferences_group_set_description (self->audit_group, description);
}

GtkWidget *
kk_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (KK_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
