"""No text makes the pipeline raise: an exception loses the whole file at import.

Real pages carry what the fixtures rarely do (a stray apostrophe after a company's name, an
ampersand inside a word, letters that case-fold oddly), so the fixtures' texts are mutated
with such pieces, deterministically, and every result must parse.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from articles.ingest.pipeline import parse_text
from articles.ingest.sources import read_documents

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PIECES = [
    *("&", "'", "’", "“", "”", '"', "—", "-", ".", ",", ":", ";", "(", ")", "|", "•", "%", "$"),
    *(" ", "\n", "\n\n", "\t", "\u00a0", "\u200b", "\x0c"),
    *("ſ", "İ", "ı", "ﬁ", "Ⅻ", "²", "٣", "©", "¥", "🙂"),
    *("A", "3", "2019", "said", "Co.", "Office", "&Co", " on Tuesday", "RMB", "bn", "hundred"),
    *("Xinhua", "e.g.", "Mr.", "No.", "https://x.y/z"),
]


def _texts() -> list[str]:
    texts = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file():
            texts += [document.text for document in read_documents(path)]
    return texts


def _mutated(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 30)):
        at = rng.randrange(len(chars) + 1)
        if rng.random() < 0.7 or not chars:
            chars.insert(at, rng.choice(PIECES))
        else:
            chars[min(at, len(chars) - 1)] = rng.choice(PIECES)
    return "".join(chars)


@pytest.mark.parametrize("seed", range(4))
def test_mutated_articles_parse_without_an_exception(seed):
    rng = random.Random(seed)
    texts = _texts()
    for _ in range(100):
        text = _mutated(rng.choice(texts), rng)
        parse_text(text, "mutated.txt")  # raises on failure, with the text in the traceback
