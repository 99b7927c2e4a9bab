"""The ingest stage: discovery, every input format, and every kind of bad input.

Each bad-input test reads a batch holding one bad file next to a good one, and checks both
that the reason is recorded and that the good article still comes through.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.config import Config
from dyadwatch.errors import NoInput
from dyadwatch.ingest import discover, parse_bytes, read_file
from dyadwatch.ingest.fields import normalise_date
from dyadwatch.model import RawDocument, Reject
from dyadwatch.run.local import RunStats

CFG = Config()
GOOD_TEXT = "Pakistan and Russia signed a trade agreement in Moscow on Tuesday.\n"


def read_all(targets: Iterable[str | Path], cfg: Config = CFG) -> list[RawDocument | Reject]:
    """What the runner does: discover, then read every file found."""
    out: list[RawDocument | Reject] = []
    for found in discover([str(t) for t in targets]):
        if isinstance(found, Reject):
            out.append(found)
        else:
            out.extend(read_file(found, cfg))
    return out


def docs(items: Iterable[RawDocument | Reject]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def rejects(items: Iterable[RawDocument | Reject]) -> list[Reject]:
    return [i for i in items if isinstance(i, Reject)]


def batch_with(tmp_path: Path, name: str, data: bytes) -> list[RawDocument | Reject]:
    """Read a directory holding ``good.txt`` and the file ``name`` with ``data``."""
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    return read_all([tmp_path])


def assert_good_survives(items: list[RawDocument | Reject]) -> None:
    assert [d.content for d in docs(items) if d.path.endswith("good.txt")] == [GOOD_TEXT]


def jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r).encode("utf-8") + b"\n" for r in records)


# -- discovery -------------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "one.txt").write_text(GOOD_TEXT)
    (root / "a" / "two.html").write_text("<p>x</p>")
    (root / "a" / "b" / "three.jsonl.gz").write_bytes(gzip.compress(jsonl({"text": "x"})))
    (root / "a" / "README.md").write_text("# not an article")
    (root / "a" / ".draft.txt").write_text("hidden")
    (root / ".hidden" / "four.txt").write_text("hidden")


def test_directory_walk_takes_known_extensions_and_skips_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = list(discover([str(tmp_path)]))
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found if isinstance(p, str)] == [
        "one.txt",
        "a/two.html",
        "a/b/three.jsonl.gz",
    ]
    assert not [r for r in found if isinstance(r, Reject)]


def test_glob_discovery(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = list(discover([f"{tmp_path}/**/*.txt", f"{tmp_path}/a/*"]))
    names = [Path(p).name for p in found if isinstance(p, str)]
    assert names == ["one.txt", "three.jsonl.gz", "two.html"]  # a/b sorts before a/two.html


def test_discover_rejects_missing_targets_and_empty_matches(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "empty").mkdir()
    found = list(
        discover(
            [
                str(tmp_path / "missing.txt"),
                f"{tmp_path}/*.jsonl",
                f"{tmp_path}/*.md",
                str(tmp_path / "empty"),
            ]
        )
    )
    assert [r.reason.split(" (")[0] for r in found if isinstance(r, Reject)] == [
        "no such file or directory",
        "no files match this pattern",
        "pattern matches 1 path(s) but no supported files",
        "no supported files in directory",
    ]


def test_discover_yields_each_file_once_and_accepts_one_string(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(GOOD_TEXT)
    assert list(discover([str(tmp_path), str(tmp_path / "one.txt"), f"{tmp_path}/*"])) == [
        str(tmp_path / "one.txt")
    ]
    assert list(discover(str(tmp_path / "one.txt"))) == [str(tmp_path / "one.txt")]


def test_discover_without_targets_says_what_to_pass() -> None:
    with pytest.raises(NoInput, match="name a file, a directory or a glob"):
        discover([])


def test_unsupported_file_named_explicitly_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT)
    (tmp_path / "data.xyz").write_text("whatever")
    items = read_all([tmp_path / "data.xyz", tmp_path / "good.txt"])
    assert [r.reason for r in rejects(items)] == ["unsupported file type '.xyz'"]
    assert_good_survives(items)


# -- text and HTML ---------------------------------------------------------------------------


def test_plain_text_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    [doc] = read_all([tmp_path / "a.txt"])
    assert doc == RawDocument(path=str(tmp_path / "a.txt"), content=GOOD_TEXT, fmt="text")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_encoding_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = "The minister’s “deal” with the café owners in Zürich — déjà vu, naïve.\n"
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    [doc] = read_all([tmp_path / "a.txt"])
    assert isinstance(doc, RawDocument)
    assert doc.content == text


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + "Déjà vu in Paris.".encode())
    [doc] = read_all([tmp_path / "a.txt"])
    assert isinstance(doc, RawDocument)
    assert doc.content == "Déjà vu in Paris."


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Déjà vu in Paris.".encode("utf-16"))
    [doc] = read_all([tmp_path / "a.txt"])
    assert isinstance(doc, RawDocument)
    assert doc.content == "Déjà vu in Paris."


def test_html_meta_charset_is_used(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1251"></head><body><p>Министр заявил.</p></body></html>'
    )
    (tmp_path / "a.html").write_bytes(page.encode("cp1251"))
    [doc] = read_all([tmp_path / "a.html"])
    assert isinstance(doc, RawDocument)
    assert (doc.fmt, doc.content) == ("html", page)


def test_valid_utf8_wins_over_a_wrong_meta_charset(tmp_path: Path) -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Genève</p>'
    (tmp_path / "a.htm").write_bytes(page.encode("utf-8"))
    [doc] = read_all([tmp_path / "a.htm"])
    assert isinstance(doc, RawDocument)
    assert doc.content == page


# -- bad input: each is recorded with its reason, and the rest of the batch is read -----------


def test_undecodable_bytes(tmp_path: Path) -> None:
    rng = random.Random(0)
    junk = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    items = batch_with(tmp_path, "bad.txt", junk)
    [reject] = rejects(items)
    assert reject.reason.startswith("undecodable text: not UTF-8")
    assert_good_survives(items)


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file: 0 bytes"), (b" \n\t\r\n  ", "empty file: only whitespace")],
)
def test_empty_file(tmp_path: Path, data: bytes, reason: str) -> None:
    items = batch_with(tmp_path, "bad.txt", data)
    assert [r.reason for r in rejects(items)] == [reason]
    assert_good_survives(items)


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
            "looks like a PNG image",
        ),
        ("archive.html", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(100), "looks like a zip"),
        ("nul.txt", b"some text\x00\x00\x00\x01\x02 more", "contains NUL bytes"),
        (
            "ctrl.txt",
            b"text \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 tail",
            "control characters",
        ),
        ("image.jsonl", b"\x89PNG\r\n\x1a\n" + bytes(50), "looks like a PNG image"),
    ],
)
def test_binary_junk(tmp_path: Path, name: str, data: bytes, what: str) -> None:
    items = batch_with(tmp_path, name, data)
    [reject] = rejects(items)
    assert reject.reason.startswith("binary data, not text")
    assert what in reject.reason
    assert_good_survives(items)


def test_jsonl_bad_lines_are_rejected_with_their_numbers(tmp_path: Path) -> None:
    data = b"\n".join(
        [
            json.dumps({"id": "a1", "text": "First article.", "title": "One"}).encode(),
            b'{"id": "a2", "text": "unterminated',
            b"[1, 2, 3]",
            json.dumps({"id": "a4", "title": "no body"}).encode(),
            json.dumps({"id": "a5", "text": 42}).encode(),
            json.dumps({"id": "a6", "text": "ok", "date": ["2024"]}).encode(),
            json.dumps({"id": "a7", "text": "   "}).encode(),
            b"",
            json.dumps(
                {"id": 9, "html": "<p>Last article.</p>", "url": "https://www.ex.org/9"}
            ).encode(),
        ]
    )
    items = batch_with(tmp_path, "news.jsonl", data)
    got = [(r.line, r.reason) for r in rejects(items)]
    assert got == [
        (2, "bad JSON: Unterminated string starting at column 22"),
        (3, "bad JSONL record: expected an object, got a list"),
        (4, "bad JSONL record: no 'text' or 'html' field"),
        (5, "bad JSONL record: field 'text' is a number, expected a string"),
        (6, "bad JSONL record: field 'date' is a list, expected a string"),
        (7, "empty record: 'text' is empty"),
    ]
    first, last = [d for d in docs(items) if d.path.endswith("news.jsonl")]
    assert (first.line, first.source_id, first.title, first.fmt) == (1, "a1", "One", "text")
    assert (last.line, last.source_id, last.fmt, last.site) == (9, "9", "html", "ex.org")
    assert_good_survives(items)


def test_file_over_max_file_bytes(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT)
    (tmp_path / "big.txt").write_text("x" * 500)
    items = read_all([tmp_path], Config(max_file_bytes=200))
    [reject] = rejects(items)
    assert reject.path.endswith("big.txt")
    assert reject.reason.startswith("file too large: 500 bytes, over the limit of 200 bytes")
    assert "Config.max_file_bytes" in reject.reason
    assert_good_survives(items)


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz", "crawl.warc", "crawl.warc.gz"])
def test_containers_are_streamed_past_max_file_bytes(tmp_path: Path, name: str) -> None:
    """JSON Lines and WARC files hold many articles: read record by record, whatever their
    size, and only a record over ``max_record_bytes`` is rejected."""
    if ".warc" in name:
        data = build_warc(compress=name.endswith(".gz"))
        want = ["https://www.example.com/a", "https://news.example.org/b"]
    else:
        records = [
            {"id": f"r{i}", "url": f"https://ex.com/{i}", "text": "w " * 99} for i in range(9)
        ]
        data = jsonl(*records)
        data = gzip.compress(data) if name.endswith(".gz") else data
        want = [f"https://ex.com/{i}" for i in range(9)]
    (tmp_path / name).write_bytes(data)
    cfg = Config(max_file_bytes=len(data) // 3)
    for items in (read_all([tmp_path], cfg), list(parse_bytes(name, data, cfg))):
        assert [d.url for d in docs(items)] == want
        assert all("file too large" not in r.reason for r in rejects(items))


def test_record_over_max_record_bytes(tmp_path: Path) -> None:
    data = jsonl({"text": "short one"}, {"text": "y" * 5000}, {"text": "short two"})
    (tmp_path / "good.txt").write_text(GOOD_TEXT)
    (tmp_path / "news.jsonl").write_bytes(data)
    items = read_all([tmp_path], Config(max_record_bytes=1000))
    [reject] = rejects(items)
    assert reject.line == 2
    assert reject.reason.startswith("record too large: 5,")
    assert "Config.max_record_bytes" in reject.reason
    assert [d.content for d in docs(items) if d.line] == ["short one", "short two"]
    assert_good_survives(items)


def test_truncated_jsonl_gz_keeps_lines_before_the_damage(tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": f"Article {i} " + "word " * 200} for i in range(50)]
    whole = gzip.compress(jsonl(*records))
    items = batch_with(tmp_path, "news.jsonl.gz", whole[: len(whole) // 2])
    kept = [d for d in docs(items) if d.path.endswith(".gz")]
    [reject] = rejects(items)
    assert reject.reason.startswith("truncated gzip: the compressed data ends early after line")
    assert 0 < len(kept) < 50
    assert [d.source_id for d in kept] == [f"r{i}" for i in range(len(kept))]
    assert reject.line == len(kept) + 1
    assert_good_survives(items)


def test_gz_that_is_not_gzip(tmp_path: Path) -> None:
    items = batch_with(tmp_path, "news.jsonl.gz", jsonl({"text": "plain, not compressed"}))
    assert [r.reason for r in rejects(items)] == [
        "corrupt gzip: not gzip data (the file lacks the gzip header)"
    ]
    assert_good_survives(items)


def test_gzipped_text_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(GOOD_TEXT.encode()))
    [doc] = read_all([tmp_path])
    assert isinstance(doc, RawDocument)
    assert (doc.fmt, doc.content) == ("text", GOOD_TEXT)


# -- WARC ------------------------------------------------------------------------------------


def build_warc(*, compress: bool) -> bytes:
    """A WARC with a warcinfo record, a request, two articles, an image and a 404 page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("dyadwatch-test.warc", {"software": "t"}))

    def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-05T10:20:30Z"},
        )
        writer.write_record(record)

    request = writer.create_warc_record(
        "https://www.example.com/a",
        "request",
        payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"),
        length=19,
    )
    writer.write_record(request)
    response(
        "https://www.example.com/a",
        "<html><body><p>Café talks in Zürich.</p></body></html>".encode("cp1252"),
        "text/html; charset=windows-1252",
    )
    response("https://example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    response("https://news.example.org/b", b"Plain text article.", "text/plain")
    response("https://example.com/gone", b"<p>Not found</p>", "text/html", "404 Not Found")
    return out.getvalue()


@pytest.mark.parametrize("compress", [False, True])
def test_warc_responses_become_documents(tmp_path: Path, compress: bool) -> None:
    name = "crawl.warc.gz" if compress else "crawl.warc"
    items = batch_with(tmp_path, name, build_warc(compress=compress))
    found = [d for d in docs(items) if d.path.endswith(name)]
    assert [(d.line, d.fmt, d.url, d.source_id, d.site, d.date) for d in found] == [
        (
            3,
            "html",
            "https://www.example.com/a",
            "https://www.example.com/a",
            "example.com",
            "2024-03-05",
        ),
        (
            5,
            "text",
            "https://news.example.org/b",
            "https://news.example.org/b",
            "news.example.org",
            "2024-03-05",
        ),
    ]
    assert found[0].content == "<html><body><p>Café talks in Zürich.</p></body></html>"
    assert [(r.line, r.reason) for r in rejects(items)] == [(6, "not an article: HTTP status 404")]
    assert_good_survives(items)


@pytest.mark.parametrize("compress", [False, True])
def test_truncated_warc_keeps_records_before_the_damage(tmp_path: Path, compress: bool) -> None:
    data = build_warc(compress=compress)
    cut = data.index(b"news.example.org") if not compress else len(data) * 3 // 4
    items = batch_with(tmp_path, "crawl.warc.gz" if compress else "crawl.warc", data[:cut])
    kept = [d.url for d in docs(items) if ".warc" in d.path]
    assert kept[:1] == ["https://www.example.com/a"]
    [reject] = [r for r in rejects(items) if "WARC" in r.reason]
    assert "truncated" in reject.reason or "corrupt" in reject.reason
    assert_good_survives(items)


def test_warc_that_is_not_a_warc(tmp_path: Path) -> None:
    items = batch_with(tmp_path, "crawl.warc", b"hello, this is not an archive\n" * 3)
    [reject] = rejects(items)
    assert reject.reason == "corrupt WARC: record 1 has no valid WARC header"
    assert reject.line == 1
    assert_good_survives(items)


def test_warc_record_over_max_record_bytes(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc").write_bytes(build_warc(compress=False))
    items = read_all([tmp_path], Config(max_record_bytes=100))  # record 3 holds 119 bytes
    assert [(r.line, r.reason.split(":")[0]) for r in rejects(items)] == [
        (3, "record too large"),
        (6, "not an article"),
    ]
    assert [d.line for d in docs(items)] == [5]


# -- feeds -----------------------------------------------------------------------------------

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://www.news.example.org/</link>
<item><title>Talks in Moscow</title><link>https://www.news.example.org/a/1</link><guid>abc-1</guid>
<pubDate>Tue, 02 Jan 2024 23:30:00 -0500</pubDate><description>Short summary</description>
<content:encoded><![CDATA[<p>Pakistan and Russia held talks.</p>]]></content:encoded></item>
<item><title>Summary only</title><guid isPermaLink="false">abc-2</guid>
<description>&lt;p&gt;Only a summary here.&lt;/p&gt;</description></item>
<item><title>Nothing</title><link>https://www.news.example.org/a/3</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom example</title>
<link href="https://atom.example.com/"/><id>urn:feed</id><updated>2024-03-06T10:00:00Z</updated>
<entry><title>First</title><link href="https://atom.example.com/1"/><id>urn:uuid:1</id>
<updated>2024-03-05T10:00:00Z</updated><published>2024-03-04T23:00:00-05:00</published>
<content type="html">&lt;p&gt;Atom body&lt;/p&gt;</content></entry>
<entry><title>Second</title><link href="https://atom.example.com/2"/><id>urn:uuid:2</id>
<updated>2024-03-06T10:00:00Z</updated><summary>Plain summary</summary></entry>
</feed>"""


def test_rss_feed(tmp_path: Path) -> None:
    items = batch_with(tmp_path, "news.rss", RSS)
    first, second = [d for d in docs(items) if d.path.endswith(".rss")]
    assert (first.line, first.title, first.url, first.date, first.site, first.fmt) == (
        1,
        "Talks in Moscow",
        "https://www.news.example.org/a/1",
        "2024-01-02",
        "news.example.org",
        "html",
    )
    assert first.content == "<p>Pakistan and Russia held talks.</p>"
    assert (second.line, second.source_id, second.url, second.site) == (
        2,
        "abc-2",
        None,
        "news.example.org",
    )
    assert second.content == "<p>Only a summary here.</p>"
    assert [(r.line, r.reason) for r in rejects(items)] == [
        (3, "empty feed entry: no content or summary")
    ]
    assert_good_survives(items)


def test_atom_feed_in_an_xml_file(tmp_path: Path) -> None:
    items = batch_with(tmp_path, "feed.xml", ATOM)
    first, second = [d for d in docs(items) if d.path.endswith(".xml")]
    assert (first.title, first.url, first.source_id, first.date, first.fmt) == (
        "First",
        "https://atom.example.com/1",
        "https://atom.example.com/1",
        "2024-03-04",
        "html",
    )
    assert first.content == "<p>Atom body</p>"
    assert (second.date, second.fmt, second.content) == ("2024-03-06", "text", "Plain summary")
    assert not rejects(items)


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    sitemap = b'<?xml version="1.0"?>\n<urlset xmlns="x"><url><loc>https://a</loc></url></urlset>'
    items = batch_with(tmp_path, "sitemap.xml", sitemap)
    assert [r.reason for r in rejects(items)] == [
        "not an RSS or Atom feed: its root element is <urlset>"
    ]
    assert_good_survives(items)


def test_truncated_feed_keeps_entries_and_reports_damage(tmp_path: Path) -> None:
    items = batch_with(tmp_path, "news.atom", ATOM[: ATOM.index(b"<entry><title>Second")])
    assert [d.title for d in docs(items) if d.path.endswith(".atom")] == ["First"]
    [reject] = rejects(items)
    assert reject.reason.startswith("damaged feed: malformed XML")
    assert_good_survives(items)


def test_feed_that_is_not_xml(tmp_path: Path) -> None:
    items = batch_with(tmp_path, "news.rss", b"this is not a feed at all")
    [reject] = rejects(items)
    assert reject.reason.startswith("bad feed: malformed XML")
    assert_good_survives(items)


def test_feed_content_is_never_taken_for_a_file_name(tmp_path: Path) -> None:
    (tmp_path / "real.rss").write_bytes(RSS)
    (tmp_path / "pointer.rss").write_text(str(tmp_path / "real.rss"))
    items = list(read_file(str(tmp_path / "pointer.rss"), CFG))
    assert not docs(items)
    assert [r.reason.split(":")[0] for r in rejects(items)] == ["bad feed"]


# -- pure parsing, dates, invariants ---------------------------------------------------------


def test_parse_bytes_needs_no_file() -> None:
    data = jsonl(
        {"id": "x", "text": "Body.", "date": "26-FEB-1987 15:01:01.79", "source": "Reuters"}
    )
    [doc] = parse_bytes("remote/shard-00.jsonl", data, CFG)
    assert doc == RawDocument(
        path="remote/shard-00.jsonl",
        content="Body.",
        fmt="text",
        line=1,
        source_id="x",
        date="1987-02-26",
        site="Reuters",
    )


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-01-02", "2024-01-02"),
        ("2024-01-02T23:30:00Z", "2024-01-02"),
        ("2024/1/2", "2024-01-02"),
        ("20240102", "2024-01-02"),
        ("Tue, 02 Jan 2024 23:30:00 -0500", "2024-01-02"),
        ("2 January 2024", "2024-01-02"),
        ("January 2, 2024", "2024-01-02"),
        ("Tuesday, January 2, 2024", "2024-01-02"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("01/02/2024", None),
        ("2024-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(raw: str | None, iso: str | None) -> None:
    assert normalise_date(raw) == iso


EXTENSIONS = [".txt", ".html", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".xml"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ext=st.sampled_from(EXTENSIONS), data=st.binary(max_size=600))
def test_parse_bytes_never_raises(ext: str, data: bytes) -> None:
    for item in parse_bytes(f"input{ext}", data, Config(max_record_bytes=300)):
        assert isinstance(item, RawDocument | Reject)
        if isinstance(item, Reject):
            assert item.reason


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=1).filter(str.strip))
def test_jsonl_text_survives_unchanged(text: str) -> None:
    [doc] = parse_bytes("a.jsonl", jsonl({"text": text}), CFG)
    assert isinstance(doc, RawDocument)
    assert doc.content == text


# --- wire datelines (issue 9) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("dateline", "published", "day"),
    [
        ("ATHENS, March 2", "1987-03-02", "1987-03-02"),
        # filed late the evening before (US time): the dateline's day is the story's today
        ("ANKARA, March 29", "1987-03-28", "1987-03-29"),
        ("WASHINGTON, Dec 31 (Reuters) - The", "1988-01-01", "1987-12-31"),
        ("LONDON, 3 March - The", "1987-03-02", "1987-03-03"),
        ("Greece said today it would", "1987-03-02", None),
        ("TOKYO, June 2", "1987-09-20", None),  # too far from the publication date to trust
        ("ATHENS, March 2", None, None),
    ],
)
def test_dateline_gives_the_day(dateline: str, published: str | None, day: str | None) -> None:
    from dyadwatch.ingest.fields import dateline_date

    assert dateline_date(dateline, published) == day


def test_jsonl_record_takes_its_dateline_and_published_date() -> None:
    records = [
        {"id": "a", "text": "Greece said today it would talk.", "date": "1987-03-28T23:09:12",
         "dateline": "ANKARA, March 29"},
        {"id": "b", "text": "Ukraine accepted the proposal.", "published": "2025-03-11 20:30:26Z"},
    ]  # fmt: skip
    data = "\n".join(json.dumps(r) for r in records).encode("utf-8")
    docs = list(parse_bytes("wire.jsonl", data, Config()))
    assert [d.date for d in docs if isinstance(d, RawDocument)] == ["1987-03-29", "2025-03-11"]


def test_cleaning_over_worker_processes_stores_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``PARALLEL_AFTER`` records the clean stage runs in worker processes: the store
    then holds the same documents, removed lines and rejects, in the same order."""
    from dyadwatch.run import local
    from dyadwatch.store import Store

    records = [
        {"id": i, "text": f"Report {i}.\n\nMinisters of the two countries met on trade {i}."}
        for i in range(300)
    ]
    records[7] = {"id": 7, "text": "Leave a Reply\n\nLogin\n\nLost Password"}  # no text left
    records[150] = {"id": 150, "text": 5}  # type: ignore[dict-item]
    (tmp_path / "news.jsonl").write_bytes(jsonl(*records))
    monkeypatch.setattr(local, "PARALLEL_AFTER", 20)
    monkeypatch.setattr(local, "CLEAN_CHUNK", 16)
    tables = []
    for n in (1, 2):
        with Store(tmp_path / f"{n}.duckdb") as store:
            stats = local.RunStats()
            local.ingest([str(tmp_path / "news.jsonl")], store, Config(n_process=n), stats)
            tables.append(
                [
                    store.con.execute(q).fetchall()
                    for q in (
                        "SELECT doc_id, source_id, text FROM documents ORDER BY source_id",
                        "SELECT line, reason FROM rejects ORDER BY line",
                        "SELECT doc_id, seq, text FROM removed_lines ORDER BY ALL",
                        "SELECT * FROM search_docs ORDER BY ALL",
                    )
                ]
            )
            assert (stats.records, stats.ingested, stats.rejected) == (299, 298, 2)
    assert tables[0] == tables[1]


def test_ingest_counts_the_articles_it_reads_for_the_progress_display(tmp_path: Path) -> None:
    """One big file would otherwise show no progress until its end."""
    from dyadwatch.run import local
    from dyadwatch.store import Store

    (tmp_path / "news.jsonl").write_bytes(jsonl(*({"text": f"Story {i}."} for i in range(25))))
    (tmp_path / "b.txt").write_text(GOOD_TEXT)
    seen: dict[str, list[int | None]] = {}

    def factory(description: str, total: int | None) -> Callable[[int], None]:
        seen[description] = [total, 0]
        return lambda n: seen[description].__setitem__(1, (seen[description][1] or 0) + n)

    with Store(tmp_path / "s.duckdb") as store:
        local.ingest([str(tmp_path)], store, CFG, local.RunStats(), factory)
    assert seen == {"ingest (files)": [2, 2], "articles read": [None, 26]}


def _ingest(folder: Path, db: Path, **kw: object) -> RunStats:
    from dyadwatch.run.local import ingest_only
    from dyadwatch.store import Store

    with Store(db) as store:
        return ingest_only([str(folder)], store, Config(**kw))  # type: ignore[arg-type]


def test_files_read_before_and_unchanged_are_not_read_again(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    text = "Ankara and Athens traded accusations over the Aegean on Friday, officials said. "
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Story {i}. " + text * 2, encoding="utf-8")
    (folder / "short.txt").write_text("Too short.", encoding="utf-8")
    db = tmp_path / "s.duckdb"

    first = _ingest(folder, db, min_text_chars=40)
    assert (first.files, first.unchanged, first.ingested, first.rejected) == (4, 0, 3, 1)
    again = _ingest(folder, db, min_text_chars=40)
    assert (again.files, again.unchanged, again.ingested, again.duplicates) == (0, 4, 0, 0)

    changed = folder / "1.txt"
    changed.write_text("Story one, rewritten. " + text * 2, encoding="utf-8")
    os.utime(changed, ns=(1, changed.stat().st_mtime_ns + 10**9))
    (folder / "3.txt").write_text("Story 3. " + text * 2, encoding="utf-8")
    grown = _ingest(folder, db, min_text_chars=40)
    assert (grown.files, grown.unchanged, grown.ingested) == (2, 3, 2)

    forced = _ingest(
        folder, db, min_text_chars=40, reread=True
    )  # everything read, nothing stored twice
    assert (forced.files, forced.ingested, forced.duplicates, forced.rejected) == (5, 0, 4, 1)
    other = _ingest(folder, db)  # other settings (the default minimum): a file may read otherwise
    assert (other.files, other.ingested) == (5, 1)  # the short story is long enough now
