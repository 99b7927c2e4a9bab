"""The dossier's charts: Vega-Lite specs built with Altair, drawn offline by vl-convert.

A chart is a :class:`Chart` (a Vega-Lite spec plus a title and a text alternative). The HTML
dossier inlines each as SVG (static, readable without JavaScript; marks that stand for a
chronology entry or a source are links to it); Markdown and ``--format png`` get PNG files.
Nothing is fetched: specs carry their data inline and vl-convert runs with no base URL allowed.
Network and lineage graphs are laid out here (Vega-Lite has no graph layout): a circle of
actors around the two states, documents in columns by derivation depth. The map draws the
world outline shipped with the ontology (see :mod:`dyadwatch.report.geo`), inline too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyadwatch.report.evidence import plural

if TYPE_CHECKING:
    from dyadwatch.report.chronology import Chronology, Place
    from dyadwatch.report.evidence import Source
    from dyadwatch.report.findings import IndexRow

WIDTH = 720
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
KIND_COLOURS = {"country": "#4c78a8", "person": "#f58518", "org": "#54a24b", "igo": "#b279a2"}


@dataclass(slots=True)
class Chart:
    name: str
    title: str
    alt: str
    """What the chart shows, in words, for readers who cannot see it."""
    spec: dict[str, Any]
    tips: dict[str, str] = field(default_factory=dict)
    """Tooltip text for each link target (``#anchor``) a mark points to."""


def _alt() -> Any:
    import altair as alt

    return alt


def _finish(chart: Any, name: str, title: str, alt_text: str, tips: dict[str, str]) -> Chart:
    spec = (
        chart.configure(font=FONT)
        .configure_view(strokeWidth=0)
        .configure_axis(labelFontSize=11, titleFontSize=11)
        .to_dict()
    )
    return Chart(name, title, alt_text, spec, tips)


def _goldstein_colour() -> Any:
    """A mark's colour from its ``goldstein`` field: red for conflict, blue for cooperation."""
    alt = _alt()
    return alt.Color(
        "goldstein:Q",
        title="Goldstein score",
        scale=alt.Scale(scheme="redblue", domain=[-10, 10]),
        legend=alt.Legend(orient="bottom", gradientLength=160),
    )


def timeline(chrono: Chronology) -> Chart | None:
    """Entries by date in lanes (domain or PLOVER category); colour is the Goldstein score,
    size the number of independent sources; each mark links to its entry."""
    alt = _alt()
    rows: list[dict[str, Any]] = [
        {
            "when": e.when,
            "lane": "dated mentions" if e.kind == "mentions" else (e.domain or e.plover or "event"),
            "goldstein": e.goldstein,
            "sources": max(e.sources, 1),
            "href": f"#{e.anchor}",
            "label": (e.date or "") + " " + e.label[:60],
        }
        for e in chrono.entries
        if e.when is not None
    ]
    if not rows:
        return None
    lanes = sorted({r["lane"] for r in rows}, key=lambda x: (x == "dated mentions", x))
    top = max(r["sources"] for r in rows)
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X(
            "when:Q", title=None, scale=alt.Scale(zero=False, nice=True), axis=alt.Axis(format="d")
        ),
        y=alt.Y("lane:N", title=None, sort=lanes),
        size=alt.Size(
            "sources:Q",
            title="independent sources",
            scale=alt.Scale(domain=[1, max(top, 2)], range=[60, 420]),
            legend=alt.Legend(format="d", values=sorted({1, top}), orient="bottom"),
        ),
        href="href:N",
        tooltip=["label:N"],
    )
    layers = []
    if any(r["lane"] != "dated mentions" for r in rows):
        layers.append(
            base.transform_filter("datum.lane != 'dated mentions'")
            .mark_circle(opacity=0.85, stroke="#333", strokeWidth=0.6)
            .encode(color=_goldstein_colour())
        )
    if "dated mentions" in lanes:
        layers.append(
            base.transform_filter("datum.lane == 'dated mentions'").mark_circle(
                color="#888", opacity=0.55
            )
        )
    chart = alt.layer(*layers).properties(width=WIDTH, height=34 * len(lanes) + 20)
    dated = [e for e in chrono.entries if e.when is not None]
    first, last = min(e.when or 0 for e in dated), max(e.when or 0 for e in dated)
    text = (
        f"{plural(len(rows), 'chronology entry', 'chronology entries')} from {int(first)} to "
        f"{int(last)} in {plural(len(lanes), 'lane')} "
        f"({', '.join(lanes)})."
    )
    tips = {r["href"]: r["label"] for r in rows}
    return _finish(chart, "timeline", "Chronology", text, tips)


