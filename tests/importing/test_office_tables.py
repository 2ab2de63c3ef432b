"""Interviews laid out as tables in Word and OpenDocument files: a speaker table (who |
what is said) reads as its exchanges, any other table keeps every cell, in order."""

from __future__ import annotations

import io

import docx
import odfdo
import pytest

from interviews.importing import parse_article
from interviews.sources import decode_source

from .test_formats import exchanges


def word_table_file(
    rows: list[tuple[str, ...]], *, merge_first_column: tuple[int, int] | None = None
) -> bytes:
    """A .docx: a title and a standfirst, then a table of ``rows`` (a cell's blank lines
    split it into paragraphs); ``merge_first_column=(a, b)`` merges its rows a to b."""
    document = docx.Document()
    document.add_paragraph("Camille Royer : « Les bibliothèques restent ouvertes »", "Title")
    document.add_paragraph("Conservatrice à Vierzon, elle raconte l’ouverture du dimanche.")
    table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
    for index, cells in enumerate(rows):
        for column, text in enumerate(cells):
            cell = table.cell(index, column)
            first, *more = text.split("\n\n")
            cell.text = first
            for paragraph in more:
                cell.add_paragraph(paragraph)
    if merge_first_column:
        top, bottom = merge_first_column
        table.cell(top, 0).merge(table.cell(bottom, 0))
    document.add_paragraph("Son livre paraît le 4 octobre.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def writer_table_file(rows: list[tuple[str, ...]]) -> bytes:
    """The same as ``word_table_file``, as an OpenDocument text."""
    document = odfdo.Document("text")
    document.body.clear()
    document.body.append(odfdo.Header(1, "Camille Royer : « Les bibliothèques restent ouvertes »"))
    document.body.append(odfdo.Paragraph("Conservatrice à Vierzon, elle raconte le dimanche."))
    table = odfdo.Table("entretien")
    for cells in rows:
        row = odfdo.Row()
        for text in cells:
            cell = odfdo.Cell()
            for paragraph in text.split("\n\n"):
                cell.append(odfdo.Paragraph(paragraph))
            row.append_cell(cell)
        table.append_row(row)
    document.body.append(table)
    document.body.append(odfdo.Paragraph("Son livre paraît le 4 octobre."))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


TABLE_FILES = pytest.mark.parametrize(
    ("table_file", "filename"),
    [(word_table_file, "t.docx"), (writer_table_file, "t.odt")],
    ids=["word", "writer"],
)


@TABLE_FILES
def test_an_interview_laid_out_as_a_speaker_table_imports_exactly(table_file, filename):
    data = table_file(
        [
            ("Le Monde", "Pourquoi ouvrir le dimanche ?"),
            ("Camille Royer", "Parce que les familles sont libres.\n\nLes étudiants aussi."),
            ("Le Monde", "Les élus ont-ils suivi ?"),
            ("Camille Royer", "Pas tout de suite. Il a fallu montrer les chiffres."),
        ]
    )

    source = decode_source(data, lang="fr", filename=filename)
    article = parse_article(source.content, lang="fr")

    assert exchanges(article) == [
        (
            "Pourquoi ouvrir le dimanche ?",
            ["Parce que les familles sont libres.", "Les étudiants aussi."],
        ),
        (
            "Les élus ont-ils suivi ?",
            [
                "Pas tout de suite. Il a fallu montrer les chiffres.",
                "Son livre paraît le 4 octobre.",
            ],
        ),
    ]
    assert article.interviewees == ["Camille Royer"]


def test_a_merged_label_cell_is_read_once_and_labels_each_row_it_spans_only_once():
    data = word_table_file(
        [
            ("Q.", "Pourquoi ouvrir le dimanche ?"),
            ("R.", "Parce que les familles sont libres."),
            ("", "Les étudiants viennent aussi."),
            ("Q.", "Les élus ont-ils suivi ?"),
            ("R.", "Pas tout de suite."),
        ],
        merge_first_column=(1, 2),
    )

    content = decode_source(data, lang="fr", filename="t.docx").content

    assert content.count("R.") == 2
    assert exchanges(parse_article(content, lang="fr"))[0] == (
        "Pourquoi ouvrir le dimanche ?",
        ["Parce que les familles sont libres.", "Les étudiants viennent aussi."],
    )


@TABLE_FILES
def test_a_table_that_is_no_speaker_table_keeps_every_cell_in_order(table_file, filename):
    data = table_file([("Année", "Entrées", "Prêts"), ("2022", "41 000\n\nen hausse")])

    content = decode_source(data, lang="fr", filename=filename).content

    paragraphs = [line for line in content.splitlines() if line.startswith("<p>")]
    assert paragraphs[1:-1] == [
        f"<p>{text}</p>" for text in ("Année", "Entrées", "Prêts", "2022", "41 000", "en hausse")
    ]
