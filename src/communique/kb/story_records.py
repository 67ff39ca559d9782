"""Step 6 of story clustering (:mod:`communique.kb.stories`): the record of one cluster of documents (date, title,
place, and the events that are the story's event), made from the documents themselves.

Kept apart from the clustering so that a full build (:mod:`communique.kb.build`) can cluster on compact per-document
data and make each story's record when it reads the story's documents again to write them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..events.assemble import _short as _label_short
from ..events.plover_patterns import LABEL_VERBS
from ..model import Document, Event
from ..nlp import countries
from .dates import _as_date, dates_compatible, is_partial, with_year
from .stories import (
    _NAME_PARTICLES,
    _PATRONYMIC_WORDS,
    KEY_PERSONS,
    MIN_CAPS_NAME,
    MIN_NAME_WORD,
    SHORT_NAME_WORDS,
    TITLE_MAX_CHARS,
    Story,
    _event_date,
    _name_words,
    _person_spans,
    _place_words,
    lead_sentence,
    story_id,
)

__all__ = ["make_story"]

def _earliest(docs: Sequence[Document]) -> Document:
    return min(docs, key=lambda d: (d.published or "9999", d.id))


def _short_name(doc: Document, name: str, forms: Sequence[str] | None = None) -> str:
    """How a reader names the person, in order:
    1. a family name written in capitals ("KANG Min Seo", official East Asian style) -> "Kang";
    2. the one-word form the document (or the story's documents: ``forms``) uses most that is a word of the full name
       ("Varga" for "Tomas J. Varga", "Kang" for "Kang Min Seo", "Ruiz" for "Ana Ruiz Peña" when a page says it alone);
    3. a two-word name whole ("Ma Lin": which word is the family name is not for us to guess);
    4. a name with a patronymic particle up to the father's name ("Karim bin Nasser Al Amin" -> "Karim bin Nasser");
    5. a shorter form the document uses that ends the full name, else the surname with particles ("de la Torre")."""
    words = name.split()
    caps = [w for w in words if len(w) >= MIN_CAPS_NAME and w.isalpha() and w.isupper()]
    if len(caps) == 1 and len(words) > 1:
        return caps[0].capitalize()
    if forms is None:
        forms = [m.text.strip() for m in doc.mentions if m.type == "person"]
    alone = Counter(f for f in forms if f in words and len(words) > 1 and len(f) >= MIN_NAME_WORD
                    and f.casefold() not in _NAME_PARTICLES)
    if alone:
        return max(alone, key=lambda f: (alone[f], f == words[-1]))
    if len(words) <= SHORT_NAME_WORDS:
        return name
    patronymic = next((i for i, w in enumerate(words[1:-1], start=1) if w.casefold() in _PATRONYMIC_WORDS), None)
    if patronymic is not None:
        return " ".join(words[: patronymic + 2])  # "Karim bin Nasser Al Amin" -> "Karim bin Nasser"
    suffixes = [f for f in forms if f.split() and len(f.split()) < len(words) and words[-len(f.split()):] == f.split()]
    if suffixes:
        return min(suffixes, key=len)
    return _label_short(name)  # particles kept: "de la Torre"


def _meeting_title(doc: Document, lead: tuple[int, Event] | None, forms: Sequence[str] | None = None) -> str | None:
    """"<Name> meets <Name> in <Place>" for a lead meeting of named people (countries, titles left out; names as
    :func:`_short_name` gives them); "<Name> speaks with <Name>" for a call, "<Name> hosts <Name>" for a host."""
    if lead is None or lead[1].type != "CONSULT" or lead[1].status != "occurred":
        return None
    event = lead[1]
    spans = _person_spans(doc)
    places = _place_words(doc)
    names: list[str] = []
    for name, start, end in event.participants:
        words = _name_words(name)
        if (words and not words <= places and countries.country_of_name(name) is None
                and any(start < me and ms < end for ms, me in spans)):
            short = _short_name(doc, " ".join(name.split()), forms)
            if short not in names:
                names.append(short)
    if len(names) < KEY_PERSONS:
        return None
    others = ", ".join(names[1:-1] + [names[-1]]) if len(names) > 2 else names[1]
    verb = LABEL_VERBS.get(f"CONSULT/{event.mode}") or LABEL_VERBS["CONSULT"]
    where = f" in {event.place}" if event.place and event.mode != "phone" else ""
    return f"{names[0]} {verb} {others}{where}"


def make_story(group: Sequence[Document], leads: dict[str, tuple[int, Event] | None]) -> Story:
    """The Story record of one cluster (step 6)."""
    first = _earliest(group)
    values = [value for d in group if (value := _event_date(d, leads[d.id]))]
    full = [v for v in values if not is_partial(v)]
    # a month-day without a year takes its year from the story's other reports, else it does not vote
    votes = Counter(full + [v for v in (with_year(p, full) for p in values if is_partial(p)) if v])
    date = None
    if votes:
        # the most agreed value; among ties the most precise, then the earliest
        date = sorted(votes.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
    partial = next((v for v in values if is_partial(v)), None) if date is None else None
    events: list[tuple[str, int]] = []
    labels: Counter[str] = Counter()
    lead_labels: list[str] = []  # in publication order: ties go to the earliest report
    occurred: set[str] = set()  # labels of events that took place (preferred over announcements)
    places: Counter[str] = Counter()
    for doc in sorted(group, key=lambda d: (d.published or "9999", d.id)):
        lead = leads[doc.id]
        if lead is not None and lead[1].label:
            lead_labels.append(lead[1].label)
            if lead[1].status == "occurred":
                occurred.add(lead[1].label)
        for index, event in enumerate(doc.events):
            is_lead = lead is not None and lead[0] == index
            if is_lead or (event.date_value and date and dates_compatible(event.date_value, date)):
                events.append((doc.id, index))
                if event.label:
                    labels[event.label] += 1
                if event.place:
                    places[event.place] += 1
    forms = [m.text.strip() for d in group for m in d.mentions if m.type == "person"]  # name forms across reports
    meeting_titles = [t for doc in sorted(group, key=lambda d: (d.published or "9999", d.id))
                      if (t := _meeting_title(doc, leads[doc.id], forms))]
    if meeting_titles:  # "<Surname> meets <Surname> in <Place>", as most reports have it
        counts = Counter(meeting_titles)
        title = max(meeting_titles, key=lambda t: (counts[t], " in " in t, -meeting_titles.index(t)))
    elif lead_labels:  # the label most reports lead with
        counts = Counter(lead_labels)
        title = max(lead_labels, key=lambda label: (counts[label], label in occurred, -lead_labels.index(label)))
    elif labels:
        title = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    elif first.title:
        title = first.title
    else:
        title = lead_sentence(first.text).strip()[:TITLE_MAX_CHARS]
    place = sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if places else None
    if date is None and partial is None:
        date = first.published if first.published and _as_date(first.published) else None
    ordered = [d.id for d in sorted(group, key=lambda d: (d.published or "9999", d.id))]
    return Story(id=story_id(first.id), title=title, docs=ordered, date=date, events=events, place=place,
                 date_partial=partial)
