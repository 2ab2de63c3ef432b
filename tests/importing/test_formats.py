"""Files as editors receive them: Word and OpenDocument texts, legacy encodings, and the
invisible characters and odd spaces a copy leaves in a text."""

from __future__ import annotations

import codecs
import hashlib
import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from django.utils import translation

from interviews.importing import align_interview, parse_article, parse_sources
from interviews.importing.hygiene import one_line, tidy_text
from interviews.office import DOCX, ODT
from interviews.sources import SourceError, carried_source, decode_source, read_source

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"
WORD_FR = LAYOUTS / "20_word_bold_questions_fr.docx"
WRITER_EN = LAYOUTS / "20_word_bold_questions_en.odt"
NBSP, NNBSP = "\u00a0", "\u202f"


def exchanges(article) -> list[tuple[str, list[str]]]:
    return [(exchange.question, exchange.answer) for exchange in article.exchanges]


def word_file(*paragraphs: tuple[str, str]) -> bytes:
    """A .docx of ``(style, text)`` paragraphs; the style ``bold`` is a Normal one in bold."""
    document = docx.Document()
    for style, text in paragraphs:
        if style == "bold":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def refusal(data: bytes, filename: str, language: str = "en") -> str:
    with translation.override(language), pytest.raises(SourceError) as refused:
        decode_source(data, lang="fr", filename=filename)
    return str(refused.value)


# Word and OpenDocument


def test_a_word_file_with_bold_questions_imports_exactly():
    article = parse_sources([read_source(WORD_FR, lang="fr")])["fr"]

    assert (article.title, article.published_on, article.interviewees, article.interviewer) == (
        f"Camille Royer{NBSP}: «{NBSP}Les bibliothèques sont nos derniers lieux gratuits{NBSP}»",
        date(2023, 9, 12),
        ["Camille Royer"],
        "Hugo Lemaire",
    )
    assert article.standfirst.startswith("Conservatrice à la médiathèque de Vierzon")
    assert exchanges(article) == [
        (
            f"Pourquoi ouvrir le dimanche{NNBSP}?",
            [
                "Parce que c’est le jour où les familles sont disponibles. Nous avons essayé "
                f"pendant un an, et la fréquentation du dimanche a dépassé celle du samedi{NNBSP}!",
                f"Les étudiants viennent aussi travailler{NBSP}; certains restent de l’ouverture "
                "à la fermeture. Ils trouvent ici du wifi, des prises et une ambiance studieuse.",
            ],
        ),
        (
            f"Les élus ont-ils suivi{NNBSP}?",
            [
                "Pas tout de suite. Il a fallu montrer les chiffres, puis les lettres des usagers. "
                f"Une dame m’a écrit{NBSP}: «{NBSP}C’est le seul endroit où l’on me parle "
                f"encore{NBSP}»."
            ],
        ),
        (
            f"Que manque-t-il aujourd’hui{NNBSP}?",
            [
                "Du personnel. Nous tournons à six pour quarante heures d’ouverture par semaine, "
                "et les remplaçants sont rares.",
                "Mais je reste optimiste : les lecteurs sont là, et ils sont de plus en plus "
                "jeunes.",
            ],
        ),
    ]


def test_an_odt_translation_aligns_with_the_word_original():
    articles = parse_sources([read_source(WORD_FR, lang="fr"), read_source(WRITER_EN, lang="en")])

    aligned = align_interview(articles["fr"], articles["en"], original="fr")

    assert aligned.title["en"] == "Camille Royer: \u201cLibraries are our last free places\u201d"
    assert [exchange.question["en"] for exchange in aligned.exchanges] == [
        "Why open on Sundays?",
        "Did the councillors follow?",
        "What is missing today?",
    ]
    assert [len(exchange.answer["en"]) for exchange in aligned.exchanges] == [2, 1, 2]
    assert aligned.exchanges[1].answer["en"] == [
        "Not at once. We had to show the figures, then the users' letters. A lady wrote to me: "
        "\u201cIt is the only place where people still talk to me.\u201d"
    ]


@pytest.mark.parametrize(("path", "mime_type"), [(WORD_FR, DOCX), (WRITER_EN, ODT)])
def test_an_office_file_is_kept_as_its_paragraphs_with_its_name_and_hash(path, mime_type):
    source = read_source(path, lang="fr")

    assert source.content_type == "text/html"
    assert source.content.startswith("<!DOCTYPE html>")
    assert f'<meta name="source-type" content="{mime_type}">' in source.content
    assert f'<meta name="source-file" content="{path.name}">' in source.content
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert f'<meta name="source-sha256" content="{digest}">' in source.content


def test_the_kept_page_reads_back_as_itself_not_as_an_office_file():
    source = read_source(WORD_FR, lang="fr")

    carried = carried_source(source.content, "fr", WORD_FR.name)

    assert carried == source
    assert carried.sha256 == source.sha256


