import calendar
import datetime as dt

import pytest
from dateutil import parser as dateutil_parser

from articles.ingest import dates


@pytest.mark.parametrize(
    ("text", "expected_date", "expected_time"),
    [
        ("April 28, 2023", dt.date(2023, 4, 28), None),
        ("Nov 09, 2021 06:03 PM", dt.date(2021, 11, 9), dt.time(18, 3)),
        ("2020-12-16 12:10:05", dt.date(2020, 12, 16), dt.time(12, 10, 5)),
        ("2020-02-27 11:24", dt.date(2020, 2, 27), dt.time(11, 24)),
        ("1 March 2020", dt.date(2020, 3, 1), None),
        ("March 1, 2020", dt.date(2020, 3, 1), None),
        ("05-Jun-2022", dt.date(2022, 6, 5), None),
        ("Sept. 3, 2019", dt.date(2019, 9, 3), None),
    ],
)
def test_parse_date_forms(text, expected_date, expected_time):
    found = dates.find_full_dates(f"Updated: {text} Source: somewhere")
    assert found, text
    assert found[0].date == expected_date
    assert found[0].time == expected_time


def test_time_then_date():
    found = dates.find_time_then_date("(People's Daily Online) 09:25, March 01, 2020")
    assert found.date == dt.date(2020, 3, 1)
    assert found.time == dt.time(9, 25)


def test_yearless_dates_are_not_full_dates():
    assert dates.find_full_dates("BEIJING, April 27 (Xinhua) --") == []
    assert dates.month_day_without_year("BEIJING, April 27 (Xinhua) --") == (4, 27)
    assert dates.month_day_without_year("On 20 April, the forum opened") == (4, 20)


def test_years_and_numbers_alone_are_not_dates():
    assert dates.find_full_dates("with more than 68,000 applications in 2020") == []
    assert dates.parse_date("12th") == (None, None)


def test_context_years_skip_targets():
    text = "a guideline to build the country into a strong country by 2035. In 2020, it grew."
    assert dates.context_years(text) == [2020]


def test_weekday_picks_the_year():
    # 27 April was a Thursday in 2023 and in 2017; 2022 is ruled out.
    assert dates.year_for_month_day(4, 27, [2022, 2023], weekday=3) == 2023
    assert dates.year_for_month_day(4, 27, [2022], weekday=None) == 2022


def test_weekdays_mentioned():
    assert dates.weekdays_mentioned("the ministry said on Tuesday. Last Friday it met") == [1, 4]


def test_weekdays_mentioned_need_the_word_to_start_a_word_in_any_text():
    # ASCII text is read lowercased by a case-sensitive pattern, other text by WEEKDAY_RE.
    text = "ON MONDAY, upon Tuesday, this\tsunday, Salon Friday"
    assert dates.weekdays_mentioned(text) == [0, 6]
    assert dates.weekdays_mentioned(text + " 北京") == [0, 6]


def test_weekdays_with_letters_ignorecase_folds_are_read_not_a_crash():
    # WEEKDAY_RE matches "ſunday" and "frİday" under IGNORECASE; str.lower() alone left them
    # unknown names, and the lookup raised ValueError, which lost the article.
    assert dates.weekdays_mentioned("late ſunday and on frİday") == [6, 4]


def test_years_and_targets_stand_alone():
    text = "20301 -2031 2032- x2033 by 2034 nearby 2035 to the end of 2036 onto 2037 (1999)"
    alone = ["2033", "2034", "2035", "2036", "2037", "1999"]
    assert [match.group(1) for match in dates.YEAR_RE.finditer(text)] == alone
    assert dates.context_years(text) == [2033, 2035, 2037, 1999]


def _dateutil_reading(text: str):
    """What parse_date answered before read_plain_date existed: dateutil, month first."""
    parsed = dateutil_parser.parse(text, fuzzy=True, dayfirst=False)
    time = parsed.time() if dates.TIME_RE.search(text) else None
    return parsed.date(), time


def _plain_forms(day: dt.date) -> list[str]:
    name, abbreviation = calendar.month_name[day.month], calendar.month_abbr[day.month]
    forms = [day.isoformat()]
    for month in (name, abbreviation, abbreviation + "."):
        for number in {str(day.day), f"{day.day:02d}"}:
            forms += [f"{month} {number}, {day.year}", f"{month} {number} {day.year}"]
            forms += [f"{number}-{month}-{day.year}", f"{number} {month} {day.year}"]
    return forms


def test_read_plain_date_reads_every_plain_form_as_dateutil_does():
    # A sample of days across two centuries (the full sweep was checked once by hand);
    # read_plain_date may decline a text, but when it answers, it must answer as dateutil.
    day, answered = dt.date(1900, 1, 1), 0
    while day <= dt.date(2099, 12, 31):
        for text in _plain_forms(day):
            fast = dates.read_plain_date(text)
            if fast is not None:
                answered += 1
                assert fast == _dateutil_reading(text), text
        day += dt.timedelta(days=97)
    assert answered > 5000


@pytest.mark.parametrize("base", ["2023-05-19", "May 19, 2023", "19-May-2023"])
def test_read_plain_date_reads_clock_times_as_dateutil_does(base):
    for hour in range(0, 24):
        for minute in (0, 7, 30, 59):
            texts = [f"{base} {hour}:{minute:02d}", f"{base} {hour:02d}:{minute:02d}:45"]
            if 1 <= hour <= 12:
                texts += [f"{base} {hour}:{minute:02d} PM", f"{base} {hour:02d}:{minute:02d}AM"]
            for text in texts:
                fast = dates.read_plain_date(text)
                assert fast is not None, text
                assert fast == _dateutil_reading(text), text


@pytest.mark.parametrize("text", ["2023-02-30", "February 30, 2023", "2023-13-01", "31-Apr-2024"])
def test_read_plain_date_leaves_impossible_dates_to_dateutil(text):
    assert dates.read_plain_date(text) is None
