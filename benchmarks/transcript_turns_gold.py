"""Transcript turns against hand-annotated gold (issue 11): turn F1, speaker accuracy, interpreter notes.

Gold (``benchmarks/data/transcript_turns_gold.json``, offsets only, never text): every speaker turn of 16
documents, 398 turns, read and annotated by hand, not derived from the product's label patterns:

- ``wild_dev`` (DEV split; these pages were read while building the label forms): the nine pages whose gold kind
  is ``transcript``, including one with no labelled turn (a monologue: any predicted turn is a false positive).
  Label forms: upper-case title + surname, "Full Name, Title", "Ms. FAMILY Given, Title" with no space after the
  colon, "Title of Country Full Name", a bare name, "Name (retranslated)", "(Via interpreter)" after the label.
- ``wh_briefings_readouts`` (a sample not used to build the mixed-case forms): two press briefings, two
  background press calls, three remarks (bilateral meetings with an interpreter, a briefing with three
  speakers). Label forms: "MS. NAME", "SECRETARY NAME", "THE PRESIDENT", "SENIOR ADMINISTRATION OFFICIAL",
  "MODERATOR", bare "Q" with no-break spaces, labels indented with no-break spaces, "(As interpreted.)".

How the gold was made: the annotator read each document and wrote down the label strings used and who each one
names; a throwaway helper found the line-start occurrences of exactly those strings to compute offsets; every
other line start with a colon or a "Q" was then read and confirmed not to be a turn. Each turn is
``[label_start, label_end, speech_start, speaker, interpreted]`` (offsets into the file as read); ``speaker`` is
``"question"``, ``"host"``, ``"label"`` (the label itself names the speaker: an anonymous official, or a document
that never gives a fuller name) or the offsets of the speaker's fullest name in the same document.

A turn's speech runs to the next gold turn or to an "END  9:03 A.M." line.

Prediction: the product path on the file (reader, ``communique.clean.v1``, ``communique.metadata.v1``, the quote
extractor without a parse); a predicted turn = the quotes sharing one label (``cue`` ends with ":").

Metrics: a turn is keyed by its label (upper case, parenthesised notes dropped) and the first KEY_WORDS words of its
speech (notes and stage directions dropped); ``turn_f1`` / ``turn_precision`` / ``turn_recall`` over the multiset of
keys (micro over documents), also per dataset (``turn_f1_wild_dev``, ``turn_f1_wh``); ``speaker_accuracy``: of the
matched turns, the share whose quote speaker is the gold one (case-folded; "question"/"host" for questioner and host
turns; for "label", see :func:`speaker_ok`); ``interpreted_precision`` / ``interpreted_recall`` over matched turns.

    python -m benchmarks.transcript_turns_gold [--errors]
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).parent / "data" / "transcript_turns_gold.json"
ROOTS = {"wild_dev": "datasets/wild_dev/docs", "wh_briefings_readouts": "datasets/wh_briefings_readouts"}
KEY_WORDS = 6  # six words identify a turn's start; fewer collide on "Thank you." openings
_PARENS = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"\w+")
_END = re.compile(r"^[^\S\n]*END[^\S\n]+\d", re.MULTILINE)  # "END  1:45 P.M. EDT" closes a transcript

Key = tuple[str, tuple[str, ...]]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").split()).lower()


def _key(label: str, speech: str) -> Key:
    words = tuple(w.lower() for w in _WORD.findall(_PARENS.sub(" ", speech))[:KEY_WORDS])
    return " ".join(_PARENS.sub(" ", label).upper().split()), words


def _label_words(label: str) -> str:
    return _fold(_PARENS.sub(" ", label))


def speaker_ok(gold: str, got: str, label: str) -> bool:
    """Whether ``got`` names the gold speaker. A gold "label" speaker (the document names the speaker only by the
    label) is matched by the label's words or by a name of two or more words ending with its last word ("PRESIDENT
    X Y" -> "X Y"; "VICE PRESIDENT Y" -> "Z Y" from a gazetteer)."""
    if gold != "label":
        return got == gold
    words = _label_words(label).split()
    return got == " ".join(words) or len(got.split()) >= 2 and bool(words) and got.split()[-1] == words[-1]


