"""The world outline behind the dossier's map, and the part of the globe a map shows.

The outline is ``world.json`` of :mod:`dyadwatch.ontology`: one GeoJSON feature per state,
its id the ISO alpha-3 code, a MultiPolygon whose rings ``scripts/build_geo.py`` winds as
d3, which draws Vega's maps, reads them (an outer ring clockwise, a hole counter-clockwise).

A map's extent is the smallest box, in longitude and latitude, that holds its places and
the outlines of its two states, with a margin; longitudes are taken round the circle, so a
state across the antimeridian (Russia's far east) does not stretch the box over the globe.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

#: Margin round the box, as a share of its larger side, and at least this many degrees.
MARGIN = 0.08
MIN_MARGIN = 1.5
#: The box is never smaller than this many degrees across, so one town is not a blur.
MIN_SPAN = 8.0
MAX_LAT = 84.0


@dataclass(frozen=True, slots=True)
class Outline:
    """A state's outline: its GeoJSON feature, and its points for working out extents."""

    iso3: str
    feature: dict[str, Any]
    lons: tuple[float, ...]
    lats: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Extent:
    """A box on the globe: ``west`` may exceed 180° or ``east`` fall below −180° when the
    box crosses the antimeridian; ``centre`` is the longitude a map of it turns to face."""

    centre: float
    width: float
    south: float
    north: float

    @property
    def west(self) -> float:
        return self.centre - self.width / 2

    @property
    def east(self) -> float:
        return self.centre + self.width / 2

    def frame(self, steps: int = 8) -> dict[str, Any]:
        """The box's edge as GeoJSON points, for a projection to fit (a projected edge
        bends, so its corners alone would not do)."""
        points = []
        for i in range(steps + 1):
            lon = self.west + self.width * i / steps
            lat = self.south + (self.north - self.south) * i / steps
            points += [[lon, self.south], [lon, self.north], [self.west, lat], [self.east, lat]]
        coords = [[_wrap(lon), round(lat, 3)] for lon, lat in points]
        return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint",
                "coordinates": coords}}  # fmt: skip

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """A point in the Equal Earth projection turned to face the box."""
        return _equal_earth(math.radians(_wrap(lon - self.centre)), math.radians(lat))


@cache
def outlines() -> dict[str, Outline]:
    """Every state's outline by ISO alpha-3 code (``scripts/build_geo.py`` writes them as
    MultiPolygons wound as d3 draws them)."""
    path = resources.files("dyadwatch.ontology").joinpath("world.json")
    world = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, Outline] = {}
    for feature in world["features"]:
        polygons = feature["geometry"]["coordinates"]
        points = [p for poly in polygons for p in poly[0]]
        out[feature["id"]] = Outline(
            feature["id"], feature, tuple(p[0] for p in points), tuple(p[1] for p in points)
        )
    return out


def _wrap(lon: float) -> float:
    """A longitude in [−180, 180)."""
    return round((lon + 180.0) % 360.0 - 180.0, 3)


def extent(points: Iterable[tuple[float, float]], states: Iterable[str]) -> Extent:
    """The box holding ``points`` (longitude, latitude) and the outlines of ``states``
    (those the outline has), with a margin; round the circle where that is narrower."""
    shapes = outlines()
    lons, lats = [], []
    for lon, lat in _all_points(points, (shapes[s] for s in states if s in shapes)):
        lons.append(lon)
        lats.append(lat)
    if not lons:
        raise ValueError("a map needs at least one place or state to show")
    centre, width = _arc(lons)
    south, north = min(lats), max(lats)
    if width < MIN_SPAN:
        width = MIN_SPAN
    if north - south < MIN_SPAN:
        middle = (north + south) / 2
        south, north = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    pad = max(MARGIN * max(width, north - south), MIN_MARGIN)
    return Extent(
        centre=centre,
        width=min(width + 2 * pad, 359.0),
        south=max(south - pad, -MAX_LAT),
        north=min(north + pad, MAX_LAT),
    )


