#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifest: valid against the manifest schema (written
# from flatpak-manifest(5), see flatpak-manifest.schema.json), and within
# the sandbox the app is meant to have.  Prints TAP.
#
# Usage: check-flatpak-manifest.py MANIFEST SCHEMA APP-ID

import json
import sys

import jsonschema

from taplib import finish, tap

manifest_path, schema_path, app_id = sys.argv[1:4]

with open(manifest_path) as f:
    manifest = json.load(f)
with open(schema_path) as f:
    schema = json.load(f)

errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(manifest), key=str)
tap(not errors, "the manifest is valid against the flatpak-builder manifest schema",
    "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors))

tap(manifest.get("id", manifest.get("app-id")) == app_id, "the app ID is " + app_id)
tap(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
    "it builds on the GNOME runtime")
tap(manifest.get("command") == "agent-console", "it runs agent-console")

args = manifest.get("finish-args", [])
for needed in ("--socket=pulseaudio", "--share=network", "--socket=wayland", "--socket=fallback-x11"):
    tap(needed in args, f"it asks for {needed}")

# No broad holes: the session bus, the host's files, and the secrets
# service (libsecret uses the Secret portal inside the sandbox).
forbidden = [a for a in args
             if a in ("--socket=session-bus", "--socket=system-bus", "--socket=x11",
                      "--filesystem=host", "--filesystem=home", "--device=all")
             or a.startswith("--talk-name=org.freedesktop.secrets")
             or a.startswith("--talk-name=*") or a.startswith("--own-name=")]
tap(not forbidden, "it opens no broad D-Bus or file-system holes", " ".join(forbidden))


def all_sources(modules):
    for module in modules:
        if isinstance(module, str):
            continue
        for source in module.get("sources", []):
            if isinstance(source, dict):
                yield module["name"], source
        yield from all_sources(module.get("modules", []))


unpinned = [f"{name}: {s.get('url')}" for name, s in all_sources(manifest.get("modules", []))
            if s.get("type") in ("archive", "file") and "url" in s and "sha256" not in s]
tap(not unpinned, "every downloaded source is pinned by sha256", "\n".join(unpinned))

finish()
