# SPDX-License-Identifier: GPL-3.0-or-later
"""Word error rate, scored by NIST's sclite (Debian's sctk).

Both texts are normalised the same way first: lowercase, only letters,
apostrophes and spaces.  Nothing here knows which engine produced a
hypothesis, so the tests and the benchmark score alike.
"""

import os
import re
import subprocess
import tempfile


def normalise(text):
    text = text.lower().replace('\u2019', "'")
    text = re.sub(r"[^a-z' ]+", ' ', text)
    return ' '.join(text.split())


def _write_trn(path, texts):
    with open(path, 'w', encoding='utf-8') as f:
        for i, key in enumerate(sorted(texts)):
            # sclite's "-i rm" ids: speaker_utterance; one speaker per file.
            f.write(f'{normalise(texts[key])} (s_{i:05d})\n')


def score(references, hypotheses):
    """references, hypotheses: dicts of id -> text over the same ids.

    Returns (wer, n_errors, n_words) with wer in 0..1 (can exceed 1).
    """
    assert set(references) == set(hypotheses), 'hypotheses and references differ in ids'
    with tempfile.TemporaryDirectory() as tmp:
        ref, hyp = os.path.join(tmp, 'ref.trn'), os.path.join(tmp, 'hyp.trn')
        _write_trn(ref, references)
        _write_trn(hyp, hypotheses)
        out = subprocess.run(['sctk', 'sclite', '-r', ref, 'trn', '-h', hyp, 'trn',
                              '-i', 'rm', '-o', 'sum', 'stdout'],
                             check=True, capture_output=True, text=True).stdout

    for line in out.splitlines():
        if 'Sum/Avg' in line:
            cells = line.replace('|', ' ').split()
            # Sum/Avg  #Snt  #Wrd  Corr  Sub  Del  Ins  Err  S.Err
            n_words = int(cells[2])
            sub, dele, ins = (float(c) for c in cells[4:7])
            errors = round((sub + dele + ins) * n_words / 100)
            return (errors / n_words if n_words else 0.0), errors, n_words

    raise RuntimeError('sclite printed no summary:\n' + out)


def read_reference_tsv(path):
    """The reference of a composed call: [(channel, start_s, end_s, text)]."""
    turns = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            channel, start, end, text = line.rstrip('\n').split('\t')
            turns.append((int(channel), float(start), float(end), text))
    return turns
