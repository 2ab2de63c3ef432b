from __future__ import annotations

from pathlib import Path

import pytest

from interviews.importing.boilerplate import is_chrome, strip_boilerplate

SEED_FR = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "fr.txt"


def test_strip_boilerplate_removes_headline_ticker():
    ticker = SEED_FR.read_text(encoding="utf-8").split("\n")[0]

    assert strip_boilerplate([ticker]) == [""]


def test_strip_boilerplate_removes_bulleted_headline_ticker():
    ticker = " • ".join(
        f"Headline number {n} about something that happened today" for n in range(8)
    )

    assert strip_boilerplate([ticker]) == [""]


@pytest.mark.parametrize(
    "line",
    [
        "Merci d'avoir signalé!",
        "Cette image sera automatiquement bloquée après qu'elle soit signalée par plusieurs "
        "personnes.",
        "Thank you for reporting!",
        "This image will be automatically blocked after it is reported by several people.",
    ],
)
def test_strip_boilerplate_removes_image_report_notices(line):
    assert strip_boilerplate([line]) == [""]


@pytest.mark.parametrize(
    "line",
    [
        "Cliquez ici pour lire l'article depuis sa source.",
        "Click here to read the article from its source.",
        "https://www.lopinion.ma/Interview-avec-Redouane-El-Haloui_a58400.html",
    ],
)
def test_strip_boilerplate_removes_links_to_the_source(line):
    assert strip_boilerplate([line]) == [""]


@pytest.mark.parametrize(
    "line",
    [
        "Partager",
        "Partager sur Facebook",
        "Share on X",
        "Facebook Twitter LinkedIn WhatsApp",
        "Envoyer par e-mail",
        "Imprimer",
    ],
)
def test_strip_boilerplate_removes_share_buttons(line):
    assert strip_boilerplate([line]) == [""]


@pytest.mark.parametrize(
    "line",
    [
        "Inscrivez-vous à notre newsletter",
        "Recevez chaque matin notre newsletter Économie",
        "Sign up for our daily newsletter",
        "Abonnez-vous pour lire la suite",
        "Déjà abonné ? Se connecter",
        "Cet article est réservé aux abonnés.",
    ],
)
def test_strip_boilerplate_removes_newsletter_and_subscription_prompts(line):
    assert strip_boilerplate([line]) == [""]


@pytest.mark.parametrize(
    "line",
    [
        "Lire aussi : Data centers, la course à l’énergie",
        "À lire aussi",
        "Read more: Why heat waves kill in silence",
        "Related articles",
        "Sur le même sujet",
    ],
)
def test_strip_boilerplate_removes_cross_links(line):
    assert strip_boilerplate([line]) == [""]


@pytest.mark.parametrize(
    "line",
    [
        "Nous utilisons des cookies pour améliorer votre expérience.",
        "We use cookies to give you the best experience.",
        "Tout accepter",
        "Accept all cookies",
    ],
)
def test_strip_boilerplate_removes_cookie_banners(line):
    assert strip_boilerplate([line]) == [""]


@pytest.mark.parametrize(
    "line", ["Accueil", "Menu", "Accueil › Économie › Entretien", "Home > World", "Back to top"]
)
def test_strip_boilerplate_removes_navigation(line):
    assert strip_boilerplate([line]) == [""]


@pytest.mark.parametrize(
    "line",
    [
        "© 2024 Le Courrier de l'Ouest – Tous droits réservés",
        "Copyright 2024 The Daily Example. All rights reserved.",
        "Mentions légales | Gestion des cookies | Contact",
        "Privacy policy",
    ],
)
def test_strip_boilerplate_removes_footers(line):
    assert strip_boilerplate([line]) == [""]


def test_strip_boilerplate_keeps_every_line_at_its_number():
    lines = ["Partager", "« Un titre »", "", "Accueil", "Une réponse."]

    assert strip_boilerplate(lines) == ["", "« Un titre »", "", "", "Une réponse."]


def test_strip_boilerplate_keeps_prose_that_mentions_chrome_words():
    line = (
        "Nous avons lancé une newsletter et supprimé les cookies publicitaires : partager "
        "l’information sans pister les lecteurs, c’est possible."
    )

    assert strip_boilerplate([line]) == [line]


@pytest.mark.parametrize(
    "line", ["Et la France ?", "Contact avec les élus locaux, d’abord.", "Plus que jamais."]
)
def test_is_chrome_keeps_short_interview_lines(line):
    assert not is_chrome(line)