#: The map's colours: the sea, the other states, the dyad's two states and the borders.
SEA, LAND, PAIR, BORDER = "#eef3f8", "#e2e2e2", "#cdbb8f", "#ffffff"
#: Places named on the map (the busiest), and events listed in a point's tooltip.
MAP_LABELS, TIP_EVENTS = 8, 12


def event_map(chrono: Chronology, states: tuple[str, str], names: tuple[str, str]) -> Chart | None:
    """The world round the two states (shaded), a circle at each place of the chronology's
    entries: one per place, its size the independent sources of its events added up, its
    colour their Goldstein score (weighted by sources); each circle links to its first entry
    and its tooltip lists them all. None when no entry has a place."""
    from dyadwatch.report import geo

    places = chrono.places
    if not places:
        return None
    alt = _alt()
    box = geo.extent(((p.lon, p.lat) for p in places), states)
    view = geo.View.of(box, WIDTH, 240, 560)
    shapes = geo.outlines()
    near = [o.feature for o in shapes.values() if o.iso3 not in states and view.shows(o)]
    pair = [shapes[s].feature for s in states if s in shapes]
    rows = [_place_row(p) for p in places]
    top = max(r["sources"] for r in rows)
    projection = alt.Projection(type="equalEarth", rotate=[-box.centre, 0, 0], fit=box.frame())
    layers = [
        alt.Chart(alt.sphere()).mark_geoshape(fill=SEA, stroke=None, clip=True),
        alt.Chart(alt.Data(name="world")).mark_geoshape(
            fill=LAND, stroke=BORDER, strokeWidth=0.6, clip=True
        ),
        alt.Chart(alt.Data(name="pair")).mark_geoshape(
            fill=PAIR, stroke=BORDER, strokeWidth=0.6, clip=True
        ),
        alt.Chart(alt.Data(values=rows))
        .mark_circle(opacity=0.85, stroke="#333", strokeWidth=0.6, clip=True)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size(
                "sources:Q",
                title="independent sources",
                scale=alt.Scale(domain=[1, max(top, 2)], range=[60, 900]),
                legend=alt.Legend(format="d", values=sorted({1, top}), orient="bottom"),
            ),
            color=_goldstein_colour(),
            href="href:N",
            tooltip=["tip:N"],
        ),
    ]
    sides = geo.label_sides([(r["lon"], r["lat"], r["name"]) for r in rows], view, MAP_LABELS)
    for side in ("left", "right"):
        chosen = [r for r, at in zip(rows, sides, strict=True) if at == side]
        if chosen:
            layers.append(
                alt.Chart(alt.Data(values=chosen))
                .mark_text(align=side, dx=12 if side == "left" else -12, dy=-7, fontSize=11,
                           color="#222", clip=True)
                .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
            )  # fmt: skip
    chart = (
        alt.layer(*layers)
        .project(**projection.to_dict())
        .properties(width=WIDTH, height=view.height)
    )
    placed = sum(len(p.entries) for p in places)
    shown = [e for e in chrono.entries if e.kind != "mentions"]
    busiest = ", ".join(f"{p.name} ({len(p.entries)})" for p in places[:5])
    text = (
        f"{placed} of {plural(len(shown), 'event')} placed, at {plural(len(places), 'place')}; "
        f"busiest: {busiest}. {names[0]} and {names[1]} are shaded."
    )
    made = _finish(chart, "map", "Map of events", text, {r["href"]: r["tip"] for r in rows})
    # The outlines join the spec as it is (inline, named), not through Altair, which would
    # copy and check every coordinate.
    made.spec["datasets"] = {"world": near, "pair": pair}
    return made


