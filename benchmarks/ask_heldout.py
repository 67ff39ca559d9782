"""``ask`` on two held-out question sets (``benchmarks/data/ask_heldout*.jsonl``), written apart from the answerer.

Set ``heldout`` (the default, ``ask_heldout.jsonl``):

How the questions were written: by one engineer who did not read the answerer's code (``communique.search``) nor
its own question set (``benchmarks/ask_questions.jsonl``), the way an analyst would, from the documents only:

- about half from the 57 real multi-outlet pages of ``datasets/wild_dev/docs`` (24 meetings, 2018-2025; the gold
  files were read for orientation only);
- the other half from a slice of the White House set nobody had studied for ``ask``: readouts, statements and
  briefings of 2024 (``datasets/wh_briefings_readouts/{statements-releases,press-briefings}/2024-*``).

Kinds: when / where / who / what_said / how_many / role / yes_no / other, several naming a month or a place that the
answer must respect (the same pair of leaders meeting twice in a year, a call and a meeting of the same pair), and
unanswerable ones (a meeting in a place or month it did not happen in, a detail the sources do not give), checked
with a text search over the whole corpus below. Answers are short strings (a date in ISO and written forms, a name
and its variants, a number with its unit variants); ``sources`` lists every document of the corpus found to
support the answer. ``split``: ``dev`` for about a quarter of the questions, chosen by a hash of the question id
(``_split``), which whoever improves the answerer may read; ``test`` (the rest) they must not read.

Corpus, ingested with the product's ``ingest`` + ``finish`` (knowledge base and search index) into one SQLite store:
all 57 wild_dev pages, the White House source documents, and ``DISTRACTORS`` distractors: the other 2024
documents of the same folders, then every ``EXTRA_STRIDE``-th document of 2023 and then of 2022 in path order.

Metrics, for the test split (unprefixed) and the dev split (prefixed ``dev_``):

- ``answer_accuracy``: share of answerable questions whose answer (not "not in the sources") contains an expected
  string as whole words, case, accents, quotes and dashes folded; an answer whose written date equals an expected
  ISO date also counts;
- ``citation_support``: share of answerable questions with at least one citation into an expected source;
- ``citation_precision``: share of the citations given for answerable questions that point into an expected source;
- ``unanswerable_accuracy``: share of unanswerable questions answered "not in the sources" (``Answer.not_in_sources``).

Set ``heldout2`` (``--set heldout2``, ``ask_heldout2.jsonl``), a second, fresh set, all of it ``test``: no question
is in a dev split, and nobody who works on the answerer reads it. How it was written: by one writer who had read
neither the answerer's code (``communique.search``) nor the other question sets (``ask_questions.jsonl``,
``ask_heldout.jsonl``) and who never ran ``ask``; the questions were written the way an analyst would, from the
documents only:

- about two thirds from the White House slice of 2021, which no other set uses
  (``wh_briefings_readouts/{statements-releases,press-briefings,speeches-remarks}/2021-*``): readouts of calls and
  meetings (the same pair meeting twice, a call and a later meeting of the same pair, a readout dated the day after
  the meeting), statements, background briefings and the remarks before a bilateral meeting;
- about one third from the 57 wild_dev pages (the gold files read for orientation only).

Kinds as in ``heldout``, in varied phrasings (not one template per kind). About a fifth are unanswerable: a meeting
in a place or month it did not happen in, a call asked about as a meeting, a detail (a number, the other side's
words) the sources do not give; each was checked with a case-insensitive text search (grep) over the whole corpus
below, as was every answerable question's ``sources``, which list every corpus document found to support the
answer. Corpus: all 57 wild_dev pages, the 2021 documents of the White House folders (sources, and the rest as the
first distractors), then all 2025 documents, then every other document of 2022 and then of 2023 in path order
(2021, 2025 and 2022 alone leave fewer than 500 distractors), up to ``DISTRACTORS``; fixed, nothing chosen by hand.
345 questions (215 White House, 130 wild_dev; 72 unanswerable) over 719 documents, 520 of them distractors. Metrics
as above, over all its questions at once (no dev split), printed with the prefix ``heldout2_``
(``heldout2_answer_accuracy``, ``heldout2_citation_precision``, ``heldout2_unanswerable_accuracy`` ...). A store
kept with ``--db`` holds one set's corpus: give each set its own file.

With ``--split dev`` only the dev questions are asked, printed and scored (the test questions are filtered out
before anything is asked; the corpus is the same, built from every question's sources): the only way to run it
while improving the answerer. ``--split practice`` asks every practice file (``PRACTICE``,
``data/ask_practice*.jsonl``) against the same store: ``ask_practice.jsonl``, the improver's own questions, written
from 2023 pages that are distractors here before the answerer was changed for them; ``ask_practice2.jsonl`` (188
questions, 33 unanswerable), written by someone who had read neither the answerer's code nor the held-out sets and
never ran ``ask``, from White House documents of 2022-2024 that are distractors of this store (kinds and checks as
in ``heldout``: varied phrasings, sources and unanswerables checked with a text search over all the distractors);
``ask_practice3.jsonl`` (271 questions, 53 unanswerable), written the same way by another writer who had read
neither the answerer's code nor any other question set and never ran ``ask``, from the 392 distractors that no
other set's question cites (169 documents of 2022-2024: readouts, statements, briefings, remarks); its first
run, before any change to the answerer, is its "fresh" figure (README); ``ask_practice4.jsonl`` (219 questions, 45
unanswerable, 154 source documents), written the same way by a fourth writer (read neither the answerer's code nor
any question set, never ran ``ask``) from the 236 distractors that no earlier set cites (mostly 2024 statements and
readouts); every answer's sources and every unanswerable checked with a text search over the whole corpus, questions
whose answer a document cited by another set also gives dropped. It was first run on the answerer as it stood
before that session's changes (its fresh figure) and again after them. ``ask_practice5.jsonl`` (137 questions, 26
unanswerable, 82 source documents), written the same way by a fifth writer (read neither the answerer's code, nor any
question set, nor any answer log; never ran ``ask``) from the 82 distractors that no earlier set cites (2022-2024
statements, readouts, briefings; every one of them a source), checked the same way; some dates are worked out from a
readout's "yesterday" or weekday and its publication date. Its fresh figure is its first run, on the answerer as it
stood before the changes of the session that added it; the improver of that session never read it.
(``--split`` applies to ``heldout``; ``heldout2`` has no dev split.)

    python -m benchmarks.ask_heldout [--set heldout|heldout2] [--split dev|test|practice] [--limit N] [--errors]
        [--db FILE (kept; a rerun skips the ingest)] [--scorer rules|learned (ask's answer scorer; default its own)]
        [--practice ask_practice3.jsonl[,...] (with --split practice: only these practice files)]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from communique.store.base import Store

QUESTIONS = Path(__file__).with_name("data") / "ask_heldout.jsonl"
# Practice questions from White House pages that are distractors of this corpus (none of them a source of
# QUESTIONS), every file of them asked against the same store: ``--split practice``.
PRACTICE = tuple(sorted(Path(__file__).with_name("data").glob("ask_practice*.jsonl")))
WILD_DEV = "wild_dev/docs"
WH = "wh_briefings_readouts"
WH_FOLDERS = ("statements-releases", "press-briefings", "speeches-remarks", "presidential-actions")
SLICE_YEAR = "2024"  # the questions' White House slice; its other documents are the first distractors
EXTRA_YEARS = ("2023", "2022")  # 2024 alone has too few documents left over to reach DISTRACTORS
EXTRA_STRIDE = 2  # every other document of an extra year, in path order: fixed, spread over the months
DISTRACTORS = 520  # at least 500 documents that answer none of the questions, as the brief asks
DEV_SHARE = 4  # one question in DEV_SHARE (by hash of its id) is in the dev split

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
_MONTH_RE = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
             r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?\s+(\d{{4}})\b")
_DASHES = str.maketrans({c: " " for c in "-‐‑‒–—―"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})


# -- scoring (pure; tests/benchmarks/test_ask_heldout_scoring.py) ------------------------------------------------
def fold(text: str) -> str:
    """Lower case, no accents, straight quotes, dashes as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_DASHES)
    return " ".join(text.lower().split())


