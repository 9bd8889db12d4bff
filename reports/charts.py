"""Charts of the reports: one figure definition gives inline SVG for the screen and PNG for paper.

Matplotlib's object API only (no pyplot, which keeps global state and is not thread-safe). Its rcParams are
still global, so each render holds a lock while it reads them in an ``rc_context``."""

import hashlib
import io
import math
import re
import textwrap
import threading
from html import escape
from html import unescape as html_unescape

import matplotlib
from django.core.cache import cache
from django.utils.translation import get_language, gettext
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from reports.documents.common import format_number, nfc
from reports.documents.content import Chart

FONT = "DejaVu Sans"  # covers Vietnamese
COLORS = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a50021", "#595959"]
WIDTH_IN = 16 / 2.54  # the width of the text on an A4 page with Decree 30 margins

_RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 10.5,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "hdnd-report-chart",
    "axes.unicode_minus": True,
    # Labels are names users typed ("Phí $5 và $10"): never read them as math formulas.
    "text.parse_math": False,
}
_lock = threading.Lock()


def _values(chart: Chart) -> list[tuple[str, list[float]]]:
    """The series with one float per category (missing values as NaN)."""
    count = len(chart.categories)
    series = []
    for label, values in chart.series:
        floats = []
        for value in list(values)[:count]:
            try:
                floats.append(float(value) if value is not None else math.nan)
            except (TypeError, ValueError):
                floats.append(math.nan)
        floats += [math.nan] * (count - len(floats))
        series.append((nfc(str(label)), floats))
    return series


def _has_data(series) -> bool:
    return any(v and not math.isnan(v) for _, values in series for v in values)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(nfc(text), width=max(width, 6), break_long_words=False)) or nfc(text)


def _label(value: float) -> str:
    return "" if math.isnan(value) else format_number(value)


