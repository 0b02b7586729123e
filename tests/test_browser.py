"""The redline in a real browser: Debian's Chromium driven by Playwright.

Never runs ``playwright install``: it uses /usr/bin/chromium, and skips (or
fails under CI) when that is absent.  Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from golden.cases import CASES, model_units

from treatydiff.diff import normalise
from treatydiff.render.html import redline

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        _unavailable("playwright is not installed (pip install 'treatydiff[test]')")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium); not downloading one")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def structure_file(tmp_path_factory):
    alignment, findings = CASES["structure"]()
    path = tmp_path_factory.mktemp("redline") / "structure.html"
    path.write_text(redline(alignment, findings=findings), encoding="utf-8")
    return alignment, path


@pytest.fixture
def page(browser, structure_file):
    _, path = structure_file
    # Scripts off: the page must work without them (it has none).
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1200, "height": 900}
    )
    pg = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    pg.goto(path.as_uri())
    pg.requests = requests  # type: ignore[attr-defined]
    pg.console = console  # type: ignore[attr-defined]
    yield pg
    context.close()


# Page-side helpers run through Playwright's evaluate, which works with page scripts off.
ACCEPTED = """(drop) => {
  const out = [];
  for (const u of document.querySelectorAll('#inline .u')) {
    const c = u.cloneNode(true);
    c.querySelectorAll('.ui, ' + drop).forEach(e => e.remove());
    out.push(c.textContent);
  }
  return out;
}"""


def visible_units(page, drop: str) -> list[str]:
    return [t for t in (normalise(x) for x in page.evaluate(ACCEPTED, drop)) if t]


def test_loads_nothing_and_reports_no_policy_violation(page, structure_file):
    _, path = structure_file
    assert page.requests == [path.as_uri()]
    assert [m for m in page.console if m.startswith("error")] == []


def test_accepting_and_rejecting_in_the_browser(page, structure_file):
    alignment, _ = structure_file
    assert visible_units(page, "del") == model_units(alignment.new)
    old_words = sorted(" ".join(model_units(alignment.old)).split())
    assert sorted(" ".join(visible_units(page, "ins")).split()) == old_words


def test_changes_are_not_shown_by_colour_alone(page):
    ins = page.locator("#inline ins:not(.sp)").first
    deleted = page.locator("#inline del:not(.sp)").first
    assert "underline" in ins.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
    # the screen-reader label is in the text but takes no room on screen
    label = page.locator("#inline ins .sr").first
    box = label.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    assert label.text_content() == "[inserted: "


def test_view_switch_works_without_script(page):
    assert page.locator("#inline").is_visible()
    assert not page.locator("#side").is_visible()
    page.click('label[for="view-side"]')
    assert page.locator("#side").is_visible()
    assert not page.locator("#inline").is_visible()
    page.screenshot(path=str(_artifact("redline-side.png")), full_page=True)
    page.click('label[for="view-inline"]')
    assert page.locator("#inline").is_visible()


def test_finding_filter_works_without_script(page):
    item = page.locator("#finding-1")
    assert item.is_visible()
    page.click('label[for="fc-0"]')  # hide the category "conditions"
    assert not item.is_visible()
    mark = page.locator("#inline mark.fi-0").first
    assert mark.is_visible()  # the text stays; only its highlight goes
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.click('label[for="fc-0"]')
    assert item.is_visible()


def test_links_between_a_moved_article_and_its_old_place_navigate(page, structure_file):
    _, path = structure_file
    page.click("#old-chp_ii__art_6 a")
    assert page.url == path.as_uri() + "#new-chp_i__art_3"
    assert page.locator("#new-chp_i__art_3").is_visible()
    top = page.locator("#new-chp_i__art_3").bounding_box()["y"]
    assert 0 <= top < 900, "the target is scrolled into view"
    page.click('#new-chp_i__art_3 a[href="#old-chp_ii__art_6"]')
    assert page.url.endswith("#old-chp_ii__art_6")
    assert 0 <= page.locator("#old-chp_ii__art_6").bounding_box()["y"] < 900


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def test_screenshot(page):
    path = _artifact("redline-inline.png")
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    page.emulate_media(media="print")
    assert not page.locator(".bar").is_visible()
    page.screenshot(path=str(_artifact("redline-print.png")), full_page=True)
