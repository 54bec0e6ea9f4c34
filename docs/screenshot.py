"""Screenshots for the README, of the repository's own texts (corpus/ and the team-written releases).

- docs/report.png: the review page (overview, conflicts)
- docs/report-timeline.png: its timeline section, with a chart
- docs/browse-conflicts.png: the conflicts canned query in Datasette (``iomextract browse``)

usage: python docs/screenshot.py   (needs chromium and chromedriver, as the tests do, and the browse extra)
"""
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[1]


def iomextract(*args):
    subprocess.run([sys.executable, "-m", "iomextract", *map(str, args)], check=True)


def browser(height: int):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--window-size=1200,{height}", "--hide-scrollbars"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        releases = work / "releases"
        releases.mkdir()
        for path in sorted(ROOT.glob("corpus/*.txt")) + sorted(ROOT.glob("tests/data/releases/*.txt")):
            shutil.copy(path, releases / path.name)
        page, db = work / "report.html", work / "facts.db"
        iomextract("report", releases, "--out", page)
        iomextract("extract", releases, "--out", work / "out", "--db", db, "--jobs", "1")
        iomextract("check", "--db", db, "--save")
        driver = browser(2000)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "iomextract", "browse", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            driver.get(page.as_uri())
            driver.save_screenshot(str(ROOT / "docs" / "report.png"))
            driver.find_element(By.ID, "timeline").screenshot(str(ROOT / "docs" / "report-timeline.png"))
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/-/versions.json", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            driver.set_window_size(1400, 1100)
            driver.get(f"{base}/facts/conflicts")
            driver.save_screenshot(str(ROOT / "docs" / "browse-conflicts.png"))
        finally:
            driver.quit()
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
