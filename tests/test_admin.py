"""The admin through the test client: changelists, saves that mark corrections curated,
actions, validation errors instead of 500s, the audit trail, and what an editor may do."""

import datetime as dt
import importlib
import io
import json

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from articles import curation
from articles.models import (
    Article,
    ArticleTopic,
    Dismissal,
    Organization,
    Person,
    PersonMention,
    Quote,
    RejectedName,
    Topic,
)
from tests.test_curation import WIPO_ARTICLE, split_daren_tang

pytestmark = pytest.mark.django_db


def editors_group() -> Group:
    """The group migration 0005 makes (a transactional test's flush may have removed it)."""
    if not Group.objects.filter(name="Editors").exists():
        migration = importlib.import_module("articles.migrations.0005_editors_group")
        migration.grant_editors(apps, None)
    return Group.objects.get(name="Editors")


@pytest.fixture
def editor(client, seeded):
    user = User.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    user.groups.add(editors_group())
    client.force_login(user)
    return user


def change_url(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:articles_{model._meta.model_name}_changelist")


def form_data(response) -> dict:
    """The POST a browser would send for the change form as rendered, inlines included."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
            elif value is not None:
                data[bound.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def wipo_article():
    return Article.objects.get(source_file=WIPO_ARTICLE)


def mention_inline_prefix(article, person_slug: str) -> str:
    """The form prefix of a person's mention in the article form's inline, which lists the
    mentions in their model's order."""
    mentions = list(article.person_mentions.all())
    index = next(i for i, m in enumerate(mentions) if m.person.slug == person_slug)
    return f"person_mentions-{index}"


# --- changelists -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model",
    [Article, Person, Organization, Topic, Quote, PersonMention, Dismissal],
    ids=lambda m: m.__name__,
)
def test_changelists_load_in_a_few_queries(client, editor, model, django_assert_max_num_queries):
    for quote in Quote.objects.all()[:3]:
        curation.dismiss([quote])
    with django_assert_max_num_queries(12):
        response = client.get(changelist_url(model))
    assert response.status_code == 200


def test_article_changelist_shows_counts_and_filters_by_year(client, editor):
    response = client.get(changelist_url(Article), {"year": "2023"})
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert {a.published.year for a in shown} == {2023} and len(shown) == 2
    article = next(a for a in shown if a.source_file == WIPO_ARTICLE)
    assert article.people_count == wipo_article().person_mentions.count()
    assert article.quote_count == wipo_article().quotes.count()
    assert b"2017" in response.content  # every published year is offered


@pytest.mark.parametrize("year", ["abc", "0", "99999"])
def test_a_bad_year_filter_is_an_admin_error_not_a_500(client, editor, year):
    response = client.get(changelist_url(Article), {"year": year})
    assert response.status_code == 302
    assert "e=1" in response["Location"]


def test_people_are_searched_by_alias_and_counted(client, editor):
    person = Person.objects.get(slug="daren-tang")
    person.aliases = ["Tang Daren"]
    person.save()
    response = client.get(changelist_url(Person), {"q": "Tang Daren"})
    shown = list(response.context["cl"].result_list)
    assert [p.slug for p in shown] == ["daren-tang"]
    assert shown[0].article_count == 2
    assert shown[0].quote_count == person.quotes.count()


def test_change_form_links_to_the_public_page(client, editor):
    article = wipo_article()
    response = client.get(change_url(article))
    assert b"View on site" in response.content
    content_type = ContentType.objects.get_for_model(article).pk
    public = client.get(reverse("admin:view_on_site", args=[content_type, article.pk]))
    assert public["Location"].endswith(article.get_absolute_url())


# --- saves mark corrections curated -----------------------------------------------------------


def test_saving_an_article_marks_its_changed_fields_curated(client, editor):
    article = wipo_article()
    data = form_data(client.get(change_url(article)))
    data.update(title="Premier Li meets WIPO chief", published="2023-04-27")
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "Premier Li meets WIPO chief"
    assert set(article.curated_fields) == {"title", "published"}
    # An inline row left alone stays an extracted row.
    assert not article.person_mentions.filter(curated=True).exists()


