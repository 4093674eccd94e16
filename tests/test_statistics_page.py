from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse

from articles import facet_index
from articles.models import Article, Statistic
from tests.conftest import SEEDS

DEVSET = SEEDS.parent / "tests" / "fixtures" / "devset"
STATISTICS = reverse("articles:statistic-list")
FOREIGN_MINISTRY = "china-to-further-expand-international-ipr-cooperation-foreign-ministry"


def rows(response):
    return list(response.context["object_list"])


def text_of(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_lists_every_figure_newest_article_first(client, seeded):
    response = client.get(STATISTICS)
    assert response.status_code == 200
    listed = rows(response)
    assert len(listed) == Statistic.objects.count() > 10
    dates = [statistic.article.published for statistic in listed]
    assert dates == sorted(dates, reverse=True)


def test_a_row_shows_the_figure_and_links_to_it_in_its_article(client, seeded):
    statistic = Statistic.objects.get(as_written="2.443 trillion yuan")
    content = text_of(client.get(STATISTICS, {"unit": "CNY"}))
    assert "2.443 trillion yuan" in content
    assert "2,443,000,000,000" in content  # the normalized value, never 2.443E+12
    assert f"{statistic.article.get_absolute_url()}#statistic-{statistic.pk}" in content
    assert "9 Nov 2021" in content
    qualified = text_of(client.get(STATISTICS, {"q": "68,000"}))
    assert '<span class="qualifier">more than</span> 68,000' in qualified


def expected_pks(**lookups) -> set[int]:
    """The same selection made directly with the ORM, to check the FilterSet against."""
    text = lookups.pop("text", None)
    matching = Statistic.objects.filter(**lookups)
    if text:
        matching = matching.filter(Q(as_written__icontains=text) | Q(what__icontains=text))
    return set(matching.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("query", "lookups"),
    [
        ({"unit": "applications"}, {"unit": "applications"}),
        ({"unit": "CNY"}, {"unit": "CNY"}),
        ({"year": "2020"}, {"year": 2020}),
        ({"topic": "rd-spending"}, {"article__topics__slug": "rd-spending"}),
        ({"person": "li-qiang"}, {"article__persons__slug": "li-qiang"}),
        ({"article": FOREIGN_MINISTRY}, {"article__slug": FOREIGN_MINISTRY}),
        (
            {"article": FOREIGN_MINISTRY, "unit": "CNY"},
            {"article__slug": FOREIGN_MINISTRY, "unit": "CNY"},
        ),
        ({"q": "patent applications"}, {"text": "patent applications"}),
        ({"q": "research and development"}, {"text": "research and development"}),
    ],
)
def test_filters(client, seeded, query, lookups):
    response = client.get(STATISTICS, query)
    assert response.status_code == 200
    listed = {statistic.pk for statistic in rows(response)}
    assert listed
    assert listed == expected_pks(**lookups)


@pytest.mark.parametrize(
    "query",
    [{"unit": "no-such-unit"}, {"year": "1999"}, {"person": "nobody-at-all"}, {"q": "zzzz"}],
)
def test_filters_that_match_nothing_give_an_empty_table(client, seeded, query):
    response = client.get(STATISTICS, query)
    assert response.status_code == 200
    assert rows(response) == []
    assert "No figures match these filters" in text_of(response)


@pytest.mark.parametrize(
    ("sort", "key", "descending"),
    [
        ("-value", lambda s: s.value, True),
        ("value", lambda s: s.value, False),
        ("date", lambda s: s.article.published, False),
        ("-date", lambda s: s.article.published, True),
    ],
)
def test_sorts(client, seeded, sort, key, descending):
    listed = rows(client.get(STATISTICS, {"sort": sort}))
    keys = [key(statistic) for statistic in listed]
    assert keys == sorted(keys, reverse=descending)


@pytest.mark.parametrize("sort", ["year", "-year"])
def test_year_sorts_put_figures_without_a_year_last(client, seeded, sort):
    years = [statistic.year for statistic in rows(client.get(STATISTICS, {"sort": sort}))]
    known = [year for year in years if year is not None]
    assert years == known + [None] * (len(years) - len(known))
    assert known == sorted(known, reverse=sort.startswith("-"))


def test_column_headers_are_sort_links_with_aria_sort(client, seeded):
    response = client.get(STATISTICS, {"sort": "-value", "unit": "years"})
    headers = response.context["sort_headers"]
    assert headers["value"] == {"url": "?sort=value&unit=years", "state": "descending"}
    assert headers["date"]["state"] == "none"
    assert 'aria-sort="descending"><a href="?sort=value&amp;unit=years">Value</a>' in text_of(
        response
    )


def test_unit_facet_counts_follow_the_filters(client, seeded):
    response = client.get(STATISTICS, {"article": FOREIGN_MINISTRY})
    units = {row["unit"]: row["n"] for row in response.context["units"]}
    in_article = Statistic.objects.filter(article__slug=FOREIGN_MINISTRY)
    assert units == {
        row["unit"]: row["n"] for row in in_article.values("unit").annotate(n=Count("pk"))
    }
    assert units["CNY"] == 1
    assert '<span class="count">1</span>' in text_of(response)


def test_series_links_are_units_with_three_or_more_figures(client, seeded):
    response = client.get(STATISTICS)
    series = {row["unit"]: row["n"] for row in response.context["series"]}
    every_unit = Statistic.objects.values("unit").annotate(n=Count("pk"))
    assert series == {row["unit"]: row["n"] for row in every_unit if row["n"] >= 3}
    assert series
    for unit in series:
        assert f'href="?unit={unit}"' in text_of(response)


def test_chart_appears_only_when_the_figures_share_a_unit(client, seeded):
    mixed = client.get(STATISTICS)
    assert mixed.context["chart"] is None
    assert "Figures compare only in the same unit" in text_of(mixed)

    response = client.get(STATISTICS, {"unit": "applications"})
    chart = response.context["chart"]
    assert chart.count == Statistic.objects.filter(unit="applications").count() >= 2
    content = text_of(response)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in content
    assert "Figures in applications, by year" in content
    # One figure names its year (2019); the other falls back on its article's year (2021).
    assert '<th scope="row">2019</th><td>1.4m' in content
    assert '<th scope="row">2021</th><td>68k' in content


def test_chart_on_the_bigger_archive_plots_patent_applications_over_time(client, seeded):
    call_command("import_articles", str(DEVSET), verbosity=0)
    response = client.get(STATISTICS, {"unit": "applications"})
    chart = response.context["chart"]
    assert chart.count == Statistic.objects.filter(unit="applications").count() > 10
    assert chart.title == "Figures in applications, by year"


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "99999999"},
        {"topic": "no-such-topic"},
        {"sort": "bogus"},
        {"q": "x" * 10_000},
        {"unit": "\x00"},
    ],
)
def test_bad_input_is_400_with_the_reason(client, seeded, query):
    response = client.get(STATISTICS, query)
    assert response.status_code == 400
    assert "could not be used" in text_of(response)
    assert rows(response) == []


