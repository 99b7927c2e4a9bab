"""The written dossier without a browser: valid, self-contained HTML; Markdown with its PNG
charts; the charts alone as PNG; the comparison and the overview from the command line."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.report import build_comparison, build_dossier, render, write_report
from dyadwatch.report.dossier import Dossier
from tests.test_dossier_data import DOCS, fill_store

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
EXTERNAL = re.compile(r"^\s*(https?:|//|ftp:|data:text/html)", re.I)
PNG = b"\x89PNG\r\n\x1a\n"


class Page(HTMLParser):
    """Checks well-formedness as it parses, and collects ids, links and resources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.external: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(str(a["id"]))
        for key, value in a.items():
            if key.startswith("xmlns") or value is None:
                continue
            if key in ("href", "xlink:href", "src", "action", "poster", "srcset", "data"):
                (self.links if value.startswith("#") else self.external).append(value)
            if "url(" in value and re.search(r"url\(\s*['\"]?(?!#)", value):
                self.external.append(value)
        if tag in ("link", "iframe", "object", "embed", "base"):
            self.external.append(f"<{tag}>")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "s.duckdb"
    fill_store(path).close()
    return path


@pytest.fixture(scope="module")
def dossier(db: Path) -> Dossier:
    from dyadwatch.store import Store

    with Store(db, read_only=True) as store:
        d = build_dossier(store, "PAK", "RUS")
        d.vs = build_comparison(d, build_dossier(store, "PAK", "IND"))
    return d


@pytest.fixture(scope="module")
def html(dossier: Dossier) -> str:
    return render(dossier, "html")


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    parser = Page()
    parser.feed(html)
    parser.close()
    return parser


def test_html_is_well_formed_with_unique_ids(html: str, page: Page) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert page.errors == [] and page.stack == []
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"


def test_every_internal_link_resolves(page: Page) -> None:
    assert len(page.links) > 50
    missing = sorted({h for h in page.links if h[1:] not in set(page.ids)})
    assert missing == []


def test_the_page_requests_nothing_from_outside(html: str, page: Page) -> None:
    assert page.external == []
    assert "@import" not in html
    scripts = [a for tag, a in page.tags if tag == "script"]
    assert scripts and all("src" not in a for a in scripts)
    body = re.sub(r'xmlns(:\w+)?="[^"]*"', "", html)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", body)


def test_charts_are_inline_svg_with_marks_linking_to_entries(html: str, page: Page) -> None:
    figures = [a.get("id") for tag, a in page.tags if tag == "figure"]
    assert figures == [
        "chart-timeline",
        "chart-map",
        "chart-index",
        "chart-actors",
        "chart-lineage",
        "chart-compare",
    ]
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert len(svgs) == 6
    assert all(svg.count("<path") > 3 for svg in svgs)
    timeline = svgs[0]
    assert 'xlink:href="#ev-2"><title>2014-06 Russia → Pakistan: lifted the arms embargo' in (
        timeline
    )
    assert 'aria-label="' in timeline


def test_chronology_entries_open_to_their_quotes(html: str, page: Page) -> None:
    details = [a["id"] for tag, a in page.tags if tag == "details"]
    assert details[:3] == ["ev-1", "y-2009-mentions", "ev-2"]
    entry = html[
        html.index('<details id="ev-2"') : html.index("</details>", html.index('id="ev-2"'))
    ]
    assert entry.count("<li>") == 3
    assert "repeats source 1 (spun): not independent" in entry
    assert entry.count('class="badge indep"') == 2
    for year in ("1948", "2014", "2016", "2019"):
        assert f'id="y-{year}"' in html


def test_figures_mark_contradictions_and_escape_titles(html: str) -> None:
    assert '<div class="issue contradiction" id="cx-1">' in html
    assert "Not a contradiction: the figures refer to different periods" in html
    assert 'href="#cx-1">contradiction</a>' in html
    assert "Pak Russia Relations &lt;and&gt; contemporary scenarios" in html


def test_markdown_writes_its_charts_beside_it(dossier: Dossier, tmp_path: Path) -> None:
    target = tmp_path / "out" / "pak-rus.md"
    written = write_report(dossier, "md", target)
    assert written[0] == target
    folder = tmp_path / "out" / "pak-rus_files"
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", target.read_text(encoding="utf-8"))
    assert sorted(images) == sorted(f"pak-rus_files/{p.name}" for p in folder.iterdir())
    assert len(images) == 6
    assert all((tmp_path / "out" / i).read_bytes().startswith(PNG) for i in images)


