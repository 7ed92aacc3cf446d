# SPDX-License-Identifier: GPL-3.0-or-later
"""Driving the real app over AT-SPI, as a screen reader user would."""

import time

import pyatspi

TIMEOUT = 15.0

def wait_for(what, predicate, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # the tree changes under us while the app builds it
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"timed out waiting for {what}")


def find(node, role, name=None, showing_only=False):
    # GTK 4.8 does not report STATE_SHOWING reliably, so it is off by default.
    """Depth-first search for a node with this role (and name)."""
    if node is None:
        return None
    try:
        if node.getRoleName() == role and (name is None or node.name == name):
            if not showing_only or node.getState().contains(pyatspi.STATE_SHOWING):
                return node
        children = list(node)
    except Exception:
        return None
    for child in children:
        found = find(child, role, name, showing_only)
        if found is not None:
            return found
    return None


def find_named(node, prefix):
    """Depth-first search for any node whose accessible name starts with prefix."""
    if node is None:
        return None
    try:
        if node.name and node.name.startswith(prefix):
            return node
        children = list(node)
    except Exception:
        return None
    for child in children:
        found = find_named(child, prefix)
        if found is not None:
            return found
    return None


def name_of(node, prefix):
    """The accessible name of the first node named prefix…, read at once."""
    found = find_named(node, prefix)
    return found.name if found is not None else None


def enabled(node):
    """node, if it can be used now (not greyed out), else None."""
    try:
        return node if node is not None and node.getState().contains(pyatspi.STATE_SENSITIVE) else None
    except Exception:
        return None


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            action.doAction(i)
            return
    raise AssertionError(f"{node.name!r} has no click action")


def clickable(node, role, name):
    """The node that has the click action: GtkMenuButton nests a button."""
    outer = find(node, role, name)
    if outer is None:
        return None
    inner = find(outer, role, name) if outer.childCount else None
    for candidate in (outer, *(c for c in outer if c is not None)):
        try:
            action = candidate.queryAction()
            if any(action.getName(i) == "click" for i in range(action.nActions)):
                return candidate
        except NotImplementedError:
            continue
    return inner


def state_label(frame):
    button = find(frame, "push button", "Agent State")
    return button.description if button is not None else None


def choose_state(app, frame, state):
    """Opens the header's state menu and picks a state, as a user would."""
    click(clickable(frame, "push button", "Agent State"))
    item = wait_for(f"the {state} menu item",
                    lambda: find(app, "check menu item", state) or
                    find(app, "radio menu item", state) or
                    find(app, "menu item", state))
    click(item)
    return wait_for(f"the {state} state", lambda: state_label(frame) == state)


def find_app(name="agent-console"):
    """The running app on the accessibility bus."""
    return wait_for("the app on the accessibility bus",
                    lambda: next((a for a in pyatspi.Registry.getDesktop(0)
                                  if a is not None and a.name == name), None))


def text_of(node):
    """The text a text field holds."""
    text = node.queryText()
    return text.getText(0, text.characterCount)


def type_into(node, text):
    """Replaces what a text field holds, as typing would."""
    editable = node.queryEditableText()
    editable.setTextContents(text)


def dump(node, depth=0, out=None):
    """The tree under node as text, to see what a test could not find."""
    out = [] if out is None else out
    try:
        out.append(f"{'  ' * depth}{node.getRoleName()} {node.name!r}")
        for child in node:
            dump(child, depth + 1, out)
    except Exception:
        pass
    return "\n".join(out)