def contains(answer: str, expected: str) -> bool:
    """``expected`` occurs in ``answer`` as whole words ("23" is not found in "2023"), both folded."""
    needle = fold(expected)
    return bool(needle) and re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", fold(answer)) is not None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(number for full, number in _MONTHS.items() if full.startswith(name[:3]))


def answer_dates(text: str) -> set[str]:
    """ISO dates written in ``text``: 2024-03-01, March 1, 2024, Mar. 1 2024, 1 March 2024, 1st of March, 2024."""
    folded = fold(text)
    dates = {f"{y}-{m}-{d}" for y, m, d in _ISO.findall(text)}
    for month, day, year in _MONTH_DAY_YEAR.findall(folded):
        dates.add(f"{year}-{_month(month):02d}-{int(day):02d}")
    for day, month, year in _DAY_MONTH_YEAR.findall(folded):
        dates.add(f"{year}-{_month(month):02d}-{int(day):02d}")
    return dates


def is_correct(expected: Sequence[str], text: str, not_in_sources: bool) -> bool:
    """An answer is right when it is not "not in the sources" and gives an expected string or ISO date."""
    if not_in_sources:
        return False
    if any(contains(text, e) for e in expected):
        return True
    return bool(answer_dates(text) & {e for e in expected if _ISO.fullmatch(e)})


