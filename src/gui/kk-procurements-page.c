// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-procurements-page"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kk-gui.h"
#include "kk-procurements-page.h"

/* A placeholder until the procurement views are written: an empty state. */
struct _KkProcurementsPage
{
  GtkWidget   parent_instance;

  KkDatabase *db;
};

G_DEFINE_FINAL_TYPE (KkProcurementsPage, kk_procurements_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kk_procurements_page_dispose (GObject *object)
{
  KkProcurementsPage *self = KK_PROCUREMENTS_PAGE (object);
  GtkWidget *child;

  /* The template's top widget is not bound to a field: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_PROCUREMENTS_PAGE);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (kk_procurements_page_parent_class)->dispose (object);
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

  object_class->dispose = kk_procurements_page_dispose;
  object_class->get_property = kk_procurements_page_get_property;
  object_class->set_property = kk_procurements_page_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KK_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-procurements-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kk_procurements_page_init (KkProcurementsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  g_debug ("No procurement views yet; cannot show procurement %" G_GINT64_FORMAT, procurement_id);
}
