"""Same-event document clustering on ECB+ (sub-topic clusters), with :func:`communique.events.stories.cluster_stories`.

Gold: each ECB+ topic has two sub-topics (``T_Necb.xml`` vs ``T_Necbplus.xml``), two different events of the same
kind (two rehab stays of the same actress, two earthquakes...): the sub-topic is the document's story.

Setting (the honest one): the documents of ALL topics of a split are clustered together, with no topic information.
Split: odd-numbered topics are the dev half (thresholds were tuned there); even-numbered topics are the test half, the
numbers we report (``pairwise_*``, ``bcubed_*``). The dev numbers are reported too, prefixed ``dev_``, and so are
the numbers for all 982 documents of both halves clustered together (``all_``: includes the dev half, not gated).
ECB+ documents carry no publication date and no ``doc.events``: this measures the text part of the method.

    python -m benchmarks.stories_ecbplus
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from communique.events.stories import cluster_stories
from communique.model import Document

_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = re.compile(r"\s+([.,;:!?%)\]}'’”]|n't|'s)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“])\s+")


def _text(path: Path) -> str:
    """The document text rebuilt from its tokens: one line per sentence."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    lines = []
    for number in sorted(sentences):
        line = " ".join(sentences[number])
        line = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", line))
        lines.append(line)
    return "\n".join(lines)


def load(shared: Path, split: str, limit: int | None = None) -> tuple[list[Document], dict[str, str]]:
    """Documents of one split ("dev" = odd topics, "test" = even topics) and their gold sub-topic."""
    root = shared / "datasets" / "ecbplus" / "ECB+"
    docs: list[Document] = []
    gold: dict[str, str] = {}
    for topic_dir in sorted(root.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if not topic_dir.name.isdigit():
            continue
        topic = int(topic_dir.name)
        if (topic % 2 == 1) != (split == "dev"):
            continue
        for path in sorted(topic_dir.glob("*.xml")):
            m = _NAME.match(path.name)
            if not m:
                continue
            text = _text(path)
            docs.append(Document(id=path.stem, source=str(path), raw=text, text=text, kind="news"))
            gold[path.stem] = f"{m[1]}{m[3]}"
        if limit is not None and len(docs) >= limit:
            break
    return docs, gold


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over unordered document pairs placed in the same cluster."""
    items = sorted(gold)
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_pred, same_gold = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (per-item averages)."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    p = r = 0.0
    for item in gold:
        common = len(by_pred[pred[item]] & by_gold[gold[item]])
        p += common / len(by_pred[pred[item]])
        r += common / len(by_gold[gold[item]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(docs: list[Document], gold: dict[str, str]) -> dict[str, float]:
    pred = {doc_id: story.id for story in cluster_stories(docs) for doc_id in story.docs}
    pp, pr, pf = pairwise(pred, gold)
    bp, br, bf = bcubed(pred, gold)
    return {
        "pairwise_precision": pp,
        "pairwise_recall": pr,
        "pairwise_f1": pf,
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": bf,
        "clusters": float(len(set(pred.values()))),
        "gold_clusters": float(len(set(gold.values()))),
        "documents": float(len(docs)),
    }


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    metrics: dict[str, float] = {}
    halves = {split: load(shared, split, limit) for split in ("test", "dev")}
    for split, (docs, gold) in halves.items():
        prefix = "" if split == "test" else "dev_"
        metrics.update({prefix + k: v for k, v in evaluate(docs, gold).items()})
    every = [d for docs, _ in halves.values() for d in docs]
    gold_all = {k: v for _, gold in halves.values() for k, v in gold.items()}
    metrics.update({"all_" + k: v for k, v in evaluate(every, gold_all).items()})
    return metrics


if __name__ == "__main__":
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    print(json.dumps({k: round(v, 4) for k, v in run(Path(__file__).resolve().parents[2] / "shared", limit).items()}, indent=1))
