"""An editor's corrections, made in the admin in Debian's Chromium, outlive a re-import."""

import io
import shutil

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article, Person
from tests.browser import screenshot
from tests.conftest import SEEDS
from tests.test_admin import editors_group
from tests.test_curation import TANG_DAREN_STORY, WIPO_ARTICLE

pytestmark = pytest.mark.browser


def import_from(path):
    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def editor_browser(chromium):
    """The session's one Chromium (tests/browser.py): sync Playwright allows one per thread."""
    return chromium


@pytest.fixture
def sources(tmp_path):
    """The seeds plus a story that makes the importer file Daren Tang twice."""
    folder = tmp_path / "sources"
    shutil.copytree(SEEDS, folder)
    (folder / "tang.txt").write_text(TANG_DAREN_STORY, encoding="utf-8")
    return folder


@pytest.fixture
def archive(transactional_db, live_server, sources):
    import_from(sources)
    assert Person.objects.filter(slug="tang-daren").exists()
    user = User.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    user.groups.add(editors_group())
    return live_server.url


def test_editor_corrections_survive_reimport(editor_browser, archive, sources):
    page = editor_browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{archive}/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert page.get_by_role("link", name="Users").count() == 0  # editors don't manage users

    # Fix a title.
    article = Article.objects.get(source_file=WIPO_ARTICLE)
    page.goto(f"{archive}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Title:", exact=True).fill("Premier Li Qiang meets WIPO's Daren Tang")
    page.screenshot(
        path=str(
            screenshot(page, "curation-article-change").with_name("curation-article-change-top.png")
        )
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # Fix a person's role.
    li_qiang = Person.objects.get(slug="li-qiang")
    page.goto(f"{archive}/admin/articles/person/{li_qiang.pk}/change/")
    page.get_by_label("Role:").fill("Premier of the State Council")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    screenshot(page, "curation-person-changelist")

    # Merge the duplicate "Tang Daren" into Daren Tang, confirmed on the intermediate page.
    page.goto(f"{archive}/admin/articles/person/?q=Tang")
    for slug in ("daren-tang", "tang-daren"):
        pk = Person.objects.get(slug=slug).pk
        page.locator(f"input[name=_selected_action][value='{pk}']").check()
    page.locator("select[name=action]").select_option("merge_selected")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()
    keep = page.get_by_label("Daren Tang — daren-tang", exact=False)
    assert keep.is_checked()  # the most mentioned is offered first
    screenshot(page, "curation-merge-confirmation")
    page.get_by_role("button", name="Merge").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged Tang Daren into Daren Tang")

    # Re-import: seeds/ as it is, then changed sources, which re-extracts every article.
    import_from(SEEDS)
    for path in sources.iterdir():
        path.write_text(path.read_text(encoding="utf-8") + "\n\nA closing line.\n")
    import_from(sources)

    page.goto(f"{archive}{article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Premier Li Qiang meets WIPO's Daren Tang"
    )
    assert "A closing line." in page.content()
    page.goto(f"{archive}/people/li-qiang/")
    assert "Premier of the State Council" in page.locator(".lede").inner_text()
    page.goto(f"{archive}/people/daren-tang/")
    # The story that named "Tang Daren", re-extracted, now credits the one person.
    expect(page.locator("main")).to_contain_text("Innovation is thriving here")
    screenshot(page, "curation-public-person")
    assert page.goto(f"{archive}/people/tang-daren/").status == 404
