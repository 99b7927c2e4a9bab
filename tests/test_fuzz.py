"""Properties over hostile input: every reader, the clean stage and the extract stage give a
document or a reject with a reason, never an exception and never a hang.

The inputs are built to break things: truncated gzip and WARC streams, JSON lines cut or
corrupted, text in one encoding with bytes flipped, HTML nested thousands deep, giant lines
and tokens, control characters. Each property is bounded by Hypothesis's example count and
by a per-test timeout.
"""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.clean import clean_document
from dyadwatch.config import Config
from dyadwatch.extract.pipeline import Extractor
from dyadwatch.ingest import parse_bytes
from dyadwatch.model import DocExtraction, Document, RawDocument, Reject
from tests.test_ingest import build_warc

CFG = Config(max_record_bytes=200_000)
#: Words of wire copy, for texts that look like news without being news.
WIRE_WORDS = [
    "Pakistan", "Russia", "said", "$", "5", "bln", "dlrs", "on", "Monday", ".", ",", "\n",
    "\n\n", "the", "U.S.", "accused", "of", "'", '"', "(", ")", "-", "pct",
]  # fmt: skip
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STORY = (
    "Pakistan and Russia signed a defence pact in Moscow on Monday, officials said. "
    "Russia will supply helicopters to Pakistan worth $200 million, the ministry said."
)


def read_and_clean(name: str, data: bytes) -> list[Document | Reject]:
    """The ingest and clean stages on one file's bytes, as the runner chains them."""
    out: list[Document | Reject] = []
    for item in parse_bytes(name, data, CFG):
        if isinstance(item, Reject):
            assert item.reason, name
            out.append(item)
            continue
        assert isinstance(item, RawDocument)
        cleaned = clean_document(item, CFG)
        if isinstance(cleaned, Reject):
            assert cleaned.reason, name
        else:
            assert cleaned.text and cleaned.doc_id
        out.append(cleaned)
    return out


@pytest.mark.timeout(120)
@FAST
@given(cut=st.floats(0, 1), flips=st.lists(st.integers(0, 10**6), max_size=4))
def test_truncated_or_corrupted_gzip_jsonl(cut: float, flips: list[int]) -> None:
    lines = [json.dumps({"id": str(i), "title": f"T{i}", "text": STORY}) for i in range(20)]
    data = bytearray(gzip.compress("\n".join(lines).encode()))
    for at in flips:
        data[at % len(data)] ^= 0xFF
    read_and_clean("dump.jsonl.gz", bytes(data[: max(1, int(len(data) * cut))]))


@pytest.mark.timeout(120)
@FAST
@given(compress=st.booleans(), cut=st.floats(0.05, 1), flip=st.integers(0, 10**6))
def test_truncated_or_corrupted_warc(compress: bool, cut: float, flip: int) -> None:
    data = bytearray(build_warc(compress=compress))
    data[flip % len(data)] ^= 0x5A
    name = "crawl.warc.gz" if compress else "crawl.warc"
    read_and_clean(name, bytes(data[: max(1, int(len(data) * cut))]))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@pytest.mark.timeout(120)
@FAST
@given(
    records=st.lists(
        st.dictionaries(
            st.sampled_from(["id", "title", "text", "date", "url", "body", "content"]),
            json_values | st.just(STORY),
        ),
        max_size=6,
    ),
    damage=st.lists(st.tuples(st.integers(0, 10**5), st.binary(max_size=3)), max_size=3),
)
def test_malformed_json_lines(records: list[dict[str, object]], damage: list[object]) -> None:
    data = bytearray("\n".join(json.dumps(r) for r in records).encode() or b"{")
    for at, junk in damage:  # type: ignore[misc]
        pos = at % (len(data) + 1)
        data[pos:pos] = junk
    read_and_clean("dump.jsonl", bytes(data))


@pytest.mark.timeout(120)
@FAST
@given(
    text=st.text(min_size=1, max_size=400),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"]),
    flips=st.lists(st.integers(0, 10**4), max_size=5),
)
def test_text_in_any_encoding_with_broken_bytes(text: str, encoding: str, flips: list[int]) -> None:
    data = bytearray((STORY + "\n" + text).encode(encoding, errors="replace"))
    for at in flips:
        data[at % len(data)] ^= 0x80
    read_and_clean("story.txt", bytes(data))


@pytest.mark.timeout(180)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(1, 3000), tag=st.sampled_from(["div", "span", "b", "table", "p"]))
def test_deeply_nested_html(depth: int, tag: str) -> None:
    body = f"<{tag}>" * depth + STORY + f"</{tag}>" * depth
    page = f"<html><head><title>Deep</title></head><body>{body}</body></html>"
    read_and_clean("page.html", page.encode())


@pytest.mark.timeout(180)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(1_000, 300_000),
    char=st.sampled_from(["x", "é", "@", ".", "-", "1", "<", "|"]),
    spaced=st.booleans(),
)
def test_giant_lines(size: int, char: str, spaced: bool) -> None:
    line = (char + " ") * (size // 2) if spaced else char * size
    for fmt, name in (("text", "giant.txt"), ("html", "giant.html")):
        content = STORY + "\n\n" + line + "\n\n" + STORY
        if fmt == "html":
            content = f"<html><body><p>{content}</p></body></html>"
        read_and_clean(name, content.encode())


@pytest.mark.timeout(300)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=1500)
    | st.lists(st.sampled_from(WIRE_WORDS), max_size=300).map(" ".join)
)
def test_extraction_on_arbitrary_text(text: str) -> None:
    doc = Document(doc_id="d", source_id="d", path="d", text=text)
    [result] = list(Extractor(Config()).pipe([doc]))
    assert isinstance(result, DocExtraction) and result.doc_id == "d"
    for span in (*result.actors.mentions, *result.events, *result.claims):
        assert 0 <= span.start <= span.end <= len(text)
