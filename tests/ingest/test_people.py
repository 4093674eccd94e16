"""People extraction on seed-like sentences and other outlets' styles."""

from __future__ import annotations

import pytest

from articles.ingest.model import OrganizationMention, PersonMention
from articles.ingest.people import (
    PersonResolver,
    extract_people,
    sentence_spans,
    shared_resolver,
    surname_of,
    title_case_role,
)

WIPO = OrganizationMention(
    "World Intellectual Property Organization",
    acronym="WIPO",
    kind="international",
    as_written=["the World Intellectual Property Organization (WIPO)", "the WIPO", "WIPO"],
)
MFA = OrganizationMention(
    "Ministry of Foreign Affairs",
    kind="government",
    as_written=["the Chinese Foreign Ministry", "the ministry"],
)
SIPO = OrganizationMention(
    "State Intellectual Property Office", acronym="SIPO", as_written=["SIPO"]
)
CNIPA = OrganizationMention(
    "China National Intellectual Property Administration",
    acronym="CNIPA",
    as_written=["the China National Intellectual Property Administration (CNIPA)", "CNIPA"],
)
STATE_COUNCIL = OrganizationMention("State Council", as_written=["the State Council"])


def people_by_name(body: str, orgs: list[OrganizationMention] | None = None) -> dict:
    return {p.name: p for p in extract_people(body, orgs or [])}


# --- roles and affiliations -------------------------------------------------------------------


def test_nationality_title_name():
    people = people_by_name("Chinese Premier Li Qiang met with foreign guests in Beijing.")
    assert list(people) == ["Li Qiang"]
    assert people["Li Qiang"].role == "Premier"
    assert people["Li Qiang"].affiliation == "China"
    assert people["Li Qiang"].as_written[0] == "Chinese Premier Li Qiang"


def test_org_with_acronym_before_title_resolves_to_canonical_org():
    body = (
        "Chinese Premier Li Qiang met with the World Intellectual Property Organization (WIPO) "
        "Director General Daren Tang on Thursday in Beijing."
    )
    tang = people_by_name(body, [WIPO])["Daren Tang"]
    assert tang.role == "Director General"
    assert tang.affiliation == "World Intellectual Property Organization"
    assert tang.as_written[0] == (
        "World Intellectual Property Organization (WIPO) Director General Daren Tang"
    )


def test_appositive_role_with_org_reference():
    body = (
        "Wang Wenbin, a spokesperson from the ministry, made the remarks when asked about "
        "comments from Daren Tang, director general of the WIPO, on China's progress."
    )
    people = people_by_name(body, [MFA, WIPO])
    assert people["Wang Wenbin"].role == "Spokesperson"
    assert people["Wang Wenbin"].affiliation == "Ministry of Foreign Affairs"
    assert people["Wang Wenbin"].as_written[0] == "Wang Wenbin, a spokesperson from the ministry"
    assert people["Daren Tang"].role == "Director General"
    assert people["Daren Tang"].affiliation == "World Intellectual Property Organization"


def test_acronym_prefix_and_portfolio_role():
    body = (
        "SIPO Commissioner Shen Changyu, World Intellectual Property Organization Deputy Director "
        "General Wang Binying, Deputy Minister of Justice of the Republic of Kazakhstan Elvira "
        "Azimova attended the ceremony."
    )
    people = people_by_name(body, [SIPO, WIPO])
    assert list(people) == ["Shen Changyu", "Wang Binying", "Elvira Azimova"]
    assert (people["Shen Changyu"].role, people["Shen Changyu"].affiliation) == (
        "Commissioner",
        "State Intellectual Property Office",
    )
    assert people["Wang Binying"].role == "Deputy Director General"
    assert people["Wang Binying"].affiliation == "World Intellectual Property Organization"
    assert (people["Elvira Azimova"].role, people["Elvira Azimova"].affiliation) == (
        "Deputy Minister of Justice",
        "Republic of Kazakhstan",
    )


