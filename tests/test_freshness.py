"""Repeat readers cost little: conditional GET and a page cache keyed on the last change."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command

from articles.models import ArchiveChange, Article
from tests.conftest import SEEDS

LIST = "/articles/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    cache.clear()
    yield
    cache.clear()


def test_public_pages_carry_validators_and_public_caching(client, seeded):
    response = client.get(LIST)
    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]


def test_a_repeat_reader_gets_304(client, seeded):
    first = client.get(LIST)
    again = client.get(LIST, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    since = client.get(LIST, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_each_page_and_query_has_its_own_etag(client, seeded):
    assert client.get(LIST)["ETag"] != client.get(LIST + "?year=2023")["ETag"]


def test_an_edit_invalidates_etags_and_cached_pages(client, seeded):
    first = client.get(LIST)
    article = Article.objects.get(published="2017-04-20")
    article.title = "A corrected headline"
    article.save()
    response = client.get(LIST, headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert b"A corrected headline" in response.content


def test_an_import_bumps_the_stamp_once(client, db, tmp_path, django_assert_max_num_queries):
    before = ArchiveChange.current()
    call_command("import_articles", str(SEEDS), verbosity=0)
    assert ArchiveChange.current() > before


def test_cached_page_is_served_without_queries(client, seeded, django_assert_max_num_queries):
    client.get(LIST)
    with django_assert_max_num_queries(2):  # the change stamp (and a session lookup at most)
        response = client.get(LIST)
    assert response.status_code == 200
    assert b"5 articles" in response.content.lower() or b"5 ARTICLES" in response.content


def test_staff_get_private_uncached_pages(client, seeded):
    User.objects.create_user("staff", password="pw", is_staff=True)
    client.login(username="staff", password="pw")
    response = client.get(LIST)
    assert "private" in response["Cache-Control"]


def test_admin_is_not_cached_here(client, seeded):
    response = client.get("/admin/login/")
    assert "ETag" not in response or "public" not in response.get("Cache-Control", "")
