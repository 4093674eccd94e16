"""A reader's path through the archive, in Debian's Chromium.

After a click that loads a page, checks wait for that page (expect, wait_for_url): read at
once, a locator may still see the page being left."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser import screenshot
from tests.conftest import SEEDS

pytestmark = pytest.mark.browser


@pytest.fixture
def archive(transactional_db, live_server):
    call_command("import_articles", str(SEEDS), verbosity=0)
    return live_server.url


@pytest.mark.parametrize("width", [1280, 360])
def test_reader_filters_searches_and_follows_a_speaker(chromium, archive, width):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{archive}/articles/")
    assert page.locator(".article-item").count() == 5

    # Filter by a person from the facets, then by a year.
    page.locator("section.facet", has_text="People").get_by_role("link", name="Li Qiang").click()
    expect(page.locator(".article-item")).to_have_count(2)
    page.locator("section.facet", has_text="Year").get_by_role("link", name="2023").click()
    page.wait_for_url(re.compile(r"year=2023"))
    assert "year=2023" in page.url and "person=li-qiang" in page.url
    expect(page.locator(".chip")).to_have_count(2)
    screenshot(page, f"reader-filtered-{width}")

    # Remove the person chip: the year stays.
    page.get_by_role("link", name="Remove filter Person: Li Qiang").click()
    page.wait_for_url(lambda url: "person=" not in url)
    assert "person=" not in page.url and "year=2023" in page.url
    expect(page.locator(".article-item")).to_have_count(2)

    # Search within the year.
    page.get_by_label("Search the archive").fill("WIPO director")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".article-item")).to_have_count(1)
    assert page.locator(".snippet mark").count() >= 1
    screenshot(page, f"reader-search-{width}")

    # Open the article and follow a speaker to their page.
    page.locator(".article-item h3 a").first.click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Chinese premier meets"))
    page.locator(".speaker-tag", has_text="Daren Tang").first.click()
    expect(page.locator("h1")).to_have_text("Daren Tang")
    screenshot(page, f"reader-person-{width}")

    # The statistics page charts a unit's figures over the years.
    page.goto(f"{archive}/statistics/?unit=years")
    chart = page.locator("svg[role=img]").first
    assert chart.is_visible()
    assert chart.locator("circle").count() >= 3
    assert page.locator("table").first.is_visible()
    screenshot(page, f"reader-statistics-{width}")
    page.close()
