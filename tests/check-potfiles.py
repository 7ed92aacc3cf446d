#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# po/POTFILES must list every source file with user-facing strings, and
# only files that exist.  Prints TAP.
#
# Usage: check-potfiles.py SOURCE-ROOT

import pathlib
import re
import sys

from taplib import finish, tap

root = pathlib.Path(sys.argv[1])
listed = set()
for line in (root / "po" / "POTFILES").read_text().splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        listed.add(line)

patterns = {
    ".c": re.compile(r'\b(?:N?_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"'),
    ".ui": re.compile(r'translatable="yes"'),
    ".in": re.compile(r"."),
    ".xml": re.compile(r"<(summary|description)>"),
}
wanted = set()
for folder in ("src", "ui", "data"):
    for path in sorted((root / folder).rglob("*")):
        if not path.is_file() or path.suffix not in patterns:
            continue
        if folder == "data" and not (path.name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml"))):
            continue
        if patterns[path.suffix].search(path.read_text(errors="replace")):
            wanted.add(str(path.relative_to(root)))

missing = sorted(wanted - listed)
tap(not missing, "every file with translatable strings is in po/POTFILES",
    "\n".join(f"missing: {m}" for m in missing))
gone = sorted(p for p in listed if not (root / p).is_file())
tap(not gone, "every file in po/POTFILES exists", "\n".join(f"no such file: {g}" for g in gone))
finish()
