"""`aktstykke watch` in a real browser (headless Chromium): the open page follows each save
of the spec, a broken save and its repair, without navigating away; and the screenshot in
docs/ can be made again.

Skipped locally when Chromium, its driver or selenium is missing; under CI=true they are
required (scripts/system-deps.sh and the test extra install them).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, require, seed_with

sys.path.insert(0, str(ROOT / "scripts"))
import preview_browser  # noqa: E402

WAIT = 20   # seconds: a ceiling for each condition, not a pause
FINAL = "status: endelig\n"


@pytest.fixture(scope="module")
def browser() -> Iterator:
    require(importlib.util.find_spec("selenium") is not None,
            "selenium is not installed (pip install -e '.[test]')")
    require(preview_browser.tools() is not None,
            "chromium and chromedriver are not installed (make system-deps installs them)")
    with preview_browser.chromium() as driver:
        yield driver


def shown(driver) -> str:
    """The preview's text as a reader sees it (non-breaking spaces as spaces)."""
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "preview").text.replace("\xa0", " ")


def until(driver, condition, message: str) -> None:
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(driver, WAIT, poll_frequency=0.02).until(condition, message)


def test_the_open_page_follows_saves_errors_and_repairs(browser, tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(seed_with(), encoding="utf-8")
    with preview_browser.watching(spec) as watched:
        browser.get(watched.url)
        until(browser, lambda d: "6,6 mio. kr. til § 16.71.08" in shown(d), "the document")
        browser.execute_script("window.__marker = 1")
        # the document's own stylesheet and fonts, as in the PDF
        assert browser.execute_script(
            "return document.fonts.check('12pt \"Aktstykke Serif\"') && getComputedStyle("
            "document.querySelector('.preview-sheet')).fontFamily") == '"Aktstykke Serif"'

        spec.write_text(seed_with(("udgift: {2025: 6.6}", "udgift: {2025: 6.7}")), "utf-8")
        until(browser, lambda d: "6,7 mio. kr. til § 16.71.08" in shown(d), "the new amount")
        assert "error[AKT201]" in shown(browser)   # its diagnostics, above the document

        spec.write_text(seed_with() + "titel: [ikke lukket\n", encoding="utf-8")
        until(browser, lambda d: "error[AKT001]" in shown(d), "the YAML error")
        text = shown(browser)
        assert f"{spec}:" in text and "mio. kr. til §" not in text   # no stale document

        spec.write_text(seed_with(), encoding="utf-8")
        until(browser, lambda d: "6,6 mio. kr. til § 16.71.08" in shown(d)
              and "error[" not in shown(d), "the repaired document")

        assert browser.execute_script("return window.__marker") == 1   # the same page all along
        fetched = browser.execute_script(
            "return performance.getEntriesByType('resource')"
            ".filter(e => e.name.endsWith('/document')).length")
        assert 3 <= fetched <= 6   # one fetch per change (a save may be seen half-written)
    assert watched.returncode == 0
    until(browser, lambda d: "preview-offline" in d.execute_script(
        "return document.body.className"), "the page saying the server is gone")

    # started again on the same port, the open page follows the new server (counting anew)
    spec.write_text(seed_with(("udgift: {2025: 6.6}", "udgift: {2025: 6.8}")), "utf-8")
    port = int(watched.url.rstrip("/").rsplit(":", 1)[1])
    with preview_browser.watching(spec, port=port):
        until(browser, lambda d: "6,8 mio. kr. til § 16.71.08" in shown(d), "the restarted server")
        assert "preview-offline" not in browser.execute_script("return document.body.className")
        assert browser.execute_script("return window.__marker") == 1


def test_a_draft_shows_its_udkast_mark(browser, tmp_path: Path) -> None:
    spec = tmp_path / "draft.yaml"
    spec.write_text(seed_with((FINAL, "")), encoding="utf-8")
    with preview_browser.watching(spec) as watched:
        browser.get(watched.url)
        until(browser, lambda d: "6,6 mio. kr." in shown(d), "the document")
        assert browser.execute_script(
            "const mark = document.querySelector('.preview-sheet .draft-mark');"
            "return mark !== null && mark.getBoundingClientRect().width > 0"
            " && mark.textContent") == "UDKAST"


def test_the_screenshot_can_be_made_again(browser, tmp_path: Path) -> None:
    import preview_screenshot

    made = preview_screenshot.screenshot(browser, tmp_path / "preview.png")
    assert made.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
