// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-window"

#include <glib/gi18n.h>

#include "kk-catalog-page.h"
#include "kk-checklist-view.h"
#include "kk-gui.h"
#include "kk-gui-util.h"
#include "kk-procurements-page.h"
#include "kk-suppliers-page.h"
#include "kk-window-private.h"

struct _KkWindow
{
  AdwApplicationWindow  parent_instance;

  KkDatabase           *db;
  GSettings            *settings;
  KkAfterFrame         *first_page;     /* the page shown first, made after the first frame */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  GtkBox               *main_box;
  AdwSqueezer          *title_squeezer;
  GtkWidget            *window_title;
  AdwViewSwitcherBar   *switcher_bar;   /* made when the window first is narrow */
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
};

G_DEFINE_FINAL_TYPE (KkWindow, kk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

enum {
  DATA_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  /* "show-catalogue" → "catalogue" */
  kk_window_show_page (user_data, name + strlen ("show-"));
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  KkWindow *self = user_data;
  const char *name = kk_window_get_visible_page (self);
  GtkWidget *page = kk_window_get_page (self, name);
  g_autofree char *page_action = g_strconcat (name, ".search", NULL);

  if (page == NULL || !gtk_widget_activate_action (page, page_action, NULL))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
open_uri_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  kk_gui_open_uri (GTK_WIDGET (user_data), g_variant_get_string (parameter, NULL));
}

static void
show_procurement_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  kk_window_show_procurement (user_data, g_variant_get_int64 (parameter));
}

static const GActionEntry win_actions[] = {
  { "show-catalogue", show_page_action },
  { "show-procurements", show_page_action },
  { "show-suppliers", show_page_action },
  { "search", search_action },
  { "open-uri", open_uri_action, "s" },
  { "show-procurement", show_procurement_action, "x" },
};

/* Pages are created when first shown (or asked for with
 * kk_window_get_page ()): until then the stack holds an AdwBin for them.
 * Start-up then builds, loads and measures one page, not three. The page
 * shown first, the catalogue, is built just after the window's first
 * frame: until then its AdwBin shows the spinner the page itself shows
 * while it reads the catalogue, and the first frame costs the header and
 * a spinner, not the page's some 250 widgets. */
typedef GtkWidget *(*PageNewFunc) (KkDatabase *db);

static GQuark
page_new_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("kk-window-page-new");
  return quark;
}

static void
add_page (KkWindow   *self,
          GtkWidget  *page,
          const char *name,
          const char *title,
          const char *icon_name)
{
  AdwViewStackPage *stack_page = adw_view_stack_add_titled (self->stack, page, name, title);

  adw_view_stack_page_set_icon_name (stack_page, icon_name);
}

static void
add_lazy_page (KkWindow    *self,
               PageNewFunc  page_new,
               GtkWidget   *waiting,   /* nullable: shown until the page is made */
               const char  *name,
               const char  *title,
               const char  *icon_name)
{
  GtkWidget *placeholder = adw_bin_new ();

  g_object_set_qdata (G_OBJECT (placeholder), page_new_quark (), page_new);
  g_object_set_data (G_OBJECT (placeholder), "kk-waiting", waiting);
  adw_bin_set_child (ADW_BIN (placeholder), waiting);
  add_page (self, placeholder, name, title, icon_name);
}

/* The page in the stack child @child, or NULL while it is not made. */
static GtkWidget *
made_page (GtkWidget *child)
{
  GtkWidget *page;

  if (child == NULL || g_object_get_qdata (G_OBJECT (child), page_new_quark ()) == NULL)
    return child;   /* created with the window */
  page = adw_bin_get_child (ADW_BIN (child));
  return page == g_object_get_data (G_OBJECT (child), "kk-waiting") ? NULL : page;
}

/* The page in the stack child @child, created now if it is still a
 * placeholder. */
static GtkWidget *
realize_page (KkWindow  *self,
              GtkWidget *child)
{
  PageNewFunc page_new;

  if (child == NULL)
    return NULL;
  page_new = g_object_get_qdata (G_OBJECT (child), page_new_quark ());
  if (page_new == NULL)
    return child;   /* created with the window */
  if (made_page (child) == NULL)
    {
      g_debug ("Creating the “%s” page",
               adw_view_stack_page_get_name (adw_view_stack_get_page (self->stack, child)));
      adw_bin_set_child (ADW_BIN (child), page_new (self->db));
    }
  return adw_bin_get_child (ADW_BIN (child));
}