def _place_row(place: Place) -> dict[str, Any]:
    """A point of the map: where, how big, what colour, and the events it stands for."""
    lines = [
        f"{e.date or 'undated'} · {e.plover or e.kind} · {e.label}"
        for e in place.entries[:TIP_EVENTS]
    ]
    if len(place.entries) > TIP_EVENTS:
        lines.append(f"… and {len(place.entries) - TIP_EVENTS} more")
    head = f"{place.name}: {plural(len(place.entries), 'event')}"
    goldstein = place.goldstein
    return {
        "lon": place.lon,
        "lat": place.lat,
        "name": place.name,
        "sources": place.sources,
        "goldstein": 0.0 if goldstein is None else round(goldstein, 2),
        "href": f"#{place.entries[0].anchor}",
        "tip": "\n".join([head, *lines]),
    }


def index_chart(rows: list[IndexRow], dyad: str) -> Chart | None:
    """The cooperation index by period (line, −10 … +10) over the number of events (bars)."""
    if not rows:
        return None
    alt = _alt()
    data = alt.Data(
        values=[
            {"period": r.period, "index": r.coop_index, "events": r.events, "sources": r.sources}
            for r in rows
        ]
    )
    x = alt.X("period:O", title=None, sort=[r.period for r in rows], axis=alt.Axis(labelAngle=0))
    most = max(r.events for r in rows)
    bars = (
        alt.Chart(data)
        .mark_bar(color="#dde3ea", size=18)
        .encode(
            x=x,
            y=alt.Y(
                "events:Q",
                title="events",
                scale=alt.Scale(domain=[0, max(most * 2.5, 2)]),
                axis=alt.Axis(orient="right", format="d", tickMinStep=1, grid=False),
            ),
        )
    )
    line = (
        alt.Chart(data)
        .mark_line(point=True, color="#1f5f99", strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("index:Q", title="cooperation index", scale=alt.Scale(domain=[-10, 10])),
            tooltip=["period:O", "index:Q", "events:Q", "sources:Q"],
        )
    )
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#999").encode(y="zero:Q")
    chart = (
        alt.layer(bars, alt.layer(line, zero))
        .resolve_scale(y="independent")
        .properties(width=WIDTH, height=220)
    )
    last = rows[-1]
    text = (
        f"Cooperation index of {dyad} for {len(rows)} periods, from {rows[0].period} to "
        f"{last.period}; latest {last.coop_index:+.1f} from {plural(last.events, 'event')}."
    )
    return _finish(chart, "index", "Index over time", text, {})


def compare_chart(series: dict[str, list[tuple[str, float]]], measure: str) -> Chart | None:
    """One line per dyad: the index, or the sentences per year where no index exists."""
    alt = _alt()
    values: list[dict[str, Any]] = [
        {"dyad": d, "period": p, "value": v} for d, pts in series.items() for p, v in pts
    ]
    if not values:
        return None
    periods = sorted({v["period"] for v in values})
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("period:O", title=None, sort=periods, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=measure),
            color=alt.Color("dyad:N", title="dyad"),
            tooltip=["dyad:N", "period:O", "value:Q"],
        )
        .properties(width=WIDTH, height=200)
    )
    text = f"{measure} of {' and '.join(series)} by period, {periods[0]} to {periods[-1]}."
    return _finish(chart, "compare", f"Compared: {measure}", text, {})