@dataclass
class Reply:
    """What the benchmark keeps of one answer: its text, the not-in-sources flag, the cited source paths."""

    text: str
    not_in_sources: bool
    cited: list[str | None] = field(default_factory=list)  # paths relative to datasets/; None: an unknown document


def _ratio(num: int, den: int, empty: float) -> float:
    return round(num / den, 4) if den else empty


def score(questions: Sequence[dict], replies: Sequence[Reply]) -> dict[str, float]:
    """Metrics of one split (see the module docstring)."""
    answerable = [(q, r) for q, r in zip(questions, replies, strict=True) if not q["unanswerable"]]
    unanswerable = [r for q, r in zip(questions, replies, strict=True) if q["unanswerable"]]
    right = sum(is_correct(q["expected"], r.text, r.not_in_sources) for q, r in answerable)
    supported = sum(any(c in q["sources"] for c in r.cited) for q, r in answerable)
    cited = sum(len(r.cited) for _, r in answerable)
    cited_ok = sum(sum(c in q["sources"] for c in r.cited) for q, r in answerable)
    return {
        "answer_accuracy": _ratio(right, len(answerable), 0.0),
        "citation_support": _ratio(supported, len(answerable), 0.0),
        "citation_precision": _ratio(cited_ok, cited, 0.0),
        "unanswerable_accuracy": _ratio(sum(r.not_in_sources for r in unanswerable), len(unanswerable), 1.0),
        "answerable": float(len(answerable)),
        "unanswerable": float(len(unanswerable)),
    }


SPLITS = ("test", "dev", "practice")
_PREFIX = {"test": "", "dev": "dev_", "practice": "practice_"}


def score_splits(questions: Sequence[dict], replies: Sequence[Reply],
                 splits: Sequence[str] = ("test", "dev")) -> dict[str, float]:
    """Test split unprefixed, dev split prefixed ``dev_``, practice ``practice_``; only the ``splits`` named."""
    metrics: dict[str, float] = {}
    for split, prefix in _PREFIX.items():
        if split not in splits:
            continue
        chosen = [(q, r) for q, r in zip(questions, replies, strict=True) if q["split"] == split]
        part = score([q for q, _ in chosen], [r for _, r in chosen])
        metrics.update({f"{prefix}{k}": v for k, v in part.items()})
    return metrics


def set_metrics(qset: QuestionSet, questions: Sequence[dict], replies: Sequence[Reply],
                extra: dict[str, float] | None = None, split: str | None = None) -> dict[str, float]:
    """The printed result of one set: its scores (test and dev, or test alone) and ``extra``, all under its prefix."""
    splits = ("test", "dev") if split is None else (split,)
    scored = score_splits(questions, replies, splits) if qset.dev_split else score(questions, replies)
    return {f"{qset.prefix}{k}": v for k, v in {**scored, **(extra or {})}.items()}


def split_of(question_id: str) -> str:
    """``dev`` for one id in DEV_SHARE, by a hash of the id (not by choice)."""
    return "dev" if int(hashlib.sha256(question_id.encode()).hexdigest(), 16) % DEV_SHARE == 0 else "test"


# -- question sets and corpus -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionSet:
    """One question file and the corpus slice it is asked over (see the module docstring)."""

    name: str
    questions: Path
    slice_year: str  # the White House year the questions come from; its other documents are the first distractors
    extra: tuple[tuple[str, int], ...]  # (year, stride): then every stride-th document of each year, in path order
    prefix: str  # put before every metric name in the printed result
    dev_split: bool  # False: every question is test, scored once


