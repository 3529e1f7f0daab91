"""Screenshots of the web app for the docs: a real `medora serve` on a fresh embedded data folder, Debian's Chromium.

Prepares a fresh data folder with `medora init` (hybrid retrieval, the packaged library embedded), serves it on a
free loopback port, asks the seed question on the ask page and saves PNGs to docs/screenshots/:
ask.png, article.png (desktop), article-citation.png (a citation followed to its passage),
article-phone.png (375 px wide) and library.png. The server is stopped at the end.

    python docs/screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from medora.web.local_server import running_server

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
QUESTION = "What is the best approach to managing L5 radiculopathy with foot drop?"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def _shoot(page: Page, name: str) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=path)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def take(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        desktop = browser.new_page(viewport=DESKTOP)
        desktop.goto(url + "/")
        desktop.get_by_label("Your question").fill(QUESTION)
        _shoot(desktop, "ask")
        desktop.get_by_test_id("ask-submit").click()
        desktop.wait_for_url("**/articles/**", timeout=60_000)
        article_url = desktop.url
        _shoot(desktop, "article")
        desktop.locator("a.cite").first.click()  # the reference and the exact passage the sentence rests on
        desktop.wait_for_selector(".passage.is-cited")
        _shoot(desktop, "article-citation")
        desktop.goto(url + "/library")
        _shoot(desktop, "library")
        phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        phone.goto(article_url)
        _shoot(phone, "article-phone")
        browser.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "MEDORA_HOME": str(Path(scratch) / "home")}
        subprocess.run([sys.executable, "-m", "medora.cli", "init"], cwd=ROOT, env=env, check=True)
        with running_server(env, Path(scratch) / "serve.log", timeout=120, cwd=ROOT) as url:
            take(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
