"""TempEval-3 TIMEX3 entity scoring, a Python 3 port of the official TempEval-3 evaluation toolkit.

Source: the TempEval-3 toolkit (Naushad UzZaman, github naushadzaman/tempeval3_toolkit, the snapshot kept in
``shared/datasets/tempeval3/official_toolkit``) and the TimeML-Normalizer it runs first (Hector Llorens,
github hllorens/timeml-normalizer, the 2013 jar shipped with the toolkit). Cite: UzZaman, Llorens, Derczynski,
Verhagen, Allen and Pustejovsky (2013), "SemEval-2013 Task 1: TempEval-3: Evaluating Events, Time Expressions, and
Temporal Relations", SemEval 2013. Licence: neither the toolkit's README nor its SNAPSHOT names a licence; this file
is an independent re-implementation of the behaviour (no code copied) with attribution and the citation the README
asks for. The English abbreviation list is read from the toolkit folder at run time, not copied.

What the official pipeline does (``TE3-evaluation.py gold system``), and this port step by step:
1. ``tokenize``: the normalizer tokenizes the plain text of ``<TEXT>`` with ``tokenize.pl -e -a english-abbreviations``
   (split off leading/trailing punctuation, English clitics, a final period unless the word is an abbreviation),
   then splits every token with exactly one inner hyphen into three ("mid-1990s" -> "mid", "-", "1990s").
2. ``label_tokens``: each token gets B/I/O for the EVENT or TIMEX3 tag read while its characters are matched
   against the TimeML: a tag opening before or inside a token makes it B; a tag closing before a token's first
   character (or inside a later token) makes that token O; a tag opening and closing inside one token keeps it B.
3. ``align``: timex ids are renumbered across gold and system (gold first, then system, at every token): a timex
   beginning at a token where a timex of the other annotation is open takes that timex's id unless it already used
   that id or a later one (one-to-one pairing, first come first served); otherwise a fresh id. Open timexes stay
   open through EVENT tokens (only O and B-TIMEX3 close them). The DCT becomes ``t0`` and is not scored.
4. ``score_files`` (evaluate_entities.py): a gold timex is a relaxed match when the system has the same normalized
   id, a strict match when the two texts are also equal; type and value are compared on relaxed matches; counts
   are summed over files (micro average).
5. ``Te3Counts.metrics``: strict and relaxed P/R/F1; ``type_accuracy`` / ``value_accuracy`` = matching attribute /
   relaxed matches; ``value_f1`` / ``type_f1`` = accuracy x relaxed F1, the "Attribute F1" the toolkit prints and
   the "value F1" of the TempEval-3 results tables.

Checked against the original (Python 2 + Java, run by hand) on the toolkit's sample files ``data/gold`` vs
``data/system`` and ``easy_checking`` (tests/benchmarks/test_te3_scorer_official.py pins its numbers), on our
system output for te3-platinum (20 files) and TBAQ-cleaned (256 files): identical counts; ``tokenize`` against
tokenize.pl on all 277 TempEval-3 files.
Not ported: the schema check the normalizer runs first (a file failing the TimeML XSD, e.g. a TIMEX3 without
``value``, is dropped by the original; our writer always writes the required attributes) and event scoring
(EVENT tags are read, they keep timexes open in step 3, but the product extracts time expressions only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

TOOLKIT = "datasets/tempeval3/official_toolkit"
ABBREVIATIONS = TOOLKIT + "/evaluation-entities/english-abbreviations"

# --- step 1: tokenize.pl -e (English), as the normalizer calls it ------------------------------------------------

_PREFIX_CHARS = "[{(\u00b4`\"\u00bb\u00ab\x82\x84\x86\x87\x8b\x91\x92\x93\x94\x95\x96\x97\x9b"
_SUFFIX_CHARS = "]}'`\"),;:!?%\u00bb\u00ab\x82\x84\x85\x86\x87\x89\x8b\x91\x92\x93\x94\x95\x96\x97\x9b"
_PC = "[" + re.escape(_PREFIX_CHARS) + "]"
_FC = "[" + re.escape(_SUFFIX_CHARS) + "]"
_LEADING = re.compile(r"^(" + _PC + r")(.)", re.S)
_TRAILING = re.compile(r"(.)(" + _FC + r")$", re.S)
_TRAILING_DOT = re.compile(r"(" + _FC + r")\.$")
_INITIALS = re.compile(r"^([A-Za-z\u00c0-\u00ff]\.)+$")
_FINAL_DOT = re.compile(r"^(..*)\.$", re.S)
_CLITIC = re.compile(r"(.)('(s|re|ve|d|m|em|ll)|n't)$", re.S)
_ONE_HYPHEN = re.compile(r"[^-]+-[^-]+")
_LETTER = "a-zA-Z\u00c0-\u00ff"


def load_abbreviations(shared: Path) -> frozenset[str]:
    """The toolkit's list of words the tokenizer keeps whole ("Mr.", "Calif."): comments and blanks skipped."""
    words = set()
    for line in (shared / ABBREVIATIONS).read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.add(word)
    return frozenset(words)


