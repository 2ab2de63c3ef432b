"""Word (.docx) and OpenDocument (.odt) files: their paragraphs, as a small HTML page.

The page is what an import keeps of such a file (``SourceDocument.content`` is text): one
element per paragraph, headings as ``<h1>``/``<h2>`` and bold runs in ``<b>``, so that the
HTML reader sees the cues it reads on a web page (a paragraph all in bold, a heading) and
weighs them the same way. Its ``<head>`` names the file, its type and the SHA-256 of its
bytes, which are not kept; the kept source's own type is then text/html, which it is (and
the office types, 71 characters, would not fit ``SourceDocument.content_type``).
python-docx reads Word files, odfdo OpenDocument ones; both parse the package's XML with
lxml and resolve the styles a run inherits. Tables are read too, in document order: an
interview is often laid out as one (a speaker, then what is said). The one private name
used, python-docx's ``_Cell._tc``, tells a merged cell from its copies; the merged-cell test
of ``tests/importing/test_formats.py`` guards it.
"""

from __future__ import annotations

import hashlib
import html
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
import odfdo
from docx.document import Document as WordDocument
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph as WordParagraph

from .importing.exchanges import speaker_label

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
SUFFIXES = {".docx": DOCX, ".odt": ODT}
ZIP_MAGIC = b"PK\x03\x04"
# An OpenDocument table's own rows, in or out of their header and row groups.
ROWS = " | ".join(
    f"{group}table:table-row"
    for group in ("", "table:table-header-rows/", "table:table-rows/", "table:table-row-group/")
)
# An office file is zipped XML, ten to thirty times its size unpacked: more than this is a
# zip bomb, refused before anything is unpacked.
MAX_UNPACKED_RATIO = 100


class OfficeError(Exception):
    """A file that says it is a Word or OpenDocument text and cannot be read as one."""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool


@dataclass(frozen=True)
class Block:
    runs: list[Run]
    level: int = 0  # 1 for the title, 2 for a heading, 0 for a paragraph


def office_type(data: bytes, filename: str) -> str | None:
    """The MIME type of an office text ``data`` claims to be (by its name or its zip
    signature), or None for anything else."""
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "mimetype" in names and package.read("mimetype").strip() == ODT.encode():
                return ODT
    except zipfile.BadZipFile:
        return None
    return None


