"""SemEval-2015 Task 4 TimeLine (track A: raw text), scored with the TempEval-3 relation scoring the task used.

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
6. The events become :class:`communique.model.Event` records; :func:`order_events` keeps those a participant of
   which the target names (:func:`communique.kb.match.actor_matches`) and orders them: date (a month-day without a
   year with the undated), then publication date, then label, then position; one timeline position per date.

Metric (temporal awareness, UzZaman & Allen 2011), in two steps:
1. Timeline -> TimeML relations (:func:`timeline_relations`): nodes are events (a gold line = one event; a system
   event is the gold event whose mentions it shares, else a node of its own) and dates; events at one position are
   SIMULTANEOUS, consecutive positions BEFORE, events IS_INCLUDED in their date (position 0 is not ordered). This
   follows the task description; the task's own converter was not found (not in ``shared/``, not in the code index),
   so this step is OURS and may differ from the official tool in which relations it emits and in what order.
2. The TempEval-3 toolkit's evaluation-relations (:mod:`benchmarks.te3_relations`, a port checked file by file
   against the original ``temporal_evaluation.py`` on these timelines): precision = system relations of the reduced
   Timegraph verified in the gold graph / system relations; recall the other way round; micro-averaged over all
   target entities of the three test corpora (F1 in percent, like the task: the best track A system scored 7.85).
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

from benchmarks import te3_relations
from benchmarks.te3_relations import Triple
from communique.kb.dates import is_partial
from communique.kb.match import actor_matches, normalize_name
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
UNDATED = "9999"  # sorts after every ISO date: undated events go last


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
    rows: list[tuple[int, str, list[str]]] = []
    positions: dict[str, int] = {}
    for doc, event in order_events(docs, target):
        date = _gold_date(event.date_value)
        if date == UNKNOWN_DATE:
            position = 0
        else:
            position = positions.setdefault(date, len(positions) + 1)
        rows.append((position, date, [_mention_id(cats[doc.id], event.start, event.end)]))
    return rows


def order_events(docs: list[Document], actor: str) -> list[tuple[Document, Event]]:
    """The events of ``docs`` with a participant ``actor`` names, in timeline order (step 6)."""
    found = [
        (doc, event)
        for doc in docs
        for event in doc.events
        if any(normalize_name(name) and actor_matches(actor, name) for name, _, _ in event.participants)
    ]
    found.sort(
        key=lambda pair: (
            pair[1].date_value if pair[1].date_value and not is_partial(pair[1].date_value) else UNDATED,
            pair[0].published or UNDATED,
            pair[1].label or "",
            pair[0].id,
            pair[1].start,
        )
    )
    return found


# --- metric ----------------------------------------------------------------------------------------------------------


Relation = tuple[str, str, str]  # (node, relation, node)


def timeline_relations(rows: list[tuple[int, str, list[str]]], node_of) -> set[Relation]:
    """One timeline as TimeML relations (step 1 of the metric); ``node_of`` maps a row's mentions to its event node.

    Events at one position: a SIMULTANEOUS chain; consecutive positions: one BEFORE between their first events;
    each position's first event IS_INCLUDED in its date, and each unordered event (position 0) in its date.
    """
    slots: dict[int, list[str]] = defaultdict(list)
    date_of: dict[str, str] = {}
    for position, date, mentions in rows:
        node = node_of(mentions)
        if node in date_of:
            continue  # the same event listed twice: first listing wins
        date_of[node] = date
        slots[position].append(node)
    relations: set[Relation] = set()
    for node in slots.get(0, []):
        relations.add((node, "IS_INCLUDED", "t:" + date_of[node]))
    ordered = sorted(p for p in slots if p > 0)
    for k, position in enumerate(ordered):
        members = sorted(slots[position])
        relations.add((members[0], "IS_INCLUDED", "t:" + date_of[members[0]]))
        relations.update((a, "SIMULTANEOUS", b) for a, b in zip(members, members[1:], strict=False) if a != b)
        if k + 1 < len(ordered):
            relations.add((members[0], "BEFORE", sorted(slots[ordered[k + 1]])[0]))
    return relations


def _nodes(gold_rows, sys_rows):  # type: ignore[no-untyped-def]
    """(gold node_of, system node_of): a system event is the gold event whose mentions it shares, else its own."""
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

    return gold_of, sys_of


def tlinks(gold_rows, sys_rows) -> tuple[list[Triple], list[Triple]]:
    """(gold, system) TLINK triples ``(x, y, relType)`` of one timeline, in a fixed order (the Timegraph is built in
    input order), events as ``ei<n>`` and dates as ``t<n>`` numbered across both sides."""
    gold_of, sys_of = _nodes(gold_rows, sys_rows)
    ids: dict[str, str] = {}

    def ref(node: str) -> str:
        if node not in ids:
            ids[node] = ("t" if node.startswith("t:") else "ei") + str(len(ids) + 1)
        return ids[node]

    sides = (timeline_relations(gold_rows, gold_of), timeline_relations(sys_rows, sys_of))
    gold, system = ([(ref(a), ref(b), rel) for a, rel, b in sorted(relations)] for relations in sides)
    return gold, system


def score_timeline(gold_rows, sys_rows) -> tuple[int, int, int, int]:
    """(precision numerator, precision denominator, recall numerator, recall denominator) of one timeline, by the
    TempEval-3 toolkit's relation scoring (:func:`benchmarks.te3_relations.score`)."""
    return te3_relations.score(*tlinks(gold_rows, sys_rows))


def tlinks_tml(triples: list[Triple]) -> str:
    """TLINK triples as the TimeML file the toolkit's ``temporal_evaluation.py`` reads."""
    links = []
    for k, (x, y, rel) in enumerate(triples, 1):
        xa = ("timeID" if x.startswith("t") else "eventInstanceID") + f'="{x}"'
        ya = ("relatedToTime" if y.startswith("t") else "relatedToEventInstance") + f'="{y}"'
        links.append(f'<TLINK lid="l{k}" relType="{rel}" {xa} {ya} />')
    return "<TimeML>\n" + "\n".join(links) + "\n</TimeML>\n"


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
        if write is not None:  # the TLINK files, to score them with the original toolkit by hand
            for side, triples in zip(("gold", "system"), tlinks(gold_rows, sys_rows), strict=True):
                (write / side).mkdir(parents=True, exist_ok=True)
                (write / side / f"{gold_path.stem}.tml").write_text(tlinks_tml(triples), encoding="utf-8")
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
