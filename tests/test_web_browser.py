"""The dashboard in real headless Chromium, driven by Playwright, on the demo corpus plus a
corpus of hostile text.

The server runs in a thread on a free loopback port over a store analysed from the demo
articles and from JSONL records whose titles, URLs and bodies carry ``<script>`` tags,
``javascript:`` links, ``onerror=`` attributes, Markdown link injection and a line of about
a million characters. Skipped where ``/usr/bin/chromium`` or Playwright is absent (CI
installs Debian's ``chromium``).
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app as cli
from dyadwatch.store import Store
from dyadwatch.web.app import create_app
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, EXAMPLES

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
PWNED = "window.__pwned"
#: The store each served base URL reads.
STORES: dict[str, Path] = {}
GIANT = "x" * 990_000
HOSTILE = [
    {
        "id": "h1",
        "title": f"<script>{PWNED}='title'</script> Pakistan and Russia sign a pact",
        "url": f"javascript:{PWNED}='url'",
        "text": "Pakistan and Russia signed a defence pact in Moscow on Monday, officials said. "
        f"<img src=x onerror=\"{PWNED}='img'\"> The pact covers joint exercises. "
        f"[click here](javascript:{PWNED}='md') for the full text. "
        f"<script>{PWNED}='body'</script> Russia will supply helicopters to Pakistan, "
        "the ministry said.",
    },
    {
        "id": "h2",
        "title": f"A very long line \" onmouseover=\"{PWNED}='attr'",
        "text": "Russia accused Pakistan of delaying the talks, a spokesman said in Islamabad. "
        f"{GIANT} Pakistan rejected the accusation.",
    },
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    root = tmp_path_factory.mktemp("browser-web")
    corpus = root / "corpus"
    shutil.copytree(EXAMPLES, corpus, ignore=shutil.ignore_patterns("README.md"))
    (corpus / "hostile.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in HOSTILE), encoding="utf-8"
    )
    db = root / "s.duckdb"
    result = CliRunner().invoke(cli, ["analyze", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db, poll=0.5), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    STORES[url] = db
    yield url
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser(base: str) -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()


class Watched:
    """A page with everything that would betray a script run or a request elsewhere."""

    def __init__(self, browser: Any, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:")) else self.outside.append(r.url),
        )

    def goto(self, url: str) -> Any:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        return self.page


@pytest.fixture()
def watched(browser: Any, base: str) -> Iterator[Watched]:
    w = Watched(browser, base)
    yield w
    w.page.close()
    assert not w.outside, f"requests outside the server: {w.outside[:3]}"
    assert not w.errors, f"script errors or blocked resources: {w.errors[:3]}"


def test_the_dyad_page_draws_its_charts(watched: Watched, base: str) -> None:
    page = watched.goto(f"{base}/dyad/PAK-RUS")
    charts = page.locator("figure.chart svg")
    assert charts.count() >= 3
    for i in range(charts.count()):
        chart = charts.nth(i)
        box = chart.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        marks = chart.locator("path, circle, rect, line, text").count()
        assert marks > 10, f"chart {i + 1} has {marks} drawn elements"


def test_clicking_a_chronology_entry_shows_its_quote(
    watched: Watched, base: str, browser: Any
) -> None:
    page = watched.goto(f"{base}/dyad/PAK-RUS")
    entry = page.locator("#chronology details.entry").first
    quote = entry.locator("ul.cites q").first
    assert not quote.is_visible()
    entry.locator("summary").click()
    playwright.expect(quote).to_be_visible(timeout=5_000)
    text = quote.inner_text()
    ref = entry.locator("ul.cites a.ref").first.get_attribute("href")
    doc_id, start, end = re.fullmatch(r"#q-(.+)-(\d+)-(\d+)", ref or "").groups()  # type: ignore[union-attr]
    doc = page.request.get(f"{base}/api/documents/{doc_id}").json()
    assert text and doc["text"][int(start) : int(end)] == text


def test_a_map_point_lists_its_events_and_opens_the_first(watched: Watched, base: str) -> None:
    """The corpus names places ("signed a defence pact in Moscow"): the map has a point for
    each, whose tooltip lists its events and whose click opens the first one's entry."""
    page = watched.goto(f"{base}/dyad/PAK-RUS")
    points = page.locator("#chart-map svg a")
    assert points.count() >= 1
    point = points.last  # drawn last, so no other circle lies over it
    anchor = (point.get_attribute("xlink:href") or point.get_attribute("href") or "")[1:]
    entry = page.locator(f"details[id='{anchor}']")
    date = entry.locator("summary span.date").inner_text().rstrip("*")
    lines = (point.locator("title").text_content() or "").splitlines()
    assert re.fullmatch(r".+: \d+ events?", lines[0]) and lines[1].startswith(date)
    assert entry.locator("summary").inner_text().find(" in ") > 0  # the entry names the place
    quote = entry.locator("ul.cites q").first
    assert not quote.is_visible()
    point.hover()
    point.click()
    page.wait_for_url(re.compile(f"#{anchor}$"))
    # the entry opens in the page's hashchange handler, which may run after the URL changes
    playwright.expect(quote).to_be_visible(timeout=5_000)


