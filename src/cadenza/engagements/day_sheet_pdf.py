"""The day sheet as a PDF, from the same `DaySheet` the page shows (reportlab's platypus):
one A4 page in the standard Helvetica, which every reader has, so nothing is embedded."""

from __future__ import annotations

from io import BytesIO
from typing import Any

# reportlab ships no type information (pyproject's mypy overrides do not list it yet).
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import getSampleStyleSheet  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cadenza.engagements.calendar import Entry
from cadenza.engagements.day_sheet import DaySheet

_STYLES = getSampleStyleSheet()


def _p(text: str, style: str = "BodyText") -> Paragraph:
    # Paragraph reads a little markup: the record's text must not be taken for it.
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(safe.replace("→", "to"), _STYLES[style])


def _time(entry: Entry) -> str:
    if entry.all_day:
        return "all day"
    if entry.approximate:
        return entry.approximate
    return f"{entry.starts:%H:%M} {entry.starts.tzname()}"


def _table(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _schedule(sheet: DaySheet) -> list[Flowable]:
    rows = [[_p(_time(e)), _p(e.label), _p(e.place)] for e in sheet.schedule]
    if not rows:
        return [_p("Nothing booked on this day.")]
    return [_table(rows, [38 * mm, 80 * mm, 56 * mm])]


def _booked(sheet: DaySheet) -> list[Flowable]:
    out: list[Flowable] = []
    for b in sheet.booked:
        e = b.engagement
        out.append(_p(e.title, "Heading3"))
        facts = [
            ("Venue", b.venue),
            ("Address", b.address),
            ("Presenter", str(e.presenter)),
            ("Contact", str(e.contact) if e.contact else ""),
            ("Concert dress", e.dress),
        ]
        out.append(_table([[_p(k), _p(v)] for k, v in facts if v], [38 * mm, 136 * mm]))
        for at, lines in b.concerts:
            title = f"Programme, from {at:%H:%M} {at.tzname()}" if at else "Programme"
            out.append(_p(title, "Heading4"))
            out.append(
                _table(
                    [
                        [
                            _p(f"{line.starts:%H:%M}" if line.starts else ""),
                            _p(line.title),
                            _p(
                                f"{line.minutes} min"
                                if line.minutes is not None
                                else "length unknown"
                            ),
                        ]
                        for line in lines
                    ]
                    or [[_p(""), _p("No programme yet."), _p("")]],
                    [20 * mm, 124 * mm, 30 * mm],
                )
            )
        if b.notes:
            out += [_p("Notes", "Heading4"), _p(b.notes)]
    return out


def _travel_and_hotel(sheet: DaySheet) -> list[Flowable]:
    out: list[Flowable] = []
    if sheet.legs:
        out.append(_p("Travel", "Heading2"))
        rows = [
            [
                _p(f"{leg.starts:%H:%M} {leg.starts.tzname()} {leg.origin}"),
                _p(f"{leg.ends:%a %d %b %H:%M} {leg.ends.tzname()} {leg.place}"),
                _p(leg.detail),
            ]
            for leg in sheet.legs
        ]
        out.append(_table(rows, [64 * mm, 70 * mm, 40 * mm]))
    if sheet.hotels:
        out.append(_p("Hotel", "Heading2"))
        rows = [
            [
                _p(h.name),
                _p(h.address),
                _p(f"{h.check_in:%d %b} to {h.check_out:%d %b} {h.reference}"),
            ]
            for h in sheet.hotels
        ]
        out.append(_table(rows, [54 * mm, 70 * mm, 50 * mm]))
    if sheet.notes:
        out += [_p("Notes", "Heading2"), *(_p(n) for n in sheet.notes)]
    return out


def day_sheet_pdf(sheet: DaySheet, *, compress: bool = True) -> bytes:
    """The PDF's bytes. `compress=False` leaves the text readable in the file (for tests)."""
    buffer = BytesIO()
    title = f"{sheet.artist}: {sheet.day:%A %d %B %Y}"
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Day sheet, {title}",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        invariant=0 if compress else 1,
        pageCompression=1 if compress else 0,
    )
    story: list[Flowable] = [_p(title, "Title"), _p("Schedule (local time)", "Heading2")]
    story += _schedule(sheet)
    story += [Spacer(1, 4 * mm), *_booked(sheet), *_travel_and_hotel(sheet)]
    document.build(story)
    return buffer.getvalue()