static void
visible_child_cb (AdwViewStack *stack,
                  GParamSpec   *pspec,
                  KkWindow     *self)
{
  realize_page (self, adw_view_stack_get_visible_child (stack));
}

/* The classes of what the pages made on demand are built of, and the
 * catalogue page is not: initialised once the catalogue is read, when
 * nothing else is to be done, they are not in the click that first shows
 * such a page (about a third of making the procurements page the first
 * time: 2-3 ms here, of 10-16). */
static gboolean
prepare_page_types_cb (gpointer user_data)
{
  GType types[] = {
    KK_TYPE_PROCUREMENTS_PAGE, KK_TYPE_SUPPLIERS_PAGE, KK_TYPE_CHECKLIST_VIEW,
    ADW_TYPE_LEAFLET, ADW_TYPE_LEAFLET_PAGE, ADW_TYPE_STATUS_PAGE, ADW_TYPE_BUTTON_CONTENT,
    ADW_TYPE_VIEW_STACK_PAGE, GTK_TYPE_LIST_BOX, GTK_TYPE_LIST_BOX_ROW, GTK_TYPE_SHORTCUT_CONTROLLER,
    GTK_TYPE_SHORTCUT, GTK_TYPE_MENU_BUTTON, GTK_TYPE_POPOVER_MENU, GTK_TYPE_COLUMN_VIEW_COLUMN,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_type_class_unref (g_type_class_ref (types[i]));
  return G_SOURCE_REMOVE;
}

static void
catalogue_loading_cb (GObject    *page,
                      GParamSpec *pspec,
                      KkWindow   *self)
{
  if (kk_catalog_page_is_loading (KK_CATALOG_PAGE (page)))
    return;
  g_signal_handlers_disconnect_by_func (page, catalogue_loading_cb, self);
  g_idle_add_full (G_PRIORITY_LOW, prepare_page_types_cb, NULL, NULL);
}

static void
make_visible_page (GtkWidget *widget)
{
  KkWindow *self = KK_WINDOW (widget);
  GtkWidget *page = realize_page (self, adw_view_stack_get_visible_child (self->stack));

  if (KK_IS_CATALOG_PAGE (page) && kk_catalog_page_is_loading (KK_CATALOG_PAGE (page)))
    g_signal_connect_object (page, "notify::loading", G_CALLBACK (catalogue_loading_cb), self, 0);
  else
    g_idle_add_full (G_PRIORITY_LOW, prepare_page_types_cb, NULL, NULL);
}

static void
kk_window_map (GtkWidget *widget)
{
  KkWindow *self = KK_WINDOW (widget);

  GTK_WIDGET_CLASS (kk_window_parent_class)->map (widget);
  if (made_page (adw_view_stack_get_visible_child (self->stack)) == NULL && self->first_page == NULL)
    kk_gui_util_after_frame (&self->first_page, widget, make_visible_page);
}

static void
kk_window_constructed (GObject *object)
{
  KkWindow *self = KK_WINDOW (object);
  int width, height;

  G_OBJECT_CLASS (kk_window_parent_class)->constructed (object);

  g_assert (self->db != NULL);

  self->settings = g_settings_new (APP_ID);
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  add_lazy_page (self, kk_catalog_page_new, kk_gui_util_loading_view_new (_("Loading the catalogue…")), "catalogue",
                 /* Translators: the page with the requirement catalogue */
                 _("Catalogue"), "view-list-bullet-symbolic");
  add_lazy_page (self, kk_procurements_page_new, NULL, "procurements",
                 _("Procurements"), "folder-documents-symbolic");
  add_lazy_page (self, kk_suppliers_page_new, NULL, "suppliers",
                 _("Suppliers"), "system-users-symbolic");
  adw_view_stack_set_visible_child_name (self->stack, "catalogue");
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (visible_child_cb), self, 0);
}

static gboolean
kk_window_close_request (GtkWindow *window)
{
  KkWindow *self = KK_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (kk_window_parent_class)->close_request (window);
}

static void
kk_window_dispose (GObject *object)
{
  KkWindow *self = KK_WINDOW (object);

  kk_gui_util_cancel_after_frame (&self->first_page);
  gtk_widget_dispose_template (GTK_WIDGET (self), KK_TYPE_WINDOW);
  G_OBJECT_CLASS (kk_window_parent_class)->dispose (object);
}

static void
kk_window_finalize (GObject *object)
{
  KkWindow *self = KK_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (kk_window_parent_class)->finalize (object);
}

