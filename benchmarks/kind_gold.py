"""Document kind against hand-checked gold: macro recall over kinds (issue 9 item 3).

Gold (``benchmarks/data/kind_gold.json``, file paths and kinds only): 45 documents drawn at random (seed 11) from
the ``test`` halves that ``kind_wh`` uses (split by a hash of the path): 10 White House readouts, 10 statements and
10 transcripts, 10 PolNeAR news articles (two of them opinion pieces: "news" is the contract's nearest kind), 5 UN
General Debate speeches. The annotator read each document's title and opening and confirmed its kind; one drawn
document, a third-person summary record of a speech, fits no contract kind and was left out. No press release
is in these sets.

Prediction: ``classify_kind`` on the body without its title (as ``kind_wh``'s main metric: the title names the
White House genres, so with it the task is trivial), with the dateline the metadata stage would find.

Metrics: ``macro_recall`` (mean over kinds of the share of their documents classified right), ``accuracy`` and
``recall_<kind>``.

    python -m benchmarks.kind_gold [--errors]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).parent / "data" / "kind_gold.json"
ROOTS = {
    "wh_briefings_readouts": "datasets/wh_briefings_readouts",
    "polnear": "datasets/polnear",
    "ungdc_usa_mex": "datasets/ungdc_usa_mex",
}


def predict(text: str) -> str:
    from communique.ingest.metadata import classify_kind, find_dateline, speaker_turns

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return classify_kind(text, None, dateline=find_dateline(lines, turns=sum(speaker_turns(text).values())))


def run(shared: Path, errors: bool = False) -> dict[str, float]:
    from benchmarks.kind_wh import _body, _front_matter

    data = json.loads(GOLD.read_text(encoding="utf-8"))
    total: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for entry in data["documents"]:
        text = (shared / ROOTS[entry["dataset"]] / entry["file"]).read_text(encoding="utf-8", errors="replace")
        if entry["dataset"] == "wh_briefings_readouts":
            text = _body(_front_matter(text)[1])
        got = predict(text)
        total[entry["kind"]] += 1
        hit[entry["kind"]] += got == entry["kind"]
        if errors and got != entry["kind"]:
            print(f"{entry['kind']:>10} -> {got:<12} {entry['file']}", file=sys.stderr)
    metrics = {f"recall_{k}": hit[k] / total[k] for k in sorted(total)}
    metrics["macro_recall"] = sum(metrics.values()) / len(metrics) if metrics else 0.0
    metrics["accuracy"] = sum(hit.values()) / sum(total.values()) if total else 0.0
    metrics["documents"] = float(sum(total.values()))
    return metrics


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    print(json.dumps({k: round(v, 4) for k, v in run(shared_dir(), "--errors" in sys.argv).items()}, indent=1))
