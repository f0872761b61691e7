// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KK_TYPE_PREFERENCES_WINDOW (kk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KkPreferencesWindow, kk_preferences_window, KK, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *kk_preferences_window_new (GtkWindow *parent);

G_END_DECLS