def _all_points(
    points: Iterable[tuple[float, float]], shapes: Iterable[Outline]
) -> Iterator[tuple[float, float]]:
    yield from points
    for shape in shapes:
        yield from zip(shape.lons, shape.lats, strict=True)


def _arc(lons: list[float]) -> tuple[float, float]:
    """The centre and width of the shortest arc of longitude holding every one of ``lons``:
    the circle less its widest gap."""
    ring = sorted({_wrap(lon) for lon in lons})
    gaps = [(b - a, i) for i, (a, b) in enumerate(pairwise(ring))]
    gaps.append((ring[0] + 360.0 - ring[-1], len(ring) - 1))
    gap, after = max(gaps)
    start = ring[(after + 1) % len(ring)]
    width = 360.0 - gap
    return _wrap(start + width / 2), width


def _equal_earth(lam: float, phi: float) -> tuple[float, float]:
    """The Equal Earth projection of a point, in radians (Šavrič, Patterson and Jenny 2018,
    as d3 draws it; y grows northward)."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    t = math.asin(math.sqrt(3) / 2 * math.sin(phi))
    t2, t6 = t * t, t**6
    x = lam * math.cos(t) / (math.sqrt(3) / 2 * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = t * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


@dataclass(frozen=True, slots=True)
class View:
    """What a map of a box shows: the Equal Earth projection turned to face the box, fitted
    to a ``width``-pixel map whose height follows the box's shape within bounds; where the
    bounds stretch the map, it shows more than the box."""

    box: Extent
    width: int
    height: int
    left: float
    top: float
    scale: float
    """Pixels per projected unit."""

    @classmethod
    def of(cls, box: Extent, width: int, lowest: int, highest: int) -> View:
        xy = [box.project(lon, lat) for lon, lat in box.frame()["geometry"]["coordinates"]]
        x0, x1 = min(x for x, _ in xy), max(x for x, _ in xy)
        y0, y1 = min(y for _, y in xy), max(y for _, y in xy)
        wide, tall = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
        height = round(min(max(width * tall / wide, lowest), highest))
        scale = min(width / wide, height / tall)
        left = (x0 + x1) / 2 - width / scale / 2
        top = (y0 + y1) / 2 + height / scale / 2
        return cls(box, width, height, left, top, scale)

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Where a point falls on the map, in pixels from its top left corner."""
        x, y = self.box.project(lon, lat)
        return (x - self.left) * self.scale, (self.top - y) * self.scale

    def shows(self, outline: Outline) -> bool:
        """True when some of ``outline`` may fall on the map: the projected bounds of its
        points east of the map's back meridian, or of those west of it, meet the map."""
        east: list[tuple[float, float]] = []
        west: list[tuple[float, float]] = []
        for lon, lat in zip(outline.lons, outline.lats, strict=True):
            side = east if _wrap(lon - self.box.centre) >= 0 else west
            side.append(self.pixel(lon, lat))
        return any(self._meets(xy) for xy in (east, west) if xy)

    def _meets(self, xy: list[tuple[float, float]]) -> bool:
        xs, ys = [x for x, _ in xy], [y for _, y in xy]
        return min(xs) <= self.width and max(xs) >= 0 and min(ys) <= self.height and max(ys) >= 0


def label_sides(points: list[tuple[float, float, str]], view: View, most: int) -> list[str]:
    """Which points of a map to name, and where: the first ``most`` points (the busiest come
    first) whose name would not cover a name already placed. A name goes right of its point
    (``"left"``: the text's alignment), or left of it in the right quarter of the map
    (``"right"``); ``""`` leaves the point unnamed."""
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for lon, lat, name in points:
        x, y = view.pixel(lon, lat)
        wide = 6.5 * len(name) + 4
        side = "right" if x > view.width * 3 / 4 else "left"
        left = x + 12 if side == "left" else x - 12 - wide
        rect = (left, y - 20, left + wide, y + 2)
        clear = all(
            rect[2] < r[0] or r[2] < rect[0] or rect[3] < r[1] or r[3] < rect[1] for r in placed
        )
        if clear and len(placed) < most:
            placed.append(rect)
            out.append(side)
        else:
            out.append("")
    return out
