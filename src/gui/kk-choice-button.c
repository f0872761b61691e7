// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-choice-button"

#include "kk-choice-button.h"

struct _KkChoiceButton
{
  GtkWidget      parent_instance;

  GtkMenuButton *button;
  GtkLabel      *label;
  GListModel    *model;
  guint          selected;
  gboolean       menu_built;
};

G_DEFINE_FINAL_TYPE (KkChoiceButton, kk_choice_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
string_at (GListModel *model,
           guint       position)
{
  g_autoptr(GtkStringObject) string = NULL;

  if (model == NULL || position >= g_list_model_get_n_items (model))
    return NULL;
  string = g_list_model_get_item (model, position);
  /* The model holds its own reference, so the string outlives this one. */
  return gtk_string_object_get_string (string);
}

static void
update_label (KkChoiceButton *self)
{
  const char *text = string_at (self->model, self->selected);

  gtk_label_set_text (self->label, text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "",
                                  -1);
}

/* A menu item's label reads "_" as a mnemonic. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static GMenuModel *
build_menu (KkChoiceButton *self)
{
  GMenu *menu = g_menu_new ();
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = escape_mnemonic (string_at (self->model, i));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "choice.selected", g_variant_new_uint32 (i));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
set_menu (KkChoiceButton *self)
{
  g_autoptr(GMenuModel) menu = build_menu (self);

  gtk_menu_button_set_menu_model (self->button, menu);
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  KkChoiceButton *self = user_data;

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  self->menu_built = TRUE;
  set_menu (self);
}

static void
set_selected_internal (KkChoiceButton *self,
                       guint           position)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;

  if (n == 0)
    position = GTK_INVALID_LIST_POSITION;
  else if (position >= n)
    position = 0;
  if (position == self->selected)
    {
      update_label (self);
      return;
    }
  self->selected = position;
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
items_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  KkChoiceButton *self)
{
  guint selected = self->selected;

  if (self->menu_built)
    set_menu (self);
  if (selected != GTK_INVALID_LIST_POSITION && selected >= position)
    {
      if (selected < position + removed)
        selected = 0;
      else
        selected = selected - removed + added;
    }
  set_selected_internal (self, selected);
}

void
kk_choice_button_set_model (KkChoiceButton *self,
                            GListModel     *model)
{
  g_return_if_fail (KK_IS_CHOICE_BUTTON (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  if (self->menu_built)
    set_menu (self);
  set_selected_internal (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
kk_choice_button_get_model (KkChoiceButton *self)
{
  g_return_val_if_fail (KK_IS_CHOICE_BUTTON (self), NULL);

  return self->model;
}

void
kk_choice_button_set_selected (KkChoiceButton *self,
                               guint           position)
{
  g_return_if_fail (KK_IS_CHOICE_BUTTON (self));

  set_selected_internal (self, position);
}

guint
kk_choice_button_get_selected (KkChoiceButton *self)
{
  g_return_val_if_fail (KK_IS_CHOICE_BUTTON (self), GTK_INVALID_LIST_POSITION);

  return self->selected;
}

void
kk_choice_button_set_accessible_label (KkChoiceButton *self,
                                       const char     *label)
{
  g_return_if_fail (KK_IS_CHOICE_BUTTON (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label ? label : "",
                                  -1);
}

void
kk_choice_button_popup (KkChoiceButton *self)
{
  g_return_if_fail (KK_IS_CHOICE_BUTTON (self));

  gtk_menu_button_popup (self->button);
}

GtkWidget *
kk_choice_button_new (void)
{
  return g_object_new (KK_TYPE_CHOICE_BUTTON, NULL);
}

static gboolean
kk_choice_button_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (KK_CHOICE_BUTTON (widget)->button));
}

static gboolean
kk_choice_button_mnemonic_activate (GtkWidget *widget,
                                    gboolean   group_cycling)
{
  return gtk_widget_mnemonic_activate (GTK_WIDGET (KK_CHOICE_BUTTON (widget)->button), group_cycling);
}

static void
kk_choice_button_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KkChoiceButton *self = KK_CHOICE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kk_choice_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KkChoiceButton *self = KK_CHOICE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      kk_choice_button_set_model (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      kk_choice_button_set_selected (self, g_value_get_uint (value));
      break;
    case PROP_LABEL:
      kk_choice_button_set_accessible_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kk_choice_button_dispose (GObject *object)
{
  KkChoiceButton *self = KK_CHOICE_BUTTON (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }

  G_OBJECT_CLASS (kk_choice_button_parent_class)->dispose (object);
}

static void
kk_choice_button_class_init (KkChoiceButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kk_choice_button_get_property;
  object_class->set_property = kk_choice_button_set_property;
  object_class->dispose = kk_choice_button_dispose;
  widget_class->grab_focus = kk_choice_button_grab_focus;
  widget_class->mnemonic_activate = kk_choice_button_mnemonic_activate;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A stateful "u" action following "selected": the menu's items are its
   * targets, shown as radio items. */
  gtk_widget_class_install_property_action (widget_class, "choice.selected", "selected");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* Read out as a GtkDropDown is: a combo box by its label, holding a
   * button that reads the choice. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_COMBO_BOX);
}

static void
kk_choice_button_init (KkChoiceButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->selected = GTK_INVALID_LIST_POSITION;
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->label, 18);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->button, box);
  gtk_menu_button_set_create_popup_func (self->button, create_popup_cb, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
}
