#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end with an AI provider: the real agent-console beside the Chat
# Completions test server (test-chat-server), its address and model in
# the settings and its key in the real keyring (--set-api-key=assistant).
# During the sample call the Suggestions page shows the provider's reply
# to what the customer said; at its end the wrap-up's notes are the
# provider's summary of the transcript and its disposition is marked as
# suggested, none chosen.  Then the provider goes away: the next wrap-up
# says so and keeps the notes made on this computer.  The same server is
# seed 004's support service: its category, route and replies join the
# Suggestions page.  Prints TAP.
#
# Usage: e2e-assistant.py AGENT-CONSOLE TEST-CHAT-SERVER [SCREENSHOT-DIR]

import os
import subprocess
import sys
import tempfile

import pyatspi

from atspilib import (choose_disposition, click, enabled, find, find_named, state_label, text_of, wait_for)
from taplib import finish, tap

KEY = "test-chat-key-not-a-secret"   # AC_TEST_CHAT_KEY


class ChatServer:
    """The test provider in its own process, one command per line."""

    def __init__(self, path):
        self.proc = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().split()[1]

    def ask(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self):
        if self.proc.poll() is None:
            try:
                self.ask("quit")
            except (BrokenPipeError, ValueError):
                pass
            self.proc.wait(timeout=10)


def notes_text(frame):
    """What the wrap-up's notes hold."""
    def found(node):
        try:
            if node.getRoleName() == "text" and node.name == "Notes":
                return node
            for child in node:
                hit = found(child)
                if hit is not None:
                    return hit
        except Exception:
            return None
        return None
    node = found(frame)
    return text_of(node) if node is not None else ""


def screenshot(shots, name):
    """The screen as it is now, to look at."""
    if shots:
        os.makedirs(shots, exist_ok=True)
        subprocess.run(["import", "-window", "root", "-crop", "1024x600+0+0", "+repage",
                        os.path.join(shots, name + ".png")], check=False)