def test_markdown_links_resolve_and_quote_exactly(dossier: Dossier) -> None:
    md = render(dossier, "md", assets="x_files")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    links = set(re.findall(r"\]\(#([^)]+)\)", md))
    assert links and links <= anchors
    assert f"> {DOCS['d-orig'][1][1]}" in md
    assert "\\$270 million" not in md and "$270 million" in md


def test_png_format_writes_one_file_per_chart(dossier: Dossier, tmp_path: Path) -> None:
    written = write_report(dossier, "png", tmp_path / "charts")
    assert sorted(p.name for p in written) == [
        "PAK-RUS-actors.png",
        "PAK-RUS-compare.png",
        "PAK-RUS-index.png",
        "PAK-RUS-lineage.png",
        "PAK-RUS-map.png",
        "PAK-RUS-timeline.png",
    ]
    assert all(p.read_bytes().startswith(PNG) for p in written)


def test_report_vs_from_the_command_line(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "vs.html"
    result = CliRunner().invoke(
        app, ["report", "PAK", "RUS", "--db", str(db), "-o", str(out), "--vs", "pakistan", "IND"]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '<section id="compare">' in html
    assert "<th>PAK-RUS</th><th>IND-PAK</th>" in html
    assert "<tr><td>latest index</td><td>+6.0 (2016)</td><td>+1.0 (2019)</td></tr>" in html


def test_report_rejects_an_unknown_format(db: Path) -> None:
    result = CliRunner().invoke(app, ["report", "PAK", "RUS", "--db", str(db), "--format", "pdf"])
    assert result.exit_code == 2
    assert "use html, md or png" in result.output


def test_dyads_ranks_the_store_by_activity(db: Path) -> None:
    result = CliRunner().invoke(app, ["dyads", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["dyad", "events", "mentions", "sentences", "documents",
                                "sources", "index"]  # fmt: skip
    assert lines[1].split() == ["PAK-RUS", "3", "6", "14", "4", "3", "+6.0", "(2016)"]
    assert [line.split()[0] for line in lines[1:]] == ["PAK-RUS", "IND-PAK", "ARM-PAK",
                                                       "ARM-RUS", "IND-RUS"]  # fmt: skip


def test_docs_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The python example of docs/report.md, on a store filled by hand."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "report.md").read_text("utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    monkeypatch.chdir(tmp_path)
    fill_store(tmp_path / "demo.duckdb").close()
    exec(compile(code, "docs/report.md", "exec"), {})
    assert (tmp_path / "out" / "pak-rus.md").exists()
    assert (tmp_path / "out" / "pak-rus_files" / "compare.png").exists()


def test_a_date_from_a_relative_expression_is_marked(html: str) -> None:
    entries = re.findall(r'<summary><span class="date">(.*?)</span>', html)
    marked = [e for e in entries if 'class="derived"' in e]
    assert [e.split("<")[0] for e in marked] == ["2014-06"]


def test_outlets_show_when_fewer_than_documents(html: str) -> None:
    assert "3 documents, 2 independent, 1 outlet<" in html


def test_the_map_has_a_point_per_place_linking_to_its_entries(html: str, page: Page) -> None:
    """Two events in Moscow are one point, one in Rawalpindi another; a point's tooltip
    lists its events and its link opens the first of them."""
    figure = html[html.index('<figure class="chart" id="chart-map">') :]
    svg = figure[: figure.index("</svg>")]
    links = re.findall(r'<a xlink:href="(#[^"]+)"><title>([^<]*)</title>', svg)
    assert [(href, tip.splitlines()[0]) for href, tip in links] == [
        ("#ev-1", "Moscow: 2 events"),
        ("#ev-3", "Rawalpindi: 1 event"),
    ]
    assert "2014-06 · RETREAT · Russia → Pakistan: lifted the arms embargo" in links[0][1]
    assert all(href[1:] in page.ids for href, _ in links)
    assert svg.startswith('<figure class="chart" id="chart-map">\n<svg role="img" aria-label="')
    caption = figure[figure.index("<figcaption>") : figure.index("</figcaption>")]
    assert "Map of events: 3 of 3 events placed, at 2 places; busiest: Moscow (2)" in caption


def test_entries_name_their_place(html: str, dossier: Dossier) -> None:
    assert "Russia → Pakistan: lifted the arms embargo in Moscow\n<span" in html
    assert "first joint military exercise in Rawalpindi" in html
    md = render(dossier, "md", assets="x_files")
    assert "Russia → Pakistan: lifted the arms embargo in Moscow (RETREAT" in md
    assert "![Map of events: 3 of 3 events placed" in md