static void
kk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KkWindow *self = KK_WINDOW (object);

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
kk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KkWindow *self = KK_WINDOW (object);

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
kk_window_class_init (KkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  kk_gui_init ();
  g_type_ensure (KK_TYPE_CATALOG_PAGE);
  g_type_ensure (KK_TYPE_PROCUREMENTS_PAGE);
  g_type_ensure (KK_TYPE_SUPPLIERS_PAGE);

  object_class->constructed = kk_window_constructed;
  object_class->dispose = kk_window_dispose;
  object_class->finalize = kk_window_finalize;
  object_class->get_property = kk_window_get_property;
  object_class->set_property = kk_window_set_property;
  widget_class->map = kk_window_map;
  window_class->close_request = kk_window_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KK_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KkWindow::data-changed:
   * @what: "catalogue", "procurements", "suppliers" or "checklists"
   *
   * Emitted with @what as the detail after a page changed data that other
   * pages show.
   */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kravkoll/Kravkoll/kk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KkWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, KkWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, KkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KkWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KkWindow, primary_menu);
}

/* When the header is too narrow for the view switcher, the squeezer shows
 * the title instead and the pages are switched from a bar at the bottom.
 * The bar is a second switcher of some fifty widgets: it is made only when
 * first needed, not with every window. */
static void
title_squeezed_cb (AdwSqueezer *squeezer,
                   GParamSpec  *pspec,
                   KkWindow    *self)
{
  gboolean squeezed = adw_squeezer_get_visible_child (squeezer) == self->window_title;

  if (squeezed && self->switcher_bar == NULL)
    {
      self->switcher_bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
      adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);
      gtk_box_append (self->main_box, GTK_WIDGET (self->switcher_bar));
    }
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_reveal (self->switcher_bar, squeezed);
}

static void
kk_window_init (KkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->title_squeezer, "notify::visible-child", G_CALLBACK (title_squeezed_cb), self);
  /* Built when it first opens: a tenth of what the first frame would
   * otherwise style and lay out. */
  kk_gui_util_set_menu_later (self->primary_menu_button, self->primary_menu);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
}

KkWindow *
kk_window_new (AdwApplication *application,
               KkDatabase     *db)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KK_IS_DATABASE (db), NULL);

  return g_object_new (KK_TYPE_WINDOW, "application", application, "database", db, NULL);
}

KkDatabase *
kk_window_get_database (KkWindow *self)
{
  g_return_val_if_fail (KK_IS_WINDOW (self), NULL);

  return self->db;
}

KkWindow *
kk_window_from_widget (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return KK_IS_WINDOW (root) ? KK_WINDOW (root) : NULL;
}

void
kk_window_add_toast (KkWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (KK_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
kk_window_show_page (KkWindow   *self,
                     const char *name)
{
  g_return_if_fail (KK_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_critical ("No page “%s” in the main window", name);
      return;
    }
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
kk_window_get_visible_page (KkWindow *self)
{
  g_return_val_if_fail (KK_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/* The page itself, created now if it was not shown yet: for the pages
 * created on demand the stack's child is an AdwBin holding the page. */
GtkWidget *
kk_window_get_page (KkWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (KK_IS_WINDOW (self), NULL);

  return name ? realize_page (self, adw_view_stack_get_child_by_name (self->stack, name)) : NULL;
}

GtkWidget *
kk_window_peek_page (KkWindow   *self,
                     const char *name)
{
  g_return_val_if_fail (KK_IS_WINDOW (self), NULL);

  return name ? made_page (adw_view_stack_get_child_by_name (self->stack, name)) : NULL;
}

void
kk_window_show_procurement (KkWindow *self,
                            gint64    procurement_id)
{
  GtkWidget *page;

  g_return_if_fail (KK_IS_WINDOW (self));

  kk_window_show_page (self, "procurements");
  page = kk_window_get_page (self, "procurements");
  if (KK_IS_PROCUREMENTS_PAGE (page))
    kk_procurements_page_select (KK_PROCUREMENTS_PAGE (page), procurement_id);
}

void
kk_window_data_changed (KkWindow   *self,
                        const char *what)
{
  g_return_if_fail (KK_IS_WINDOW (self));
  g_return_if_fail (what != NULL);

  g_signal_emit (self, signals[DATA_CHANGED], g_quark_from_string (what), what);
}

AdwViewStack *
kk_window_get_stack (KkWindow *self)
{
  g_return_val_if_fail (KK_IS_WINDOW (self), NULL);

  return self->stack;
}
