"""A periodic report as .docx in the administrative layout of Nghị định 30/2020/NĐ-CP (authority and
national motto, number, place and date, title, a table of the figures, recipients and signature),
reusing the documents app's page set-up; PDF through LibreOffice is not needed: WeasyPrint renders
the same content from HTML."""

import io
from typing import Any

from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from weasyprint import HTML

from hoanhap.documents.drafts import MOTTO, IssuingBody, _authority
from hoanhap.documents.render import _line, _page, _para, _widths
from hoanhap.law.services import to_local_date
from hoanhap.lib.dates import today
from hoanhap.reports import indicators, services
from hoanhap.reports.models import IndicatorDefinition, Report


def _context(report: Report, *, suppress: bool) -> dict[str, Any]:
    commune = report.commune
    province = report.province.name
    if commune is not None:
        parent, body = _authority(IssuingBody.COMMUNE_POLICE, commune)
        place = commune.place_name
        recipients = [f"Công an tỉnh {province} (PC04)", f"UBND {commune.name}", "Lưu: VT"]
        signer = "TRƯỞNG CÔNG AN XÃ"
    else:
        parent, body = f"UBND TỈNH {province.upper()}", f"CÔNG AN TỈNH {province.upper()}"
        place = province
        recipients = ["Bộ Công an (C04)", f"UBND tỉnh {province}", "Lưu: VT"]
        signer = "GIÁM ĐỐC"
    day = to_local_date(report.submitted_at) if report.submitted_at else today()
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}

    def shown(n: int | None) -> str:
        value = indicators.shown(n, suppress=suppress)
        return "" if value is None else str(value)

    rows = []
    for index, (code, entry) in enumerate(services.entries(report)):
        d = definitions.get(code)
        value = indicators.Value(entry["numerator"], entry["denominator"])
        hidden = suppress and 0 < (entry["numerator"] or 0) < indicators.SMALL
        rows.append(
            [
                str(index + 1),
                d.name if d else code,
                shown(entry["numerator"]),
                shown(entry["denominator"]),
                "" if hidden or value.percent is None else f"{value.percent} %".replace(".", ","),
                f"{d.sign} {d.target:.0f} %" if d and d.target is not None else "",
                entry.get("reason", ""),
            ]
        )
    return {
        "authority": (parent, body),
        "number": "      /BC-CAX" if report.commune_id else "      /BC-CAT",
        "date_line": f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}",
        "title": "BÁO CÁO",
        "subject": (
            f"Kết quả công tác cai nghiện ma túy và quản lý sau cai nghiện "
            f"({report.get_kind_display().lower()} từ {report.period_start:%d/%m/%Y} "
            f"đến {report.period_end:%d/%m/%Y})"
        ),
        "header": ["TT", "Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ", "Mục tiêu", "Ghi chú"],
        "rows": rows,
        "recipients": recipients,
        "signer": signer,
        "hash": report.snapshot_sha256,
        "motto": MOTTO,
    }


def to_docx(report: Report, *, suppress: bool = False) -> bytes:
    c = _context(report, suppress=suppress)
    word = WordDocument()
    _page(word)
    head = word.add_table(rows=2, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    head.autofit = False
    _widths(head, Mm(70), Mm(95))
    left, right = head.rows[0].cells
    _line(left, c["authority"][0], size=13, first=True)
    _line(left, c["authority"][1], size=13, bold=True)
    _line(left, "―――――", size=10)
    _line(right, c["motto"][0], size=12, bold=True, first=True)
    _line(right, c["motto"][1], size=13, bold=True)
    _line(right, "――――――――――", size=10)
    _line(head.rows[1].cells[0], f"Số: {c['number']}", size=13, first=True)
    _line(head.rows[1].cells[1], c["date_line"], size=14, italic=True, first=True)
    _para(word, c["title"], bold=True, size=14, before=12)
    _para(word, c["subject"], bold=True, size=14, after=8)
    table = word.add_table(rows=1, cols=len(c["header"]))
    table.style = "Table Grid"
    table.autofit = False
    _widths(table, Mm(9), Mm(62), Mm(15), Mm(15), Mm(17), Mm(17), Mm(30))
    for cell, text in zip(table.rows[0].cells, c["header"], strict=True):
        _line(cell, text, size=11, bold=True, first=True)
    for row in c["rows"]:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if index in (1, 6) else WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).font.size = Pt(11)
    if c["hash"]:
        _para(
            word,
            f"Mã kiểm tra bản đã gửi (SHA-256): {c['hash']}",
            italic=True,
            size=9,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=6,
        )
    closing = word.add_table(rows=1, cols=2)
    closing.autofit = False
    _widths(closing, Mm(80), Mm(85))
    left, right = closing.rows[0].cells
    run = left.paragraphs[0].add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for recipient in c["recipients"]:
        left.add_paragraph().add_run(f"- {recipient}").font.size = Pt(11)
    _line(right, c["signer"], size=14, bold=True, first=True)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_pdf(report: Report, *, suppress: bool = False) -> bytes:
    html = render_to_string("reports/print.html", _context(report, suppress=suppress))
    return HTML(string=html).write_pdf()
