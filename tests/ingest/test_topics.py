"""Topic assignment from the controlled vocabulary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from articles.ingest.topics import TopicDefinition, assign_topics, load_default_vocabulary

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

REQUIRED_TOPICS = {
    "IP protection",
    "IP strategy",
    "Patents",
    "Trademarks",
    "Copyright",
    "Trade secrets",
    "Enforcement and punitive damages",
    "Legal reform",
    "International cooperation",
    "Innovation ranking",
    "R&D spending",
    "New technologies and AI",
    "Digital economy",
    "IP on the internet",
    "Geographical indications",
    "Technology transfer and licensing",
    "Trade disputes",
    "Counterfeiting",
}


@pytest.fixture(scope="module")
def vocabulary() -> list[TopicDefinition]:
    return load_default_vocabulary()


def topic_names(title: str, body: str, vocabulary: list[TopicDefinition]) -> set[str]:
    return {match.name for match in assign_topics(title, body, vocabulary)}


def test_vocabulary_is_complete_and_well_formed(vocabulary: list[TopicDefinition]) -> None:
    names = {topic.name for topic in vocabulary}
    assert not REQUIRED_TOPICS - names
    slugs = [topic.slug for topic in vocabulary]
    assert len(slugs) == len(set(slugs))
    for topic in vocabulary:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", topic.slug)
        assert topic.description and topic.terms


def _seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "suggested"),
    [
        ("000", {"International cooperation", "IP protection", "New technologies and AI"}),
        ("001", {"IP strategy", "IP protection", "Enforcement and punitive damages"}),
        ("002", {"Innovation ranking", "Patents", "R&D spending", "Legal reform"}),
        ("003", {"IP protection", "Trade secrets", "IP on the internet"}),
        ("004", {"Patents", "IP protection", "International cooperation", "Legal reform"}),
    ],
)
def test_seed_topics_are_found(prefix: str, suggested: set[str], vocabulary) -> None:
    assert suggested <= topic_names("", _seed_text(prefix), vocabulary)


def test_seed_000_digital_economy_from_one_phrase(vocabulary) -> None:
    assert "Digital economy" in topic_names("", _seed_text("000"), vocabulary)


def test_one_single_word_in_the_body_is_not_enough(vocabulary) -> None:
    body = "The company, which holds a patent on the design, reported higher sales."
    assert "Patents" not in topic_names("", body, vocabulary)


def test_two_single_word_hits_assign(vocabulary) -> None:
    body = "The patent was granted in May. A second patent is pending."
    assert "Patents" in topic_names("", body, vocabulary)


def test_title_hit_assigns(vocabulary) -> None:
    assert "Counterfeiting" in topic_names("Police seize counterfeit sneakers", "", vocabulary)


def test_phrase_hit_and_plural(vocabulary) -> None:
    body = "Courts awarded punitive damages in 2023. Geographical indications were also discussed."
    names = topic_names("", body, vocabulary)
    assert {"Enforcement and punitive damages", "Geographical indications"} <= names


def test_terms_are_kept_in_vocabulary_spelling(vocabulary) -> None:
    body = (
        "The Global  Innovation Index ranks economies; China's global innovation index rank rose."
    )
    matches = {m.name: m.terms for m in assign_topics("", body, vocabulary)}
    assert matches["Innovation ranking"] == ["Global Innovation Index"]


def test_word_boundaries(vocabulary) -> None:
    body = "The painting was a Gift. The aide said the maiden voyage was fine."
    assert topic_names("", body, vocabulary) == set()


def test_overlapping_terms_of_different_topics(vocabulary) -> None:
    body = "Experts discussed IP protection on Internet platforms."
    assert {"IP protection", "IP on the internet"} <= topic_names("", body, vocabulary)


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        ("The US imposed tariffs under Section 301, escalating the trade war.", "Trade disputes"),
        ("Customs seized 1.2 million counterfeit goods bound for Europe.", "Counterfeiting"),
        ("The court ruled that AI-generated images can enjoy copyright protection.", "Copyright"),
        ("A former engineer was charged with theft of trade secrets.", "Trade secrets"),
        ("Huawei signed a patent licensing deal covering 5G.", "Technology transfer and licensing"),
        (
            "The China-EU agreement on geographical indications took effect.",
            "Geographical indications",
        ),
        ("China's R&D spending rose 8.1 percent; R&D intensity hit 2.64 percent.", "R&D spending"),
        (
            "The Beijing Internet Court handled online infringement of short videos.",
            "IP on the internet",
        ),
        ("Trademark squatting cases fell after the crackdown.", "Trademarks"),
        ("The draft law was submitted to lawmakers for a second reading.", "Legal reform"),
    ],
)
def test_other_outlet_styles(body: str, topic: str, vocabulary) -> None:
    assert topic in topic_names("", body, vocabulary)


def test_custom_vocabulary_is_used_and_cached(vocabulary) -> None:
    custom = [TopicDefinition("Space", "space", "Space.", ["satellite", "launch vehicle"])]
    assert [m.name for m in assign_topics("", "A new launch vehicle flew.", custom)] == ["Space"]
    assert assign_topics("", "A new launch vehicle flew.", []) == []


def test_stronger_topics_come_first(vocabulary) -> None:
    matches = assign_topics("Patent filings surge", "Punitive damages were awarded.", vocabulary)
    assert [m.name for m in matches][0] == "Patents"
