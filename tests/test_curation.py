"""Curation without the admin: curated values survive re-import and re-extraction, merges,
review, and the corrections file's round trip through a rebuilt archive."""

import datetime as dt
import io
import json
import shutil
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from articles import curation
from articles.models import (
    Article,
    ArticleTopic,
    Dismissal,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Quote,
    RejectedName,
    Statistic,
    Topic,
)
from tests.conftest import SEEDS

WIPO_ARTICLE = "000_088b6fb29984c627.txt"  # Li Qiang meets Daren Tang, 2023-04-28
# A story naming Daren Tang family name first: the importer files him as "Tang Daren".
TANG_DAREN_STORY = (
    "WIPO chief visits Shanghai\n\nSHANGHAI, May 3 (Xinhua) -- Tang Daren, Director General of "
    "the World Intellectual Property Organization (WIPO), visited Shanghai on Wednesday.\n\n"
    '"Innovation is thriving here," Tang Daren said at a press conference.\n'
)


def import_from(path):
    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def changed_seeds(db, tmp_path):
    """Copies of the seeds; `change()` edits each so a re-import re-extracts every article."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)

    def change():
        for path in folder.iterdir():
            path.write_text(path.read_text(encoding="utf-8") + "\n\nA closing line.\n")
        import_from(folder)

    import_from(folder)
    return change


def wipo_article():
    return Article.objects.get(source_file=WIPO_ARTICLE)


# --- curated values win -------------------------------------------------------------------


def test_curated_article_title_and_date_survive_reimport(changed_seeds):
    article = wipo_article()
    article.title = "Premier Li meets WIPO chief"
    article.published = dt.date(2023, 4, 27)
    curation.mark_changes_curated(article)
    article.save()
    assert set(article.curated_fields) == {"title", "published"}

    changed_seeds()
    article.refresh_from_db()
    assert article.body.endswith("A closing line.")  # it was re-extracted
    assert article.title == "Premier Li meets WIPO chief"
    assert article.published == dt.date(2023, 4, 27)


def test_uncurated_article_fields_follow_the_source(changed_seeds):
    article = wipo_article()
    article.section = "Made up"
    article.save()  # changed without marking curated: the import may overwrite it
    changed_seeds()
    article.refresh_from_db()
    assert article.section != "Made up"


def test_curated_person_role_and_organization_acronym_survive_reimport(changed_seeds):
    person = Person.objects.get(slug="daren-tang")
    person.role = ""  # staff removed a wrong role: the importer must not fill it again
    person.affiliation = "WIPO"
    curation.mark_changes_curated(person)
    person.save()
    organization = Organization.objects.get(acronym="WIPO")
    organization.acronym = ""
    curation.mark_changes_curated(organization)
    organization.save()

    changed_seeds()
    person.refresh_from_db()
    organization.refresh_from_db()
    assert (person.role, person.affiliation) == ("", "WIPO")
    assert organization.acronym == ""


def test_curated_rows_of_each_kind_survive_reimport_without_duplicates(changed_seeds):
    article = wipo_article()
    mention = article.person_mentions.get(person__slug="li-qiang")
    mention.role = "Premier of the State Council"
    mention.curated = True
    mention.save()
    org_mention = article.organization_mentions.first()
    org_mention.as_written = ["as staff wrote it"]
    org_mention.curated = True
    org_mention.save()
    quote = article.quotes.first()
    quote.text = "Corrected quote text."
    quote.curated = True
    quote.save()
    statistic = Statistic.objects.filter(article__isnull=False).first()
    statistic.what = "corrected meaning"
    statistic.curated = True
    statistic.save()
    topic = Topic.objects.exclude(article_links__article=article).first()
    ArticleTopic.objects.create(article=article, topic=topic, curated=True)
    quotes_before = article.quotes.count()
    statistics_before = statistic.article.statistics.count()

    changed_seeds()
    assert PersonMention.objects.get(pk=mention.pk).role == "Premier of the State Council"
    assert OrganizationMention.objects.get(pk=org_mention.pk).as_written == ["as staff wrote it"]
    assert Quote.objects.get(pk=quote.pk).text == "Corrected quote text."
    assert Statistic.objects.get(pk=statistic.pk).what == "corrected meaning"
    assert article.topic_links.filter(topic=topic, curated=True).exists()
    # The corrected quote and figure replace the extracted ones rather than sit beside them.
    assert article.quotes.count() == quotes_before
    assert statistic.article.statistics.count() == statistics_before


def test_changed_fields_compare_with_the_stored_row(seeded):
    article = Article.objects.get(source_file=WIPO_ARTICLE)
    assert curation.changed_fields(article) == []
    article.outlet = None
    article.needs_review = not article.needs_review
    assert set(curation.changed_fields(article)) == {"needs_review", "outlet"}


# --- review and re-extraction -------------------------------------------------------------


def test_mark_reviewed_keeps_the_flag_off_through_reextraction(seeded):
    article = Article.objects.get(source_file=WIPO_ARTICLE)
    Article.objects.filter(pk=article.pk).update(needs_review=True)
    assert curation.mark_reviewed(Article.objects.filter(pk=article.pk)) == 1
    curation.reextract(Article.objects.filter(pk=article.pk))
    article.refresh_from_db()
    assert article.needs_review is False
    assert "needs_review" in article.curated_fields


def test_reextract_rebuilds_rows_from_the_stored_source_and_keeps_curated_ones(seeded):
    article = Article.objects.get(source_file=WIPO_ARTICLE)
    extracted = sorted(article.person_mentions.values_list("person__slug", flat=True))
    article.person_mentions.all().delete()
    article.title = "Staff title"
    curation.add_curated(article, ["title"])
    article.save()
    staff_row = PersonMention.objects.create(
        article=article,
        person=Person.objects.create(name="Ann Editor", slug="ann-editor"),
        curated=True,
    )

    result = curation.reextract(Article.objects.filter(pk=article.pk))
    assert result.done == [article] and result.failed == []
    article.refresh_from_db()
    assert article.title == "Staff title"
    slugs = sorted(article.person_mentions.values_list("person__slug", flat=True))
    assert slugs == sorted([*extracted, "ann-editor"])
    assert PersonMention.objects.filter(pk=staff_row.pk).exists()


def test_reextract_reads_jsonl_records_and_reports_unreadable_sources(db, tmp_path):
    source = tmp_path / "feed.jsonl"
    record = {
        "title": "WIPO report",
        "date": "2023-05-02",
        "text": (SEEDS / WIPO_ARTICLE).read_text(),
    }
    source.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    import_from(source)
    article = Article.objects.get(source_file="feed.jsonl#2")
    broken = Article.objects.create(
        title="x",
        slug="x",
        body="x",
        raw_text="{not json",
        source_file="b.jsonl#1",
        content_hash="0" * 64,
    )
    result = curation.reextract([article, broken])
    assert result.done == [article]
    assert [failed for failed, _ in result.failed] == [broken]
    article.refresh_from_db()
    assert article.title == "WIPO report"
    assert article.person_mentions.filter(person__slug="daren-tang").exists()


# --- deleted rows stay deleted ------------------------------------------------------------


def delete_as_staff(rows):
    curation.dismiss(rows)
    for row in rows:
        row.delete()


def extracted_rows_of(article):
    return {
        "people": sorted(article.person_mentions.values_list("person__slug", flat=True)),
        "organizations": sorted(
            article.organization_mentions.values_list("organization__slug", flat=True)
        ),
        "topics": sorted(article.topic_links.values_list("topic__slug", flat=True)),
        "quotes": sorted(article.quotes.values_list("position", flat=True)),
        "figures": sorted(article.statistics.values_list("position", flat=True)),
    }


def one_row_of_each_kind(article):
    return [
        article.person_mentions.get(person__slug="li-qiang"),
        article.organization_mentions.order_by("position").last(),
        article.topic_links.first(),
        article.quotes.order_by("position").first(),
        article.statistics.order_by("position").first(),
    ]


def test_rows_staff_deleted_stay_out_through_reextraction_and_reimport(changed_seeds):
    article = wipo_article()
    before = extracted_rows_of(article)
    rows = one_row_of_each_kind(article)
    assert None not in rows, "the seed article has a row of every kind"
    delete_as_staff(rows)
    expected = extracted_rows_of(article)
    assert expected != before
    assert article.dismissals.count() == len(rows)

    curation.reextract(Article.objects.filter(pk=article.pk))
    assert extracted_rows_of(article) == expected
    changed_seeds()  # every seed file changed: each article re-extracted by the import
    assert Article.objects.get(pk=article.pk).raw_text.endswith("A closing line.\n")
    assert extracted_rows_of(article) == expected


def test_a_row_staff_added_leaves_nothing_behind_when_deleted(seeded):
    article = wipo_article()
    staff_row = PersonMention.objects.create(
        article=article, person=Person.objects.create(name="Ann Editor", slug="ann-editor")
    )
    assert curation.dismiss([staff_row]) == 0
    assert not Dismissal.objects.exists()


def test_dismissing_twice_records_once_and_release_lets_the_rows_back(seeded):
    article = wipo_article()
    before = extracted_rows_of(article)
    mention = article.person_mentions.get(person__slug="li-qiang")
    assert curation.dismiss([mention, mention]) == 1
    mention.delete()
    curation.reextract([article])
    assert "li-qiang" not in extracted_rows_of(article)["people"]

    assert curation.release_curated(Article.objects.filter(pk=article.pk)) == 1
    assert not article.dismissals.exists()
    curation.reextract([article])
    assert extracted_rows_of(article) == before


# --- people and organizations staff deleted ------------------------------------------------

DAREN_TANG_STORY = TANG_DAREN_STORY.replace("Tang Daren", "Daren Tang")


def delete_entities_as_staff(entities):
    curation.reject(entities)
    for entity in entities:
        entity.delete()


def test_a_person_staff_deleted_is_not_made_again_and_nothing_is_quoted_from_him(seeded, tmp_path):
    delete_entities_as_staff([Person.objects.get(slug="daren-tang")])
    source = tmp_path / "tang.txt"
    source.write_text(DAREN_TANG_STORY, encoding="utf-8")
    import_from(source)
    article = Article.objects.get(source_file="tang.txt")
    assert not Person.objects.filter(slug="daren-tang").exists()
    assert not article.quotes.exists()
    # The rest of the article imports as before.
    assert "world-intellectual-property-organization" in extracted_rows_of(article)["organizations"]


def test_an_organization_staff_deleted_stays_out_even_as_an_outlet(seeded):
    slugs = ["world-intellectual-property-organization", "xinhua-news-agency"]
    delete_entities_as_staff(list(Organization.objects.filter(slug__in=slugs)))
    curation.reextract(Article.objects.filter(source_file=WIPO_ARTICLE))
    article = wipo_article()
    assert not Organization.objects.filter(slug__in=slugs).exists()
    assert article.outlet is None
    assert extracted_rows_of(article)["organizations"] == []
    assert "li-qiang" in extracted_rows_of(article)["people"]


def test_a_rejection_holds_every_name_and_alias_once(seeded):
    person = Person.objects.get(slug="daren-tang")
    person.aliases = ["Tang Daren", "Daren Tang"]
    person.save()
    assert curation.reject([person, person]) == 2
    assert curation.reject([person]) == 0
    assert set(RejectedName.objects.values_list("kind", "key", "name")) == {
        ("person", "daren-tang", "Daren Tang"),
        ("person", "tang-daren", "Tang Daren"),
    }


def test_a_person_made_again_by_staff_stands_and_a_released_name_comes_back(seeded):
    delete_entities_as_staff([Person.objects.get(slug="li-qiang")])
    articles = Article.objects.filter(source_file=WIPO_ARTICLE)
    curation.reextract(articles)
    assert "li-qiang" not in extracted_rows_of(wipo_article())["people"]

    RejectedName.objects.filter(key="li-qiang").delete()
    curation.reextract(articles)
    assert "li-qiang" in extracted_rows_of(wipo_article())["people"]

    # Rejected again, but staff have since made a person of that name: the import uses them.
    delete_entities_as_staff([Person.objects.get(slug="li-qiang")])
    Person.objects.create(name="Li Qiang", slug="li-qiang", curated_fields=["name"])
    curation.reextract(articles)
    assert "li-qiang" in extracted_rows_of(wipo_article())["people"]


# --- merging ------------------------------------------------------------------------------


def split_daren_tang():
    """The importer's mistake to fix: Daren Tang also filed as "Tang Daren", with a quote in an
    article that mentions both, and a mention of his own in another."""
    both = Article.objects.get(source_file=WIPO_ARTICLE)
    other = Article.objects.exclude(person_mentions__person__slug="daren-tang").first()
    duplicate = Person.objects.create(name="Tang Daren", slug="tang-daren", role="DG")
    PersonMention.objects.create(article=both, person=duplicate, as_written=["Tang"], position=1)
    PersonMention.objects.create(article=other, person=duplicate, as_written=["Mr Tang"])
    Quote.objects.create(article=other, person=duplicate, text="We welcome it.")
    return duplicate


@pytest.fixture
def split_person(seeded):
    return split_daren_tang()


def test_merge_moves_mentions_quotes_and_names_then_deletes_the_duplicate(split_person):
    survivor = Person.objects.get(slug="daren-tang")
    quotes = survivor.quotes.count() + 1
    articles = set(survivor.articles.values_list("pk", flat=True)) | set(
        split_person.articles.values_list("pk", flat=True)
    )
    assert curation.merge(survivor, [split_person]) == 1

    survivor.refresh_from_db()
    assert not Person.objects.filter(slug="tang-daren").exists()
    assert set(survivor.articles.values_list("pk", flat=True)) == articles
    assert survivor.quotes.count() == quotes
    assert survivor.aliases == ["Tang Daren"]
    assert "aliases" in survivor.curated_fields
    both = survivor.mentions.get(article__source_file=WIPO_ARTICLE)
    assert "Tang" in both.as_written and both.position <= 1
    assert survivor.history.first().history_change_reason == "Merged tang-daren"


def test_a_reimport_finds_the_survivor_by_the_merged_name(split_person, tmp_path):
    survivor = Person.objects.get(slug="daren-tang")
    curation.merge(survivor, [split_person])
    source = tmp_path / "tang.txt"
    source.write_text(TANG_DAREN_STORY, encoding="utf-8")
    import_from(source)
    article = Article.objects.get(source_file="tang.txt")
    assert list(article.persons.values_list("slug", flat=True)) == ["daren-tang"]
    assert article.quotes.get().person == survivor
    assert not Person.objects.filter(slug="tang-daren").exists()
    assert not RejectedName.objects.exists()  # a merge rejects no name: it keeps them all


def test_a_merge_moves_dismissals_to_the_survivor(split_person):
    article = wipo_article()
    Dismissal.objects.create(article=article, kind=Dismissal.PERSON, person=split_person)
    survivor = Person.objects.get(slug="daren-tang")
    curation.merge(survivor, [split_person])
    assert list(article.dismissals.values_list("person", flat=True)) == [survivor.pk]
    curation.reextract([article])
    assert not article.person_mentions.filter(person=survivor).exists()


def test_merging_into_itself_or_across_kinds_is_refused(split_person):
    with pytest.raises(ValidationError):
        curation.merge(split_person, [split_person])
    with pytest.raises(ValidationError):
        curation.merge(split_person, [Organization.objects.first()])
    assert Person.objects.filter(pk=split_person.pk).exists()


def test_merging_organizations_moves_the_outlet_too(seeded):
    xinhua = Organization.objects.get(slug="xinhua-news-agency")
    duplicate = Organization.objects.create(name="Xinhua", slug="xinhua", acronym="XNA")
    article = Article.objects.filter(outlet=xinhua).first()
    article.outlet = duplicate
    article.save()
    curation.merge(xinhua, [duplicate])
    article.refresh_from_db()
    xinhua.refresh_from_db()
    assert article.outlet == xinhua
    assert set(xinhua.aliases) >= {"Xinhua", "XNA"}


def test_default_survivor_is_the_most_mentioned(split_person):
    candidates = Person.objects.filter(slug__in=["daren-tang", "tang-daren"])
    assert curation.default_survivor(candidates).slug == "daren-tang"


def test_release_lets_the_import_write_again(seeded):
    article = Article.objects.get(source_file=WIPO_ARTICLE)
    article.curated_fields = ["title"]
    article.save()
    article.person_mentions.update(curated=True)
    curation.release_curated(Article.objects.filter(pk=article.pk))
    article.refresh_from_db()
    assert article.curated_fields == []
    assert not article.person_mentions.filter(curated=True).exists()


# --- the corrections file -------------------------------------------------------------------


def make_corrections(split_person):
    article = Article.objects.get(source_file=WIPO_ARTICLE)
    article.title = "Corrected title"
    article.published = dt.date(2023, 4, 27)
    article.outlet = Organization.objects.get(slug="xinhua-news-agency")
    curation.mark_changes_curated(article)
    article.save()
    person = Person.objects.get(slug="li-qiang")
    person.role = "Premier of the State Council"
    curation.mark_changes_curated(person)
    person.save()
    mention = article.person_mentions.get(person__slug="daren-tang")
    mention.role = "WIPO Director General"
    mention.curated = True
    mention.save()
    quote = article.quotes.first()
    quote.text = "A corrected quote."
    quote.curated = True
    quote.save()
    staff_person = Person.objects.create(
        name="Zhang San", slug="zhang-san", curated_fields=["name"]
    )
    PersonMention.objects.create(article=article, person=staff_person, role="Aide", curated=True)
    Statistic.objects.create(
        article=article,
        value=Decimal("12.5"),
        unit="percent",
        as_written="12.5 percent",
        position=99999,
        curated=True,
    )
    curation.merge(Person.objects.get(slug="daren-tang"), [split_person])
    delete_entities_as_staff([Person.objects.get(slug="liu-weibing")])  # the photographer
    delete_as_staff(
        [
            article.organization_mentions.order_by("position").first(),
            article.statistics.filter(curated=False).first(),
            article.topic_links.first(),
        ]
    )


def snapshot():
    """Everything a correction touched, by stable keys."""
    article = Article.objects.get(source_file=WIPO_ARTICLE)
    return {
        "article": (article.title, article.published, article.outlet.slug, article.curated_fields),
        "li-qiang": Person.objects.get(slug="li-qiang").role,
        "people": sorted(Person.objects.values_list("slug", flat=True)),
        "aliases": Person.objects.get(slug="daren-tang").aliases,
        "mentions": sorted(
            article.person_mentions.filter(curated=True).values_list("person__slug", "role")
        ),
        "quotes": sorted(article.quotes.filter(curated=True).values_list("text", flat=True)),
        "all_quotes": article.quotes.count(),
        "figures": sorted(
            article.statistics.filter(curated=True).values_list("as_written", "value")
        ),
        "tang_daren_mentions": Person.objects.get(slug="daren-tang").mentions.count(),
        "rows": extracted_rows_of(article),
        "dismissed": sorted(
            article.dismissals.values_list(
                "kind", "person__slug", "organization__slug", "topic__slug", "position", "text"
            ),
            key=repr,
        ),
    }


def test_corrections_round_trip_through_a_rebuilt_archive(split_person, tmp_path):
    make_corrections(split_person)
    before = snapshot()
    corrections = tmp_path / "corrections.json"
    call_command("export_corrections", output=str(corrections), stderr=io.StringIO())

    for model in (Article, Person, Organization, RejectedName):
        model.objects.all().delete()
    import_from(SEEDS)
    # The rebuild re-creates what the merge removed, so the apply must merge it again.
    split_daren_tang()
    assert snapshot() != before
    out = io.StringIO()
    call_command("apply_corrections", str(corrections), stdout=out)
    assert "merged 1" in out.getvalue() and "3 deleted rows kept out" in out.getvalue()
    assert "(1 deleted again)" in out.getvalue()
    assert snapshot() == before

    call_command("apply_corrections", str(corrections), stdout=io.StringIO())
    assert snapshot() == before  # applying twice changes nothing
    curation.reextract(Article.objects.filter(source_file=WIPO_ARTICLE))
    assert snapshot() == before  # and the rows staff deleted stay deleted


def test_export_articles_shows_a_curated_person_role(seeded):
    person = Person.objects.get(slug="li-qiang")
    person.role = "Premier of the State Council"
    curation.mark_changes_curated(person)
    person.save()
    out = io.StringIO()
    call_command("export_articles", stdout=out)
    roles = {
        entry["role"]
        for line in out.getvalue().splitlines()
        for entry in json.loads(line)["persons"]
        if entry["slug"] == "li-qiang"
    }
    assert roles == {"Premier of the State Council"}


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "invalid JSON"), ('{"format": "other"}', "not an ipnews-corrections file")],
)
def test_apply_corrections_rejects_bad_files(db, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("apply_corrections", str(path))


def test_a_dismissal_of_an_unknown_kind_is_refused_and_nothing_is_written(seeded, tmp_path):
    article = wipo_article()
    document = {
        "format": "ipnews-corrections",
        "version": 1,
        "articles": [
            {
                "content_hash": article.content_hash,
                "source_file": article.source_file,
                "curated": {"title": "Not written"},
                "rows": {"dismissed": [{"kind": "paragraph", "position": 3}]},
            }
        ],
    }
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="unknown dismissed row"):
        call_command("apply_corrections", str(path))
    article.refresh_from_db()
    assert article.title != "Not written" and not article.dismissals.exists()


@pytest.mark.parametrize(
    ("rejected", "message"),
    [
        ({"kind": "topic", "key": "patents"}, "deleted name of an unknown kind"),
        ({"kind": "person", "name": "Li Qiang"}, "deleted person without its key"),
    ],
)
def test_a_bad_deleted_name_is_refused_and_nothing_is_written(seeded, tmp_path, rejected, message):
    document = {
        "format": "ipnews-corrections",
        "version": 1,
        "people": [{"slug": "li-qiang", "name": "Li Qiang", "curated": {"role": "Not written"}}],
        "rejected_names": [{"kind": "person", "key": "daren-tang", "name": "Daren Tang"}, rejected],
    }
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match=message):
        call_command("apply_corrections", str(path))
    assert Person.objects.get(slug="li-qiang").role != "Not written"
    assert Person.objects.filter(slug="daren-tang").exists()
    assert not RejectedName.objects.exists()


def test_apply_corrections_reports_articles_it_cannot_find(db, tmp_path):
    path = tmp_path / "c.json"
    document = {
        "format": "ipnews-corrections",
        "version": 1,
        "articles": [
            {"content_hash": "f" * 64, "source_file": "gone.txt", "curated": {"title": "x"}}
        ],
    }
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="1 articles not found"):
        call_command("apply_corrections", str(path), stdout=io.StringIO())