def test_an_office_file_is_recognised_by_its_content_whatever_its_name():
    word = decode_source(WORD_FR.read_bytes(), lang="fr", filename="x").content
    writer = decode_source(WRITER_EN.read_bytes(), lang="en", filename="x.bin").content

    assert f'<meta name="source-type" content="{DOCX}">' in word
    assert f'<meta name="source-type" content="{ODT}">' in writer


def test_a_heading_styled_question_and_a_bold_word_in_an_answer():
    data = word_file(
        ("Title", "Entretien avec Lou Marin : « Le théâtre est un sport »"),
        ("Normal", "La comédienne Lou Marin revient sur sa tournée."),
        ("Heading 2", "Comment vous préparez-vous ?"),
        ("Normal", "Je cours tous les matins, c’est vraiment indispensable."),
        ("Heading 2", "Et le trac ?"),
        ("Normal", "Il ne part jamais."),
    )
    document = docx.Document(io.BytesIO(data))
    document.paragraphs[3].runs[0].text = "Je cours tous les matins, c’est "
    document.paragraphs[3].add_run("vraiment").bold = True
    document.paragraphs[3].add_run(" indispensable.")
    out = io.BytesIO()
    document.save(out)

    source = decode_source(out.getvalue(), lang="fr", filename="marin.docx")

    assert "<h2><b>Comment vous préparez-vous ?</b></h2>" in source.content
    assert "c’est <b>vraiment</b> indispensable." in source.content
    assert exchanges(parse_article(source.content, lang="fr")) == [
        (
            "Comment vous préparez-vous ?",
            ["Je cours tous les matins, c’est vraiment indispensable."],
        ),
        ("Et le trac ?", ["Il ne part jamais."]),
    ]


def test_bold_inherited_from_a_character_style_counts():
    document = docx.Document()
    document.add_paragraph().add_run("Une question ?", style="Strong")
    out = io.BytesIO()
    document.save(out)

    source = decode_source(out.getvalue(), lang="fr", filename="q.docx")

    assert "<p><b>Une question ?</b></p>" in source.content


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (WORD_FR.read_bytes()[:4000], "cut.docx"),
        (b"Bonjour, ceci n'est pas un fichier Word.", "fake.docx"),
        (WORD_FR.read_bytes(), "word.odt"),
        (WRITER_EN.read_bytes(), "writer.docx"),
    ],
)
def test_a_damaged_office_file_is_refused_in_one_line(data, filename):
    assert refusal(data, filename) == (
        f"fr: {filename} cannot be read as a Word or OpenDocument text: the file is damaged or "
        "of another kind. Open it and save it again as .docx or .odt."
    )


def test_the_refusal_is_translated():
    assert refusal(b"PK\x03\x04 broken", "entretien.docx", "fr") == (
        f"fr{NBSP}: entretien.docx ne peut pas être lu comme un texte Word ou OpenDocument{NBSP}: "
        "le fichier est endommagé ou d’un autre type. Ouvrez-le et enregistrez-le de nouveau en "
        ".docx ou en .odt."
    )


def test_an_old_word_file_is_refused_with_what_to_do():
    assert refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 Word", "old.doc") == (
        "fr: old.doc is an older Word (.doc) or Office file: open it and save it as .docx or .odt."
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\0" * 101_000_000)

    assert "cannot be read as a Word" in refusal(out.getvalue(), "bomb.docx")


# Encodings


def test_a_windows_1252_text_imports_exactly():
    source = read_source(LAYOUTS / "21_windows_1252_fr.txt", lang="fr")
    article = parse_sources([source])["fr"]

    assert source.content.startswith(f"Entretien avec Paul Besnard{NBSP}: «{NBSP}Le cidre")
    assert (article.title, article.published_on, article.interviewer) == (
        f"«{NBSP}Le cidre a retrouvé sa place{NBSP}»",
        date(2022, 6, 4),
        "Anne Vasseur",
    )
    assert exchanges(article) == [
        (
            f"Comment se porte la filière{NBSP}?",
            [
                "Mieux qu’il y a dix ans. Les jeunes boivent du cidre en terrasse, ce qui était "
                f"impensable quand j’ai commencé{NBSP}!"
            ],
        ),
        (
            f"Et le climat{NBSP}?",
            [
                "C’est notre inquiétude. Les printemps secs fragilisent la floraison"
                f"{NBSP}; nous plantons."
            ],
        ),
    ]


def test_a_utf16_text_with_its_bom_imports_exactly():
    article = parse_sources([read_source(LAYOUTS / "22_utf16_bom_en.txt", lang="en")])["en"]

    assert article.title == '"Translators are the first readers"'
    assert exchanges(article) == [
        (
            "What makes a good translation?",
            ["One that the reader forgets. The voice must be the author's, not mine."],
        ),
        (
            "Do you read the book before translating it?",
            ["Always twice: once as a reader, once as a translator."],
        ),
    ]


