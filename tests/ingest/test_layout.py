import pytest

from articles.ingest.header import read_credit_line
from articles.ingest.layout import _single_spaced, read_layout

OUTLETS = {"Reuters", "China Daily", "Xinhua", "CGTN"}
ORGANIZATIONS = {"European Patent Office", "EPO", "Office of the Trade Representative"}


def layout(text, title_hint=""):
    return read_layout(
        text,
        known_outlet=lambda name: name in OUTLETS,
        title_hint=title_hint,
        is_organization=lambda line: all(
            part in ORGANIZATIONS | OUTLETS for part in line.split(" - ")
        ),
    )


STORY = (
    "The office said on Monday that filings of patent applications rose by a fifth last year, "
    "as companies sought protection for new battery designs."
)


def test_headline_comes_after_masthead_menus_and_breadcrumbs():
    page = "\n".join(
        [
            "Skip to main content",
            "EPO - European Patent Office",
            "Home | News | Events | Jobs | Contact",
            "Home > News > Press releases",
            "Battery patents surge as makers race for solid-state designs",
            "Updated: 2024-03-05 10:21 GMT+8",
            STORY,
        ]
    )
    result = layout(page)
    assert result.title == "Battery patents surge as makers race for solid-state designs"
    assert result.paragraphs == [STORY]
    assert result.facts.sections == ["Press releases"]
    assert result.facts.mastheads == ["EPO"]
    assert result.facts.dates[0][0].isoformat() == "2024-03-05"


def test_a_page_without_headline_has_no_title():
    result = layout("Copyright 2024 CGTN. All rights reserved.\n" + STORY)
    assert result.title == ""
    assert result.facts.copyright_outlets == ["CGTN"]


def test_wrapped_headline_is_joined():
    result = layout(
        "Policy briefing on the 14th Five-Year Plan for IP protection\nand use\n\n" + STORY
    )
    assert result.title == "Policy briefing on the 14th Five-Year Plan for IP protection and use"


def test_bare_name_under_headline_is_the_reporter():
    result = layout(
        "Court fines sellers of fake designer handbags\nWang Lina\nJun 03, 2021\n" + STORY
    )
    assert result.facts.reporters == ["Wang Lina"]


def test_story_stops_at_related_links_but_footer_facts_count():
    page = "\n".join(
        [
            "Battery patents surge as makers race for designs",
            STORY,
            STORY.replace("Monday", "Tuesday"),
            "Related stories",
            "Another headline about patents in the region today",
            "Copyright 2024 Reuters. All rights reserved.",
        ]
    )
    result = layout(page)
    assert len(result.paragraphs) == 2
    assert result.facts.copyright_outlets == ["Reuters"]


def test_captions_keep_text_and_give_credits():
    page = (
        "Headline about an exhibition of patents\n\n"
        "Visitors at a fair in Beijing. (Xinhua/Li Xin)\n\n" + STORY
    )
    result = layout(page)
    assert result.captions == ["Visitors at a fair in Beijing."]
    assert result.facts.photographers == ["Li Xin"]
    assert result.facts.photo_agencies == ["Xinhua"]


def test_credit_lines_of_several_outlets():
    reuters = read_credit_line("(Reporting by Ann Lee and Bo Chen; Editing by Cara Diaz)")
    assert (reuters.reporters, reuters.editors) == (["Ann Lee", "Bo Chen"], ["Cara Diaz"])
    assert read_credit_line("HARUKA TSUJI, Nikkei staff writer").reporters == ["Haruka Tsuji"]
    assert read_credit_line("--With assistance from Colm Kenny").reporters == ["Colm Kenny"]
    contact = read_credit_line(
        "Contact reporter Qu Yun (q@example.com) and editor Mike Ray (m@example.com)"
    )
    assert (contact.reporters, contact.editors) == (["Qu Yun"], ["Mike Ray"])
    assert read_credit_line("He said the figures were (roughly) right.") is None


def test_derived_title_drops_the_agency_prefix():
    from articles.ingest.pipeline import derive_title

    lead = (
        "(ECNS) -- China's prosecutors charged 18,000 people with IP crimes in 2023, the SPP said."
    )
    assert derive_title([lead], []).startswith("China's prosecutors charged")


@pytest.mark.parametrize(
    "raw",
    ["", " ", "Plain line", " lead", "trail ", "two  spaces", "no\u00a0break", "wide\u3000space",
     "tab\there", "sep\x1cchar", "line\u2028sep", "\u00a0edge\u00a0"],
)  # fmt: skip
def test_single_spaced_is_split_and_joined(raw):
    assert _single_spaced(raw) == " ".join(raw.split())