def build_figure(chart: Chart, *, title: bool = True) -> Figure:
    """The one figure behind both :func:`render_svg` and :func:`render_png` (call inside ``rc_context``)."""
    categories = [nfc(str(c)) for c in chart.categories]
    series = _values(chart)
    unit = nfc(chart.unit or "")
    kind = chart.kind if chart.kind in ("bar", "barh", "line") else "bar"
    has_data = bool(categories) and _has_data(series)

    if kind == "barh" and has_data:
        per_category = 0.26 * max(len(series), 1) + 0.1  # compact: a report page holds the chart whole
        height = min(max(2.4, len(categories) * per_category + 1.3 + (0.3 if len(series) > 1 else 0)), 9.5)
    else:
        height = 3.6 if has_data else 2.2
    fig = Figure(figsize=(WIDTH_IN, height), layout="constrained")
    ax = fig.add_subplot()
    if title and chart.title:
        fig.suptitle(_wrap(chart.title, 70), fontsize=12, fontweight="bold")

    if not has_data:
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            nfc(gettext("No figures to show")),
            ha="center",
            va="center",
            fontsize=12,
            color="#595959",
            style="italic",
        )
        return fig

    count, n_series = len(categories), len(series)
    positions = list(range(count))
    number_format = FuncFormatter(lambda value, _pos: format_number(value))

    if kind == "line":
        for index, (label, values) in enumerate(series):
            color = COLORS[index % len(COLORS)]
            ax.plot(positions, values, marker="o", color=color, label=label, linewidth=2)
            for x, y in zip(positions, values, strict=True):
                if not math.isnan(y):
                    ax.annotate(
                        _label(y), (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=9
                    )
        ax.set_xticks(positions, [_wrap(c, max(8, 90 // max(count, 1))) for c in categories])
        ax.yaxis.set_major_formatter(number_format)
        ax.set_ylim(bottom=min(0, ax.get_ylim()[0]))
        ax.margins(y=0.15)
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6)
        if unit:
            ax.set_ylabel(unit, labelpad=6)
    else:
        group = 0.8
        width = group / n_series
        for index, (label, values) in enumerate(series):
            offsets = [p - group / 2 + width * (index + 0.5) for p in positions]
            if kind == "barh":
                # the y axis is inverted: the first category on top, the first series on top within it
                values_ = [0 if math.isnan(v) else v for v in values]
                bars = ax.barh(offsets, values_, height=width * 0.9, label=label, color=COLORS[index % 8])
            else:
                values_ = [0 if math.isnan(v) else v for v in values]
                bars = ax.bar(offsets, values_, width=width * 0.9, label=label, color=COLORS[index % 8])
            ax.bar_label(bars, labels=[_label(v) for v in values], padding=2, fontsize=9)
        # Counts get whole-number ticks (no "0,8 petitions").
        whole = all(float(v).is_integer() for _label, vs in chart.series for v in vs if v is not None)
        if kind == "barh":
            ax.set_yticks(positions, [_wrap(c, 30) for c in categories])
            ax.invert_yaxis()
            ax.xaxis.set_major_formatter(number_format)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=whole))
            ax.margins(x=0.12)
            ax.grid(axis="x", color="#d9d9d9", linewidth=0.6)
            ax.tick_params(axis="y", length=0)
            if unit:
                ax.set_xlabel(unit, labelpad=6)
        else:
            ax.set_xticks(positions, [_wrap(c, max(8, 100 // max(count, 1))) for c in categories])
            ax.yaxis.set_major_formatter(number_format)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=whole))
            ax.margins(y=0.12)
            ax.grid(axis="y", color="#d9d9d9", linewidth=0.6)
            ax.tick_params(axis="x", length=0)
            if unit:
                ax.set_ylabel(unit, labelpad=6)
        ax.set_axisbelow(True)
    if n_series > 1:
        fig.legend(loc="outside lower center", ncols=min(n_series, 4), frameon=False)
    return fig


_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.S)


def render_svg(chart: Chart, *, title: bool = True) -> str:
    """The chart as an inline ``<svg>`` element that scales to its container (text kept as text)."""
    with _lock, matplotlib.rc_context(_RC):
        fig = build_figure(chart, title=title)
        buffer = io.StringIO()
        FigureCanvasSVG(fig)
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    root = _SVG_ROOT.search(svg)
    view_box = re.search(r'viewBox="([^"]+)"', root.group(0))
    label = escape(nfc(chart.title or ""), quote=True)
    new_root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
        f'width="100%" viewBox="{view_box.group(1)}" preserveAspectRatio="xMidYMid meet" '
        f'role="img" aria-label="{label}">'
    )
    if label:
        new_root += f"<title>{label}</title>"
    svg = new_root + svg[root.end() :]
    # the RDF metadata block says nothing to a reader of the page
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    return _own_ids(_without_css(svg.strip()))


_SVG_STYLESHEET = re.compile(r"\s*<defs>\s*<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>\s*</defs>", re.S)
_SVG_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')


def _declarations(css: str) -> str:
    """``fill: #fff; stroke-width: 0.8`` as SVG presentation attributes: ` fill="#fff" stroke-width="0.8"`."""
    pairs = (part.split(":", 1) for part in css.split(";") if ":" in part)
    return "".join(f' {name.strip()}="{escape(value.strip(), quote=True)}"' for name, value in pairs)


def _without_css(svg: str) -> str:
    """The chart with its styles as presentation attributes, so that the page's Content-Security-Policy
    (no inline style) draws it the same: matplotlib writes a ``style`` attribute on every shape and text, and
    a ``*{...}`` rule, which becomes attributes of the root that every element inherits. An element's own
    attribute still wins over the inherited one, as its style attribute won over the rule."""
    sheet = _SVG_STYLESHEET.search(svg)
    if sheet:
        svg = svg[: sheet.start()] + svg[sheet.end() :]
        root = _SVG_ROOT.search(svg)
        svg = svg[: root.end() - 1] + _declarations(html_unescape(sheet.group(1))) + svg[root.end() - 1 :]
    return _SVG_STYLE_ATTR.sub(lambda m: _declarations(html_unescape(m.group(1))), svg)


_SVG_ID = re.compile(r'\sid="([^"]+)"')
_SVG_REF = re.compile(r'(url\(#|href="#)([^)"]+)')


def _own_ids(svg: str) -> str:
    """Make the chart's ids its own, so that several charts on one page never repeat an id.

    matplotlib names every group ``figure_1``, ``axes_1``, ... in each chart, and its clip paths and markers
    after their shapes: seven charts on the dashboard gave seven ``figure_1`` (invalid HTML, and a clip path
    could be taken from another chart). Ids nothing refers to are dropped; the others get a prefix taken
    from the chart's drawing."""
    referenced = {name for _, name in _SVG_REF.findall(svg)}
    prefix = "c" + hashlib.sha256(svg.encode()).hexdigest()[:8] + "-"
    svg = _SVG_ID.sub(lambda m: f' id="{prefix}{m.group(1)}"' if m.group(1) in referenced else "", svg)
    return _SVG_REF.sub(lambda m: m.group(1) + prefix + m.group(2), svg)


def render_png(chart: Chart, dpi: int = 150, *, title: bool = True) -> bytes:
    """The chart as PNG bytes, for the DOCX (and anything that wants a raster image)."""
    with _lock, matplotlib.rc_context(_RC):
        fig = build_figure(chart, title=title)
        buffer = io.BytesIO()
        FigureCanvasAgg(fig)
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def page_svg(chart: Chart) -> str:
    """The chart for a web page (its caption carries the title), from the cache when the same figures were
    drawn before: drawing takes far longer than the rest of a dashboard's page."""
    key = "chart-svg-v4:" + hashlib.sha256(repr((chart, get_language())).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = render_svg(chart, title=False)
        cache.set(key, svg, timeout=7 * 24 * 3600)
    return svg
