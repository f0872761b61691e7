// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-gui"

#include "kk-gui.h"
#include "kk-gui-resources.h"

void
kk_gui_init (void)
{
  static gsize done = 0;

  /* Registered by hand: a resource's constructor in a static library is
   * dropped by the linker when nothing references its object file. */
  if (g_once_init_enter (&done))
    {
      kk_gui_register_resource ();
      g_once_init_leave (&done, 1);
    }
}
