"""The learned weights of the static embedding: training texts from the corpora, and a fit that brings the static
sentence vectors nearer to their targets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from communique.search import static_fit


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PLAIN = "The council met on a Monday in spring.\nIts members\nagreed on a plan. Delegates voted on the text later."


@pytest.mark.parametrize(("reader", "text", "expected"), [
    ("plain", PLAIN, [["The council met on a Monday in spring.", "Its members agreed on a plan.",
                       "Delegates voted on the text later."]]),
    ("ecb", '<token t_id="1" sentence="0">Ships</token><token t_id="2" sentence="0">left</token>'
            '<token t_id="3" sentence="0">the</token><token t_id="4" sentence="0">port</token>'
            '<token t_id="5" sentence="1">Too</token><token t_id="6" sentence="1">short</token>',
     [["Ships left the port"]]),  # a sentence under four tokens is left out
    ("conll", "-DOCSTART- -X- O O\n\nTalks X O\nresumed X O\non X O\nFriday X O\n. X O\n\n-DOCSTART- -X- O O\n\nNo X O\n",
     [["Talks resumed on Friday ."]]),
])
def test_static_fit_readers_split_documents_into_sentences(tmp_path, reader, text, expected):
    _write(tmp_path, "doc.txt", text)
    assert static_fit.READERS[reader](tmp_path / "doc.txt") == expected


@pytest.mark.parametrize("per_corpus", [1, 7])
def test_static_fit_training_texts_skip_ecb_test_topics(tmp_path, per_corpus):
    sentence = "Word {} of a sentence long enough."
    _write(tmp_path, "ungdc_usa_mex/a.txt", " ".join(sentence.format(k) for k in range(6)))
    _write(tmp_path, "polnear/train/text/b.txt", " ".join(sentence.format(k) for k in range(6)))
    for topic in (1, 36):
        tokens = "".join(f'<token t_id="{k}" sentence="0">topic{topic}</token>' for k in range(5))
        _write(tmp_path, f"ecbplus/ECB+/{topic}/{topic}_1ecb.xml", tokens)
    _write(tmp_path, "conll2003/eng.train", "-DOCSTART- -X- O O\n\nA X\nB X\nC X\nD X\n")
    texts = static_fit.training_texts(tmp_path, per_corpus)
    assert len(texts) == 4 * per_corpus
    assert not any("topic36" in t for t in texts) and any("topic1" in t for t in texts)


@pytest.mark.parametrize("only", ["weights", "map", None])
def test_static_fit_raises_the_held_out_cosine(tokenizer, only):
    rng = np.random.default_rng(1)
    size, dim = tokenizer.get_vocab_size(), 16  # few dimensions: a fast fit
    tokens = rng.normal(size=(size, dim)).astype(np.float32)
    words = [w for w, i in sorted(tokenizer.get_vocab().items(), key=lambda x: x[1]) if w.isalpha()][2000:2600]
    texts = [" ".join(rng.choice(words, size=5)) for _ in range(600)]
    # targets: means of the same tokens, each with its own weight (not SIF) and another map
    truth = (tokens @ rng.normal(size=(dim, dim)).astype(np.float32)) * rng.uniform(0.1, 3, size=(size, 1))
    minilm = static_fit._normalise(np.asarray(static_fit._mean_matrix(texts, size) @ truth))
    _, _, report = static_fit.fit(tokens, texts, minilm, steps=60, learn_weights=only != "map",
                                  learn_map=only != "weights", log=False)
    assert report["held_cosine"] > report["start_held_cosine"]


@pytest.fixture(scope="module")
def tokenizer():
    pytest.importorskip("tokenizers")
    from communique.search.semantic import load_tokenizer

    return load_tokenizer()
