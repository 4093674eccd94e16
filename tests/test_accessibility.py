"""axe-core (shipped inside axe-playwright-python, no download) on every kind of public page:
no serious or critical violation."""

import pytest
from django.core.management import call_command

from tests.conftest import SEEDS

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/articles/",
    "/articles/?person=li-qiang&year=2023",
    "/articles/?q=patent",
    "/articles/chinese-premier-meets-with-wipo-director-general-in-beijing/",
    "/people/",
    "/people/li-qiang/",
    "/organizations/",
    "/organizations/world-intellectual-property-organization/",
    "/topics/",
    "/statistics/",
    "/quotes/",
]


@pytest.fixture
def archive(transactional_db, live_server):
    call_command("import_articles", str(SEEDS), verbosity=0)
    return live_server.url


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 360])
def test_public_pages_have_no_serious_accessibility_violations(chromium, archive, width):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    found = {}
    for path in PAGES:
        page.goto(archive + path)
        violations = serious_violations(page)
        if violations:
            found[path] = violations
    page.close()
    assert not found, found
