#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest offline: it parses, runs on the GNOME runtime,
every downloaded source has a sha256, and the sandbox asks for no more than the
application needs (no home or host file access: file choosers use portals)."""
import json
import re
import sys

path = sys.argv[1]
errors = []
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

for key in ("id", "runtime", "runtime-version", "sdk", "command", "modules", "finish-args"):
    if key not in manifest:
        errors.append(f"{path}: missing key '{key}'")
if manifest.get("id") != "io.github.kravkoll.Kravkoll":
    errors.append(f"{path}: id is {manifest.get('id')!r}")
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
    errors.append(f"{path}: must use the GNOME runtime and SDK")

allowed = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
for arg in manifest.get("finish-args", []):
    if arg.startswith("--filesystem") or arg.startswith("--talk-name=org.freedesktop.Flatpak"):
        errors.append(f"{path}: finish-arg {arg} gives file or host access; file choosers go through portals")
    elif arg == "--share=network":
        errors.append(f"{path}: the application works offline; no network")
    elif arg not in allowed:
        errors.append(f"{path}: unexpected finish-arg {arg}")

def walk(modules, trail):
    for i, module in enumerate(modules):
        if isinstance(module, str):
            errors.append(f"{path}: {trail}[{i}] is an external module file; keep modules inline")
            continue
        name = module.get("name", f"#{i}")
        for j, source in enumerate(module.get("sources", [])):
            kind = source.get("type")
            where = f"module '{name}' source {j}"
            if kind in ("archive", "file"):
                if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                    errors.append(f"{path}: {where} has no valid sha256")
                if not source.get("url", "").startswith("https://"):
                    errors.append(f"{path}: {where} is not downloaded over https")
            elif kind == "git":
                if not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
                    errors.append(f"{path}: {where} is a git source without a pinned commit")
            elif kind != "dir":
                errors.append(f"{path}: {where} has unsupported type {kind!r}")
        walk(module.get("modules", []), f"{trail}.{name}")

walk(manifest.get("modules", []), "modules")
names = [m.get("name") for m in manifest.get("modules", []) if isinstance(m, dict)]
if not names or names[-1] != "kravkoll":
    errors.append(f"{path}: the last module must be kravkoll")
if "libxlsxwriter" not in names:
    errors.append(f"{path}: libxlsxwriter is not in the GNOME runtime and must be a module")

for e in errors:
    print(e)
print(f"{len(manifest.get('modules', []))} modules checked, {len(errors)} problems")
sys.exit(1 if errors else 0)
