"""Renders the review page of corpus/ and saves a screenshot as docs/report.png.

usage: python docs/screenshot.py   (needs chromium and chromedriver, as the tests do)
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]


def main():
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "report.html"
        subprocess.run([sys.executable, "-m", "iomextract", "report", str(ROOT / "corpus"), "--out", str(page)], check=True)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1200,3400", "--hide-scrollbars"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        try:
            driver.get(page.as_uri())
            driver.save_screenshot(str(ROOT / "docs" / "report.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
