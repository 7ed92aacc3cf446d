#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`agent-console --analyze` on real speech, scored with sclite.

Usage: check-recognition.py AGENT-CONSOLE SOURCE-ROOT

The WER bounds are what the embedded engine (PocketSphinx defaults, Debian's
en-us model, nothing tuned) reaches on these files, with a margin of a few
points; the measured values are in README.md.  No model, word list or
setting was chosen by looking at them.
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sclite  # noqa: E402
from taplib import finish, tap  # noqa: E402

EXE, ROOT = sys.argv[1], sys.argv[2]
SAMPLE = os.path.join(ROOT, 'data', 'samples', 'sample-call.flac')
LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox'
ALLISON = '/usr/share/asterisk/sounds/en_US_f_Allison'
ALLISON_TEXT = '/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz'
# Telephone prompts (8 kHz) the sample call does not use.
PROMPTS = ['all-circuits-busy-now', 'cannot-complete-as-dialed', 'check-number-dial-again',
           'queue-youarenext', 'followme/status', 'ss-noservice', 'transfer',
           'please-try-call-later']

BOUND_SAMPLE = 0.50
BOUND_LIBRIVOX = 0.40
BOUND_PROMPTS = 0.45


def analyze(path, *extra):
    return subprocess.run([EXE, '--analyze', path, *extra], capture_output=True, text=True)


def flow(path):
    out = analyze(path, '--json')
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout)


def per_channel(transcript):
    texts = {0: [], 1: []}
    for u in transcript['conversation_flow']:
        texts[u['speaker']['channel']].append(u['text'])
    return {c: ' '.join(t) for c, t in texts.items()}


def check_sample_call():
    turns = sclite.read_reference_tsv(SAMPLE.replace('.flac', '.ref.tsv'))
    t = flow(SAMPLE)
    hyp = per_channel(t)
    ref = {c: ' '.join(text for ch, _, _, text in turns if ch == c) for c in (0, 1)}
    wer, errors, words = sclite.score(ref, hyp)
    tap(wer <= BOUND_SAMPLE, f'sample call: WER {wer:.1%} ({errors}/{words}) <= {BOUND_SAMPLE:.0%}')

    starts = [u['start_time'] for u in t['conversation_flow']]
    tap(starts == sorted(starts), 'sample call: utterances in order of start time')

    def owner(u):
        mid = (u['start_time'] + u['end_time']) / 2
        best = min(turns, key=lambda turn: 0 if turn[1] <= mid <= turn[2]
                   else min(abs(mid - turn[1]), abs(mid - turn[2])))
        return best[0]

    wrong = [u['text'] for u in t['conversation_flow'] if owner(u) != u['speaker']['channel']]
    tap(not wrong, 'sample call: each utterance attributed to the speaker of its turn',
        '\n'.join(wrong))

    p = t['participant_info']
    s = t['summary_data']
    ok = (p['0']['role'] == 'customer' and p['1']['role'] == 'agent' and
          s['participant_count'] == 2 and
          s['total_sentences'] == len(t['conversation_flow']) and
          s['total_words'] == sum(u['word_count'] for u in t['conversation_flow']) and
          abs(t['duration'] - turns[-1][2]) < 1.5 and
          all(0 <= u['confidence'] <= 1 and
              abs(u['duration'] - (u['end_time'] - u['start_time'])) < 1e-6
              for u in t['conversation_flow']))
    tap(ok, 'sample call: enhanced transcript fields are consistent')


def check_librivox():
    refs = {}
    with open(os.path.join(LIBRIVOX, 'transcription'), encoding='utf-8') as f:
        for line in f:
            text, _, rest = line.strip().partition(' </s> (')
            refs[rest.rstrip(')')] = text.replace('<s> ', '')
    hyps = {}
    for name in refs:
        t = flow(os.path.join(LIBRIVOX, name + '.wav'))
        hyps[name] = per_channel(t)[0]
        if any(u['speaker']['channel'] != 0 for u in t['conversation_flow']):
            tap(False, f'{name}: a mono recording is all customer')
            return
    wer, errors, words = sclite.score(refs, hyps)
    tap(wer <= BOUND_LIBRIVOX,
        f'LibriVox (16 kHz read speech): WER {wer:.1%} ({errors}/{words}) <= {BOUND_LIBRIVOX:.0%}')


def check_prompts(tmp):
    texts = {}
    with gzip.open(ALLISON_TEXT, 'rt', encoding='utf-8') as f:
        for line in f:
            name, sep, text = line.partition(':')
            if sep:
                texts[name.strip()] = text.strip()
    # One 8 kHz mono file, a second of silence between prompts, as an IVR
    # recording would be.
    call = os.path.join(tmp, 'prompts.wav')
    # -D: no dither, so the file is the same on every run.
    args = ['sox', '-D']
    for name in PROMPTS:
        args += [os.path.join(ALLISON, name + '.wav'), os.path.join(tmp, 'silence.wav')]
    subprocess.run(['sox', '-D', '-n', '-r', '8000', '-c', '1', '-b', '16',
                    os.path.join(tmp, 'silence.wav'), 'trim', '0', '1'], check=True)
    subprocess.run(args + [call], check=True)
    hyp = per_channel(flow(call))[0]
    ref = ' '.join(texts[name] for name in PROMPTS)
    wer, errors, words = sclite.score({'p': ref}, {'p': hyp})
    tap(wer <= BOUND_PROMPTS,
        f'Asterisk prompts (8 kHz telephone): WER {wer:.1%} ({errors}/{words}) <= {BOUND_PROMPTS:.0%}')


def check_errors(tmp):
    text = os.path.join(tmp, 'notes.txt')
    with open(text, 'w') as f:
        f.write('not a recording\n')
    image = os.path.join(ROOT, 'data', 'screenshots', 'main-window.png')
    for path, expect in ((os.path.join(tmp, 'missing.wav'), 'does not exist'),
                         (text, 'not a recording that can be played'),
                         (image, 'has no sound in it')):
        out = analyze(path)
        tap(out.returncode == 1 and expect in out.stderr and out.stdout == '',
            f'--analyze {os.path.basename(path)}: exit 1 and “{expect}”', out.stderr)


def check_text_output():
    out = analyze(os.path.join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0930.wav'))
    lines = out.stdout.splitlines()
    tap(out.returncode == 0 and lines and all(line.startswith('[0:0') and '] Customer: ' in line
                                              for line in lines),
        'readable text: “[m:ss] Speaker: words” lines', out.stdout + out.stderr)


with tempfile.TemporaryDirectory() as tmp:
    check_sample_call()
    check_librivox()
    check_prompts(tmp)
    check_errors(tmp)
    check_text_output()
finish()