def test_an_inline_row_changed_in_admin_becomes_curated(client, editor):
    article = wipo_article()
    data = form_data(client.get(change_url(article)))
    data[f"{mention_inline_prefix(article, 'li-qiang')}-role"] = "Premier of the State Council"
    assert client.post(change_url(article), data).status_code == 302
    mention = article.person_mentions.get(person__slug="li-qiang")
    assert mention.role == "Premier of the State Council" and mention.curated
    assert article.person_mentions.filter(curated=True).count() == 1


def test_saving_a_person_marks_role_curated_and_unticking_releases(client, editor):
    person = Person.objects.get(slug="li-qiang")
    data = form_data(client.get(change_url(person)))
    data["role"] = "Premier of the State Council"
    assert client.post(change_url(person), data).status_code == 302
    person.refresh_from_db()
    assert person.curated_fields == ["role"]

    data = form_data(client.get(change_url(person)))
    assert data["curated_fields"] == ["role"]
    data["curated_fields"] = []
    assert client.post(change_url(person), data).status_code == 302
    person.refresh_from_db()
    assert person.curated_fields == []


def test_rows_saved_in_their_own_admin_become_curated(client, editor):
    quote = wipo_article().quotes.first()
    data = form_data(client.get(change_url(quote)))
    data["text"] = "A corrected quote."
    assert client.post(change_url(quote), data).status_code == 302
    quote.refresh_from_db()
    assert quote.curated and quote.text == "A corrected quote."


def test_a_row_deleted_in_the_article_form_stays_deleted(client, editor):
    article = wipo_article()
    data = form_data(client.get(change_url(article)))
    data[f"{mention_inline_prefix(article, 'li-qiang')}-DELETE"] = "on"
    assert client.post(change_url(article), data).status_code == 302
    dismissal = article.dismissals.get()
    assert (dismissal.kind, dismissal.person.slug, dismissal.text) == (
        "person",
        "li-qiang",
        "Li Qiang",
    )

    run_action(client, Article, "reextract", [article], index=0)
    assert not article.person_mentions.filter(person__slug="li-qiang").exists()
    page = client.get(change_url(article)).content.decode()
    assert "Deleted rows kept out of imports" in page and "Li Qiang" in page

    # Deleting the dismissal in the same form lets re-extraction bring the mention back.
    data = form_data(client.get(change_url(article)))
    data["dismissals-0-DELETE"] = "on"
    assert client.post(change_url(article), data).status_code == 302
    assert not article.dismissals.exists()
    run_action(client, Article, "reextract", [article], index=0)
    assert article.person_mentions.filter(person__slug="li-qiang").exists()


