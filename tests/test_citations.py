"""Citations: RIS, BibTeX and CSL-JSON carry outlet, date, title, permalink, accessed date."""

import datetime
import json

import pytest
from django.utils import timezone

from articles.citations import Citation, bibtex_escape, byline_authors, to_bibtex, to_ris
from articles.models import Article

ACCESSED = datetime.date(2025, 3, 9)


@pytest.fixture
def article(seeded):
    return Article.objects.filter(outlet__isnull=False, published__isnull=False).first()


def cite(client, article, style):
    response = client.get(f"{article.get_absolute_url()}cite.{style}")
    assert response.status_code == 200
    assert f'filename="{article.slug}.{style}"' in response["Content-Disposition"]
    return response


def test_ris_has_the_reference_fields(client, article):
    response = cite(client, article, "ris")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    text = response.content.decode()
    assert text.endswith("ER  -\r\n")
    fields = {}
    for line in text.split("\r\n")[:-1]:
        tag, _, value = line.partition("  - ")
        fields.setdefault(tag.strip(), value)
    assert fields["TY"] == "NEWS"
    assert fields["TI"] == article.title
    assert fields["T2"] == article.outlet.name
    assert fields["DA"] == article.published.strftime("%Y/%m/%d")
    assert fields["PY"] == str(article.published.year)
    assert fields["UR"] == f"http://testserver{article.get_absolute_url()}"
    assert fields["Y2"] == timezone.localdate().strftime("%Y/%m/%d")


def test_bibtex_has_the_reference_fields(client, article):
    response = cite(client, article, "bib")
    assert response["Content-Type"].startswith("application/x-bibtex")
    text = response.content.decode()
    assert text.startswith(f"@article{{{article.slug},")
    assert f"journal = {{{bibtex_escape(article.outlet.name)}}}" in text
    assert f"date = {{{article.published.isoformat()}}}" in text
    assert f"url = {{http://testserver{article.get_absolute_url()}}}" in text
    assert f"urldate = {{{timezone.localdate().isoformat()}}}" in text
    assert text.count("{") == text.count("}")


def test_csl_json_has_the_reference_fields(client, article):
    response = cite(client, article, "json")
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    (item,) = json.loads(response.content)
    assert item["type"] == "article-newspaper"
    assert item["title"] == article.title
    assert item["container-title"] == article.outlet.name
    published = article.published
    assert item["issued"] == {"date-parts": [[published.year, published.month, published.day]]}
    assert item["URL"] == f"http://testserver{article.get_absolute_url()}"
    today = timezone.localdate()
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}


def test_article_page_offers_the_citations(client, article):
    content = client.get(article.get_absolute_url()).content.decode()
    for style in ("ris", "bib", "json"):
        assert f'href="{article.get_absolute_url()}cite.{style}"' in content


def test_unknown_style_or_article_is_404(client, article):
    assert client.get(f"{article.get_absolute_url()}cite.doc").status_code == 404
    assert client.get("/articles/no-such-article/cite.ris").status_code == 404


def test_byline_becomes_authors():
    assert byline_authors("By Lu Yutong, Kelly Graham") == ("Lu Yutong", "Kelly Graham")
    assert byline_authors("Zhang Yunbi and Cao Yanan") == ("Zhang Yunbi", "Cao Yanan")
    assert byline_authors("Alexandra Sandberg") == ("Alexandra Sandberg",)
    assert byline_authors("") == ()


def make_citation(**overrides):
    fields = dict(
        key="a-slug",
        title="Patents & profits: 50% up {again}",
        outlet="China Daily",
        section=None,
        authors=("Lu Yutong",),
        published=datetime.date(2023, 4, 28),
        place="Beijing",
        permalink="https://example.org/articles/a-slug/",
        accessed=ACCESSED,
    )
    fields.update(overrides)
    return Citation(**fields)


def test_bibtex_escapes_latex_specials_and_keeps_braces_balanced():
    text = to_bibtex(make_citation())
    assert r"Patents \& profits: 50\% up \{again\}" in text
    assert "author = {{Lu Yutong}}" in text
    assert "month = apr" in text
    assert "urldate = {2025-03-09}" in text


def test_ris_keeps_every_value_on_its_line():
    text = to_ris(make_citation(title="Two\nlines", published=None, outlet=None))
    assert "TI  - Two lines\r\n" in text
    assert "PY  -" not in text and "T2  -" not in text
    assert "AU  - Lu Yutong\r\n" in text
    assert "Y2  - 2025/03/09\r\n" in text