def _split_word(word: str, abbreviations: frozenset[str]) -> list[str]:
    """One whitespace-separated word -> tokens (the inner loop of tokenize.pl)."""
    out: list[str] = []
    suffix: list[str] = []
    while word not in abbreviations:
        if m := _LEADING.match(word):
            out.append(m[1])
            word = word[1:]
        elif m := _TRAILING.search(word):
            suffix.insert(0, m[2])
            word = word[: m.start()] + m[1]
        elif m := _TRAILING_DOT.search(word):
            suffix.insert(0, ".")
            word = word[: m.start()]
            if word == "":
                word = m[1]
            else:
                suffix.insert(0, m[1])
        else:
            break
    if word in abbreviations or _INITIALS.match(word):
        return [*out, word, *suffix]
    if (m := _FINAL_DOT.match(word)) and word != "...":
        word = m[1]
        suffix.insert(0, ".")
        if word in abbreviations:
            return [*out, word, *suffix]
    while m := _CLITIC.search(word):
        suffix.insert(0, m[2])
        word = word[: m.start()] + m[1]
    return [*out, word, *suffix]


def tokenize(text: str, abbreviations: frozenset[str] = frozenset()) -> list[str]:
    """Tokens of a plain text as the normalizer sees them (tokenize.pl -e, then the one-hyphen split)."""
    tokens: list[str] = []
    for line in text.replace("\r", "").split("\n"):
        for part in re.split(r"(<[^<>]*>|&[^; \t\n\r]*;)", line):
            if not part:
                continue
            if re.fullmatch(r"<[^<>]*>", part):  # a tag is one token; an escape is only cut off its neighbours
                raw = [part]
            else:
                s = " " + part + " "
                s = s.replace("...", " ... ")
                s = re.sub(r"([;!?/])([^ ])", r"\1 \2", s)
                s = re.sub(r"(,)([^ 0-9.])", r"\1 \2", s)
                s = re.sub(rf"([{_LETTER}][{_LETTER}][.:])([A-Z\u00c0-\u00dd])", r"\1 \2", s)
                raw = [t for w in s.split() for t in _split_word(w, abbreviations)]
            for tok in raw:
                tok = re.sub(r"\s+", "", tok).strip().replace("|", "-")
                if not tok:
                    continue
                if _ONE_HYPHEN.fullmatch(tok):
                    tokens.extend(tok.replace("-", "\n-\n").split("\n"))
                else:
                    tokens.append(tok)
    return tokens


# --- step 2: B/I/O labels of the tokens ---------------------------------------------------------------------------


@dataclass(slots=True)
class Label:
    bio: str  # "B", "I" or "O"
    tag: str = ""  # EVENT or TIMEX3
    attrs: dict[str, str] = field(default_factory=dict)  # attributes of the opening tag (on B only)


def text_of(tml: str) -> str:
    """The TimeML after its ``<TEXT>`` tag up to ``</TEXT>`` (tags kept)."""
    m = re.search(r"<TEXT>", tml, re.I)
    if m is None:
        raise ValueError("no <TEXT> tag")
    end = re.search(r"</TEXT>", tml[m.end() :], re.I)
    return tml[m.end() : m.end() + end.start()] if end else tml[m.end() :]


def plain_text(tml: str) -> str:
    """The characters of ``<TEXT>`` without tags, XML escapes resolved."""
    body = re.sub(r"<[^>]*>", "", text_of(tml))
    for escaped, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        body = body.replace(escaped, char)
    return body