def test_search_finds_a_phrase_and_opens_it_in_its_document(watched: Watched, base: str) -> None:
    page = watched.goto(f"{base}/search")
    page.locator("main form input[name=q]").fill('"gas pipeline"')
    page.locator("main form input[name=q]").press("Enter")
    page.wait_for_selector("ol.hits li")
    assert page.locator("ol.hits li mark").first.inner_text().lower() == "gas pipeline"
    page.locator("ol.hits li a").first.click()
    page.wait_for_url(re.compile(r"/doc/.+\?mark=\d+-\d+#c\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.locator(".doctext .marked").inner_text().lower() == "gas pipeline"


def _hostile(base: str, page: Any) -> dict[str, str]:
    """Document ids of the hostile records, by their id in the JSONL file."""
    found = page.request.get(f"{base}/api/search", params={"q": "pakistan russia"}).json()
    titles = {h["title"] or "": h["doc_id"] for h in found["hits"]}
    return {r["id"]: titles[r["title"]] for r in HOSTILE if r["title"] in titles}


def test_hostile_text_runs_no_script_and_breaks_no_layout(watched: Watched, base: str) -> None:
    page = watched.page
    hostile = _hostile(base, page)
    assert set(hostile) == {"h1", "h2"}
    urls = ["/", "/dyad/PAK-RUS", "/search?q=pact", "/search?q=%3Cscript%3E"]
    urls += [f"/doc/{d}" for d in hostile.values()]
    for url in urls:
        watched.goto(base + url)
        assert page.evaluate(f"() => {PWNED}") is None, url
        if url not in ("/", "/search?q=%3Cscript%3E"):  # the dyad list shows no article text
            assert "__pwned" in page.locator("body").inner_text(), f"{url} shows no hostile text"
        for link in page.locator("a[href]").all():
            href = (link.get_attribute("href") or "").strip().lower()
            assert not href.startswith("javascript:"), (url, href)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 1280 + 2, f"{url} is {width}px wide"
        page.mouse.move(400, 300)  # an onmouseover would fire now
    assert not watched.dialogs
    watched.goto(f"{base}/doc/{hostile['h1']}")
    title = page.locator("h1").inner_text()
    assert title == HOSTILE[0]["title"]  # shown as text, not run
    assert "javascript:" in page.locator("p.meta").inner_text()  # the address, not a link
    watched.goto(f"{base}/doc/{hostile['h2']}")  # the long line is shown whole, wrapped
    assert GIANT in page.locator(".doctext").inner_text()


def _no_script_ran(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.mouse.move(400, 300)
    assert page.evaluate(f"() => {PWNED}") is None, url
    assert not dialogs, url
    for link in page.locator("a[href]").all():
        assert not (link.get_attribute("href") or "").strip().lower().startswith("javascript:")
    return page


def test_the_dossier_files_treat_hostile_text_as_data(
    base: str, browser: Any, tmp_path: Path
) -> None:
    """The standalone dossier (HTML, no server and no CSP to lean on) and its Markdown,
    rendered by a Markdown engine that lets raw HTML through, on the hostile corpus."""
    from markdown_it import MarkdownIt

    from dyadwatch.report import build_dossier, render

    db = STORES[base]
    with Store(db, read_only=True) as store:
        dossier = build_dossier(store, "PAK", "RUS")
    html = render(dossier, "html")
    assert "__pwned" in html  # the hostile text is in it, as text
    (tmp_path / "d.html").write_text(html, encoding="utf-8")
    page = _no_script_ran(browser, (tmp_path / "d.html").as_uri())
    assert "__pwned" in page.locator("body").inner_text()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1280 + 2
    page.close()
    md = render(dossier, "md")
    assert "pwned" in md  # Markdown escapes the underscores too
    as_html = MarkdownIt("commonmark").render(md)  # raw HTML allowed: nothing may get through
    assert "<script" not in as_html.lower() and 'href="javascript:' not in as_html.lower()
    assert "<img" not in as_html.lower()
    (tmp_path / "m.html").write_text(as_html, encoding="utf-8")
    page = _no_script_ran(browser, (tmp_path / "m.html").as_uri())
    assert "__pwned" in page.locator("body").inner_text()  # shown as text
    page.close()