def office_page(data: bytes, *, filename: str, mime_type: str) -> str:
    """The HTML page kept for the office file ``data``; OfficeError when it is damaged or
    not of ``mime_type``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(member.file_size for member in package.infolist())
        if unpacked > MAX_UNPACKED_RATIO * max(len(data), 1_000_000):
            raise OfficeError(f"{unpacked} bytes unpacked")
        blocks = _word_blocks(data) if mime_type == DOCX else _writer_blocks(data)
    except OfficeError:
        raise
    except Exception as error:  # each library raises its own errors for a broken package
        raise OfficeError(str(error)) from error
    return _page(blocks, filename=filename, mime_type=mime_type, data=data)


def _page(blocks: list[Block], *, filename: str, mime_type: str, data: bytes) -> str:
    head = [
        '<meta charset="utf-8">',
        f'<meta name="source-file" content="{html.escape(filename)}">',
        f'<meta name="source-type" content="{mime_type}">',
        f'<meta name="source-sha256" content="{hashlib.sha256(data).hexdigest()}">',
    ]
    # One element a line: the HTML reader's line numbers then count paragraphs.
    body = [_element(block) for block in blocks if _text(block)]
    # In an <article>: main-content extraction keeps its headings, dropped from a bare body.
    page = ["<!DOCTYPE html>", "<html>", "<head>", *head, "</head>", "<body>", "<article>"]
    return "\n".join([*page, *body, "</article>", "</body>", "</html>", ""])


def _element(block: Block) -> str:
    tag = f"h{block.level}" if block.level else "p"
    inner = "".join(
        f"<b>{html.escape(run.text)}</b>"
        if run.bold and run.text.strip()
        else html.escape(run.text)
        for run in block.runs
    )
    return f"<{tag}>{inner}</{tag}>"


def _word_blocks(data: bytes) -> list[Block]:
    document: WordDocument = docx.Document(io.BytesIO(data))
    return list(_word_content(document))


def _word_content(container: WordDocument | _Cell) -> Iterator[Block]:
    """The paragraphs of ``container`` in document order, those of its tables included."""
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield from _word_table(item)
        else:
            yield Block(list(_word_runs(item)), level=_word_level(item))


def _word_table(table: Table) -> Iterator[Block]:
    seen = set()  # the elements themselves: lxml keeps one proxy per element while it lives
    for row in table.rows:
        cells = []
        for cell in row.cells:
            # python-docx gives a merged cell once per grid position it covers, each time as
            # a new object over the same <w:tc> element: its only identity.
            if cell._tc not in seen:
                seen.add(cell._tc)
                cells.append(list(_word_content(cell)))
        yield from _row_blocks(cells)


def _row_blocks(cells: list[list[Block]]) -> list[Block]:
    """A table's row, each cell's paragraphs in turn (a cell merged over several columns
    or rows is given once). A row of two cells, a speaker label (a name, "Q.") then what is
    said, reads as that text under its label ("Name: text"), as an interview laid out in a
    table would be written without one."""
    cells = [blocks for blocks in ([b for b in cell if _text(b)] for cell in cells) if blocks]
    if len(cells) == 2 and len(cells[0]) == 1:
        label, (first, *rest) = cells[0][0], cells[1]
        labelled = Block([*label.runs, Run(_glue(_text(label)), False), *first.runs])
        # The parser's own idea of a label: a name, an outlet, "Q." or "Réponse".
        if speaker_label(_text(labelled)):
            return [labelled, *rest]
    return [block for blocks in cells for block in blocks]


def _glue(label: str) -> str:
    return " " if label.rstrip()[-1:] in (".", ":", "–", "—", "-") else ": "


def _text(block: Block) -> str:
    return "".join(run.text for run in block.runs)


def _word_runs(paragraph: WordParagraph) -> Iterator[Run]:
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        for run in runs:
            bold = run.bold
            if bold is None:  # inherited: from the run's character style, then the paragraph's
                bold = _style_bold(run.style) or _style_bold(paragraph.style)
            yield Run(run.text, bool(bold))


def _style_bold(style: BaseStyle | None) -> bool | None:
    while style is not None:
        bold = getattr(getattr(style, "font", None), "bold", None)
        if bold is not None:
            return bool(bold)
        style = getattr(style, "base_style", None)
    return None


def _word_level(paragraph: WordParagraph) -> int:
    # Word stores its built-in styles under their English names, whatever the UI language.
    name = ((paragraph.style.name if paragraph.style is not None else "") or "").lower()
    if name.startswith("title"):
        return 1
    return 2 if name.startswith("heading") else 0


def _writer_blocks(data: bytes) -> list[Block]:
    document = odfdo.Document(io.BytesIO(data))
    if document.get_type() != "text":
        raise OfficeError(f"an OpenDocument {document.get_type()}, not a text")
    return list(_writer_content(document, document.body))


def _writer_content(document: odfdo.Document, container: odfdo.Element) -> Iterator[Block]:
    """The paragraphs and headings in ``container``, in document order, through sections,
    lists and tables (a paragraph inside a paragraph, a note's, is read with the paragraph
    that holds it)."""
    for element in container.children:
        if element.tag in ("text:p", "text:h"):
            level = 0
            if element.tag == "text:h":
                level = 1 if element.get_attribute_integer("text:outline-level") in (None, 1) else 2
            style = element.get_attribute_string("text:style-name")
            bold = _writer_bold(document, "paragraph", style) or False
            yield Block(list(_writer_runs(document, element, bold)), level=level)
        elif element.tag == "table:table":
            # Covered cells (the rest of a merged one) are table:covered-table-cell.
            for row in _elements(element.xpath(ROWS)):
                cells = _elements(row.xpath("table:table-cell"))
                yield from _row_blocks([list(_writer_content(document, cell)) for cell in cells])
        else:
            yield from _writer_content(document, element)


def _elements(found: list) -> list[odfdo.Element]:
    # An XPath of elements finds only elements (odfdo's type allows text results too).
    return [item for item in found if isinstance(item, odfdo.Element)]


def _writer_runs(document: odfdo.Document, element: odfdo.Element, bold: bool) -> Iterator[Run]:
    """The text of ``element`` in runs, each bold or not as its innermost styled span is."""
    if element.tag == "text:span":
        style = element.get_attribute_string("text:style-name")
        inherited = _writer_bold(document, "text", style)
        bold = bold if inherited is None else inherited
    if element.tag == "text:s":
        yield Run(" " * (element.get_attribute_integer("text:c") or 1), bold)
    elif element.tag == "text:tab":
        yield Run("\t", bold)
    elif element.tag == "text:line-break":
        yield Run("\n", bold)
    elif element.tag == "text:note":
        return  # a footnote is not part of the paragraph's text
    elif element.text:
        yield Run(element.text, bold)
    for child in element.children:
        yield from _writer_runs(document, child, bold)
        if child.tail:
            yield Run(child.tail, bold)


def _writer_bold(document: odfdo.Document, family: str, name: str | None) -> bool | None:
    """Whether the style ``name`` (or one it inherits from) sets bold, None if none says."""
    seen: set[str] = set()
    while name and name not in seen:
        seen.add(name)
        style = document.get_style(family, name)
        if style is None:
            return None
        weight = (document.get_style_properties(family, name, area="text") or {}).get(
            "fo:font-weight"
        )
        if isinstance(weight, str) and weight:
            return weight == "bold" or (weight.isdigit() and int(weight) >= 600)
        name = getattr(style, "parent_style", None)
    return None
