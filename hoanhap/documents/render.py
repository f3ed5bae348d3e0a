"""Render a ``Draft`` to .docx (python-docx) and .pdf (WeasyPrint) in the layout of Nghị định 30/2020/NĐ-CP
Phụ lục I: A4, margins 20/20/30/15 mm, Times New Roman 13–14, the authority and national motto side by
side, number and date line, centred title, signature block on the right and distribution on the left."""

import io
import re

from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from weasyprint import HTML

from hoanhap.documents.drafts import MOTTO, Draft

FONT = "Times New Roman"
_ARTICLE = re.compile(r"^(Điều \d+\.)\s*(.*)$", re.S)


def to_docx(draft: Draft) -> bytes:
    word = WordDocument()
    _page(word)
    header = word.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.autofit = False
    _widths(header, Mm(70), Mm(95))
    parent, body = draft.authority
    left, right = header.rows[0].cells
    if parent:
        _line(left, parent, size=13, first=True)
    _line(left, body, size=13, bold=True, first=not parent)
    _line(left, "―――――", size=10)
    _line(right, MOTTO[0], size=12, bold=True, first=True)
    _line(right, MOTTO[1], size=13, bold=True)
    _line(right, "――――――――――", size=10)
    _line(header.rows[1].cells[0], f"Số: {draft.number}", size=13, first=True)
    _line(header.rows[1].cells[1], draft.date_line, size=14, italic=True, first=True)
    _para(word, draft.title, bold=True, size=14, before=12)
    _para(word, draft.subject, bold=True, size=14)
    if draft.preamble:
        _para(word, draft.preamble, bold=True, size=14, before=12, after=6)
    for basis in draft.bases:
        _para(word, basis, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    if draft.decides:
        _para(word, f"{draft.title}:", bold=True, size=14, before=6, after=6)
    else:
        _para(word, "", after=6)
    for article in draft.articles:
        _article(word, article)
    _closing(word, draft)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _widths(table, *widths) -> None:
    """Word reads cell widths, LibreOffice the grid: set both."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _page(word) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = word.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)


def _line(cell: _Cell, text: str, *, size: int, bold=False, italic=False, first=False) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _para(
    word,
    text,
    *,
    bold=False,
    italic=False,
    size=14,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    before=0,
    after=0,
    indent=False,
):
    paragraph = word.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after or 3)
    if indent:
        fmt.first_line_indent = Mm(12)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _article(word, text: str) -> None:
    paragraph = _para(word, "", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    match = _ARTICLE.match(text)
    if match:
        head = paragraph.add_run(match.group(1) + " ")
        head.bold, head.font.size = True, Pt(14)
        text = match.group(2)
    paragraph.add_run(text).font.size = Pt(14)


def _closing(word, draft: Draft) -> None:
    table = word.add_table(rows=1, cols=2)
    table.autofit = False
    _widths(table, Mm(80), Mm(85))
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    run = first.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for recipient in draft.recipients:
        left.add_paragraph().add_run(f"- {recipient}").font.size = Pt(11)
    _line(right, draft.signer_title, size=14, bold=True, first=True)
    for _blank in range(4):
        right.add_paragraph()
    _line(right, draft.signer_name, size=14, bold=True)


def preview_pdf(draft: Draft) -> bytes:
    """The draft as the signer would read it before it takes a number, marked as such."""
    return to_pdf(draft.as_preview())


def to_pdf(draft: Draft) -> bytes:
    articles = []
    for text in draft.articles:
        match = _ARTICLE.match(text)
        articles.append((match.group(1), match.group(2)) if match else ("", text))
    html = render_to_string("documents/official.html", {"d": draft, "motto": MOTTO, "articles": articles})
    return HTML(string=html).write_pdf()
