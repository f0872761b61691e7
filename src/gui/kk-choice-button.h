// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* KkChoiceButton: pick one string of a list, as a GtkDropDown does, from a
 * button showing the choice and a menu of radio items.
 *
 * A GtkDropDown builds its popover, search entry and list view when it is
 * made: some 30 widgets each, before the first frame, for a menu that is
 * seldom opened. A KkChoiceButton is a menu button of five widgets; its
 * menu is built when first opened, and again only when the list changes
 * while it is built.
 *
 * The model holds GtkStringObjects (a GtkStringList); "selected" is a
 * position in it, or GTK_INVALID_LIST_POSITION when it is empty. The
 * button's text is end-ellipsized; the menu shows each choice in full. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KK_TYPE_CHOICE_BUTTON (kk_choice_button_get_type ())
G_DECLARE_FINAL_TYPE (KkChoiceButton, kk_choice_button, KK, CHOICE_BUTTON, GtkWidget)

GtkWidget  *kk_choice_button_new                  (void);
void        kk_choice_button_set_model            (KkChoiceButton *self,
                                                   GListModel     *model);
GListModel *kk_choice_button_get_model            (KkChoiceButton *self);
void        kk_choice_button_set_selected         (KkChoiceButton *self,
                                                   guint           position);
guint       kk_choice_button_get_selected         (KkChoiceButton *self);
/* How the button is read out ("Filter by area"); its text, the choice, follows. */
void        kk_choice_button_set_accessible_label (KkChoiceButton *self,
                                                   const char     *label);
/* Opens the menu (building it first when needed). */
void        kk_choice_button_popup                (KkChoiceButton *self);

G_END_DECLS
