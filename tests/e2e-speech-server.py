#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: the real window transcribing on a speech server.  The test
# speech server (tests/test-speech-server.c, the Vosk protocol on 127.0.0.1)
# is chosen in Preferences → Speech over AT-SPI; Replay Sample Call plays
# a call that spells its words for that server (both channels); both
# speakers' words appear; the server's connection is closed mid-call and
# the words keep coming, none lost.  Prints TAP.
#
# Deepgram is then chosen with its key typed into Preferences, tested there
# (Test) and used for a call; last, the speech server is killed mid-call
# and the call goes on on this computer.
#
# Usage: e2e-speech-server.py AGENT-CONSOLE TEST-VOSK-SERVER SAMPLE-CALL

import os
import subprocess
import sys
import tempfile
import time
import wave

from atspilib import (click, clickable, dump, enabled, find, find_app, find_named, name_of, press, state_label, type_text,
                      wait_for)
from taplib import finish, tap

WORDS = ["hello", "my", "card", "was", "stolen", "thank", "you", "goodbye"]
RATE = 16000


def spelled(text):
    """As tests/ac-test-speech.c reads them: 300 ms of 1000 × (index + 1)
    per word, 50 ms apart; “.” 500 ms of silence."""
    samples = []
    for token in text.split():
        if token == ".":
            samples += [0] * (RATE // 2)
            continue
        samples += [1000 * (WORDS.index(token) + 1)] * (RATE * 3 // 10) + [0] * (RATE // 20)
    return samples


def launch(binary, samples, name, engine, url):
    """The app with the team's speech settings, as an administrator deploys
    them (a keyfile), the replayed call from @samples; returns it and its
    environment."""
    config = os.path.join(samples, f"config-{name}")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w", encoding="utf-8") as f:
        f.write(f"[io/github/agentconsole/AgentConsole]\nspeech-engine='{engine}'\nspeech-url='{url}'\n")
    env = dict(os.environ, AC_SAMPLES_DIR=samples, XDG_CONFIG_HOME=config, GSETTINGS_BACKEND="keyfile")
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    return subprocess.Popen([binary], env=env), env


def button_named(node, word):
    """The push button whose name is @word, however GTK 4.8 repeats it."""
    try:
        if node.getRoleName() == "push button" and node.name and node.name.replace("_", "").split()[0] == word:
            return node
        children = list(node)
    except Exception:
        return None
    return next((found for found in (button_named(child, word) for child in children) if found is not None), None)


def deepgram_window(binary, server_exe, samples):
    """Deepgram chosen by the team's settings; the agent types the key into
    Preferences → Speech's password row; the call is transcribed there."""
    key = "dg-window-key-" + os.urandom(6).hex()
    server = subprocess.Popen([server_exe, "--deepgram", key], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    url = server.stdout.readline().strip()
    proc, env = launch(binary, samples, "deepgram", "deepgram", url)
    try:
        app = find_app()
        frame = wait_for("the main window", lambda: find(app, "frame", "Agent Console"))
        click(clickable(frame, "push button", "Main Menu"))
        click(wait_for("Preferences", lambda: find(app, "menu item", "Preferences")))
        prefs = wait_for("Preferences", lambda: next((w for w in app if w is not None and w.name == "Preferences"),
                                                     None))
        click(wait_for("the Speech page", lambda: find(prefs, "push button", "Speech") or
                       find(prefs, "toggle button", "Speech") or find(prefs, "page tab", "Speech")))
        none = wait_for("the API key row", lambda: find_named(prefs, "API Key — None in the Keyring"))
        tap(none is not None, "the key row says the keyring has no key yet", none.name)
        # As the agent does it: Alt+K (the row's mnemonic), the key, Enter.
        time.sleep(1)  # the page shown and focusable
        press("Alt", "k")
        type_text(key)
        press("Return")
        kept = wait_for("the key kept", lambda: find_named(prefs, "API Key — One Is Kept in the Keyring"))
        tap(kept is not None, "once typed, the key row says a key is kept (never what it is)", kept.name)
        time.sleep(1)  # taken up by the app

        # Test: the start of the sample call, streamed to the service.
        # GTK 4.8 names a mnemonic button by its label twice (“_Test Test”).
        click(wait_for("the Test button", lambda: button_named(prefs, "Test")))
        heard = wait_for("the test's answer", lambda: find_named(prefs, "Heard “"), timeout=30)
        tap(heard is not None and "Hello My Card" in heard.name and "ms behind the speaker" in heard.name,
            "Test shows the first words the service heard and how far behind the speaker", heard.name)
        shots = os.environ.get("AC_SCREENSHOTS")
        if shots:
            os.makedirs(shots, exist_ok=True)
            subprocess.run(["import", "-window", "root", os.path.join(shots, "preferences-speech-test.png")],
                           check=False, timeout=30)
        click(find(prefs, "push button", "Close"))

        time.sleep(1)
        click(wait_for("the Replay Sample Call button",
                       lambda: enabled(find(frame, "push button", "Replay Sample Call"))))
        def final(prefix, words):
            name = name_of(frame, prefix)
            return name if name is not None and words in name else None
        first = wait_for("Deepgram's words", lambda: final("Customer at 0:00", "Hello My Card"), timeout=20)
        tap(first is not None, "the key typed into Preferences → Speech is kept, and the call is transcribed on "
            "Deepgram with it", first)
    except Exception as error:  # report, don't hide, what went wrong
        tap(False, "Deepgram in the window", f"{type(error).__name__}: {error}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        server.stdin.close()
        server.wait(timeout=30)
        # The keyring is shared with the other tests of the run.
        subprocess.run([binary, "--clear-api-key=deepgram"], env=env, capture_output=True, timeout=60)


def killed_mid_call(binary, server_exe, real_call):
    """The speech server is killed mid-call: after 10 s out of reach the
    call is heard on this computer, the window says so, and the customer's
    words keep coming (the real sample call: speech the embedded engine
    hears)."""
    samples = tempfile.mkdtemp(prefix="ac-e2e-killed-")
    os.symlink(real_call, os.path.join(samples, "sample-call.flac"))
    server = subprocess.Popen([server_exe], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()
    proc, _ = launch(binary, samples, "killed", "vosk", url)
    try:
        app = find_app()
        frame = wait_for("the main window", lambda: find(app, "frame", "Agent Console"))
        click(wait_for("the Replay Sample Call button",
                       lambda: enabled(find(frame, "push button", "Replay Sample Call")), timeout=30))
        wait_for("the On Call state", lambda: state_label(frame) == "On Call")
        time.sleep(2)
        server.kill()
        server.wait(timeout=30)
        told = wait_for("the window saying so", lambda: find_named(frame, "Transcribing on this computer"),
                        timeout=45)
        tap(told is not None, "with the speech server killed mid-call, the window says the call is heard on "
            "this computer", told.name)
        # Said after the kill (2 s in) and the 10 s the service is waited for.
        later = [f"Customer at 0:{tens}" for tens in "12345"]
        words = wait_for("the customer's later words",
                         lambda: next((n for n in (name_of(frame, p) for p in later) if n is not None), None),
                         timeout=60)
        tap(words is not None, "the customer's words keep coming, heard on this computer", words)
    except Exception as error:  # report, don't hide, what went wrong
        seen = "\n".join(line for line in dump(find_app()).split("\n") if "label" in line or "panel" in line)
        tap(False, "the speech server killed mid-call",
            f"{type(error).__name__}: {error} (app: {proc.poll()})\n{seen[-3000:]}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if server.poll() is None:
            server.kill()
            server.wait()


def main():
    binary, server_exe, real_call = sys.argv[1:4]
    samples = tempfile.mkdtemp(prefix="ac-e2e-speech-")
    customer = spelled("hello my card . was stolen . hello . goodbye .")
    agent = spelled(". . thank you . goodbye . . . . thank you .")
    length = max(len(customer), len(agent))
    customer += [0] * (length - len(customer))
    agent += [0] * (length - len(agent))
    wav = os.path.join(samples, "call.wav")
    with wave.open(wav, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(c.to_bytes(2, "little", signed=True) + a.to_bytes(2, "little", signed=True)
                               for c, a in zip(customer, agent)))
    subprocess.run(["gst-launch-1.0", "-q", "filesrc", f"location={wav}", "!", "wavparse", "!", "audioconvert",
                    "!", "flacenc", "!", "filesink", f"location={os.path.join(samples, 'sample-call.flac')}"],
                   check=True, timeout=60)

    server = subprocess.Popen([server_exe], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()

    def ask(line):
        server.stdin.write(line + "\n")
        server.stdin.flush()
        return server.stdout.readline().strip()

    proc, _ = launch(binary, samples, "vosk", "vosk", url)
    try:
        app = find_app()
        frame = wait_for("the main window", lambda: find(app, "frame", "Agent Console"))
        time.sleep(2)  # the embedded engine loads, then the button is enabled
        click(wait_for("the Replay Sample Call button",
                       lambda: enabled(find(frame, "push button", "Replay Sample Call"))))
        wait_for("the On Call state", lambda: state_label(frame) == "On Call")
        # Names are read at once: the list recycles its rows.
        def final(prefix, words):
            name = name_of(frame, prefix)
            return name if name is not None and words in name else None
        first = wait_for("the customer's first words", lambda: final("Customer at 0:00", "hello my card"), timeout=20)
        agent = wait_for("the agent's first words", lambda: final("Agent at 0:0", "thank you"), timeout=20)
        tap(first is not None and agent is not None,
            "both speakers' words come from the speech server, live", f"{first!r}\n{agent!r}")

        # The server drops every stream mid-call; the words keep coming.
        tap(ask("drop") == "ok", "the speech server drops the call's streams mid-call")
        later = wait_for("words after the drop", lambda: name_of(frame, "Customer at 0:03"), timeout=20)
        tap("goodbye" in later, "the words keep coming after the drop", later)
        connections = ask("connections").split()[0]
        tap(int(connections) >= 4, "each channel reconnected", f"{connections} connections")

        wait_for("After-Call Work", lambda: state_label(frame) == "After-Call Work", timeout=30)
        words = " ".join(n for n in (name_of(frame, f"Customer at 0:0{s}") for s in range(6)) if n is not None)
        tap(words.count("was stolen") == 1 and words.count("hello my card") == 1,
            "nothing said twice or lost across the drop", words)
    except Exception as error:  # report, don't hide, what went wrong
        tap(False, "the speech server end to end", f"{type(error).__name__}: {error} (app: {proc.poll()})")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        server.stdin.close()
        server.wait(timeout=30)
    deepgram_window(binary, server_exe, samples)
    killed_mid_call(binary, server_exe, real_call)
    finish()


if __name__ == "__main__":
    main()
