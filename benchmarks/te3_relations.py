"""TempEval-3 temporal-awareness scoring of TLINKs, a Python 3 port of the toolkit's evaluation-relations.

Source: ``evaluation-relations/temporal_evaluation.py`` and ``relation_to_timegraph.py`` of the TempEval-3 toolkit
(Naushad UzZaman; snapshot in ``shared/datasets/tempeval3/official_toolkit``), the Timegraph of Miller & Schubert
(1990) as UzZaman & Allen (2011) use it. Cite: UzZaman et al. (2013), SemEval-2013 Task 1 (TempEval-3). Licence:
the toolkit names none; this is an independent re-implementation of its behaviour with attribution, no code copied.

Scope: the relation types a timeline produces (BEFORE, AFTER, IS_INCLUDED, INCLUDES, SIMULTANEOUS/IDENTITY); any
other type raises ``ValueError``. Steps, as the original:
1. ``Timegraph.add``: relations are added in file order; an interval X becomes two points ``X_s < X_e`` placed on
   chains with pseudo-times (first relation: a new chain; one new interval: its points join the known interval's
   chain when the slot is free, else a new chain linked through the metagraph; two known intervals: the relation is
   checked against the graph: implied -> left out of the reduced graph, contradicted -> a violation, unknown ->
   added as cross-chain links).
2. ``Timegraph.final``: the reduced graph = relations added minus implied ones, plus the violations.
3. ``Timegraph.holds``: a relation holds when its point relations follow along chains and cross-chain links.
4. ``score``: precision = system relations (reduced) found in the gold triples or holding in the gold graph /
   system relations; recall = gold relations (reduced) found in the system triples or holding in the system graph /
   gold relations; summed over files (micro average), as ``temporal_evaluation.py`` does by default.
Relations between the same interval are recorded as violations (the original also records them, then goes on).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

BASE_VALUE = 100000  # pseudo-time of a chain's first point (the original's base_value)
DIFF = 1000  # pseudo-time step between neighbouring points of a chain (the original's diff)
NIL = "-1"  # no parent / no child (the original's NIL macro)

REVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES",
           "SIMULTANEOUS": "SIMULTANEOUS", "IDENTITY": "SIMULTANEOUS"}

Triple = tuple[str, str, str]  # (X, Y, relation)


@dataclass(slots=True, eq=False)
class _Point:
    chain: int = 0
    pseudo: int = 0
    parent: str = ""  # space-separated ids (NIL when none); a fresh point has "" as in the original
    child: str = ""
    sibling: str = ""


@dataclass(slots=True)
class _Chain:
    cp: str  # connection points of the chain, space-separated
    cross_chain: dict[str, str] = field(default_factory=dict)  # connection point -> points after it elsewhere


def _has(token: str, tokens: str) -> bool:
    return f" {token} " in f" {tokens} "


@dataclass(slots=True)
class Timegraph:
    points: dict[str, _Point] = field(default_factory=dict)
    metagraph: dict[int, _Chain] = field(default_factory=dict)
    next_chain: int = 0
    added: list[Triple] = field(default_factory=list)  # distinct relations in input order
    implied: set[Triple] = field(default_factory=set)  # already implied when added: not in the reduced graph
    violated: list[Triple] = field(default_factory=list)

    # -- step 1 ------------------------------------------------------------------------------------------------
    def _link(self, nx: _Point, x: str, ny: _Point, y: str) -> None:
        """Point x comes after point y on another chain: record y as a connection point of y's chain."""
        chain = self.metagraph.get(ny.chain)
        if chain is None:
            self.metagraph[ny.chain] = _Chain(cp=y, cross_chain={y: x})
            return
        if y not in chain.cp:  # the original searches the string (ids here never contain one another)
            chain.cp += " " + y
        if y in chain.cross_chain:
            if x not in chain.cross_chain[y]:
                chain.cross_chain[y] += " " + x
        else:
            chain.cross_chain[y] = x

    def _new_chain(self) -> int:
        self.next_chain += 1
        return self.next_chain - 1

    def _point_before(self, x: str, y: str) -> _Point:
        ny, nx = self.points[y], _Point()
        if ny.parent == NIL:
            nx.chain, ny.parent, nx.parent, nx.child = ny.chain, x, NIL, y
        else:
            nx.chain, nx.parent, nx.child = self._new_chain(), NIL, NIL
            self._link(ny, y, nx, x)
        nx.pseudo = ny.pseudo - DIFF
        return nx

    def _point_after(self, x: str, y: str) -> _Point:
        ny, nx = self.points[y], _Point()
        if ny.child == NIL:
            nx.chain, ny.child, nx.parent, nx.child = ny.chain, x, y, NIL
        else:
            nx.chain, nx.parent, nx.child = self._new_chain(), NIL, NIL
            self._link(nx, x, ny, y)
        nx.pseudo = ny.pseudo + DIFF
        return nx

    def add(self, x_id: str, y_id: str, rel: str) -> None:
        """Add one relation (step 1); an exact repeat is ignored."""
        rel = rel.upper()
        if rel not in REVERSE:
            raise ValueError(f"relation type {rel} is not ported")
        if (x_id, y_id, rel) in self.added:
            return
        self.added.append((x_id, y_id, rel))
        if x_id == y_id and rel not in ("IDENTITY", "SIMULTANEOUS"):
            self.violated.append((x_id, y_id, rel))
            return
        x1, x2, y1, y2 = x_id + "_s", x_id + "_e", y_id + "_s", y_id + "_e"
        p = self.points
        if y1 not in p and y2 not in p and x1 in p and x2 in p:
            rel, (x1, x2, y1, y2) = REVERSE[rel], (y1, y2, x1, x2)
        if not (x1 in p or x2 in p or y1 in p or y2 in p):
            self._add_both_new(x1, x2, y1, y2, rel)
        elif x1 not in p and x2 not in p and y1 in p and y2 in p:
            self._add_x_new(x1, x2, y1, y2, rel)
        else:
            match = self.holds(x_id, y_id, rel, merge=True)
            if match == "false":
                self.violated.append((x_id, y_id, rel))
            elif match == "true":
                self.implied.add((x_id, y_id, rel))

    def _add_both_new(self, x1: str, x2: str, y1: str, y2: str, rel: str) -> None:
        chain = self._new_chain()
        nx1, nx2, ny1, ny2 = (_Point(chain=chain) for _ in range(4))
        if rel == "BEFORE":  # x1 < x2 < y1 < y2
            order = [(nx1, x1), (nx2, x2), (ny1, y1), (ny2, y2)]
        elif rel == "AFTER":  # y1 < y2 < x1 < x2
            order = [(ny1, y1), (ny2, y2), (nx1, x1), (nx2, x2)]
        elif rel == "INCLUDES":  # x1 < y1 < y2 < x2
            order = [(nx1, x1), (ny1, y1), (ny2, y2), (nx2, x2)]
        elif rel == "IS_INCLUDED":  # y1 < x1 < x2 < y2
            order = [(ny1, y1), (nx1, x1), (nx2, x2), (ny2, y2)]
        else:  # SIMULTANEOUS: x1 = y1 < x2 = y2
            nx1.pseudo = ny1.pseudo = BASE_VALUE
            nx2.pseudo = ny2.pseudo = BASE_VALUE + DIFF
            nx1.parent = ny1.parent = NIL
            nx2.child = ny2.child = NIL
            nx1.sibling, ny1.sibling, nx2.sibling, ny2.sibling = y1, x1, y2, x2
            nx1.child = ny1.child = x2 + " " + y2
            nx2.parent = ny2.parent = x1 + " " + y1
            order = []
        for k, (node, _) in enumerate(order):
            node.pseudo = BASE_VALUE + k * DIFF
            node.parent = order[k - 1][1] if k else NIL
            node.child = order[k + 1][1] if k + 1 < len(order) else NIL
        self.points.update({x1: nx1, x2: nx2, y1: ny1, y2: ny2})

    def _add_x_new(self, x1: str, x2: str, y1: str, y2: str, rel: str) -> None:
        ny1, ny2 = self.points[y1], self.points[y2]
        nx1, nx2 = _Point(), _Point()
        if rel == "BEFORE":  # x1 < x2 < y1 < y2
            nx1.pseudo = nx2.pseudo - DIFF  # (the original reads x2's pseudo-time before setting it)
            nx2.pseudo = ny1.pseudo - DIFF
            nx1.parent, nx1.child, nx2.parent, nx2.child = NIL, x2, x1, y1
            if ny1.parent == NIL:
                nx1.chain = nx2.chain = ny1.chain
                ny1.parent = x2
            else:
                nx1.chain = nx2.chain = self._new_chain()
                ny1.parent += " " + x2
                self._link(ny1, y1, nx2, x2)
        elif rel == "AFTER":  # y1 < y2 < x1 < x2
            nx1.pseudo = ny2.pseudo + DIFF
            nx2.pseudo = nx1.pseudo + DIFF
            nx1.parent, nx1.child, nx2.parent, nx2.child = y2, x2, x1, NIL
            if ny2.child == NIL:
                nx1.chain = nx2.chain = ny2.chain
                ny2.child = x1
            else:
                nx1.chain = nx2.chain = self._new_chain()
                ny2.child += " " + x1
                self._link(nx1, x1, ny2, y2)
        elif rel == "INCLUDES":  # x1 < y1 < y2 < x2
            if ny1.parent == NIL and ny2.child == NIL and ny1.chain == ny2.chain:
                nx1.chain, nx2.chain = ny1.chain, ny2.chain
                ny1.parent, ny2.child = x1, x2
                nx1.pseudo, nx1.parent, nx1.child = ny1.pseudo - DIFF, NIL, y1
                nx2.pseudo, nx2.parent, nx2.child = ny2.pseudo + DIFF, y2, NIL
            elif ny1.parent != NIL or ny2.child != NIL:
                nx1.chain = nx2.chain = self._new_chain()
                nx1.pseudo, nx2.pseudo = ny1.pseudo - DIFF, ny2.pseudo + DIFF
                nx1.parent, nx2.parent, nx2.child = NIL, x1, NIL
                self._link(ny1, y1, nx1, x1)
                self._link(nx2, x2, ny2, y2)
            else:
                nx1 = self._point_before(x1, y1)
                nx2 = self._point_after(x2, y2)
        elif rel == "IS_INCLUDED":  # y1 < x1 < x2 < y2
            span = ny2.pseudo - ny1.pseudo
            nx1.pseudo, nx2.pseudo = ny1.pseudo + span // 3, ny1.pseudo + span * 2 // 3
            if _has(y2, ny1.child) and _has(y1, ny2.parent) and ny1.chain == ny2.chain:
                nx1.chain = nx2.chain = ny1.chain
                nx1.parent, nx2.child = ny1.sibling + " " + y1, ny2.sibling + " " + y2
                ny1.child, nx1.child, nx2.parent = x1, x2, x1
            else:
                nx1.chain = nx2.chain = self._new_chain()
                nx1.parent, nx1.child, nx2.parent, nx2.child = NIL, x2, x1, NIL
                self._link(nx1, x1, ny1, y1)
                self._link(ny2, y2, nx2, x2)
        else:  # SIMULTANEOUS: x's points become y's points
            if ny1.chain == ny2.chain:
                ny1.sibling += " " + y1 + " " + x1
                ny2.sibling += " " + y2 + " " + x2
            nx1, nx2 = ny1, ny2
        self.points.update({x1: nx1, x2: nx2})

    def _merge(self, x1: str, x2: str, y1: str, y2: str, rel: str) -> None:
        """An unknown relation between two known intervals, added as cross-chain links."""
        p = self.points
        nx1, nx2, ny1, ny2 = p[x1], p[x2], p[y1], p[y2]
        if rel == "BEFORE":
            self._link(ny1, y1, nx2, x2)
        elif rel == "AFTER":
            self._link(nx1, x1, ny2, y2)
        elif rel == "INCLUDES":
            self._link(ny1, y1, nx1, x1)
            self._link(nx2, x2, ny2, y2)
        elif rel == "IS_INCLUDED":
            self._link(nx1, x1, ny1, y1)
            self._link(ny2, y2, nx2, x2)
        else:
            for a, na, b, nb in ((x1, nx1, y1, ny1), (x2, nx2, y2, ny2)):
                self._link(na, a, nb, b)
                self._link(nb, b, na, a)
                na.sibling += " " + b
                nb.sibling += " " + a

    # -- step 3 ------------------------------------------------------------------------------------------------
    def _reaches(self, nx: _Point, ny: _Point, history: str) -> bool:
        """Point x <= point y along chains and cross-chain links."""
        if nx.chain == ny.chain:
            return nx.pseudo <= ny.pseudo
        history += " " + str(nx.chain)
        chain = self.metagraph.get(nx.chain)
        if chain is None:
            return False
        for cp in chain.cp.split(" "):
            if nx.pseudo <= self.points[cp].pseudo:
                for nxt in chain.cross_chain[cp].split(" "):
                    n_next = self.points[nxt]
                    if not _has(str(n_next.chain), history) and self._reaches(n_next, ny, history):
                        return True
        return False

    def _point_rel(self, x: str, y: str) -> str:
        nx, ny = self.points[x], self.points[y]
        if nx.chain == ny.chain:
            return "<" if nx.pseudo < ny.pseudo else ">" if nx.pseudo > ny.pseudo else "="
        forward, backward = self._reaches(nx, ny, ""), self._reaches(ny, nx, "")
        return "=" if forward and backward else "<" if forward else ">" if backward else "UNKNOWN"

    def holds(self, x_id: str, y_id: str, rel: str, merge: bool = False) -> str:
        """"true" (implied by the graph), "false", "UNKNOWN" (evaluation only) or, with ``merge``, "semi-true"
        (unknown, now added); the original's interval_rel_X_Y for the ported relation types."""
        x1, x2, y1, y2 = x_id + "_s", x_id + "_e", y_id + "_s", y_id + "_e"
        if not all(k in self.points for k in (x1, x2, y1, y2)):
            return "false" if merge else "UNKNOWN"
        if rel in ("BEFORE", "AFTER"):
            r = self._point_rel(x2, y1) if rel == "BEFORE" else self._point_rel(y2, x1)
            if r == "<":
                return "true"
            if r == "UNKNOWN":
                if merge:
                    self._merge(x1, x2, y1, y2, rel)
                    return "semi-true"
                return "UNKNOWN"
            return "false"
        if rel in ("INCLUDES", "IS_INCLUDED", "SIMULTANEOUS", "IDENTITY"):
            first, second = {"INCLUDES": ((x1, y1), (y2, x2)), "IS_INCLUDED": ((y1, x1), (x2, y2))}.get(
                rel, ((x1, y1), (x2, y2))
            )
            want = "=" if rel in ("SIMULTANEOUS", "IDENTITY") else "<"
            a = self._point_rel(*first)
            if a in (want, "UNKNOWN"):
                b = self._point_rel(*second)
                if b in (want, "UNKNOWN"):
                    if a == want and b == want:
                        return "true"
                    if merge:
                        self._merge(x1, x2, y1, y2, rel)
                        return "semi-true"
            return "false"
        raise ValueError(f"relation type {rel} is not ported")

    # -- step 2 ------------------------------------------------------------------------------------------------
    def final(self) -> list[Triple]:
        """The reduced graph the score counts: relations not implied when added, violations included."""
        kept = [t for t in self.added if t not in self.implied and t not in self.violated]
        return kept + self.violated


def build(relations: Iterable[Triple]) -> Timegraph:
    graph = Timegraph()
    for x, y, rel in relations:
        graph.add(x, y, rel)
    return graph


def _triples(relations: Iterable[Triple]) -> set[Triple]:
    """The relations and their reverses, for the direct match the original tries first."""
    out: set[Triple] = set()
    for x, y, rel in relations:
        out.add((x, y, rel.upper()))
        if x != y:
            out.add((y, x, REVERSE[rel.upper()]))
    return out


def _matched(reduced: list[Triple], other_triples: set[Triple], other: Timegraph) -> int:
    return sum(1 for t in reduced if t in other_triples or other.holds(*t) == "true")


def score(gold: list[Triple], system: list[Triple]) -> tuple[int, int, int, int]:
    """Step 4 for one file: (precision matched, system reduced relations, recall matched, gold reduced relations)."""
    gold_graph, system_graph = build(gold), build(system)
    gold_final, system_final = gold_graph.final(), system_graph.final()
    return (
        _matched(system_final, _triples(gold), gold_graph),
        len(system_final),
        _matched(gold_final, _triples(system), system_graph),
        len(gold_final),
    )
