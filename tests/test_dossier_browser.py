"""The HTML dossier in headless Chromium: it renders, and its charts are not blank.

Three screenshots of the same dossier: the page as it is; the charts alone, each in a band
of known height (everything else hidden); and, as a control, the same bands with the charts
removed. Each band of the second must hold many drawn pixels, the control none. Skipped
where ``/usr/bin/chromium`` is absent (CI installs Debian's ``chromium``).
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest

from dyadwatch.report import build_comparison, build_dossier, render
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
from tests.test_dossier_data import fill_store

WIDTH, HEIGHT, BAND = 1280, 2400, 380
FLAGS = ["--headless", *CHROMIUM_FLAGS, f"--window-size={WIDTH},{HEIGHT}"]
ONLY_CHARTS = f"""<style>
  header, section > :not(figure.chart), figure.chart > figcaption {{ display: none !important; }}
  body {{ margin: 0 auto; }}
  section {{ margin: 0; padding: 0; }}
  figure.chart {{ height: {BAND}px; margin: 0; overflow: hidden; }}
</style></head>"""

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")


def decode_png(data: bytes) -> np.ndarray:
    """An 8-bit RGB or RGBA PNG (not interlaced) as a (height, width, channels) array."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    out = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        start = y * (stride + 1)
        kind_ = raw[start]
        row = np.frombuffer(raw, np.uint8, stride, start + 1).astype(np.int32)
        if kind_ == 1:  # sub: a running sum per channel
            row = np.cumsum(row.reshape(width, channels), axis=0).reshape(stride) % 256
        elif kind_ == 2:  # up
            row = (row + prev) % 256
        elif kind_ in (3, 4):
            row = _unfilter(row.tolist(), prev.tolist(), channels, kind_)
        prev = row
        out[y] = row
    return out.reshape(height, width, channels)


def _unfilter(row: list[int], prev: list[int], bpp: int, kind: int) -> np.ndarray:
    """Average (3) and Paeth (4) filters, byte by byte."""
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
        if kind == 3:
            row[i] = (x + (a + b) // 2) % 256
            continue
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        row[i] = (x + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) % 256
    return np.array(row, dtype=np.int32)


def drawn(pixels: np.ndarray) -> int:
    """How many pixels are not (near) white."""
    return int((pixels[..., :3].min(axis=-1) < 235).sum())


def screenshot(html: str, tmp: Path, name: str) -> np.ndarray:
    page, shot = tmp / f"{name}.html", tmp / f"{name}.png"
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp / 'profile'}", f"--screenshot={shot}",
         page.as_uri()],
        check=True, capture_output=True, timeout=90,
    )  # fmt: skip
    assert shot.exists(), f"chromium wrote no screenshot for {name}"
    return decode_png(shot.read_bytes())


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    with fill_store(tmp_path_factory.mktemp("browser") / "s.duckdb") as store:
        d = build_dossier(store, "PAK", "RUS")
        d.vs = build_comparison(d, build_dossier(store, "PAK", "IND"))
    return render(d, "html")


def test_the_dossier_renders_in_chromium(html: str, tmp_path: Path) -> None:
    pixels = screenshot(html, tmp_path, "page")
    assert pixels.shape[:2] == (HEIGHT, WIDTH)
    assert drawn(pixels[:600]) > 5000  # title, summary tiles and the start of the chronology


def test_every_chart_draws_in_chromium(html: str, tmp_path: Path) -> None:
    charts = html.count('<figure class="chart"')
    assert charts == 6
    page = screenshot(html.replace("</head>", ONLY_CHARTS, 1), tmp_path, "charts")
    blank = screenshot(_without_svg(html).replace("</head>", ONLY_CHARTS, 1), tmp_path, "control")
    for k in range(charts):
        band = slice(k * BAND, (k + 1) * BAND)
        assert drawn(page[band]) > 3000, f"chart {k + 1} of {charts} is blank"
        assert drawn(blank[band]) < 50
        colours = {tuple(p) for p in page[band].reshape(-1, page.shape[2])[::7, :3].tolist()}
        assert len(colours) > 20, f"chart {k + 1} has no colours"


def _without_svg(html: str) -> str:
    out, pos = [], 0
    while (start := html.find("<svg", pos)) != -1:
        out.append(html[pos:start])
        pos = html.index("</svg>", start) + len("</svg>")
    out.append(html[pos:])
    return "".join(out)
