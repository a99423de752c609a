"""docs/preview.png: what `aktstykke watch` shows, made again from the seed spec.

A draft copy of the seed with one amount changed, so the check's errors stand above the
document (with its UDKAST mark), in headless Chromium. Run by `make preview-screenshot`
(and, into a temporary folder, by tests/test_preview_browser.py):

    .venv/bin/python scripts/preview_screenshot.py [--output docs/preview.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from preview_browser import chromium, watching

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "2025-10-01-personlig-medicin.yaml"
CHANGES = (("status: endelig\n", ""), ("udgift: {2025: 6.6}", "udgift: {2025: 6.7}"))


def screenshot(driver, output: Path) -> Path:
    """Serve the altered seed, open it in `driver`, and save what the window shows."""
    from selenium.webdriver.support.wait import WebDriverWait

    text = SEED.read_text(encoding="utf-8")
    for old, new in CHANGES:
        text = text.replace(old, new)
    with tempfile.TemporaryDirectory(prefix="aktstykke-screenshot-") as folder:
        (Path(folder) / SEED.name).write_text(text, encoding="utf-8")
        with watching(Path(SEED.name), cwd=Path(folder)) as watched:
            driver.get(watched.url)
            WebDriverWait(driver, 20).until(lambda d: d.execute_script(
                "return document.fonts.status === 'loaded'"
                " && document.querySelector('.preview-sheet .draft-mark') !== null"))
            output.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(output))
    return output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "preview.png")
    output = parser.parse_args().output
    with chromium(width=1100, height=1300) as driver:
        print(f"written: {screenshot(driver, output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
