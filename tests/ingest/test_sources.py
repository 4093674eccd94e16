import json

import pytest

from articles.ingest import sources
from articles.ingest.model import ParseError
from articles.ingest.sources import decode_bytes, read_documents

TEXT = "China’s patent office — a “record” year\nSecond line"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
)
def test_unicode_encodings_and_newlines(data):
    assert decode_bytes(data) == TEXT


def test_windows_1252():
    text = "The “Made in China” brand — a 2019 story about patents and trademarks in court."
    assert decode_bytes(text.encode("cp1252")) == text


def test_a_mostly_ascii_file_only_one_legacy_encoding_decodes_is_read_without_detection(
    monkeypatch,
):
    def no_detection(*args, **kwargs):
        raise AssertionError("charset-normalizer was asked")

    monkeypatch.setattr(sources, "from_bytes", no_detection)
    text = "Mr. Müller of the EPO said filings rose 5% in 2019.\n© 2020 Example News " * 20
    data = text.encode("cp1252")
    assert [e for e in sources.LEGACY_ENCODINGS if sources._decodes(data, e)] == ["cp1252"]
    assert decode_bytes(data) == text


@pytest.mark.parametrize("encoding", ["koi8_r", "cp1251"])
def test_a_text_mangled_by_its_only_decoding_is_still_refused(encoding):
    # Only cp1252 decodes these Cyrillic bytes, into accented Latin garbage; detection must
    # still weigh it (a mostly non-ASCII text) and refuse it rather than import mojibake.
    data = ("Патентное ведомство Китая опубликовало годовой отчёт о заявках. " * 5).encode(encoding)
    with pytest.raises(ParseError, match="encoding"):
        decode_bytes(data)


def test_gb18030():
    text = "国家知识产权局 (CNIPA) 发布了年度报告。中国专利申请数量继续增长，知识产权保护不断加强。"
    assert decode_bytes(text.encode("gb18030")) == text


def test_empty_binary_and_oversized_files_are_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ParseError, match="empty"):
        list(read_documents(empty))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ParseError, match="binary"):
        list(read_documents(binary))
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    with pytest.raises(ParseError, match="too large"):
        list(read_documents(big, max_bytes=100))


def test_jsonl_records_become_documents(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {"title": "One", "date": "2021-06-01", "url": "https://example.org/1", "text": "Body one."},
        {"title": "Two", "date": "2021-06-02", "url": "https://example.org/2", "text": "Body two."},
    ]
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n")
    documents = list(read_documents(path))
    assert [d.source_name for d in documents] == ["feed.jsonl#1", "feed.jsonl#2"]
    assert documents[1].title_hint == "Two"
    assert documents[1].date_hint == "2021-06-02"
    assert documents[0].raw == json.dumps(records[0])


def test_jsonl_bad_line_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "fine"}\n{broken\n')
    with pytest.raises(ParseError, match="line 2"):
        list(read_documents(path))


def test_html_page_keeps_the_story_and_drops_navigation(tmp_path):
    paragraphs = "".join(
        f"<p>Paragraph {n} about patent protection in China and the work of the national "
        f"intellectual property office, told at some length for the extractor.</p>"
        for n in range(1, 6)
    )
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Patents rise | Example News</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        f"<article><h1>Patents rise</h1>{paragraphs}</article>"
        "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
    )
    (document,) = read_documents(page)
    assert "Paragraph 1 about patent protection" in document.text
    assert "Paragraph 5" in document.text
    assert "Home" not in document.text
    assert "<p>" in document.raw
    assert document.title_hint.startswith("Patents rise")
