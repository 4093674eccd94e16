import pytest

from articles.ingest.boilerplate import (
    is_end_of_story,
    is_furniture,
    photo_credit_line,
    strip_photo_credits,
)


@pytest.mark.parametrize(
    "line",
    [
        "By continuing to browse our site you agree to our use of cookies, revised Privacy "
        "Policy and Terms of Use. You can change your cookie settings through your browser.",
        "SITEMAP",
        "Copyright © 2024 CGTN. 京ICP备20000184号",
        "Disinformation report hotline: 010-85061466",
        "fontLarger fontSmaller",
        "Share",
        "Enditem",
        "IPR Photo:VCG",
        "Facebook Twitter LinkedIn",
        "PR/2023/898",
        "(Reporting by Jane Doe; Editing by John Roe)",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Li said China has always attached great importance to IPR protection.",
        "Tang said the WIPO will further strengthen cooperation with China.",
        "The court shared its ruling with the parties on Monday.",
    ],
)
def test_story_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_photo_credit_with_photographer():
    text, credits = strip_photo_credits(
        "Li Qiang meets Daren Tang in Beijing, April 27, 2023. (Xinhua/Liu Weibing)"
    )
    assert text == "Li Qiang meets Daren Tang in Beijing, April 27, 2023."
    assert credits.photo_agencies == ["Xinhua"]
    assert credits.photographers == ["Liu Weibing"]


def test_bracket_and_trailing_credits():
    text, credits = strip_photo_credits("[Photo/VCG] The office received 1.4 million filings.")
    assert text == "The office received 1.4 million filings."
    assert credits.photo_agencies == ["VCG"]
    text, credits = strip_photo_credits("A study session in Beijing, October 31, 2023. /Xinhua")
    assert text.endswith("2023.")
    assert credits.photo_agencies == ["Xinhua"]
    _, credits = strip_photo_credits("[Photo by Zhu Xingxin/China Daily] Visitors at a fair.")
    assert credits.photographers == ["Zhu Xingxin"]
    assert credits.photo_agencies == ["China Daily"]


def test_end_of_story_headings():
    assert is_end_of_story("Related stories")
    assert is_end_of_story("Most Viewed")
    assert not is_end_of_story("Related reforms were announced on Monday.")


def test_a_headline_about_copyright_is_not_a_copyright_line():
    from articles.ingest.header import read_meta_line

    assert not is_furniture("Copyright registrations in China rise 20 percent")
    assert read_meta_line("Copyright registrations in China rise 20 percent") is None
    assert is_furniture("Copyright © 2024 CGTN. All rights reserved.")
    assert read_meta_line("© 2020 The Associated Press").outlet == "The Associated Press"


@pytest.mark.parametrize(
    "line",
    [
        "NNNN",
        "Today's Press Releases",
        "Keywords: trademarks, customs, e-commerce",
        "TAGS: patents, courts",
        "Follow Harbour Daily on Twitter | LinkedIn | Facebook",
        "Follow the topics in this article",
        "Reuse this content",
        "Explore more: Asia | Business",
        "• Related: Court fines copycat tea brand",
        "[Related] Patent filings rise for third year",
        "Share this: Twitter | Facebook | Email",
        "Like this: Loading...",
        "Leave a Reply",
        "Posted in Analysis | Tagged trademarks, courts",
        "← Previous post: Notes on the new trademark rules",
        "Comments will be moderated. Please stay on topic.",
        "Enjoying this story? Click here to subscribe for full access.",
        "By subscribing, you help us keep reporting.",
        "Quality journalism costs money; support our work.",
        "Our editor picks the week's best stories in this weekly newsletter.",
        "Morning Brief: the day's top stories, in your inbox.",
        "Listen to this article. More audio on our app.",
        "This article appeared in the Asia section of the print edition under the headline "
        '"Copycats"',
        "This update is for informational purposes only and does not constitute legal advice.",
        "Attorney Advertising.",
        "By Lee Soo-min (soomin@example-news.com)",
        "Department in charge: General Office of the Bureau of Trade",
        "Address: 12 Harbour Road, Wan Chai",
        "Print | Close",
        "Credit: Stockimages",
        "新闻报料：010-12345678",
    ],
)
def test_more_page_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The newsletter publisher said its subscribers rose 8% last year.",
        "Related research shows patent quality has improved.",
        "Customs officers seized 3,000 fake handbags at the border.",
    ],
)
def test_story_lines_are_not_new_furniture(line):
    assert not is_furniture(line)


def test_slash_credit_chain_and_dash_credit_at_end_of_caption():
    text, found = strip_photo_credits("Workers assemble phones in Suzhou (picture-alliance/dpa)")
    assert text == "Workers assemble phones in Suzhou"
    assert found.photo_agencies == ["picture-alliance", "dpa"]
    text, found = strip_photo_credits("Fake watches on display in Rotterdam. - Copyright AFP")
    assert text == "Fake watches on display in Rotterdam."
    assert found.photo_agencies == ["AFP"]
    text, found = strip_photo_credits("A minister speaks in Seoul. (Yonhap)")
    assert found.photo_agencies == ["Yonhap"]


def test_slashes_in_brackets_that_are_no_credit_stay():
    for caption in ("The new TCP/IP stack (TCP/IP)", "Fines for sellers (and/or)"):
        assert strip_photo_credits(caption) == (caption, strip_photo_credits("")[1])


@pytest.mark.parametrize(
    "line",
    [
        "Clİck here to subscribe for updates",  # İ: the pattern's IGNORECASE reads it as i
        "Get our daily newsletter in your ınbox",
        "Cookies help us improve your browsing experience",
    ],
)
def test_the_key_word_prefilters_never_hide_a_line_their_pattern_matches(line):
    from articles.ingest.boilerplate import _FURNITURE_ANYWHERE_RE, _PROMPT_RE

    assert _PROMPT_RE.search(line) or _FURNITURE_ANYWHERE_RE.search(line)
    assert is_furniture(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("IPR Photo:VCG", ("VCG", "")),
        ("Photo: WIPO/Laurent Vaney", ("WIPO", "Laurent Vaney")),
        ("[Photo/VCG]", ("VCG", "")),
        ("Photo by Xinhua", ("", "")),
        ("The court said the photo was taken in May.", ("", "")),
    ],
)
def test_photo_credit_line(line, expected):
    assert photo_credit_line(line) == expected


@pytest.mark.parametrize(
    ("line", "furniture"),
    [("#patents #trademarks", True), ("#patents", False), ("Filed #patents #trademarks", False)],
)
def test_hashtag_rows(line, furniture):
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Site content copyright © Example Media", True),
        ("The court said copyright holders may sue for damages.", False),
    ],
)
def test_copyright_mid_line_needs_the_sign(line, furniture):
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        # ASCII lines are matched lowercased, case-sensitively; the others as written.
        ("PR/2024/1234", True),
        ("pr/2024/1234", True),
        ("NNNN", True),
        ("IPR PHOTO: VCG", True),  # \S must stay \S, not become \s
        ("IPR PHOTO: VCG 北京", False),
        ("SHARE ON WECHAT", True),
        ("Shareholders met on Monday", False),
        ("BY ZHANG SAN (ZHANG@EXAMPLE.COM)", True),
        ("By Zhang San (zhang@example.com) 北京", False),
        ("ſhare", True),  # "ſ" is an "s" to re.IGNORECASE
    ],
)
def test_furniture_at_start_in_any_case(line, furniture):
    assert is_furniture(line) is furniture