def _parse_attrs(text: str) -> dict[str, str]:
    return dict(re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', text))


def label_tokens(tml: str, tokens: list[str]) -> list[Label]:
    """Step 2: walk the TimeML of ``<TEXT>`` character by character along the tokens (whitespace, tags and XML
    escapes between them are read on the way) and give each token its EVENT/TIMEX3 label."""
    xml = text_of(tml)
    pos = 0
    bio, in_tag, in_attrs = "O", "", {}
    labels: list[Label] = []
    last = "\0"  # the last character read (the normalizer's cxml)
    for token in tokens:
        prev = prevprev = "x"  # reset for every token, as in the normalizer
        opened_here = False
        delayed_close = False
        cn = 0
        while cn < len(token):
            prevprev, prev = prev, last
            if pos >= len(xml):
                raise ValueError("text ends before the tokens")
            char = last = xml[pos]
            pos += 1
            if char.lower() == token[cn].lower():
                cn += 1
                continue
            if char in " \n\r\t":
                continue
            if char == "<":
                close = xml.index(">", pos)
                raw = xml[pos:close].strip()
                pos, last = close + 1, ">"
                name, _, attr_text = raw.partition(" ")
                if re.fullmatch(r"(?i)EVENT|TIMEX3", name):
                    opened_here = True
                    if in_tag and in_tag != name:
                        raise ValueError(f"nested tags {name}/{in_tag} at token {token!r}")
                    in_tag, in_attrs, bio = name, _parse_attrs(attr_text), "B"
                elif name.startswith("/") and in_tag and name[1:].lower() == in_tag.lower():
                    if opened_here and cn > 0:
                        delayed_close = True  # opened and closed inside this token: it stays B
                    else:
                        bio, in_tag, in_attrs, opened_here = "O", "", {}, False
                continue
            if char == "&" or (prev == "&" and char == "a") or (prevprev == ";" and prev == " " and char == "a"):
                pos, last = xml.index(";", pos) + 1, ";"
                continue
            raise ValueError(f"text and tokens differ at {char!r} / {token!r}")
        labels.append(Label(bio, in_tag if bio != "O" else "", in_attrs if bio == "B" else {}))
        if bio == "B":
            bio = "I"
        if delayed_close:
            bio, in_tag, in_attrs = "O", "", {}
    return labels


# --- step 3: id alignment (TimeML-Normalizer) ---------------------------------------------------------------------


def align(annotations: list[list[Label]]) -> list[dict[str, str]]:
    """Step 3: for each annotation (gold first), original TIMEX3 tid -> normalized tid ``t<n>``."""
    n = len(annotations)
    last_tid = 1  # next fresh normalized id, shared by the annotations
    open_tid = [0] * n  # normalized id of the timex open at this token in each annotation (0 = none)
    last_used = [0] * n  # the last normalized id each annotation took (pairing must go forward)
    maps: list[dict[str, str]] = [{} for _ in range(n)]
    for k in range(len(annotations[0])):
        for a in range(n):
            label = annotations[a][k]
            if label.bio == "O" or (label.bio == "B" and label.tag == "TIMEX3"):
                open_tid[a] = 0
        for a in range(n):
            label = annotations[a][k]
            if not (label.bio == "B" and label.tag == "TIMEX3"):
                continue
            open_tid[a] = last_tid
            for other in range(n):
                if other != a and open_tid[other] and last_used[a] < open_tid[other]:
                    open_tid[a] = open_tid[other]
                    break
            last_used[a] = open_tid[a]
            if open_tid[a] == last_tid:
                last_tid += 1
            maps[a][label.attrs.get("tid", "")] = f"t{open_tid[a]}"
    return maps


# --- step 4: scoring (evaluate_entities.py) -----------------------------------------------------------------------


@dataclass(slots=True)
class Timex:
    tid: str
    text: str
    type: str
    value: str


def _attr(tag: str, name: str) -> str:
    """evaluate_entities.py's attribute read: the first ``name="..."`` in the tag, else the name itself."""
    m = re.search(name + '="([^"]*)"', tag)
    return m[1] if m else name


def normalized_timexes(tml: str, id_map: dict[str, str]) -> dict[str, Timex]:
    """The scored timexes of one file after normalization: closed one-piece TIMEX3 elements whose tid the
    normalizer mapped (unmapped ones are stripped by it), the DCT (``t0``) left out; keyed by normalized tid."""
    tml = tml.replace("&quot;", '"')
    dct = re.search(r"<DCT><TIMEX3[^>]*tid=\"([^\"]*)\"", tml)
    id_map = dict(id_map)
    if dct:
        id_map[dct[1]] = "t0"
    out: dict[str, Timex] = {}
    for m in re.finditer(r"<TIMEX3([^>]*)>([^<]*)</TIMEX3>", tml):
        tid = id_map.get(_attr(m[1], "tid"))
        if tid is None or tid == "t0":
            continue
        out[tid] = Timex(tid, m[2], _attr(m[1], "type"), _attr(m[1], "value"))
    return out


@dataclass(slots=True)
class Te3Counts:
    gold: int = 0
    system: int = 0
    strict_recall: int = 0  # gold timexes with a strict system match
    relaxed_recall: int = 0
    strict_precision: int = 0  # system timexes with a strict gold match
    relaxed_precision: int = 0
    type_match: int = 0  # relaxed matches with the gold type
    value_match: int = 0
    mismatches: list[tuple[str, Timex, Timex | None]] = field(default_factory=list)  # (file, gold, system)

    def add(self, name: str, gold: dict[str, Timex], system: dict[str, Timex]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        for tid, g in gold.items():
            s = system.get(tid)
            if not g.text.strip():
                continue
            if s is None or not s.text.strip():
                self.mismatches.append((name, g, None))
                continue
            self.relaxed_recall += 1
            self.strict_recall += g.text == s.text
            self.type_match += g.type == s.type
            self.value_match += g.value == s.value
            if g.value != s.value or g.text != s.text:
                self.mismatches.append((name, g, s))
        for tid, s in system.items():
            g2 = gold.get(tid)
            if s.text.strip() and g2 is not None and g2.text.strip():
                self.relaxed_precision += 1
                self.strict_precision += g2.text == s.text

    def metrics(self) -> dict[str, float]:
        """Step 5: the numbers TE3-evaluation.py prints (fractions, not percent)."""
        if self.gold == 0 and self.system == 0:
            ones = ("strict_f1", "relaxed_f1", "type_f1", "value_f1")
            return {k: 1.0 for k in ones}

        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp, sr = ratio(self.strict_precision, self.system), ratio(self.strict_recall, self.gold)
        rp, rr = ratio(self.relaxed_precision, self.system), ratio(self.relaxed_recall, self.gold)
        type_acc = ratio(self.type_match, self.relaxed_recall)
        value_acc = ratio(self.value_match, self.relaxed_recall)
        return {
            "strict_precision": sp,
            "strict_recall": sr,
            "strict_f1": f1(sp, sr),
            "relaxed_precision": rp,
            "relaxed_recall": rr,
            "relaxed_f1": f1(rp, rr),
            "type_accuracy": type_acc,
            "value_accuracy": value_acc,
            "type_f1": type_acc * f1(rp, rr),
            "value_f1": value_acc * f1(rp, rr),
        }


def score_pair(name: str, gold_tml: str, system_tml: str, abbreviations: frozenset[str], counts: Te3Counts) -> None:
    """Steps 1-4 for one gold file and the system file of the same text (same characters inside ``<TEXT>``)."""
    text = plain_text(gold_tml)
    if re.sub(r"\s", "", text) != re.sub(r"\s", "", plain_text(system_tml)):
        raise ValueError(f"{name}: system text differs from the gold text")
    tokens = tokenize(text, abbreviations)
    gold_map, system_map = align([label_tokens(gold_tml, tokens), label_tokens(system_tml, tokens)])
    counts.add(name, normalized_timexes(gold_tml, gold_map), normalized_timexes(system_tml, system_map))


def score_files(pairs: Iterable[tuple[str, str, str]], abbreviations: frozenset[str]) -> Te3Counts:
    """Micro-averaged TIMEX3 counts over ``(name, gold TimeML, system TimeML)`` pairs."""
    counts = Te3Counts()
    for name, gold_tml, system_tml in pairs:
        score_pair(name, gold_tml, system_tml, abbreviations, counts)
    return counts


def score_folders(gold_dir: Path, system_dir: Path, abbreviations: frozenset[str]) -> Te3Counts:
    """Every ``*.tml`` of ``gold_dir`` against the file of the same name in ``system_dir``."""
    pairs = (
        (p.name, p.read_text(encoding="utf-8"), (system_dir / p.name).read_text(encoding="utf-8"))
        for p in sorted(gold_dir.glob("*.tml"))
    )
    return score_files(pairs, abbreviations)


if __name__ == "__main__":
    import json
    import sys

    from benchmarks.gate import shared_dir

    result = score_folders(Path(sys.argv[1]), Path(sys.argv[2]), load_abbreviations(shared_dir()))
    print(json.dumps({k: round(100 * v, 2) for k, v in result.metrics().items()}, indent=1))
