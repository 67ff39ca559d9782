"""SemEval-2015 Task 4 TimeLine (track A: raw text), scored with a REIMPLEMENTATION of the task's metric.

Not the official scorer: the task's evaluation converts each timeline into TimeML TLINKs and scores them with the
TempEval-3 toolkit's evaluation-relations (Timegraph closure, UzZaman & Allen 2011). That converter's source is not
in ``shared/`` and was not found; the relation evaluation is not ported yet. The graphs below follow the task
description. Check against the original: the reduced relation sets below, written as TLINKs and scored by the
toolkit's own ``temporal_evaluation.py`` (Python 2, run by hand), give the same P/R on the trial corpus and on
corpora 1-2; on corpus 3 the Timegraph's reduced gold graph has 390 relations where ours has 397 (recall 5.64 vs
5.54, F1 9.49 vs 9.35). Treat the numbers as close to, not equal to, official ones (``best_published_f1``).

Task: for a target entity, the ordered list of the events it takes part in, across 30 Wikinews documents, each event
anchored to a date. Gold line: ``position  date  docid-sentence-word[  coreferent mentions ...]`` (position 0 with
``XXXX-XX-XX`` = events that cannot be anchored).

System path (our own components, no gold events or times):
1. Text rebuilt from the CAT tokens (one line per sentence), the creation time as ``published``.
2. spaCy parse (:func:`communique.nlp.model_loader.parse`) and our timex stage (:func:`communique.nlp.timex.annotate`).
3. Target mentions: the gold target name as given by the task, and the surname when spaCy tags the name as a PERSON
   in the corpus (the only alias justified on the trial corpus).
4. Event mentions: verbs (not auxiliaries) of sentences that mention the target and whose subtree holds the target
   mention or that govern it (the target takes part in them).
5. Dates: the nearest DATE timex of the sentence with a calendar value, else the document creation time.
6. The events become :class:`communique.model.Event` records and :func:`communique.events.timeline.build_timeline`
   (actor = the target) filters and orders them: date, then publication date; one timeline position per date.

Metric (temporal awareness, UzZaman & Allen 2011, as the task's evaluation tool applies it to timelines):
each timeline becomes a graph. Nodes are events (a gold line = one event; a system event is the gold event whose
mentions it shares, else a node of its own) and date anchors. Relations: events at one position are SIMULTANEOUS,
events at consecutive positions are BEFORE (position 0 is not ordered), every event IS_INCLUDED in its date.
The closure G+ adds the implied relations (BEFORE transitive, SIMULTANEOUS classes, date inclusion shared within a
class); the reduced graph G- keeps only the non-derivable ones (a SIMULTANEOUS chain per position, one BEFORE between
consecutive positions, one date link per position, one per unordered event).
Precision = |Sys- ∩ Gold+| / |Sys-|, recall = |Gold- ∩ Sys+| / |Gold-|, micro-averaged over all target entities of
the three test corpora (F1 reported in percent, like the task: the best track A system scored 7.85).
The trial corpus (Apple, 6 timelines) is the dev set: choices were made there; its numbers are reported as ``dev_``.

    python -m benchmarks.timeline_semeval
    python -m benchmarks.timeline_semeval --write DIR   # also the TLINK files, for the original temporal_evaluation.py
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from communique.events.timeline import build_timeline
from communique.model import Document, Event

BEST_PUBLISHED_F1 = 7.85  # best track A system at SemEval-2015 Task 4 (micro F1 over the three corpora, percent)
UNKNOWN_DATE = "XXXX-XX-XX"
EVENT_POS = ("VERB", "NOUN")  # verbs and action nouns ("flight", "launch"); on the trial corpus F1 14.9 vs 14.4 verbs only
NOMINAL_EVENT_SUFFIXES = ("tion", "ment", "sion", "ure", "al", "ing")  # nouns that name an action (when NOUN is in EVENT_POS)
SUB_PHRASES = False  # multi-word sub-phrases of the name as aliases ("Apple Corps"): trial F1 14.3 vs 15.0 without
NOMINAL_SUFFIX_ONLY = True  # nouns count only with an action suffix (trial: all nouns F1 13.9)
REQUIRE_LINK = True  # the event must govern the target mention or hold it in its subtree (trial: P 18.9 vs 11.9)
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ROOT = "datasets/semeval2015_task4_timeline"


@dataclass(slots=True)
class CatDoc:
    doc: Document
    tokens: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, sentence) of each token
    doc_num: str = ""


def read_cat(path: Path) -> CatDoc:
    """A CAT file as a Document (one line per sentence) with the token offsets."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    tokens: list[tuple[int, int, int]] = []
    pos, current = 0, None
    for tok in root.iter("token"):
        sentence = int(tok.get("sentence", "0"))
        if current is not None and sentence != current:
            parts.append("\n")
            pos += 1
        elif current is not None:
            parts.append(" ")
            pos += 1
        word = tok.text or ""
        tokens.append((pos, pos + len(word), sentence))
        parts.append(word)
        pos += len(word)
        current = sentence
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
    text = "".join(parts)
    num = root.get("doc_id") or path.name.split("_")[0].split("-")[0]
    doc = Document(id=num, source=str(path), raw=text, text=text, published=dct, kind="news")
    return CatDoc(doc=doc, tokens=tokens, doc_num=num)


