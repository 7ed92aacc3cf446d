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


# X keycodes of the keyboard Xvfb starts with (xkeyboard-config's evdev
# codes, the “us” layout), for keys pressed as a user would press them.
KEYCODES = {
    "Escape": 9, "Tab": 23, "Return": 36, "Control": 37, "Shift": 50, "Alt": 64, "space": 65,
    "F9": 75, "Up": 111, "Down": 116, "Left": 113, "Right": 114, "Home": 110, "End": 115,
    "1": 10, "2": 11, "3": 12, "4": 13, "comma": 59, "slash": 61, "KP_Enter": 104,
    **{letter: code for row, first in (("qwertyuiop", 24), ("asdfghjkl", 38), ("zxcvbnm", 52))
       for code, letter in enumerate(row, first)},
}


def mnemonic(label):
    """The key of a label's mnemonic, “_File Ticket” → "f"."""
    return label[label.index("_") + 1].lower()


def press(*keys, pause=0.3):
    """Presses a key with modifiers held, e.g. press("Control", "l")."""
    *modifiers, key = keys
    for modifier in modifiers:
        pyatspi.Registry.generateKeyboardEvent(KEYCODES[modifier], None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(KEYCODES[key], None, pyatspi.KEY_PRESSRELEASE)
    for modifier in reversed(modifiers):
        pyatspi.Registry.generateKeyboardEvent(KEYCODES[modifier], None, pyatspi.KEY_RELEASE)
    time.sleep(pause)


def type_text(text):
    """Types text into whatever has the keyboard focus."""
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)
    time.sleep(0.3)


def focused(node):
    """The node under node that has the keyboard focus, or None."""
    if node is None:
        return None
    try:
        if node.getState().contains(pyatspi.STATE_FOCUSED):
            return node
        children = list(node)
    except Exception:
        return None
    for child in children:
        found = focused(child)
        if found is not None:
            return found
    return None


def focused_all(node, out=None):
    """Every node under node that says it has the keyboard focus: GTK 4.8
    leaves the state on a widget whose page was switched away, so the
    focus is among them (checks ask whether one of them is it)."""
    out = [] if out is None else out
    if node is None:
        return out
    try:
        if node.getState().contains(pyatspi.STATE_FOCUSED):
            out.append(node)
        children = list(node)
    except Exception:
        return out
    for child in children:
        focused_all(child, out)
    return out


def choose_disposition(frame, name="Resolved"):
    """During After-Call Work: chooses a disposition on the Wrap-Up page
    with the keyboard, as GTK 4.8 gives its radio rows no click action:
    After-Call Work puts the focus on the list (else Ready for Next Call
    does, asking for one), Home, Down to the row, Space."""
    def row():
        node = focused(frame)
        return node if node is not None and node.getRoleName() == "list item" else None
    try:
        wait_for("the keyboard on the dispositions", row, timeout=2)
    except TimeoutError:
        click(find(frame, "push button", "Ready for Next Call"))
        wait_for("the keyboard on the dispositions", row)
    press("Home")
    for _ in range(20):
        if row() is not None and row().name == name:
            break
        press("Down")
    press("space")
    button = find(row(), "check box", name)
    wait_for(f"{name} chosen", lambda: button.getState().contains(pyatspi.STATE_CHECKED))
