import pytest
from django.core.management import call_command
from django.urls import reverse

from articles import facet_index
from articles.models import Organization, Person, Quote, Topic
from tests.conftest import SEEDS

DEVSET = SEEDS.parent / "tests" / "fixtures" / "devset"
LIST = reverse("articles:article-list")
PEOPLE = reverse("articles:person-list")
ORGANIZATIONS = reverse("articles:organization-list")
TOPICS = reverse("articles:topic-list")
WIPO = "world-intellectual-property-organization"


def text_of(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


# Person pages


def test_person_page_shows_role_over_time_quotes_and_articles(client, seeded):
    response = client.get(reverse("articles:person-detail", args=["li-qiang"]))
    assert response.status_code == 200
    content = text_of(response)
    assert "<h1>Li Qiang</h1>" in content
    [role] = response.context["roles"]
    assert (role["role"], role["affiliation"], role["n"]) == ("Premier", "China", 2)
    assert (str(role["first"]), str(role["last"])) == ("2023-04-28", "2023-10-31")
    assert "28 Apr 2023</time> – <time" in content

    assert [a.published.isoformat() for a in response.context["object_list"]] == [
        "2023-10-31",
        "2023-04-28",
    ]
    quotes = Quote.objects.filter(person__slug="li-qiang")
    assert len(response.context["quotes"]) == quotes.count() > 5
    # Reported speech is shown without quotation marks and marked as reported.
    assert not quotes.filter(direct=True).exists()
    assert content.count('class="badge" title="Reported speech') == quotes.count()
    assert "“" not in content.split('id="quotes-heading"')[1].split('id="articles-heading"')[0]
    assert f'href="{LIST}?person=li-qiang"' in content
    assert f'href="{LIST}?speaker=li-qiang"' in content
    assert "All articles mentioning Li Qiang" in content and "Articles quoting Li Qiang" in content


def test_person_quotes_are_grouped_by_article_newest_first(client, seeded):
    response = client.get(reverse("articles:person-detail", args=["li-qiang"]))
    content = text_of(response)
    groups = content.split('class="quote-group"')[1:]
    assert len(groups) == 2
    assert "31 October 2023" in groups[0] and "28 April 2023" in groups[1]


def test_direct_quotes_keep_their_quotation_marks(client, seeded):
    person = Person.objects.get(slug="shen-changyu")
    content = text_of(client.get(person.get_absolute_url()))
    assert "“Although China has made outstanding achievements" in content
    reported = person.quotes.filter(direct=False).count()
    assert content.count('title="Reported speech') == reported < person.quotes.count()


def test_person_page_lists_who_they_appear_with(client, seeded):
    response = client.get(reverse("articles:person-detail", args=["li-qiang"]))
    people = {row["slug"]: row["n"] for row in response.context["people_alongside"]}
    assert "li-qiang" not in people
    assert people["daren-tang"] == 1
    organizations = {row["slug"] for row in response.context["organizations_alongside"]}
    assert WIPO in organizations
    assert reverse("articles:person-detail", args=["daren-tang"]) in text_of(response)


def test_person_timeline_is_per_month_when_all_in_one_year(client, seeded):
    response = client.get(reverse("articles:person-detail", args=["li-qiang"]))
    timeline = response.context["timeline"]
    assert timeline.count == 7  # April to October 2023
    assert timeline.title == "Articles mentioning Li Qiang, by month of 2023"
    assert 'role="img"' in text_of(response)


def test_person_timeline_is_per_year_across_years(client, seeded):
    response = client.get(reverse("articles:person-detail", args=["daren-tang"]))
    timeline = response.context["timeline"]
    assert timeline.title.endswith("by year")
    assert "<svg" in text_of(response)


def test_person_articles_paginate_and_clamp(client, seeded):
    call_command("import_articles", str(DEVSET), verbosity=0)
    url = reverse("articles:person-detail", args=["daren-tang"])
    for page in ["1", "999999", "-1", "abc"]:
        response = client.get(url, {"page": page})
        assert response.status_code == 200
        assert response.context["object_list"]


# Organization and topic pages


def test_organization_page(client, seeded):
    response = client.get(reverse("articles:organization-detail", args=[WIPO]))
    assert response.status_code == 200
    content = text_of(response)
    assert "World Intellectual Property Organization" in content and "(WIPO)" in content
    assert "International" in content  # the kind
    assert response.context["paginator"].count == 4
    assert f'href="{LIST}?organization={WIPO}"' in content
    affiliated = {row["slug"] for row in response.context["affiliated_people"]}
    assert "daren-tang" in affiliated
    others = {row["slug"] for row in response.context["organizations_alongside"]}
    assert WIPO not in others


def test_organization_statements_link_to_speaker_filter(client, seeded):
    url = reverse("articles:organization-detail", args=["ministry-of-foreign-affairs"])
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["quotes"]) >= 1
    assert f'href="{LIST}?speaker=ministry-of-foreign-affairs"' in text_of(response)


def test_topic_page(client, seeded):
    topic = Topic.objects.get(slug="patents")
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    content = text_of(response)
    assert topic.name in content
    assert topic.term_list[0] in content
    assert response.context["paginator"].count == 2
    assert f'href="{LIST}?topic=patents"' in content
    assert response.context["people_alongside"]


@pytest.mark.parametrize("name", ["person-detail", "organization-detail", "topic-detail"])
def test_unknown_slug_is_404(client, seeded, name):
    assert client.get(reverse(name_in_app(name), args=["no-such-slug"])).status_code == 404