def gold_turns(raw: str, turns: list[list]) -> list[tuple[Key, str, str, bool]]:
    """(key, speaker, label, interpreted) of every gold turn; speaker folded, "question", "host" or "label"."""
    out = []
    for i, (ls, le, ts, speaker, interpreted) in enumerate(turns):
        end = turns[i + 1][0] if i + 1 < len(turns) else len(raw)
        if stop := _END.search(raw, ts, end):
            end = stop.start()
        label = raw[ls:le]
        name = _fold(raw[speaker[0] : speaker[1]]) if isinstance(speaker, list) else speaker
        out.append((_key(label, raw[ts:end]), name, label, bool(interpreted)))
    return out


def predicted_turns(path: Path) -> list[tuple[Key, str, bool]]:
    """(key, speaker, interpreted) of every turn the product finds in the file."""
    from benchmarks.transcript_turns import turn_groups
    from communique.ingest.readers import iter_inputs
    from communique.model import Document

    doc = next(d for d in iter_inputs([str(path)]) if isinstance(d, Document))
    return [(_key(cue[:-1], " ".join(q.text for q in pieces)), _fold(pieces[0].speaker_name or ""), pieces[0].interpreted)
            for cue, pieces in turn_groups(doc.replace(text=doc.raw))]


def run(shared: Path, errors: bool = False) -> dict[str, float]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    totals: Counter[str] = Counter()
    for entry in data["documents"]:
        path = shared / ROOTS[entry["dataset"]] / entry["file"]
        raw = path.read_text(encoding="utf-8")
        gold = gold_turns(raw, entry["turns"])
        pred = predicted_turns(path)
        g_keys, p_keys = Counter(k for k, _, _, _ in gold), Counter(k for k, _, _ in pred)
        match = sum((g_keys & p_keys).values())
        tag = "wild_dev" if entry["dataset"] == "wild_dev" else "wh"
        for prefix in ("", f"{tag}_"):
            totals[prefix + "gold"] += sum(g_keys.values())
            totals[prefix + "pred"] += sum(p_keys.values())
            totals[prefix + "match"] += match
        pred_by_key: dict[Key, list[tuple[str, bool]]] = {}
        for k, speaker, interpreted in pred:
            pred_by_key.setdefault(k, []).append((speaker, interpreted))
        for k, speaker, label, interpreted in gold:
            if not pred_by_key.get(k):
                if errors:
                    print(f"missed  {entry['file'][:50]}  {k}", file=sys.stderr)
                continue
            got_speaker, got_interpreted = pred_by_key[k].pop(0)
            totals["matched"] += 1
            good = speaker_ok(speaker, got_speaker, label)
            totals["speaker_ok"] += good
            totals["interp_gold"] += interpreted
            totals["interp_pred"] += got_interpreted
            totals["interp_both"] += interpreted and got_interpreted
            if errors and not good:
                print(f"speaker {entry['file'][:50]}  {k[0]}: gold {speaker!r} got {got_speaker!r}", file=sys.stderr)
        if errors:
            for k in (p_keys - g_keys).elements():
                print(f"extra   {entry['file'][:50]}  {k}", file=sys.stderr)
        totals["documents"] += 1
    metrics: dict[str, float] = {}
    for prefix in ("", "wild_dev_", "wh_"):
        p = totals[prefix + "match"] / totals[prefix + "pred"] if totals[prefix + "pred"] else 0.0
        r = totals[prefix + "match"] / totals[prefix + "gold"] if totals[prefix + "gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if prefix:
            metrics[f"turn_f1_{prefix[:-1]}"] = f1
        else:
            metrics.update(turn_f1=f1, turn_precision=p, turn_recall=r)
    metrics["speaker_accuracy"] = totals["speaker_ok"] / totals["matched"] if totals["matched"] else 0.0
    metrics["interpreted_precision"] = totals["interp_both"] / totals["interp_pred"] if totals["interp_pred"] else 1.0
    metrics["interpreted_recall"] = totals["interp_both"] / totals["interp_gold"] if totals["interp_gold"] else 1.0
    metrics["gold_turns"] = float(totals["gold"])
    metrics["documents"] = float(totals["documents"])
    return metrics


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    print(json.dumps({k: round(v, 4) for k, v in run(shared_dir(), "--errors" in sys.argv).items()}, indent=1))
