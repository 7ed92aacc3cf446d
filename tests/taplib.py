# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP output for the Python checks and the end-to-end test."""

import sys

_results = []


def tap(ok, name, detail=""):
    """Reports one test point; detail lines become TAP comments."""
    _results.append(bool(ok))
    print(f"{'ok' if ok else 'not ok'} {len(_results)} {name}")
    for line in str(detail).splitlines():
        print(f"# {line}")


def finish():
    """Prints the plan and exits 0 only if every point passed."""
    print(f"1..{len(_results)}")
    sys.exit(0 if _results and all(_results) else 1)