@pytest.mark.parametrize("closing", ['," ', '." ', ",” ", ".” "])
def test_a_quotation_ending_before_the_title_is_not_part_of_it(closing):
    body = (
        f"“We want Hong Kong to be the IP trading hub for the Greater Bay Area{closing}"
        "Secretary for Commerce and Economic Development Alfred Tse said."
    )
    tse = people_by_name(body)["Alfred Tse"]
    assert tse.role == "Secretary for Commerce and Economic Development"
    assert tse.affiliation == ""
    assert tse.as_written[0] == "Secretary for Commerce and Economic Development Alfred Tse"


def test_said_name_comma_role_of_acronym():
    body = "The system has improved a lot, said Hu Wenhui, deputy director of CNIPA."
    hu = people_by_name(body, [CNIPA])["Hu Wenhui"]
    assert hu.role == "Deputy Director"
    assert hu.affiliation == "China National Intellectual Property Administration"


def test_commissioner_of_full_org_name_with_acronym():
    body = (
        "Shen Changyu, commissioner of the China National Intellectual Property Administration "
        "(CNIPA), attended the opening."
    )
    shen = people_by_name(body, [CNIPA])["Shen Changyu"]
    assert shen.role == "Commissioner"
    assert shen.affiliation == "China National Intellectual Property Administration"


def test_former_role_with_org_before_title():
    body = "Francis Gurry, former WIPO director general, praised the reform."
    gurry = people_by_name(body, [WIPO])["Francis Gurry"]
    assert gurry.role == "Former Director General"
    assert gurry.affiliation == "World Intellectual Property Organization"


def test_affiliation_kept_as_written_when_unknown():
    body = "Zhang Yun-bi, a professor at Renmin University of China, said the ruling matters."
    zhang = people_by_name(body)["Zhang Yun-bi"]
    assert zhang.role == "Professor"
    assert zhang.affiliation == "Renmin University of China"


@pytest.mark.parametrize(
    ("body", "name", "role", "affiliation"),
    [
        ("Chinese President Xi Jinping sent a letter.", "Xi Jinping", "President", "China"),
        ("Vice Premier Ding Xuexiang attended the event.", "Ding Xuexiang", "Vice Premier", ""),
        (
            "Chinese Foreign Ministry spokesperson Mao Ning told a briefing on Monday.",
            "Mao Ning",
            "Spokesperson",
            "Ministry of Foreign Affairs",
        ),
        ("Foreign Minister Wang Yi held talks in Geneva.", "Wang Yi", "Foreign Minister", ""),
        (
            "US Trade Representative Katherine Tai spoke.",
            "Katherine Tai",
            "Trade Representative",
            "United States",
        ),
    ],
)
def test_title_before_name_styles(body, name, role, affiliation):
    person = people_by_name(body, [MFA])[name]
    assert person.role == role
    assert person.affiliation == affiliation


def test_honorifics_and_western_names():
    body = (
        "John Smith, a partner at a Beijing law firm, said the case was typical. "
        "Mr. Smith added that damages were rising. Dr. Anna Keller agreed."
    )
    people = people_by_name(body)
    assert set(people) == {"John Smith", "Anna Keller"}
    assert "Mr. Smith" in people["John Smith"].as_written


def test_three_part_and_hyphenated_names_with_a_cue():
    body = "Hong Kong Chief Executive Carrie Lam Cheng Yuet-ngor spoke at the forum."
    people = people_by_name(body)
    assert list(people) == ["Carrie Lam Cheng Yuet-ngor"]
    assert people["Carrie Lam Cheng Yuet-ngor"].role == "Chief Executive"


# --- things that are not people ---------------------------------------------------------------


def test_orgs_places_laws_and_sentence_words_are_not_people():
    body = (
        "Moreover, the World Intellectual Property Organization said the State Council "
        "approved the plan. Besides, Beijing and Hong Kong will host events in Geneva on "
        "Monday, March 3. China released the Civil Code and amended the Patent Law. "
        "Underscoring the importance of IPR, Xinhua News Agency reported. Chinese Premier "
        "said nothing. Global Times and China Daily covered it."
    )
    assert extract_people(body, [WIPO, STATE_COUNCIL]) == []