def main():
    binary, server_path = sys.argv[1], sys.argv[2]
    shots = sys.argv[3] if len(sys.argv) > 3 else None
    server = ChatServer(server_path)
    home = tempfile.mkdtemp(prefix="ac-e2e-assistant-")
    config = os.path.join(home, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w", encoding="utf-8") as f:
        f.write("[io/github/agentconsole/AgentConsole]\n"
                "window-width=1024\nwindow-height=600\n"
                f"assistant-url='{server.url}'\nassistant-model='test-model'\n"
                f"support-url='{server.url[:-len('/v1')]}'\n")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, "data"), XDG_CONFIG_HOME=config,
               GSETTINGS_BACKEND="keyfile")
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)

    kept = subprocess.run([binary, "--set-api-key=assistant"], env=env, input=KEY + "\n", text=True,
                          capture_output=True, timeout=60)
    tap(kept.returncode == 0 and KEY not in kept.stdout + kept.stderr,
        "--set-api-key=assistant keeps the provider's key in the keyring, printing nothing of it",
        kept.stdout + kept.stderr)

    kept = subprocess.run([binary, "--set-api-key=support-service"], env=env, input=KEY + "\n", text=True,
                          capture_output=True, timeout=60)
    tap(kept.returncode == 0, "--set-api-key=support-service keeps the support service's token in the keyring",
        kept.stdout + kept.stderr)

    app_proc = subprocess.Popen([binary], env=env)
    try:
        app = wait_for("the app on the accessibility bus",
                       lambda: next((a for a in pyatspi.Registry.getDesktop(0)
                                     if a is not None and a.name == "agent-console"), None))
        frame = wait_for("the main window", lambda: find(app, "frame", "Agent Console"))

        click(wait_for("the Replay Sample Call button",
                       lambda: enabled(find(frame, "push button", "Replay Sample Call"))))
        wait_for("the On Call state", lambda: state_label(frame) == "On Call")
        click(wait_for("the Suggestions page", lambda: find(frame, "page tab", "Suggestions") or
                       find(frame, "toggle button", "Suggestions")))
        reply = wait_for("the provider's reply", lambda: find_named(frame, "Test reply to: "), timeout=60)
        tap(reply is not None, "the Suggestions page shows the provider's reply to what the customer said",
            reply.name if reply else "")
        tap(find_named(frame, "Written by test-model") is not None, "the reply says which model wrote it")
        legend = wait_for("the AI provider's scores on the timeline", lambda: find_named(frame, "◇ AI provider"),
                          timeout=30)
        tap(legend is not None, "the AI provider's analysis of the customer's utterances joins the sentiment timeline")
        service = wait_for("the support service's reply", lambda: find_named(frame, "Support reply to: "), timeout=30)
        category = find_named(frame, "Category: technical")
        tap(service is not None and category is not None,
            "the support service's category and replies join the Suggestions page, marked as its own",
            (service.name if service else "") + "\n" + (category.name if category else ""))
        route = wait_for("the route", lambda: find_named(frame, "Category: technical\nRecommended route: co-browse"),
                         timeout=30)
        tap(route is not None, "the support service's route recommendation is shown", route.name if route else "")
        screenshot(shots, "suggestions-provider")

        click(wait_for("the Stop Listening button", lambda: find(frame, "push button", "Stop Listening")))
        wait_for("After-Call Work", lambda: state_label(frame) == "After-Call Work")
        done = wait_for("the provider's summary", lambda: find_named(frame, "Summary written by test-model"),
                        timeout=30)
        notes = notes_text(frame)
        tap(done is not None and "Test provider: the customer said" in notes and "Next steps:" in notes,
            "the wrap-up's notes are the provider's summary of the transcript", notes)
        suggested = find_named(frame, "Suggested: the test provider always asks for a call back")
        tap(suggested is not None, "the provider's disposition is marked as suggested")
        last = server.ask("summary")
        tap("Customer: " in last and "FOLLOW_UP (" in last and "json_object" in last,
            "the provider was sent the final utterances and the team's codes, asking for JSON", last[:400])
        screenshot(shots, "wrap-up-provider")
        # A ticket from the call: the provider writes its description.
        click(wait_for("the Create Ticket button", lambda: find(frame, "push button", "Create Ticket")))
        described = wait_for("the provider's ticket description",
                             lambda: find_named(frame, "Written by test-model from the masked transcript"), timeout=30)
        tap(described is not None, "the ticket drafted from the call gets the provider's description",
            described.name if described else "")
        click(wait_for("the Wrap-Up page", lambda: find(frame, "page tab", "Wrap-Up") or
                       find(frame, "toggle button", "Wrap-Up")))
        choose_disposition(frame, "Follow-up needed")
        click(wait_for("the Ready button", lambda: find(frame, "push button", "Ready for Next Call")))
        wait_for("the Available state", lambda: state_label(frame) == "Available")
        tap(True, "the agent confirms the suggested disposition and is Available")

        # The provider goes away: this computer's notes stay, and it says so.
        requests = int(server.ask("requests"))
        server.close()
        click(wait_for("the Replay Sample Call button",
                       lambda: enabled(find(frame, "push button", "Replay Sample Call"))))
        wait_for("the On Call state", lambda: state_label(frame) == "On Call")
        no_reply = wait_for("the reply's failure", lambda: find_named(frame, "No reply from the AI provider: "),
                            timeout=60)
        tap(no_reply is not None, "without the provider the Suggestions page says why there is no reply",
            no_reply.name if no_reply else "")
        click(wait_for("the Stop Listening button", lambda: find(frame, "push button", "Stop Listening")))
        wait_for("After-Call Work", lambda: state_label(frame) == "After-Call Work")
        failed = wait_for("the provider's failure", lambda: find_named(frame, "The AI provider could not write"),
                          timeout=40)
        notes = notes_text(frame)
        tap(failed is not None and "Test provider" not in notes,
            "without the provider the wrap-up says so and keeps this computer's notes",
            (failed.name if failed else "") + "\n" + notes)
        tap(requests >= 2, "the provider was asked for a reply and a summary", f"{requests} requests")
        choose_disposition(frame)
        click(wait_for("the Ready button", lambda: find(frame, "push button", "Ready for Next Call")))
        wait_for("the Available state", lambda: state_label(frame) == "Available")
        click(find(frame, "push button", "Close"))
        code = app_proc.wait(timeout=30)
        tap(code == 0, "closing the window quits the app cleanly", f"exit status: {code}")
    except Exception as error:  # report, don't hide, what went wrong
        tap(False, "end-to-end run with an AI provider", f"{type(error).__name__}: {error}")
    finally:
        if app_proc.poll() is None:
            app_proc.kill()
            app_proc.wait()
        server.close()
        for service in ("assistant", "support-service"):
            subprocess.run([binary, f"--clear-api-key={service}"], env=env, capture_output=True, timeout=60)

    finish()


if __name__ == "__main__":
    main()