SETS = {
    "heldout": QuestionSet("heldout", QUESTIONS, SLICE_YEAR, tuple((y, EXTRA_STRIDE) for y in EXTRA_YEARS), "", True),
    # 2021 leaves ~140 documents over; all of 2025 (17) and every other 2022 document (~200) still fall short of
    # DISTRACTORS, so every other 2023 document follows
    "heldout2": QuestionSet("heldout2", QUESTIONS.with_name("ask_heldout2.jsonl"), "2021",
                            (("2025", 1), ("2022", EXTRA_STRIDE), ("2023", EXTRA_STRIDE)), "heldout2_", False),
}


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def select(questions: Sequence[dict], split: str | None = None, limit: int | None = None) -> list[dict]:
    """The questions of ``split`` (all when None), then the first ``limit`` of them."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
    chosen = [q for q in questions if split is None or q["split"] == split]
    return chosen[:limit] if limit else chosen


def _year_files(datasets: Path, year: str) -> list[str]:
    root = datasets / WH
    return sorted(p.relative_to(datasets).as_posix() for folder in WH_FOLDERS
                  for p in (root / folder).glob(f"{year}-*/*.md"))


def corpus(datasets: Path, sources: Iterable[str], qset: QuestionSet = SETS["heldout"]) -> tuple[list[str], list[str]]:
    """(documents to ingest, the distractors among them), as paths relative to ``datasets``."""
    sources = set(sources)
    wild = sorted(p.relative_to(datasets).as_posix() for p in (datasets / WILD_DEV).glob("*.txt"))
    wh_sources = sorted(s for s in sources if s.startswith(WH + "/"))
    pool = [f for f in _year_files(datasets, qset.slice_year) if f not in sources]
    for year, stride in qset.extra:
        pool += [f for f in _year_files(datasets, year)[::stride] if f not in sources]
    distractors = pool[:DISTRACTORS]
    return wild + wh_sources + distractors, distractors


# -- run ---------------------------------------------------------------------------------------------------------

def source_paths(store: Store, datasets: Path) -> dict[str, str | None]:
    """Each stored document's source as a path relative to ``datasets`` (None outside it): what ``sources`` lists."""

    def rel(source: str) -> str | None:
        try:
            return Path(source).resolve().relative_to(datasets).as_posix()
        except ValueError:
            return None

    return {d.id: rel(d.source) for d in store.iter_documents(include_text=False)}

def run(shared: Path, limit: int | None = None, errors: list[str] | None = None,
        db: str | None = None, qset: QuestionSet = SETS["heldout"], split: str | None = None,
        scorer: str | None = None) -> dict[str, float]:
    from communique.ingest.run import finish, ingest
    from communique.search import ask, refresh_index
    from communique.store.sqlite import SQLiteStore

    datasets = (shared / "datasets").resolve()
    every = load_questions(qset.questions)
    files, distractors = corpus(datasets, {s for q in every for s in q["sources"]}, qset)  # one corpus for every split
    # before anything is asked: the other splits are never asked nor printed
    practice = [q for path in PRACTICE for q in load_questions(path)] if split == "practice" else []
    questions = select(practice, split, limit) if split == "practice" else select(every, split, limit)
    started = time.perf_counter()
    replies: list[Reply] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(db or Path(tmp) / "kb.db")  # --db keeps the ingested corpus between runs
        report = ingest([str(datasets / f) for f in files], store)
        finish(store, report)  # knowledge base + search index, as `communique ingest` does
        if not report.added:
            refresh_index(store)  # a kept store from an earlier run: make sure its index is current
        ingested = time.perf_counter() - started

        by_id = source_paths(store, datasets)
        for q in questions:
            answer = ask(store, q["question"], scorer=scorer)
            reply = Reply(answer.text, answer.not_in_sources,
                          [by_id.get(c["doc"]) for s in answer.sentences for c in s.citations])
            replies.append(reply)
            ok = reply.not_in_sources if q["unanswerable"] else is_correct(q["expected"], reply.text,
                                                                              reply.not_in_sources)
            if not ok and errors is not None:
                errors.append(f"[{q['id']} {q['split']} {q['type']}] {q['question']}\n"
                              f"    expected {q['expected'] or 'not in the sources'} from {q['sources']}\n"
                              f"    got ({answer.intent}, {answer.confidence}) {reply.text}\n"
                              f"    cited {sorted({c or '?' for c in reply.cited})}")
        store.close()
    return set_metrics(qset, questions, replies, {
        "questions": float(len(questions)),
        "documents": float(len(files)),
        "distractors": float(len(distractors)),
        "ingest_seconds": round(ingested, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }, split)


if __name__ == "__main__":
    args = sys.argv[1:]
    lim = int(args[args.index("--limit") + 1]) if "--limit" in args else None
    errs: list[str] | None = [] if "--errors" in args else None
    keep = args[args.index("--db") + 1] if "--db" in args else None
    only = args[args.index("--split") + 1] if "--split" in args else None
    chosen = args[args.index("--set") + 1] if "--set" in args else "heldout"
    how = args[args.index("--scorer") + 1] if "--scorer" in args else None
    if "--practice" in args:  # only these practice files, e.g. one set's fresh figure
        names = args[args.index("--practice") + 1].split(",")
        unknown = sorted(set(names) - {p.name for p in PRACTICE})
        if unknown:
            sys.exit(f"unknown practice file(s) {', '.join(unknown)}: choose from {', '.join(p.name for p in PRACTICE)}")
        PRACTICE = tuple(p for p in PRACTICE if p.name in names)
    if chosen not in SETS:
        sys.exit(f"unknown question set {chosen!r}: choose one of {', '.join(SETS)} with --set")
    metrics = run(Path(__file__).resolve().parent.parent.parent / "shared", lim, errs, keep, SETS[chosen], only, how)
    for e in errs or []:
        print(e, file=sys.stderr)
    print(json.dumps(metrics, indent=2))