TEXT = f"«{NBSP}L’été, où ça coûte 5 €{NNBSP}», dit-elle — Noël{NBSP}!"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),
        (TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), TEXT),
        (TEXT.encode("utf-32"), TEXT),
        (
            "« Café crème », dit-il – c’est l’œuvre".encode("cp1252"),
            "« Café crème », dit-il – c’est l’œuvre",
        ),
        ("Élisabeth à Noël, très tôt".encode("latin-1"), "Élisabeth à Noël, très tôt"),
        # Every byte is Latin-1, and 0x81 is the one undefined in Windows-1252.
        (b"caf\xe9 \x81", "café \x81"),
    ],
)
def test_common_encodings_are_decoded(data, expected):
    assert decode_source(data, lang="fr", filename="t.txt").content == expected


def test_utf8_is_never_read_as_windows_1252():
    # "Ã©" is valid Windows-1252 too: UTF-8 is tried first and wins.
    data = "dÃ©jà".encode()

    assert decode_source(data, lang="fr", filename="t.txt").content == "dÃ©jà"


def test_a_bom_that_lies_is_refused_with_where_it_stops_being_readable():
    assert refusal(b"\xff\xfeA", "odd.txt") == (
        "fr: odd.txt is not UTF-16 text as it says: it cannot be read from its start."
    )
    text = "Première ligne\r\n«\u00a0Deuxième\u00a0»\n\n".encode("utf-16-le")
    assert refusal(codecs.BOM_UTF16_LE + text + b"\x00", "odd.txt", "fr") == (
        "fr\u00a0: odd.txt n’est pas un texte en UTF-16 comme il l’annonce\u00a0: "
        "il est illisible après «\u00a0«\u00a0Deuxième\u00a0»\u00a0»."
    )
    long_line = " ".join(["mot"] * 40) + " fin"
    said = refusal(codecs.BOM_UTF16_LE + long_line.encode("utf-16-le") + b"\x00", "odd.txt")
    passage = said.split("after “", 1)[1].removesuffix("”.")
    assert passage.startswith("…mot ") and passage.endswith(" mot fin") and len(passage) <= 61


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("stu\u00addieuse", "studieuse"),
        ("data\u200bcenters \u200c\u200d\u2060ici\ufeff", "datacenters ici"),
        ("trop  d’espaces\t\tet   de tabulations", "trop d’espaces et de tabulations"),
        (
            "un\u2003cadratin, un\u2002demi, un\u3000idéogramme",
            "un cadratin, un demi, un idéogramme",
        ),
        (
            "Vraiment\u2009? «\u2009oui\u2009» ; non\u200a!",
            f"Vraiment{NNBSP}? «{NNBSP}oui{NNBSP}» ; non{NNBSP}!",
        ),
        ("10\u2007000 euros", f"10{NBSP}000 euros"),
        (
            f"«{NBSP}Oui{NBSP}» ; non{NNBSP}? Si{NBSP}! Donc{NNBSP}:",
            f"«{NBSP}Oui{NBSP}» ; non{NNBSP}? Si{NBSP}! Donc{NNBSP}:",
        ),
        (f"Sahara{NBSP}{NBSP}{NBSP}Rabat", f"Sahara{NBSP}{NBSP}{NBSP}Rabat"),
        ("ligne un\n\nligne deux", "ligne un\n\nligne deux"),
    ],
)
def test_hygiene(raw, tidy):
    assert tidy_text(raw) == tidy


def test_hygiene_applies_to_the_characters_of_html_entities():
    page = (LAYOUTS / "01_html_bold_questions_fr.html").read_text("utf-8")
    page = page.replace("Faut-il arrêter", "Faut-il&shy; ar&#8203;rêter").replace(
        "Non, et c’est", "Non,   et\u00a0c’est"
    )

    article = parse_article(page, lang="fr")

    assert article.exchanges[1].question == "Faut-il arrêter de regarder des vidéos en ligne ?"
    assert article.exchanges[1].answer[0].startswith(f"Non, et{NBSP}c’est tout le propos")


def test_a_paragraph_corrected_on_the_web_keeps_its_no_break_spaces():
    text = f"Vraiment{NNBSP}?\r\n  «{NBSP}Oui{NBSP}»,\tdit-elle."

    assert one_line(text) == f"Vraiment{NNBSP}? «{NBSP}Oui{NBSP}», dit-elle."


def test_no_break_spaces_of_a_saved_page_survive_extraction():
    page = (LAYOUTS / "01_html_bold_questions_fr.html").read_text("utf-8")
    page = page.replace("Et les pouvoirs publics ?", "Et les pouvoirs publics&#x202F;?").replace(
        "Sophie Marchand : « La", "Sophie Marchand&nbsp;: «\u00a0La"
    )

    article = parse_article(page, lang="fr")

    assert article.exchanges[3].question == f"Et les pouvoirs publics{NNBSP}?"
    assert article.title.startswith(f"Sophie Marchand{NBSP}: «{NBSP}La sobriété")
    assert [len(exchange.answer) for exchange in article.exchanges] == [2, 2, 2, 1]
