import datetime as dt

from articles.ingest.header import read_dateline, read_meta_line

OUTLETS = {"Xinhua", "Xinhua News Agency", "China Daily Global", "China Daily", "CGTN"}


def meta(line):
    return read_meta_line(line, known_outlet=lambda name: name in OUTLETS)


def test_updated_and_source_on_one_line():
    facts = meta("Updated:\u00a0April 28, 2023 Source:\u00a0Xinhua News Agency")
    assert facts.date == dt.date(2023, 4, 28)
    assert facts.outlet == "Xinhua News Agency"


def test_xinhua_pipe_header():
    facts = meta("Source: Xinhua| 2020-03-01 18:43:01|Editor: huaxia")
    assert facts.date == dt.date(2020, 3, 1)
    assert facts.time == dt.time(18, 43, 1)
    assert facts.outlet == "Xinhua"
    assert facts.editors == ["huaxia"]


def test_china_daily_byline():
    facts = meta("By Zhang Yunbi in London | China Daily Global | Updated: 2020-02-27 11:24")
    assert facts.byline_names == ["Zhang Yunbi"]
    assert facts.outlet == "China Daily Global"
    assert facts.date == dt.date(2020, 2, 27)


def test_published_line_with_pm_time():
    facts = meta("Published: Nov 09, 2021 06:03 PM")
    assert (facts.date, facts.time) == (dt.date(2021, 11, 9), dt.time(18, 3))


def test_bare_date_lines():
    assert meta("2020-12-16 12:10:05").date == dt.date(2020, 12, 16)
    assert meta("1 March 2020").date == dt.date(2020, 3, 1)
    assert meta("Updated 14:32, 05-Jun-2022").date == dt.date(2022, 6, 5)


def test_paren_outlet_then_time_and_date():
    facts = meta("(People's Daily Online)  09:25, March 01, 2020")
    assert facts.outlet == "People's Daily Online"
    assert facts.date == dt.date(2020, 3, 1)


def test_section_path_is_a_section_not_an_outlet():
    facts = meta("SOURCE / ECONOMY")
    assert facts.section == "Economy"
    assert facts.outlet == ""


def test_copyright_line_names_the_outlet():
    assert meta("Copyright © 2024 CGTN. 京ICP备20000184号").outlet == "CGTN"


def test_story_sentences_are_not_meta_lines():
    assert meta("By 2025, China will have 12 patents per 10,000 people.") is None
    assert meta("Li said China has always attached great importance to IPR.") is None
    assert meta("Chinese premier meets with WIPO director general in Beijing") is None
    assert meta("On April 20, 2017 the forum opened in Beijing with guests.") is None


def test_dateline_forms():
    dateline = read_dateline("BEIJING, April 27 (Xinhua) -- Chinese Premier Li Qiang met ...")
    assert dateline.place == "Beijing"
    assert dateline.month_day == (4, 27)
    assert dateline.agency == "Xinhua"
    geneva = read_dateline("GENEVA — WIPO said on Tuesday that filings rose again last year.")
    assert geneva.place == "Geneva"
    assert geneva.month_day is None
    assert read_dateline(
        "HONG KONG, March 1 (Reuters) - Shares rose as the court ruled."
    ).place == ("Hong Kong")
    assert read_dateline("China will further promote the opening up of IPRs.") is None
    # A masthead is not a dateline, nor is a short label.
    assert read_dateline("EUIPO - European Union Intellectual Property Office") is None
    assert read_dateline("NOTE: see below") is None


def test_more_header_forms():
    korea = meta("Published : May 16, 2023 - 15:01 Updated : May 16, 2023 - 18:22")
    assert (korea.date, korea.time) == (dt.date(2023, 5, 16), dt.time(15, 1))
    assert meta("Tue, May 16, 2023 - Page 10").date == dt.date(2023, 5, 16)
    assert meta("Mar 16th 2023 | SHENZHEN").date == dt.date(2023, 3, 16)
    assert meta("05-16-2023 10:45 BJT").time == dt.time(10, 45)
    assert meta("16.05.2023").date == dt.date(2023, 5, 16)
    assert meta("2024年4月23日 17:06 | Apr 23, 2024 | 来源：澎湃新闻").date == dt.date(2024, 4, 23)
    byline = meta("July 14th, 2023 · Marcus Wei · Commentary · 3 Comments")
    assert byline.byline_names == ["Marcus Wei"]
    assert meta("Ends/Wednesday, May 15, 2024").date == dt.date(2024, 5, 15)
    assert meta("Issued at HKT 16:30").time == dt.time(16, 30)
    source = meta("Article Type: Release   Source: MOFCOM   2023-05-19 15:07")
    assert (source.outlet, source.time) == ("MOFCOM", dt.time(15, 7))
    assert meta("Editor: Zhang Jiaqi 丨CCTV.com").editors == ["Zhang Jiaqi"]
    # Sentences stay sentences.
    assert meta("On May 16, 2023 the court ruled against the company.") is None