def test_rows_deleted_in_their_own_admin_stay_deleted(client, editor):
    article = wipo_article()
    quote = article.quotes.first()
    delete_url = reverse("admin:articles_quote_delete", args=[quote.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    topics = list(article.topic_links.all()[:2])
    response = run_action(client, ArticleTopic, "delete_selected", topics, post="yes")
    assert response.status_code == 302
    assert sorted(article.dismissals.values_list("kind", flat=True)) == ["quote", "topic", "topic"]
    listed = client.get(changelist_url(Dismissal), {"kind": "quote"}).context["cl"].result_list
    assert [dismissal.text for dismissal in listed] == [quote.text]

    run_action(client, Article, "reextract", [article], index=0)
    assert not article.quotes.filter(position=quote.position).exists()
    assert not article.topic_links.filter(topic__in=[link.topic for link in topics]).exists()


# --- history --------------------------------------------------------------------------------


def test_history_shows_who_changed_what_and_can_revert(client, editor):
    person = Person.objects.get(slug="li-qiang")
    old_role = person.role
    data = form_data(client.get(change_url(person)))
    data["role"] = "Premier of the State Council"
    client.post(change_url(person), data)
    record = person.history.first()
    assert record.history_user == editor
    assert record.prev_record.role == old_role

    history = client.get(reverse("admin:articles_person_history", args=[person.pk]))
    assert b"editor" in history.content
    revert_url = reverse(
        "admin:articles_person_simple_history", args=[person.pk, record.prev_record.history_id]
    )
    data = form_data(client.get(revert_url))
    assert client.post(revert_url, data).status_code == 302
    person.refresh_from_db()
    assert person.role == old_role
    assert "role" in person.curated_fields  # a revert is a staff correction too


# --- actions ----------------------------------------------------------------------------------


def run_action(client, model, action, objects, **extra):
    data = {"action": action, "_selected_action": [obj.pk for obj in objects], **extra}
    return client.post(changelist_url(model), data)


def test_mark_reviewed_action(client, editor):
    Article.objects.update(needs_review=True)
    response = run_action(client, Article, "mark_reviewed", Article.objects.all()[:2])
    assert response.status_code == 302
    assert Article.objects.filter(needs_review=False).count() == 2


def test_reextract_action_keeps_curated_title(client, editor):
    article = wipo_article()
    article.title = "Staff title"
    article.curated_fields = ["title"]
    article.save()
    article.person_mentions.all().delete()
    response = run_action(client, Article, "reextract", [article], index=0)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Staff title"
    assert article.person_mentions.exists()


def test_release_action_clears_curated_fields(client, editor):
    person = Person.objects.get(slug="li-qiang")
    person.curated_fields = ["role"]
    person.save()
    run_action(client, Person, "release_curated_fields", [person])
    person.refresh_from_db()
    assert person.curated_fields == []


def test_merge_asks_which_to_keep_then_merges(client, editor):
    duplicate = split_daren_tang()
    survivor = Person.objects.get(slug="daren-tang")
    page = run_action(client, Person, "merge_selected", [survivor, duplicate])
    assert page.status_code == 200
    assert page.context["form"]["survivor"].value() == survivor.pk  # most mentioned
    assert b"Tang Daren" in page.content and b"Keep" in page.content

    response = run_action(
        client,
        Person,
        "merge_selected",
        [survivor, duplicate],
        confirm_merge="Merge",
        survivor=survivor.pk,
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    survivor.refresh_from_db()
    assert survivor.aliases == ["Tang Daren"]


def test_merging_a_person_into_itself_is_a_form_error(client, editor):
    person = Person.objects.get(slug="daren-tang")
    page = run_action(client, Person, "merge_selected", [person])
    assert page.status_code == 200
    assert "cannot be merged into itself" in page.content.decode()
    page = run_action(
        client, Person, "merge_selected", [person], confirm_merge="Merge", survivor=person.pk
    )
    assert page.status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()


def test_merge_survivor_must_be_one_of_the_selected(client, editor):
    duplicate = split_daren_tang()
    survivor = Person.objects.get(slug="daren-tang")
    outsider = Person.objects.get(slug="li-qiang")
    page = run_action(
        client,
        Person,
        "merge_selected",
        [survivor, duplicate],
        confirm_merge="Merge",
        survivor=outsider.pk,
    )
    assert page.status_code == 200
    assert page.context["form"].errors["survivor"]
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_merging_organizations(client, editor):
    xinhua = Organization.objects.get(slug="xinhua-news-agency")
    duplicate = Organization.objects.create(name="Xinhua", slug="xinhua")
    response = run_action(
        client,
        Organization,
        "merge_selected",
        [xinhua, duplicate],
        confirm_merge="Merge",
        survivor=xinhua.pk,
    )
    assert response.status_code == 302
    assert Organization.objects.filter(slug="xinhua").count() == 0


# --- bad input: form errors, never a 500 --------------------------------------------------------


def test_future_publication_date_is_a_form_error(client, editor):
    article = wipo_article()
    data = form_data(client.get(change_url(article)))
    data["published"] = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "cannot be in the future" in str(response.context["adminform"].form.errors)
    assert wipo_article().published == article.published


def test_empty_person_name_is_a_form_error(client, editor):
    person = Person.objects.get(slug="li-qiang")
    data = form_data(client.get(change_url(person)))
    data["name"] = "  "
    response = client.post(change_url(person), data)
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors


@pytest.mark.parametrize("model", [Person, Organization, Topic], ids=lambda m: m.__name__)
def test_duplicate_slug_is_a_form_error(client, editor, model):
    existing = model.objects.first()
    add_url = reverse(f"admin:articles_{model._meta.model_name}_add")
    data = {"name": "Someone New", "slug": existing.slug, "aliases": "[]", "kind": "other"}
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_aliases_must_be_a_list_of_names(client, editor):
    person = Person.objects.get(slug="li-qiang")
    data = form_data(client.get(change_url(person)))
    for bad in ('{"a": 1}', "[1, 2]", "not json"):
        data["aliases"] = bad
        response = client.post(change_url(person), data)
        assert response.status_code == 200
        assert "aliases" in response.context["adminform"].form.errors


def test_a_quote_needs_exactly_one_speaker(client, editor):
    quote = wipo_article().quotes.filter(person__isnull=False).first()
    data = form_data(client.get(change_url(quote)))
    data["organization"] = Organization.objects.first().pk
    response = client.post(change_url(quote), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


# --- roles ------------------------------------------------------------------------------------


def test_editors_edit_the_archive_but_not_users(client, editor):
    assert client.get(changelist_url(Article)).status_code == 200
    assert client.get(change_url(wipo_article())).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "Articles" in index and "Users" not in index


def test_staff_without_the_group_cannot_edit(client, seeded):
    user = User.objects.create_user("visitor", password="pw-visitor-1", is_staff=True)
    client.force_login(user)
    assert client.get(changelist_url(Article)).status_code == 403


def test_articles_are_not_added_by_hand(client, editor):
    assert client.get(reverse("admin:articles_article_add")).status_code == 403


# --- the public pages' link back ------------------------------------------------------------------


def test_staff_link_shows_only_to_staff(editor):
    article = wipo_article()
    request = RequestFactory().get("/")
    request.user = editor
    html = render_to_string("articles/_staff_link.html", {"object": article}, request=request)
    assert f'href="{change_url(article)}"' in html and "Edit in admin" in html
    request.user = User(username="reader", is_staff=False)
    html = render_to_string("articles/_staff_link.html", {"object": article}, request=request)
    assert "Edit in admin" not in html


def test_export_corrections_lists_a_role_corrected_in_admin(client, editor, tmp_path):
    person = Person.objects.get(slug="li-qiang")
    data = form_data(client.get(change_url(person)))
    data["role"] = "Premier of the State Council"
    client.post(change_url(person), data)
    path = tmp_path / "corrections.json"
    call_command("export_corrections", output=str(path), stderr=io.StringIO())
    people = {entry["slug"]: entry for entry in json.loads(path.read_text())["people"]}
    assert people["li-qiang"]["curated"] == {"role": "Premier of the State Council"}


def test_people_and_organizations_deleted_in_admin_stay_deleted_until_released(client, editor):
    person = Person.objects.get(slug="li-qiang")
    delete_url = reverse("admin:articles_person_delete", args=[person.pk])
    warning = "will no longer make it again from its name or aliases"
    assert warning in " ".join(client.get(delete_url).content.decode().split())
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    wipo = Organization.objects.get(slug="world-intellectual-property-organization")
    asked = " ".join(
        run_action(client, Organization, "delete_selected", [wipo]).content.decode().split()
    )
    assert "will no longer make these again from their name or aliases" in asked
    response = run_action(client, Organization, "delete_selected", [wipo], post="yes")
    assert response.status_code == 302
    listed = client.get(changelist_url(RejectedName)).context["cl"].result_list
    assert sorted((rejected.kind, rejected.name) for rejected in listed) == [
        ("organization", "World Intellectual Property Organization"),
        ("person", "Li Qiang"),
    ]

    run_action(client, Article, "reextract", [wipo_article()], index=0)
    assert not Person.objects.filter(slug="li-qiang").exists()
    assert not Organization.objects.filter(slug=wipo.slug).exists()

    rejection = RejectedName.objects.get(key="li-qiang")
    release_url = reverse("admin:articles_rejectedname_delete", args=[rejection.pk])
    assert client.post(release_url, {"post": "yes"}).status_code == 302
    run_action(client, Article, "reextract", [wipo_article()], index=0)
    assert wipo_article().person_mentions.filter(person__slug="li-qiang").exists()
    assert not Organization.objects.filter(slug=wipo.slug).exists()