def actor_network(
    actors: list[dict[str, Any]], links: list[dict[str, Any]], states: tuple[str, str]
) -> Chart | None:
    """The two states in the middle, the other busiest actors on a circle around them; a line
    joins two actors named in the same sentence, thicker the more often."""
    if not actors:
        return None
    alt = _alt()
    size = 460
    cx, cy, radius, wide = WIDTH / 2, size / 2, size / 2 - 40, WIDTH / 2 - 150
    middle = [a for a in actors if a["actor_id"] in states][:2]
    ring = [a for a in actors if a["actor_id"] not in states][:22]
    nodes: dict[str, dict[str, Any]] = {}
    for i, a in enumerate(middle):
        nodes[a["actor_id"]] = _node(a, cx + (i * 2 - 1) * radius * 0.3, cy, "middle")
    for i, a in enumerate(sorted(ring, key=lambda a: (a["kind"], a["name"]))):
        angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2
        x, y = cx + wide * math.cos(angle), cy + radius * math.sin(angle)
        nodes[a["actor_id"]] = _node(a, x, y, "left" if x < cx - 1 else "right")
    edges = [
        {"x": nodes[e["a"]]["x"], "y": nodes[e["a"]]["y"], "x2": nodes[e["b"]]["x"],
         "y2": nodes[e["b"]]["y"], "n": e["sentences"]}
        for e in links
        if e["a"] in nodes and e["b"] in nodes
    ]  # fmt: skip
    xs, ys = _plane(WIDTH, size)
    lines = (
        alt.Chart(alt.Data(values=edges or [{"x": 0, "y": 0, "x2": 0, "y2": 0, "n": 0}]))
        .mark_rule(color="#9aa7b4", opacity=0.55)
        .encode(
            x=alt.X("x:Q", scale=xs, axis=None),
            y=alt.Y("y:Q", scale=ys, axis=None),
            x2="x2:Q",
            y2="y2:Q",
            strokeWidth=alt.StrokeWidth("n:Q", legend=None, scale=alt.Scale(range=[0.5, 6])),
        )
    )
    data = alt.Data(values=list(nodes.values()))
    dots = (
        alt.Chart(data)
        .mark_circle(opacity=0.95, stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("x:Q", scale=xs, axis=None),
            y=alt.Y("y:Q", scale=ys, axis=None),
            size=alt.Size("mentions:Q", legend=None, scale=alt.Scale(range=[80, 900])),
            color=alt.Color(
                "kind:N",
                title="actor kind",
                scale=alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values())),
            ),
            tooltip=["name:N", "mentions:Q"],
        )
    )
    labels = [_labels(alt, data, side, xs, ys) for side in ("left", "right", "middle")]
    chart = alt.layer(lines, dots, *labels).properties(width=WIDTH, height=size)
    text = (
        f"{len(nodes)} actors named in sentences about the pair, {len(edges)} links between "
        "actors named in the same sentence. Busiest: "
        + ", ".join(f"{a['name']} ({a['mentions']})" for a in actors[:5])
        + "."
    )
    return _finish(chart, "actors", "Actors network", text, {})


def _node(a: dict[str, Any], x: float, y: float, side: str) -> dict[str, Any]:
    return {"x": x, "y": y, "name": a["name"], "kind": a["kind"], "mentions": a["mentions"],
            "side": side}  # fmt: skip


def _labels(alt: Any, data: Any, side: str, xs: Any, ys: Any) -> Any:
    align = {"left": "right", "right": "left", "middle": "center"}[side]
    dx = {"left": -12, "right": 12, "middle": 0}[side]
    dy = 26 if side == "middle" else 0
    return (
        alt.Chart(data)
        .transform_filter(f"datum.side == '{side}'")
        .mark_text(align=align, dx=dx, dy=dy, fontSize=11, color="#222")
        .encode(
            x=alt.X("x:Q", scale=xs, axis=None), y=alt.Y("y:Q", scale=ys, axis=None), text="name:N"
        )
    )


def _plane(width: float, height: float) -> tuple[Any, Any]:
    """Identity scales: data coordinates are pixels, y pointing down."""
    alt = _alt()
    return (
        alt.Scale(domain=[0, width], range=[0, width]),
        alt.Scale(domain=[0, height], range=[0, height]),
    )


