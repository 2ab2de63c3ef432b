from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from interviews.importing.html import looks_like_html, read_html

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"
PAGE = (LAYOUTS / "01_html_bold_questions_fr.html").read_text(encoding="utf-8")
ANSWER = (
    "Nous avons commencé par écouter les habitants, quartier par quartier, pendant un an. "
    "Ce travail a changé notre manière de voir les priorités de la ville."
)


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def texts(html: str) -> list[str]:
    return [paragraph.text for paragraph in read_html(html).paragraphs]


@pytest.mark.parametrize(
    "chrome",
    [
        "Accueil",
        "Partager sur Facebook",
        "Lire aussi",
        "newsletter",
        "Tous droits réservés",
        "Les plus lus",
        "Cholet : un incendie",
    ],
)
def test_read_html_leaves_site_chrome_out(chrome):
    assert not any(chrome in text for text in texts(PAGE))


def test_read_html_keeps_article_paragraphs():
    assert "Et les pouvoirs publics ?" in texts(PAGE)


def test_read_html_flags_paragraphs_in_bold_type():
    bold = [paragraph.text for paragraph in read_html(PAGE).paragraphs if paragraph.bold]

    assert bold == [
        "Votre livre s’ouvre sur un chiffre : le numérique représenterait 4 % des émissions "
        "mondiales de gaz à effet de serre. D’où vient-il ?",
        "Faut-il arrêter de regarder des vidéos en ligne ?",
        "Les entreprises ont-elles pris la mesure du sujet ?",
        "Et les pouvoirs publics ?",
    ]


def test_read_html_does_not_flag_a_paragraph_with_one_bold_word():
    html = page(f"<p>Pourquoi ?</p><p>Parce que <b>tout</b> a changé. {ANSWER}</p>")

    assert not any(paragraph.bold for paragraph in read_html(html).paragraphs)


def test_read_html_gives_each_paragraph_its_line_in_the_page():
    paragraphs = read_html(PAGE).paragraphs
    lines = PAGE.split("\n")

    assert all(paragraph.text[:30] in lines[paragraph.line - 1] for paragraph in paragraphs)


def test_read_html_reads_title_site_name_and_url_from_metadata():
    result = read_html(PAGE)

    assert (result.title, result.outlet, result.source_url) == (
        "Sophie Marchand : « La sobriété numérique n’est pas une punition »",
        "Le Courrier de l'Ouest",
        "https://www.courrier-ouest.example/economie/sophie-marchand-sobriete-numerique",
    )


def test_read_html_reads_published_time_metadata():
    assert read_html(PAGE).published_on == date(2024, 3, 14)


def test_read_html_reads_time_datetime():
    html = page(
        f'<p><time datetime="2013-10-24T12:41:00+02:00">24 octobre</time></p>'
        f"<p>Pourquoi ?</p><p>{ANSWER}</p><p>Comment ?</p><p>{ANSWER}</p>"
    )

    assert read_html(html).published_on == date(2013, 10, 24)


def test_read_html_keeps_byline_for_the_interviewer():
    assert read_html(PAGE).byline == "Propos recueillis par Julien Perrot"


@pytest.mark.parametrize(
    "text", ["<!DOCTYPE html><html>", "<html lang='fr'>", "<article><p>Bonjour</p></article>"]
)
def test_looks_like_html_recognises_pages(text):
    assert looks_like_html(text)


def test_looks_like_html_rejects_plain_text_with_angle_brackets():
    assert not looks_like_html("Le taux est passé de <5 % à >7 % en un an.")