def test_surname_only_is_not_a_person():
    assert extract_people("Tang said the office would act. Mr. Li agreed.", []) == []


def test_chinese_name_inside_an_org_is_not_a_person():
    body = "Researchers at Sun Yat-sen University said the Xi Jinping Thought guides them."
    assert extract_people(body, []) == []


# --- short references -------------------------------------------------------------------------


def test_short_references_are_collected_in_order_of_kind():
    body = (
        "Chinese Premier Li Qiang met Daren Tang, director general of the WIPO.\n\n"
        "Li said China values IP.\n\nHe said China has made progress.\n\n"
        "The premier said that China is a builder of the system.\n\nTang said WIPO agrees."
    )
    people = people_by_name(body, [WIPO])
    assert people["Li Qiang"].as_written == ["Chinese Premier Li Qiang", "Li", "The premier", "He"]
    assert people["Daren Tang"].as_written == ["Daren Tang, director general of the WIPO", "Tang"]


def test_bare_surname_goes_to_most_recent_full_name():
    body = (
        "Foreign Minister Wang Yi met the delegation. Wang said ties were strong. "
        "Later, spokesperson Wang Wenbin briefed reporters. Wang said the talks went well."
    )
    persons = extract_people(body, [])
    resolver = PersonResolver(body, persons)
    first = body.index("Wang said")
    second = body.rindex("Wang said")
    assert resolver.resolve_reference("Wang", first).name == "Wang Yi"
    assert resolver.resolve_reference("Wang", second).name == "Wang Wenbin"
    assert resolver.resolve_reference("the foreign minister", second).name == "Wang Yi"


def test_resolver_takes_in_credited_people_the_body_never_names():
    body = "Premier Li Qiang spoke. Li told reporters the editors were welcome."
    persons = extract_people(body, [])
    first = shared_resolver(body, persons)
    reporter = PersonMention("Chen Mo", role="Reporter", as_written=["Chen Mo"])
    assert shared_resolver(body, [*persons, reporter]) is first
    assert first.person_named("Chen Mo") is reporter
    assert first.references() == PersonResolver(body, [*persons, reporter]).references()


def test_resolver_is_rebuilt_for_credited_people_the_body_may_name():
    body = "Premier Li Qiang spoke. Li said the reporter was welcome."
    persons = extract_people(body, [])
    first = shared_resolver(body, persons)
    for added in (
        PersonMention("Chen Mo", role="Reporter"),  # "the reporter"
        PersonMention("Li Wei", role="Editor"),  # a second Li
    ):
        resolver = shared_resolver(body, [*persons, added])
        assert resolver is not first
        first = shared_resolver(body, persons)


def test_position_is_first_mention():
    body = "In Beijing, Vice Premier Ding Xuexiang spoke."
    person = extract_people(body, [])[0]
    assert person.position == body.index("Vice Premier")


# --- helpers ----------------------------------------------------------------------------------


def test_surname_of():
    assert surname_of("Li Qiang") == "Li"
    assert surname_of("Daren Tang") == "Tang"
    assert surname_of("Zhang Yun-bi") == "Zhang"
    assert surname_of("Elvira Azimova") == "Azimova"


def test_title_case_role():
    assert title_case_role("director general") == "Director General"
    assert title_case_role("deputy minister of justice") == "Deputy Minister of Justice"
    assert title_case_role("IP lawyer") == "IP Lawyer"


def test_sentence_spans_respect_abbreviations_and_protected_quotes():
    text = 'Mr. Tang spoke. "It works. It grows," said Shen. Done.'
    quote = (text.index('"'), text.index('"', text.index('"') + 1))
    spans = [text[s:e] for s, e in sentence_spans(text, protected=[quote])]
    assert spans == ["Mr. Tang spoke.", '"It works. It grows," said Shen.', "Done."]