@pytest.mark.parametrize(
    "query",
    ["page=999999", "page=-1", "page=abc", "x=" + "a" * 10_000, "unit=%3Cb%3E", "q=%25%27%22"],
)
def test_odd_query_strings_never_500(client, seeded, query):
    assert client.get(f"{STATISTICS}?{query}").status_code == 200


def test_pages_of_fifty(client, seeded):
    call_command("import_articles", str(DEVSET), verbosity=0)
    total = Statistic.objects.count()
    assert total > 50
    first = client.get(STATISTICS)
    assert len(rows(first)) == 50
    assert first.context["paginator"].num_pages == -(-total // 50)
    last = client.get(STATISTICS, {"page": 999999})
    assert last.context["page_obj"].number == last.context["paginator"].num_pages


def test_statistics_of_an_undated_article_still_list(client, seeded):
    article = Article.objects.get(slug=FOREIGN_MINISTRY)
    article.published = None
    article.save()  # as the admin saves it: its figures' copy of the date follows
    assert set(article.statistics.values_list("published", flat=True)) == {None}
    response = client.get(STATISTICS, {"sort": "-date"})
    assert response.status_code == 200
    assert rows(response)[-1].article.slug == FOREIGN_MINISTRY
    assert client.get(STATISTICS, {"unit": "CNY"}).context["chart"].count == 1


def test_huge_values_render(client, seeded):
    article = Article.objects.first()
    Statistic.objects.create(
        article=article, value=Decimal("2443000000000000"), unit="CNY", as_written="x"
    )
    response = client.get(STATISTICS, {"unit": "CNY"})
    assert response.status_code == 200
    assert "2,443,000,000,000,000" in text_of(response)
    assert "E+" not in text_of(response)


# change stamp, count (when filtered), page, unit facet, chart, topic choices; the units of
# every figure come from the facet index, built once per change (test_facet_index.py).
STATISTICS_BUDGET = 6


@pytest.mark.parametrize("query", ["", "?unit=applications", "?topic=patents&sort=-value"])
def test_query_count_does_not_grow_with_the_archive(
    client, seeded, django_assert_max_num_queries, query
):
    facet_index.current()
    with django_assert_max_num_queries(STATISTICS_BUDGET):
        assert client.get(STATISTICS + query).status_code == 200
    call_command("import_articles", str(DEVSET), verbosity=0)
    facet_index.current()
    with django_assert_max_num_queries(STATISTICS_BUDGET):
        assert client.get(STATISTICS + query).status_code == 200


def test_figures_and_quotes_keep_their_articles_date(seeded):
    article = Article.objects.filter(statistics__isnull=False, quotes__isnull=False).first()
    assert set(article.statistics.values_list("published", flat=True)) == {article.published}
    assert set(article.quotes.values_list("published", flat=True)) == {article.published}
    figure = Statistic.objects.create(article=article, value=1, unit="x", as_written="1 x")
    assert figure.published == article.published
    article.published = date(2001, 2, 3)
    article.save()
    assert set(article.statistics.values_list("published", flat=True)) == {date(2001, 2, 3)}
    assert set(article.quotes.values_list("published", flat=True)) == {date(2001, 2, 3)}


def test_plain_counts_have_their_own_unit_facet_and_chart(client, seeded):
    article = Article.objects.get(slug=FOREIGN_MINISTRY)
    for position, value in enumerate(["59213", "96925", "56940"], start=100):
        Statistic.objects.create(
            article=article,
            value=Decimal(value),
            unit="",
            what="High-tech enterprises number",
            as_written=f"more than {int(value):,}",
            position=position,
        )
    everything = client.get(STATISTICS)
    content = text_of(everything)
    facet = next(row for row in everything.context["units"] if row["unit"] == "")
    assert facet["url"] == "?unit=none"
    assert '<a href="?unit=none">no unit</a> <span class="count">3</span>' in content
    assert 'aria-label="All figures in no unit">no unit</a>' in content
    assert ">no unit</a>" in content.split('id="facet-series"')[1]  # 3 figures make a series

    counts = client.get(STATISTICS, {"unit": "none"})
    assert {row.as_written for row in rows(counts)} == {
        "more than 59,213",
        "more than 96,925",
        "more than 56,940",
    }
    assert counts.context["chart"].count == 3
    assert "Figures in no unit, by year" in text_of(counts)
    assert "Unit: no unit" in text_of(counts)  # the chip that removes the filter
    # An empty unit is no filter at all, as any empty field of the form.
    unfiltered = client.get(STATISTICS, {"unit": ""}).context["paginator"].count
    assert unfiltered == Statistic.objects.count()
