import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils.safestring import SafeString

from articles.charts import (
    Dot,
    bar_chart,
    compact_number,
    dot_chart,
    nice_ticks,
    timeline_bars,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(chart):
    assert isinstance(chart.svg, SafeString)
    root = ET.fromstring(str(chart.svg))
    assert root.tag == f"{SVG}svg"
    return root


def test_bar_chart_is_valid_accessible_svg_with_a_table():
    chart = bar_chart(
        [("2021", 1), ("2022", 0), ("2023", 4)],
        title="Articles mentioning Li Qiang, by year",
        value_label="Articles",
        category_label="Year",
        chart_id="timeline",
    )
    root = parse_svg(chart)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "timeline-title timeline-desc"
    assert root.find(f"{SVG}title").text == "Articles mentioning Li Qiang, by year"
    assert "the most, 4, in 2023" in root.find(f"{SVG}desc").text
    assert len(root.findall(f"{SVG}rect")) == 3
    labels = {text.text for text in root.iter(f"{SVG}text")}
    assert {"2021", "2022", "2023", "Articles", "Year"} <= labels

    table = ET.fromstring(str(chart.table))
    cells = [[cell.text for cell in row] for row in table.iter("tr")]
    assert cells == [["Year", "Articles"], ["2021", "1"], ["2022", "0"], ["2023", "4"]]
    assert chart.count == 3
    assert str(chart) == chart.svg + chart.table


def test_labels_are_escaped_never_markup():
    hostile = '<script>alert("x")</script> & Co'
    chart = bar_chart([(hostile, 2)], title=hostile, value_label="R&D <spend>", chart_id="c")
    assert "<script>" not in chart.svg and "<script>" not in chart.table
    root = parse_svg(chart)
    assert root.find(f"{SVG}title").text == hostile
    assert hostile in {text.text for text in root.iter(f"{SVG}text")}
    assert ET.fromstring(str(chart.table)).find("table/caption").text == hostile

    dots = dot_chart([Dot(2020, 5, hostile)], title="t", value_label="<unit>")
    assert "<script>" not in dots.svg
    assert hostile in ET.fromstring(str(dots.table)).find("table/tbody/tr/td").text


@pytest.mark.parametrize("draw", [bar_chart, dot_chart])
def test_empty_data_gives_a_valid_svg_saying_so(draw):
    chart = draw([], title="Nothing yet", value_label="Articles")
    assert chart.count == 0
    root = parse_svg(chart)
    assert "No data to chart" in {text.text for text in root.iter(f"{SVG}text")}
    assert chart.table == ""


def test_dot_chart_plots_each_figure_and_joins_only_a_true_series():
    series = dot_chart(
        [Dot(2019, Decimal("1400000"), "patent applications"), Dot(2021, Decimal("1500000"))],
        title="Figures in applications, by year",
        value_label="applications",
    )
    root = parse_svg(series)
    assert len(root.findall(f"{SVG}circle")) == 2
    assert len(root.findall(f"{SVG}polyline")) == 1
    labels = {text.text for text in root.iter(f"{SVG}text")}
    assert {"2019", "2020", "2021", "applications", "1.5m"} <= labels
    titles = [circle.find(f"{SVG}title").text for circle in root.findall(f"{SVG}circle")]
    assert titles[0] == "2019: 1.4m — patent applications"

    same_year = dot_chart([Dot(2022, 278100), Dot(2022, 70015)], title="t", value_label="u")
    root = parse_svg(same_year)
    assert len(root.findall(f"{SVG}circle")) == 2
    assert root.findall(f"{SVG}polyline") == []  # different things counted in one year
    assert {"2021", "2022", "2023"} <= {text.text for text in root.iter(f"{SVG}text")}


def test_dot_chart_keeps_every_dot_inside_the_drawing():
    root = parse_svg(dot_chart([Dot(2020, 0), Dot(2023, 10**12)], title="t", value_label="CNY"))
    width, height = (float(n) for n in root.get("viewBox").split()[2:])
    for circle in root.findall(f"{SVG}circle"):
        assert 0 <= float(circle.get("cx")) <= width
        assert 0 <= float(circle.get("cy")) <= height


@pytest.mark.parametrize(
    ("maximum", "whole", "expected"),
    [
        (0, True, [0, 1]),
        (1, True, [0, 1]),
        (4, True, [0, 1, 2, 3, 4]),
        (7, True, [0, 2, 4, 6, 8]),
        (1_500_000, False, [0, 500_000, 1_000_000, 1_500_000]),
        (0.3, False, [0, 0.1, 0.2, 0.3]),
    ],
)
def test_nice_ticks(maximum, whole, expected):
    assert nice_ticks(maximum, whole=whole) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2443000000000, "2.44tn"),
        (381950000000, "382bn"),
        (120000, "120k"),
        (25.1, "25.1"),
        (0, "0"),
    ],
)
def test_compact_number(value, expected):
    assert compact_number(value) == expected


def test_timeline_counts_per_year_with_gaps_filled():
    bars, period = timeline_bars([(2020, 3, 1), (2020, 5, 2), (2023, 1, 4)])
    assert period == "Year"
    assert bars == [("2020", 3), ("2021", 0), ("2022", 0), ("2023", 4)]


def test_timeline_counts_per_month_within_one_year():
    bars, period = timeline_bars([(2023, 4, 1), (2023, 10, 1)])
    assert period == "Month of 2023"
    assert bars[0] == ("Apr", 1) and bars[-1] == ("Oct", 1)
    assert len(bars) == 7 and sum(n for _, n in bars) == 2


def test_timeline_of_nothing_is_empty():
    assert timeline_bars([]) == ([], "Year")
    assert timeline_bars([(None, None, 3)]) == ([], "Year")


def test_bar_chart_counts_have_thousands_separators():
    chart = bar_chart(
        [("2024", 7_950), ("2025", 12_521)], title="Articles by year", value_label="Articles"
    )
    root = parse_svg(chart)
    labels = {text.text for text in root.iter(f"{SVG}text")}
    assert {"0", "5,000", "10,000", "15,000"} <= labels  # the y axis, not "15000"
    assert (
        "20,471 articles from 2024 to 2025; the most, 12,521, in 2025."
        in root.find(f"{SVG}desc").text
    )
    assert [rect.find(f"{SVG}title").text for rect in root.iter(f"{SVG}rect")] == [
        "2024: 7,950",
        "2025: 12,521",
    ]
    table = ET.fromstring(str(chart.table))
    assert [cell.text for cell in list(table.iter("tr"))[-1]] == ["2025", "12,521"]