def test_hong_kong_style_name_resolves_bare_surname():
    body = 'Legislator Dennis Leung Tsz-wing welcomed the bill. "This is long overdue," Leung said.'
    leung = people_by_name(body)["Dennis Leung Tsz-wing"]
    assert leung.role == "Legislator"
    assert "Leung" in leung.as_written


def test_honorific_professor_age_and_affiliation_after_name():
    body = (
        "Prof. Lin Xiuqin attended. Professor Zhang Ping of Peking University spoke. "
        "Gao Fei, 34, a designer in Hangzhou, filed a complaint."
    )
    people = people_by_name(body)
    assert people["Lin Xiuqin"].as_written[0] == "Prof. Lin Xiuqin"
    assert people["Lin Xiuqin"].role == "Professor"
    assert people["Zhang Ping"].affiliation == "Peking University"
    assert (people["Gao Fei"].role, people["Gao Fei"].affiliation) == ("Designer", "Hangzhou")


def test_capitalised_titles_of_works_are_not_people():
    body = "Kung Fu Panda and Long March rockets were mentioned; Tang Dynasty relics too."
    assert extract_people(body, []) == []


# --- holdout-style patterns (invented sentences) ----------------------------------------------


def test_gloss_in_brackets_before_the_appositive():
    people = people_by_name('"Seeds are chips," said Zhou Lanfang (周兰芳), the presiding judge.')
    assert people["Zhou Lanfang"].role == "Presiding Judge"


def test_role_of_the_court_before_the_name():
    body = "Deputy President of the court Guo Mingtao (郭明涛) said the court had heard 80 cases."
    assert people_by_name(body)["Guo Mingtao"].role == "Deputy President"


def test_role_before_the_name_as_a_leading_appositive():
    body = "Its head of licensing, Petra Lindqvist, told reporters the rates were too low."
    assert people_by_name(body)["Petra Lindqvist"].role == "Head of Licensing"


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        (
            "said Lam Ka-wai, a Macau-based trademark attorney at Corwell.",
            "Lam Ka-wai",
            "Trademark Attorney",
        ),
        ("Sun Ruoxi, an IP partner at a Beijing firm, said so.", "Sun Ruoxi", "Partner"),
    ],
)
def test_compound_roles_and_places_before_them(body, name, role):
    assert people_by_name(body)[name].role == role


def test_company_with_a_legal_form_is_not_a_person():
    body = "The dispute pits licensor Kestrel Oy against a phone maker, Ma Jun said."
    assert "Kestrel Oy" not in people_by_name(body)


def test_transcript_label_in_capitals_is_a_person_in_title_case():
    body = "WU HAO, RESEARCHER, PEKING UNIVERSITY: Courts have become faster and more consistent."
    people = people_by_name(body)
    assert people["Wu Hao"].role == "Researcher"


def test_month_abbreviation_is_a_given_name_unless_a_day_follows():
    people = people_by_name('"Courts have changed," says Zhao Jun, a former judge in Wuhan.')
    assert "Zhao Jun" in people
    assert "Zhao Jun" not in people_by_name("The Hangzhou Jun 5 hearing drew crowds.")


def test_korean_surname_that_is_also_a_noun_before_a_hyphenated_given_name():
    people = people_by_name(
        '"Fakes come back within days," said Park Seo-yeon, head of legal affairs at a '
        "cosmetics group."
    )
    assert "Park Seo-yeon" in people


def test_role_now_and_head_of_a_unit():
    people = people_by_name(
        '"Courts have changed," says Gao Ming, a former judge who is now a partner at a '
        'law firm. "We act fast," said Kim Ha-eun, head of the legal team at a food group.'
    )
    assert people["Gao Ming"].role == "Partner"
    assert people["Kim Ha-eun"].role == "Head of Legal Team"
    agent = people_by_name("“Filings are up,” says Luo Ping, a patent agent in Xiamen.")
    assert agent["Luo Ping"].role == "Patent Agent"