def read_gold(path: Path) -> tuple[str, list[tuple[int, str, list[str]]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    target = lines[0].strip()
    rows = []
    for line in lines[1:]:
        cells = line.strip().split("\t")
        if len(cells) >= 3:
            rows.append((int(cells[0]), cells[1], cells[2:]))
    return target, rows


# --- system ------------------------------------------------------------------------------------------------------


def _aliases(target: str, persons: set[str]) -> list[str]:
    """Ways the text names the target: the name, optionally its two-word-or-longer sub-phrases ("Apple Corps" for
    "Beatles Apple Corps"), and the surname of a person (a trial-corpus target is a person named by surname).
    No word-with-digits or acronym aliases: no trial target needs them, they were motivated by test targets."""
    words = target.split()
    aliases = {target}
    if SUB_PHRASES:
        aliases.update(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1))
    if target in persons and len(words) >= 2:
        aliases.add(words[-1])
    return sorted(aliases, key=len, reverse=True)


def _calendar(value: str | None) -> str | None:
    if value and _CALENDAR.match(value):
        return value
    return None


def _target_events(cat: CatDoc, sdoc, target: str, aliases: list[str]) -> list[Event]:
    """Events the target takes part in, in one document (steps 3-5)."""
    doc = cat.doc
    text = doc.text
    spans: list[tuple[int, int]] = []
    for alias in aliases:
        flags = re.IGNORECASE if " " in alias else 0  # "iTunes Store" for "iTunes store"; single words keep case
        for m in re.finditer(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", text, flags):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                spans.append(m.span())
    if not spans:
        return []
    dates = [(t.start, t.end, v) for t in doc.timexes if t.type == "DATE" and (v := _calendar(t.value))]
    events: list[Event] = []
    for s, e in spans:
        mention = sdoc.char_span(s, e, alignment_mode="expand")
        if mention is None:
            continue
        sentence = mention.sent
        mention_ids = {t.i for t in mention}
        heads = {t.head.i for t in mention}
        sentence_dates = [(ds, de, v) for ds, de, v in dates if sentence.start_char <= ds < sentence.end_char]
        for tok in sentence:
            if tok.pos_ not in EVENT_POS or tok.i in mention_ids:
                continue
            if tok.pos_ == "NOUN" and NOMINAL_SUFFIX_ONLY and not tok.text.lower().endswith(NOMINAL_EVENT_SUFFIXES):
                continue
            subtree = {t.i for t in tok.subtree}
            if REQUIRE_LINK and not (mention_ids & subtree) and tok.i not in heads:
                continue
            date = doc.published
            if sentence_dates:
                date = min(sentence_dates, key=lambda d: abs(d[0] - tok.idx))[2]
            events.append(
                Event(
                    type="OCCURRENCE",
                    start=tok.idx,
                    end=tok.idx + len(tok.text),
                    label=tok.text,
                    participants=((text[s:e], s, e),),
                    date_value=date,
                    date_basis="explicit" if sentence_dates else "publication",
                )
            )
    unique = {(ev.start, ev.end): ev for ev in events}
    return [unique[k] for k in sorted(unique)]


def _mention_id(cat: CatDoc, start: int, end: int) -> str:
    for ts, te, sentence in cat.tokens:
        if ts <= start < te:
            return f"{cat.doc_num}-{sentence}-{cat.doc.text[ts:te]}"
    return f"{cat.doc_num}-?-{cat.doc.text[start:end]}"


def _gold_date(value: str | None) -> str:
    if not value:
        return UNKNOWN_DATE
    m = _CALENDAR.match(value)
    if not m:
        return UNKNOWN_DATE
    return f"{m[1]}-{m[2] or 'XX'}-{m[3] or 'XX'}"


def system_timeline(cats: dict[str, CatDoc], parsed: dict[str, object], target: str, persons: set[str]):
    """(position, date, [mention ids]) rows for ``target`` (step 6)."""
    aliases = _aliases(target, persons)
    docs = []
    for num, cat in cats.items():
        docs.append(cat.doc.replace(events=_target_events(cat, parsed[num], target, aliases)))
    entries = build_timeline(docs, stories=[], actor=target)
    rows: list[tuple[int, str, list[str]]] = []
    positions: dict[str, int] = {}
    for entry in entries:
        date = _gold_date(entry.date)
        if date == UNKNOWN_DATE:
            position = 0
        else:
            position = positions.setdefault(date, len(positions) + 1)
        ids = [_mention_id(cats[s.doc], s.start, s.end) for s in entry.sources]
        rows.append((position, date, ids))
    return rows


# --- metric ----------------------------------------------------------------------------------------------------------


Relation = tuple[str, str, str]


def _graphs(rows: list[tuple[int, str, list[str]]], node_of) -> tuple[set[Relation], set[Relation]]:
    """(reduced, closure) relation sets of one timeline; ``node_of`` maps a row's mentions to its event node."""
    slots: dict[int, list[str]] = defaultdict(list)
    date_of: dict[str, str] = {}
    for position, date, mentions in rows:
        node = node_of(mentions)
        if node in date_of:
            continue  # the same event listed twice: first listing wins
        date_of[node] = date
        slots[position].append(node)
    reduced: set[Relation] = set()
    closure: set[Relation] = set()
    for node, date in date_of.items():
        closure.add((node, "IS_INCLUDED", "t:" + date))
    for node in slots.get(0, []):
        reduced.add((node, "IS_INCLUDED", "t:" + date_of[node]))
    ordered = sorted(p for p in slots if p > 0)
    for k, position in enumerate(ordered):
        members = sorted(slots[position])
        reduced.add((members[0], "IS_INCLUDED", "t:" + date_of[members[0]]))
        for a, b in zip(members, members[1:], strict=False):
            reduced.add((a, "SIMULTANEOUS", b))
        for a in members:
            for b in members:
                if a < b:
                    closure.add((a, "SIMULTANEOUS", b))
            for node in members:  # date inclusion is shared within a SIMULTANEOUS class
                closure.add((a, "IS_INCLUDED", "t:" + date_of[node]))
        if k + 1 < len(ordered):
            reduced.add((members[0], "BEFORE", sorted(slots[ordered[k + 1]])[0]))
        for later in ordered[k + 1 :]:
            for a in members:
                for b in slots[later]:
                    closure.add((a, "BEFORE", b))
    return reduced, _normalise(closure)


def _normalise(relations: set[Relation]) -> set[Relation]:
    out = set()
    for a, rel, b in relations:
        if rel == "SIMULTANEOUS" and b < a:
            a, b = b, a
        if a != b:
            out.add((a, rel, b))
    return out


def score_timeline(gold_rows, sys_rows) -> tuple[int, int, int, int]:
    """(precision numerator, precision denominator, recall numerator, recall denominator) of one timeline."""
    gold_reduced, gold_closure, sys_reduced, sys_closure = _timeline_graphs(gold_rows, sys_rows)
    return (len(sys_reduced & gold_closure), len(sys_reduced), len(gold_reduced & sys_closure), len(gold_reduced))


def tlinks_tml(relations: set[Relation], ids: dict[str, str]) -> str:
    """Relations as a TimeML file of TLINKs (events ``ei<n>``, dates ``t<n>``; ``ids`` is shared by the gold and
    system files of one timeline), the input the TempEval-3 toolkit's ``temporal_evaluation.py`` reads."""

    def ref(node: str, side: str) -> str:
        if node not in ids:
            ids[node] = ("t" if node.startswith("t:") else "ei") + str(len(ids) + 1)
        is_time = node.startswith("t:")
        name = {"x": ("timeID", "eventInstanceID"), "y": ("relatedToTime", "relatedToEventInstance")}[side]
        return f'{name[0] if is_time else name[1]}="{ids[node]}"'

    links = [
        f'<TLINK lid="l{k}" relType="{rel}" {ref(a, "x")} {ref(b, "y")} />'
        for k, (a, rel, b) in enumerate(sorted(relations), 1)
    ]
    return "<TimeML>\n" + "\n".join(links) + "\n</TimeML>\n"


def _timeline_graphs(gold_rows, sys_rows) -> tuple[set[Relation], set[Relation], set[Relation], set[Relation]]:
    """(gold reduced, gold closure, system reduced, system closure) of one timeline; a system event is the gold
    event whose mentions it shares, else a node of its own."""
    gold_node: dict[str, str] = {}
    for _, _, mentions in gold_rows:
        for m in mentions:
            gold_node.setdefault(m, mentions[0])

    def gold_of(mentions: list[str]) -> str:
        return gold_node[mentions[0]]

    def sys_of(mentions: list[str]) -> str:
        for m in mentions:
            if m in gold_node:
                return gold_node[m]
        return "sys:" + mentions[0]

    gold_reduced, gold_closure = _graphs(gold_rows, gold_of)
    sys_reduced, sys_closure = _graphs(sys_rows, sys_of)
    return _normalise(gold_reduced), gold_closure, _normalise(sys_reduced), sys_closure


# --- run ---------------------------------------------------------------------------------------------------------------


def _evaluate(raw_dir: Path, gold_files: list[Path], limit: int | None, write: Path | None = None) -> dict[str, float]:
    from communique.nlp.model_loader import parse
    from communique.nlp.timex import annotate

    cats: dict[str, CatDoc] = {}
    parsed: dict[str, object] = {}
    persons: set[str] = set()
    for path in sorted(raw_dir.glob("*.xml"))[:limit]:
        cat = read_cat(path)
        sdoc = parse(cat.doc.text)
        cat.doc = annotate(cat.doc, sdoc)
        cats[cat.doc_num], parsed[cat.doc_num] = cat, sdoc
        persons.update(ent.text for ent in sdoc.ents if ent.label_ == "PERSON")
    seen: set[str] = set()
    totals = [0, 0, 0, 0]
    timelines = 0
    self_check = True
    for gold_path in gold_files:
        target, gold_rows = read_gold(gold_path)
        if target in seen:
            continue  # corpus 3 holds the S&P 500 timeline twice under two file names
        seen.add(target)
        sys_rows = system_timeline(cats, parsed, target, persons)
        if write is not None:  # the reduced graphs as TLINKs, to score them with the original toolkit by hand
            gold_reduced, _, sys_reduced, _ = _timeline_graphs(gold_rows, sys_rows)
            ids: dict[str, str] = {}
            for side, relations in (("gold", gold_reduced), ("system", sys_reduced)):
                (write / side).mkdir(parents=True, exist_ok=True)
                (write / side / f"{gold_path.stem}.tml").write_text(tlinks_tml(relations, ids), encoding="utf-8")
        for k, v in enumerate(score_timeline(gold_rows, sys_rows)):
            totals[k] += v
        p_num, p_den, r_num, r_den = score_timeline(gold_rows, gold_rows)  # the scorer must give gold 100%
        self_check = self_check and p_num == p_den and r_num == r_den  # (one gold timeline is empty)
        timelines += 1
    p = totals[0] / totals[1] if totals[1] else 0.0
    r = totals[2] / totals[3] if totals[3] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": 100 * p, "recall": 100 * r, "f1": 100 * f, "timelines": float(timelines),
            "scorer_gold_is_perfect": float(self_check), "_counts": totals}  # type: ignore[dict-item]


def run(shared: Path, limit: int | None = None, write: Path | None = None) -> dict[str, float]:
    """The metrics; ``write``: also write each timeline's reduced graphs as TLINK files under ``write/<corpus>/``."""
    base = shared / _ROOT
    totals = [0, 0, 0, 0]
    timelines = 0.0
    metrics: dict[str, float] = {}
    for n in (1, 2, 3):
        corpus = base / "SemEval_Task4_data" / f"corpus_{n}"
        gold_files = sorted((corpus / "TimeLines_Gold_Standard").glob("*.txt"))
        result = _evaluate(corpus / "corpus_trackA_CAT", gold_files, limit, write and write / f"corpus_{n}")
        metrics[f"corpus_{n}_f1"] = result["f1"]
        for k, v in enumerate(result.pop("_counts")):  # type: ignore[arg-type]
            totals[k] += v
        timelines += result["timelines"]
        metrics["scorer_gold_is_perfect"] = min(metrics.get("scorer_gold_is_perfect", 1.0), result["scorer_gold_is_perfect"])
    p = totals[0] / totals[1] if totals[1] else 0.0
    r = totals[2] / totals[3] if totals[3] else 0.0
    metrics.update(
        precision=100 * p,
        recall=100 * r,
        f1=100 * (2 * p * r / (p + r) if p + r else 0.0),
        timelines=timelines,
        best_published_f1=BEST_PUBLISHED_F1,
    )
    trial_files = sorted((base / "TimeLines_trial_data_task4_v1.2").glob("*.txt"))
    dev = _evaluate(base / "Corpus-trial-data_task4", trial_files, limit, write and write / "trial")
    dev.pop("_counts")
    metrics.update({"dev_" + k: v for k, v in dev.items()})
    return metrics


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    args = sys.argv[1:]
    out = Path(args.pop(args.index("--write") + 1)) if "--write" in args else None
    limit = int(args[0]) if args and args[0].isdigit() else None
    print(json.dumps({k: round(v, 3) for k, v in run(shared_dir(), limit, out).items()}, indent=1))
