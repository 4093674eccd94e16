"""The synthetic corpus generator (`articles.corpus`, `manage.py generate_corpus`)."""

import io
import json
import random
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles import corpus
from articles.ingest.pipeline import parse_file
from tests.conftest import SEEDS


def read_manifest(root: Path) -> list[dict]:
    with (root / "manifest.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def article_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != "manifest.jsonl")


@pytest.fixture(scope="module")
def thousand(tmp_path_factory) -> tuple[Path, corpus.Summary]:
    root = tmp_path_factory.mktemp("corpus1000")
    return root, corpus.generate(root, 1000, seed=11, force=True, manifest=True)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus150")
    corpus.generate(root, 150, seed=5, force=True, manifest=True)
    return root


def test_same_seed_same_bytes(tmp_path, small):
    again = tmp_path / "again"
    corpus.generate(again, 150, seed=5, manifest=True)
    first, second = article_files(small), article_files(again)
    assert [p.relative_to(small) for p in first] == [p.relative_to(again) for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))
    assert (small / "manifest.jsonl").read_bytes() == (again / "manifest.jsonl").read_bytes()


def test_another_seed_other_articles(tmp_path, small):
    other = tmp_path / "other"
    corpus.generate(other, 150, seed=6)
    assert [p.read_bytes() for p in article_files(small)] != [
        p.read_bytes() for p in article_files(other)
    ]


def test_article_count_counts_jsonl_records(thousand):
    root, summary = thousand
    assert summary.articles == 1000
    assert len(read_manifest(root)) == 1000
    total = 0
    for path in article_files(root):
        if path.suffix == ".jsonl":
            total += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line)
        else:
            total += 1
    assert total == 1000
    assert summary.files == len(article_files(root))


def test_variety_of_formats_encodings_and_outlets(thousand):
    root, summary = thousand
    assert set(summary.formats) == {"txt", "html", "jsonl"}
    assert summary.formats["txt"] > 800  # plain text is the bulk, as in real dumps
    assert {"utf-8", "utf-8-sig", "utf-16", "gb18030", "cp1252", "crlf"} <= set(summary.encodings)
    outlets = {entry["outlet"] for entry in read_manifest(root)}
    assert len(outlets) >= 12
    assert len(summary.topics) == len(corpus.TOPICS)


def test_every_year_2005_to_2026_occurs(thousand):
    root, _ = thousand
    years = {int(entry["date"][:4]) for entry in read_manifest(root)}
    assert years == set(range(2005, 2027))


def test_people_are_zipf_like(thousand):
    _, summary = thousand
    counts = [count for _, count in summary.people.most_common()]
    assert len(counts) > 150  # a wide pool ...
    assert counts[0] > 10 * counts[len(counts) // 2]  # ... where a few appear very often


def test_bodies_are_150_to_600_words_or_so(thousand):
    root, _ = thousand
    path = next(p for p in article_files(root) if p.name.endswith("_china_daily.txt"))
    text = path.read_text(encoding="utf-8")
    words = len(text.split())
    assert 150 <= words <= 900  # body plus page furniture


def test_every_file_parses(small):
    entries = read_manifest(small)
    records = {}
    for entry in entries:
        records[entry["file"]] = records.get(entry["file"], 0) + 1
    for path in article_files(small):
        parsed = parse_file(path)
        assert len(parsed) == records[path.relative_to(small).as_posix()], path


def test_parsed_title_and_date_match_the_manifest(thousand):
    root, _ = thousand
    entries = read_manifest(root)
    sample = random.Random(3).sample(entries, 50)
    misses = []
    for entry in sample:
        parsed = parse_file(root / entry["file"])[(entry["record"] or 1) - 1]
        published = parsed.header.published.isoformat() if parsed.header.published else None
        if parsed.header.title != entry["title"] or published != entry["date"]:
            misses.append((entry["file"], entry["title"], parsed.header.title, published))
    assert not misses


def test_folders_hold_at_most_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "FILES_PER_FOLDER", 20)
    summary = corpus.generate(tmp_path / "c", 100, seed=1)
    folders = sorted(p for p in (tmp_path / "c").iterdir())
    assert [p.name for p in folders][:2] == ["0000", "0001"]
    assert all(len(list(folder.iterdir())) <= 20 for folder in folders)
    assert summary.folders == len(folders)


def test_command_prints_a_summary(tmp_path):
    out = io.StringIO()
    call_command("generate_corpus", "--n", "40", "--out", str(tmp_path / "c"), stdout=out)
    assert "articles: 40 in" in out.getvalue()
    assert "articles/s" in out.getvalue()
    assert not (tmp_path / "c" / "manifest.jsonl").exists()


def test_command_manifest_elsewhere(tmp_path):
    target = tmp_path / "m" / "manifest.jsonl"
    call_command(
        "generate_corpus",
        "--n",
        "10",
        "--out",
        str(tmp_path / "c"),
        "--manifest",
        str(target),
        stdout=io.StringIO(),
    )
    assert len(target.read_text(encoding="utf-8").splitlines()) == 10


@pytest.mark.parametrize("inside", ["", "sub", "sub/../deeper"])
def test_refuses_the_seeds_folder(inside):
    before = sorted(p.name for p in SEEDS.iterdir())
    with pytest.raises(CommandError, match="seed"):
        call_command("generate_corpus", "--n", "5", "--out", str(SEEDS / inside), "--force")
    assert sorted(p.name for p in SEEDS.iterdir()) == before


def test_refuses_seeds_through_a_symlink(tmp_path):
    link = tmp_path / "link"
    link.symlink_to(SEEDS, target_is_directory=True)
    with pytest.raises(corpus.CorpusError):
        corpus.generate(link, 5, force=True)


def test_refuses_a_non_empty_folder_unless_forced(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_corpus", "--n", "5", "--out", str(tmp_path))
    call_command(
        "generate_corpus", "--n", "5", "--out", str(tmp_path), "--force", stdout=io.StringIO()
    )
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "0000").is_dir()
