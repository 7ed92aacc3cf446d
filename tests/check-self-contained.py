#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A newcomer's clone has nothing beside it: no build file, script, test or
# benchmark may reach for a path outside the repository (a folder beside
# the clone, such as ../shared).  Reference data the tests need lives in
# tests/data/ with its provenance.  Prints TAP.
#
# Usage: check-self-contained.py SOURCE-ROOT

import pathlib
import re
import sys

from taplib import finish, tap

root = pathlib.Path(sys.argv[1])

# A parent of the repository named in a path: "../x" from the top, two
# levels up from a test's own folder, or the folder holding the checkout.
outside = [
    re.compile(r"\.\./(?:\.\./)*shared\b"),
    re.compile(r"""["']\.\.["']\s*,\s*["']\.\.["']\s*,"""),
    re.compile(r"os\.path\.dirname\(\s*ROOT\s*\)"),
]
folders = ["build-aux", "bench", "tests", ".ci", "src", "data", "po", "help", "flatpak"]
checked = [root / "meson.build", root / "meson_options.txt"]
for folder in folders:
    for path in sorted((root / folder).rglob("*")):
        if path.is_file() and path.suffix not in (".png", ".flac", ".ogg", ".wav", ".svg", ".tsv", ".csv"):
            checked.append(path)

me = pathlib.Path(__file__).resolve()
found = []
for path in checked:
    if path.resolve() == me:
        continue
    try:
        text = path.read_text()
    except (UnicodeDecodeError, OSError):
        continue
    for number, line in enumerate(text.splitlines(), 1):
        if any(p.search(line) for p in outside):
            found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")

tap(not found, "no build file, script or test reads outside the repository", "\n".join(found))
tap((root / "tests" / "data" / "vader-reference" / "README.md").is_file(),
    "the reference data the tests read is in tests/data with its provenance")
finish()