def lineage_graph(sources: list[Source], edges: list[tuple[int, int, str, str]]) -> Chart | None:
    """Documents as nodes in columns by derivation depth (originals left), an arrow from each
    derived document to its source, colour by lineage group; each node links to its source."""
    if not edges:
        return None
    alt = _alt()
    depth = _depths(sources, edges)
    order = sorted(sources, key=lambda s: (s.group_label, depth[s.number], s.number))
    row_h, col_w, left = 44, 230, 30
    pos = {s.number: (left + col_w * depth[s.number], 24 + row_h * i) for i, s in enumerate(order)}
    height = 24 + row_h * len(order)
    xs, ys = _plane(WIDTH, height)
    arrows, heads = [], []
    for derived, source, kind, _ in edges:
        (x, y), (x2, y2) = pos[derived], pos[source]
        dx, dy = x2 - x, y2 - y
        dist = math.hypot(dx, dy) or 1
        hx, hy = x2 - dx / dist * 15, y2 - dy / dist * 15
        arrows.append({"x": x, "y": y, "x2": hx, "y2": hy, "kind": kind})
        angle = math.degrees(math.atan2(dx, -dy))
        heads.append({"x": hx, "y": hy, "angle": angle, "kind": kind})
    nodes: list[dict[str, Any]] = [
        {"x": pos[s.number][0], "y": pos[s.number][1], "group": s.group_label,
         "label": f"#{s.number} {s.title[:34]}" + (" ⚑" if s.flags else ""),
         "href": f"#src-{s.number}"}
        for s in order
    ]  # fmt: skip
    enc = {"x": alt.X("x:Q", scale=xs, axis=None), "y": alt.Y("y:Q", scale=ys, axis=None)}
    layers = [
        alt.Chart(alt.Data(values=arrows))
        .mark_rule(color="#666", strokeWidth=1.5)
        .encode(**enc, x2="x2:Q", y2="y2:Q"),
        alt.Chart(alt.Data(values=heads))
        .mark_point(shape="triangle-up", filled=True, color="#666", size=90)
        .encode(**enc, angle=alt.Angle("angle:Q", scale=None)),
        alt.Chart(alt.Data(values=nodes))
        .mark_circle(size=260, stroke="#333", strokeWidth=0.8)
        .encode(**enc, color=alt.Color("group:N", title="lineage group"), href="href:N"),
        alt.Chart(alt.Data(values=nodes))
        .mark_text(align="left", dx=12, fontSize=11, color="#222")
        .encode(**enc, text="label:N", href="href:N"),
    ]
    chart = alt.layer(*layers).properties(width=WIDTH, height=height)
    text = "; ".join(f"source {d} derives from source {s} ({k})" for d, s, k, _ in edges) + "."
    tips = {n["href"]: n["label"] for n in nodes}
    return _finish(chart, "lineage", "Derivation graph", text, tips)


def _depths(sources: list[Source], edges: list[tuple[int, int, str, str]]) -> dict[int, int]:
    parents: dict[int, list[int]] = {}
    for derived, source, _, _ in edges:
        parents.setdefault(derived, []).append(source)
    depth: dict[int, int] = {}

    def visit(n: int, seen: frozenset[int]) -> int:
        if n not in depth:
            ups = [p for p in parents.get(n, []) if p not in seen]
            depth[n] = 1 + max((visit(p, seen | {n}) for p in ups), default=-1)
        return depth[n]

    for s in sources:
        visit(s.number, frozenset())
    return depth


# -- drawing -----------------------------------------------------------------------------

_ID = re.compile(r'\bid="([^"]+)"')
_HREF_BASE = re.compile(r'((?:xlink:)?href)="[^"#]*#')


def to_svg(chart: Chart) -> str:
    """The chart as an SVG element for inlining in HTML: ids made unique to the chart, links
    made internal, a ``<title>`` tooltip on each link and a text alternative on the root."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart.spec, allowed_base_urls=[])
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    svg = _HREF_BASE.sub(r'\1="#', svg)
    for old in set(_ID.findall(svg)):
        new = f"{chart.name}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})")
    for href, tip in chart.tips.items():
        svg = svg.replace(f'href="{href}">', f'href="{href}"><title>{_xml(tip)}</title>')
    label = f'<svg role="img" aria-label="{_xml(chart.alt)}" '
    return svg.replace("<svg ", label, 1)


def to_png(chart: Chart, scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    return bytes(vlc.vegalite_to_png(chart.spec, scale=scale, allowed_base_urls=[]))


def _xml(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
