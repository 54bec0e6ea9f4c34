"""The HTML review page: escaping, and what a person sees in a real headless browser."""

import pytest

from iomextract.cli import main

INJECTED = ("IOM Warns of Fake Job Offers\n\n<script>window.__pwned = true; document.title = 'pwned';</script>"
            "<b>bold</b> IOM said on 3 March 2021 that over 200 people were deceived in Nairobi, Kenya.\n")


@pytest.fixture
def report_path(tmp_path, releases):
    folder = releases
    (folder / "injected.txt").write_text(INJECTED, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(folder), "--out", str(out)]) == 0
    return out


def test_release_markup_is_escaped(report_path):
    page = report_path.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned" in page
    assert "<script>window.__pwned" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_report_from_fact_sheets_and_database(tmp_path, report_path):
    folder = report_path.parent / "in"
    assert main(["extract", str(folder), "--out", str(tmp_path / "sheets"), "--db", str(tmp_path / "facts.db")]) == 0
    from_sheets, from_db = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["report", str(tmp_path / "sheets"), "--out", str(from_sheets)]) == 0
    assert main(["report", "--db", str(tmp_path / "facts.db"), "--out", str(from_db)]) == 0
    for page in (from_sheets.read_text(), from_db.read_text()):
        assert 'class="ent ent-PERSON"' in page and "kind-contradiction" in page


def test_page_in_a_real_browser(browser, report_path):
    from selenium.webdriver.common.by import By
    browser.get(report_path.as_uri())
    conflict = browser.find_element(By.CSS_SELECTOR, ".conflict.kind-contradiction")
    assert conflict.is_displayed()
    assert "Kenya / member_since" in conflict.text
    assert "Kenya was the first African member state to join IOM in 1985" in conflict.text
    assert "The Government of Kenya has been a member state of IOM since 1983." in conflict.text
    people = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "mark.ent-PERSON")]
    assert any(text.startswith("Mohamed Abdiker") for text in people)
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.title == "iomextract review"
    # a claim's link opens its document and highlights the evidence
    if not browser.find_element(By.ID, "doc-iom-kenya").get_attribute("open"):
        browser.find_element(By.CSS_SELECTOR, "#doc-iom-kenya summary").click()
    browser.find_element(By.CSS_SELECTOR, "#doc-iom-kenya a.evidence-link").click()
    from selenium.webdriver.support.ui import WebDriverWait
    highlighted = WebDriverWait(browser, 10).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "#doc-iom-kenya .ev.hl"))
    assert "Established in 1951" in "".join(e.text for e in highlighted)  # the first claim's sentence
    # the conflict-kind filter hides the other kinds
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element(By.ID, "kind-filter")).select_by_value("changed")
    assert not conflict.is_displayed()


def test_five_hundred_documents_stay_collapsed(corpus_sheets):
    from iomextract.check import check
    from iomextract.report import ReportDocument, render
    kenya = corpus_sheets["iom-kenya"]
    documents = []
    for number in range(500):
        sheet = kenya.model_copy(deep=True)
        sheet.document.id = f"release-{number:03d}"
        documents.append(ReportDocument(sheet, None))
    page = render(documents, check([]))
    assert page.count('<details class="document"') == 500
    assert " open>" not in page  # collapsed: the page stays usable
    assert 'id="kind-filter"' in page and page.count('class="type-filter"') == 5


def test_timeline_chart_in_a_real_browser(browser, tmp_path):
    """The timeline section draws a chart of a count that changes; its points open the sentence stating them."""
    import sys
    from pathlib import Path
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    sys.path.insert(0, str(Path(__file__).parent))
    from test_timeline import BODIES, release
    folder = tmp_path / "site"
    folder.mkdir()
    for year, body in BODIES.items():
        (folder / f"release-{year}.txt").write_text(release(year, body), encoding="utf-8")
    page = tmp_path / "report.html"
    assert main(["report", str(folder), "--out", str(page)]) == 0
    browser.get(page.as_uri())
    chart = browser.find_element(By.CSS_SELECTOR, "#timeline svg.chart")
    assert chart.is_displayed() and chart.size["width"] > 300
    points = browser.find_elements(By.CSS_SELECTOR, "#timeline svg.chart a.point-link")
    labels = [p.find_element(By.CSS_SELECTOR, "text").text for p in points]
    assert labels == ["165", "169", "172", "173"]  # dated values in date order; the furniture 175 is no point
    # a value scale with labelled ticks, and date labels that stay inside the chart
    ticks = [float(t.text.replace(",", "")) for t in chart.find_elements(By.CSS_SELECTOR, "text.y-tick")]
    assert len(ticks) >= 3 and ticks == sorted(ticks) and ticks[0] <= 165 and ticks[-1] >= 172
    box = browser.execute_script("return arguments[0].getBoundingClientRect()", chart)
    for label in chart.find_elements(By.CSS_SELECTOR, "text.tick"):
        inner = browser.execute_script("return arguments[0].getBoundingClientRect()", label)
        assert box["left"] <= inner["left"] and inner["right"] <= box["right"], label.text
        assert len(label.text) == 10  # a whole date, "2024-03-05", never cut
    furniture_row = browser.find_element(By.CSS_SELECTOR, "#timeline tr.boilerplate")
    assert "counted once" in furniture_row.text and "175" in furniture_row.text
    points[1].click()  # 169, stated in the 2017 release
    highlighted = WebDriverWait(browser, 10).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "#doc-release-2017 .ev.hl"))
    assert "169" in "".join(e.text for e in highlighted)


def test_scale_ticks_are_round_and_cover_the_values():
    from iomextract.report import nice_ticks
    assert nice_ticks(160.5, 176.5) == [165, 170, 175]
    assert nice_ticks(0, 1000) == [0, 500, 1000]
    assert nice_ticks(163.8, 174.2) == [164, 166, 168, 170, 172, 174]  # never fewer than three
    assert nice_ticks(5, 5) == [5]


def test_a_single_dated_value_draws_no_chart_and_people_are_counted_apart(corpus_sheets):
    from iomextract.check import check
    from iomextract.models import Timeline, TimelineFact, TimelinePoint
    from iomextract.report import ReportDocument, render
    one = TimelineFact(subject="IOM", attribute="staff_count", points=[
        TimelinePoint(value=120, date="2020-01-02", documents=["a"], evidence=["IOM employs 120 staff."])],
        undated=[], boilerplate=[])
    documents = [ReportDocument(s, None) for s in corpus_sheets.values()]
    page = render(documents, check([]), Timeline(facts=[one]))
    assert "<svg" not in page and "120" in page  # the value is in the table
    mentions = sum(1 for d in documents for e in d.sheet.entities if e.type == "PERSON")
    people = len({e.key or e.text for d in documents for e in d.sheet.entities if e.type == "PERSON"})
    assert people < mentions  # surnames and repeated names are mentions of fewer people
    assert f"<tr><th>people</th><td>{people}</td></tr>" in page
    assert f'PERSON</mark> mentions</th><td>{mentions}</td>' in page
