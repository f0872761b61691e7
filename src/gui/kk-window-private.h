// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Window internals exposed to the GUI tests. */

#include "kk-window.h"

G_BEGIN_DECLS

AdwViewStack *kk_window_get_stack (KkWindow *self);

G_END_DECLS
