"""Script, style, noscript and template content is never the article's text: a saved page
with code inside its heading, standfirst and answers reads as the same page without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interviews.importing import parse_article
from interviews.importing.html import read_html

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"
PAGE = (LAYOUTS / "01_html_bold_questions_fr.html").read_text(encoding="utf-8")
TITLE = "Sophie Marchand : « La sobriété numérique n’est pas une punition »"
# What ad, analytics and consent scripts put inside an article's elements.
CODE = {
    "script": "<script>window.googletag=window.googletag||{cmd:[]};"
    "googletag.cmd.push(function(){googletag.display('div-gpt-ad-1')});</script>",
    "style": "<style>.article-title{font-family:'Marianne',sans-serif}</style>",
    "noscript": '<noscript><img src="https://px.example/t.gif" alt="">'
    "Activez JavaScript pour voir ce contenu</noscript>",
    "template": "<template><p>Abonnez-vous pour lire la suite de cet entretien</p></template>",
}
LEAKS = ("googletag", "font-family", "Activez JavaScript", "Abonnez-vous", "{", "}")


def without_title_metadata(html: str) -> str:
    """The page with its heading as the only title: no <title>, no og:title."""
    html = re.sub(r"<title>.*?</title>", "", html)
    return re.sub(r'<meta property="og:title"[^>]*>', "", html)


def with_code(html: str, code: str) -> str:
    """``html`` with ``code`` inside its heading, its standfirst, a question and an answer."""
    html = html.replace("punition »</h1>", f"punition »{code}</h1>")
    html = html.replace(
        "avant sa conférence au Quai.</p>", f"avant sa conférence{code} au Quai.</p>"
    )
    html = html.replace("D’où vient-il ?</strong>", f"D’où vient-il ?</strong>{code}")
    html = html.replace("Elle a ses limites,", f"Elle a ses limites,{code}")
    assert html.count(code) == 4
    return html


def all_text(html: str) -> list[str]:
    article = parse_article(html, lang="fr")
    passages = [text for e in article.exchanges for text in (e.question, *e.answer)]
    return [article.title, article.standfirst, *passages]


@pytest.mark.parametrize("element", CODE)
def test_code_inside_the_heading_is_not_in_the_title(element):
    page = without_title_metadata(with_code(PAGE, CODE[element]))

    assert read_html(page).title == TITLE
    assert parse_article(page, lang="fr").title == TITLE


@pytest.mark.parametrize("element", CODE)
def test_code_anywhere_in_the_article_reads_as_the_page_without_it(element):
    clean = without_title_metadata(PAGE)

    read = all_text(with_code(clean, CODE[element]))

    assert read == all_text(clean)
    assert not [text for text in read if any(leak in text for leak in LEAKS)]


def test_code_keeps_each_paragraph_on_its_line_of_the_saved_file():
    page = with_code(PAGE, "".join(CODE.values()))

    lines = [paragraph.line for paragraph in read_html(page).paragraphs]

    assert lines == [paragraph.line for paragraph in read_html(PAGE).paragraphs]


def test_structured_data_in_the_body_still_gives_the_metadata():
    data = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "La sobriété numérique", '
        '"author": {"@type": "Person", "name": "Julien Perrot"}}</script>'
    )
    page = without_title_metadata(PAGE).replace("punition »</h1>", f"punition »{data}</h1>")

    read = read_html(page)

    assert read.byline == "Julien Perrot"
    assert "schema.org" not in " ".join(all_text(page))