def name_in_app(name: str) -> str:
    return f"articles:{name}"


def test_every_entity_page_renders(client, seeded):
    call_command("import_articles", str(DEVSET), verbosity=0)
    for model in (Person, Organization, Topic):
        for entity in model.objects.all():
            assert client.get(entity.get_absolute_url()).status_code == 200, entity.slug


# Index pages


def test_people_index_lists_everyone_with_counts(client, seeded):
    response = client.get(PEOPLE)
    assert response.status_code == 200
    people = {p.slug: (p.article_count, p.quote_count) for p in response.context["object_list"]}
    assert len(people) == Person.objects.count()
    assert people["li-qiang"] == (2, Quote.objects.filter(person__slug="li-qiang").count())
    assert people["daren-tang"] == (2, Quote.objects.filter(person__slug="daren-tang").count())
    names = [p.name for p in response.context["object_list"]]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("sort", "first"),
    [("-articles", "daren-tang"), ("-quotes", "li-qiang"), ("name", "daren-tang")],
)
def test_people_index_sorts(client, seeded, sort, first):
    response = client.get(PEOPLE, {"sort": sort})
    assert response.status_code == 200
    assert response.context["object_list"][0].slug == first


def test_people_index_letter_and_name_filters(client, seeded):
    by_letter = client.get(PEOPLE, {"letter": "L"}).context["object_list"]
    assert {p.slug for p in by_letter} == {"li-qiang", "li-shimeng", "liu-weibing"}
    assert client.get(PEOPLE, {"letter": "l"}).context["object_list"].count() == 3
    by_name = client.get(PEOPLE, {"q": "qiang"}).context["object_list"]
    assert [p.slug for p in by_name] == ["li-qiang"]
    nobody = client.get(PEOPLE, {"q": "zzz", "letter": "L"})
    assert nobody.status_code == 200
    assert "No people match" in text_of(nobody)


def test_index_letters_show_which_have_entries(client, seeded):
    letters = {letter: has for letter, _, has, _ in client.get(PEOPLE).context["letters"]}
    assert letters["L"] and letters["D"] and not letters["Q"]


def test_organization_and_topic_indexes(client, seeded):
    organizations = client.get(ORGANIZATIONS, {"sort": "-articles"})
    assert organizations.status_code == 200
    assert organizations.context["object_list"][0].slug == WIPO
    assert organizations.context["object_list"][0].article_count == 4
    topics = client.get(TOPICS, {"sort": "-articles"})
    assert topics.status_code == 200
    assert topics.context["object_list"][0].slug == "ip-protection"
    assert topics.context["object_list"][0].article_count == 5


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (PEOPLE, {"sort": "bogus"}),
        (PEOPLE, {"letter": "1"}),
        (PEOPLE, {"letter": "ab"}),
        (PEOPLE, {"q": "x" * 10_000}),
        (ORGANIZATIONS, {"sort": "-value"}),
        (TOPICS, {"sort": "-quotes"}),  # topics are never quoted
    ],
)
def test_bad_index_input_is_400(client, seeded, url, query):
    response = client.get(url, query)
    assert response.status_code == 400
    assert "could not be used" in text_of(response)


@pytest.mark.parametrize("query", ["page=999999", "page=abc", "x=" + "a" * 10_000, "letter=Q"])
def test_odd_index_queries_never_500(client, seeded, query):
    for url in (PEOPLE, ORGANIZATIONS, TOPICS):
        assert client.get(f"{url}?{query}").status_code == 200


def test_nav_links_to_indexes(client, seeded):
    content = text_of(client.get("/"))
    for url in (PEOPLE, ORGANIZATIONS, TOPICS, reverse("articles:statistic-list")):
        assert f'href="{url}"' in content


# Query counts stay flat as the archive grows

DETAIL_BUDGET = 10  # with the archive change stamp (articles/freshness.py)
INDEX_BUDGET = 5


@pytest.mark.parametrize(
    "url",
    [
        reverse("articles:person-detail", args=["daren-tang"]),
        reverse("articles:organization-detail", args=[WIPO]),
        reverse("articles:topic-detail", args=["ip-protection"]),
        PEOPLE,
        ORGANIZATIONS + "?sort=-articles",
        TOPICS + "?letter=P",
    ],
)
def test_query_count_does_not_grow_with_the_archive(
    client, seeded, django_assert_max_num_queries, url
):
    budget = INDEX_BUDGET if url.split("?")[0] in (PEOPLE, ORGANIZATIONS, TOPICS) else DETAIL_BUDGET
    # The facet index is built once per change of the archive, not per page (its own
    # fixed number of queries is tested in test_facet_index.py).
    facet_index.current()
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
    call_command("import_articles", str(DEVSET), verbosity=0)
    facet_index.current()
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_quotes_are_paginated_on_a_person_page(client, seeded, monkeypatch):
    from articles.views import entities

    monkeypatch.setattr(entities, "QUOTES_PER_PAGE", 2)
    first = client.get("/people/li-qiang/")
    assert len(first.context["quotes"]) == 2
    assert first.context["quotes_page"].paginator.count > 2
    assert "quotes_page=2" in first.content.decode()
    second = client.get("/people/li-qiang/?quotes_page=2")
    assert {q.pk for q in second.context["quotes"]}.isdisjoint(
        {q.pk for q in first.context["quotes"]}
    )
    assert client.get("/people/li-qiang/?quotes_page=abc").status_code == 200
