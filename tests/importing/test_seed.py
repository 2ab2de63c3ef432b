"""The seed interview, parsed from the raw files an editor was handed, must come out exactly
as the archive's fixture has it."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from interviews.importing import align_interview, parse_article, to_json_dict

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "fixtures" / "seed"
SITE_NOISE = [
    "Merci d'avoir signalé",
    "Cette image sera automatiquement bloquée",
    "Cliquez ici pour lire l'article depuis sa source",
    "Le Sénégal réitère son soutien",  # first headline of the aggregator's ticker
    "Bank of Africa lance",  # a headline in the middle of the ticker
    "Publié dans",
    "Interview avec",
]
STANDFIRST_FR = (
    "Le lancement de la nouvelle stratégie « Maroc Digital 2030 » a introduit d'importantes "
    "mesures incitatives pour encourager l'innovation et dynamiser le développement des "
    "startups. Redouane El Haloui, président de la Fédération des Technologies de "
    "l'Information, de la Télécommunication et de l'Offshoring (APEBI), met en lumière les "
    "clés du changement et forge une vision éclairée pour cette transformation."
)


def parsed(lang: str):
    return parse_article(
        (SEED / f"{lang}.txt").read_text(encoding="utf-8"), lang=lang, filename=f"{lang}.txt"
    )


def seed():
    return align_interview(parsed("fr"), parsed("en"), original="fr")


def seed_json() -> dict:
    return to_json_dict(seed())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_seed_copies_are_the_source_documents_of_the_fixture(lang):
    """fixtures/seed holds the raw files the fixture keeps verbatim, byte for byte."""
    fixture = json.loads((REPO / "fixtures" / "seed.json").read_text(encoding="utf-8"))
    (source,) = [
        row["fields"]
        for row in fixture
        if row["model"] == "interviews.sourcedocument" and row["fields"]["lang"] == lang
    ]
    raw = (SEED / f"{lang}.txt").read_bytes()
    assert raw.decode("utf-8") == source["content"]
    assert hashlib.sha256(raw).hexdigest() == source["sha256"]


def test_seed_languages_are_detected():
    detected = [
        parse_article((SEED / f"{lang}.txt").read_text(encoding="utf-8")).lang
        for lang in ("fr", "en")
    ]

    assert detected == ["fr", "en"]


def test_seed_titles():
    assert seed_json()["title"] == {
        "fr": "« Nous allons établir des data centers accessibles à tous »",
        "en": "“We are going to establish data centers accessible to all”",
    }


def test_seed_standfirsts():
    assert seed_json()["standfirst"] == {"fr": STANDFIRST_FR, "en": ""}


def test_seed_outlet_is_written_as_found():
    assert seed_json()["outlet"] == "L'opinion"


def test_seed_publication_date():
    assert seed().published_on == date(2024, 10, 5)


def test_seed_interviewee():
    assert seed_json()["interviewees"] == ["Redouane El Haloui"]


def test_seed_has_four_exchanges_with_2_5_3_3_answer_paragraphs_on_both_sides():
    sizes = [
        (len(exchange["answer"]["fr"]), len(exchange["answer"]["en"]))
        for exchange in seed_json()["exchanges"]
    ]

    assert sizes == [(2, 2), (5, 5), (3, 3), (3, 3)]


def test_seed_questions_lose_their_markers():
    assert [exchange["question"] for exchange in seed_json()["exchanges"]] == [
        {
            "fr": "D'importantes initiatives ont été entreprises pour encourager l'innovation "
            "dans le cadre de Digital Morocco 2030. Quels axes transversaux ont été identifiés "
            "pour le développement au Maroc ?",
            "en": "Important initiatives have been undertaken to encourage innovation within the "
            "framework of Digital Morocco 2030. What transversal axes have been identified for "
            "development in Morocco?",
        },
        {
            "fr": "Comment le Maroc compte soutenir l'exportation et la transformation des "
            "entreprises ?",
            "en": "How does Morocco intend to support exports and business transformation?",
        },
        {
            "fr": "Quelle est la situation de la 5G dans le cadre du développement de "
            "l'infrastructure numérique ?",
            "en": "What is the situation of 5G in the context of digital infrastructure "
            "development?",
        },
        {
            "fr": "Quels changements sont attendus pour la modernisation de l'administration "
            "publique ?",
            "en": "What changes are expected for the modernization of public administration?",
        },
    ]


@pytest.mark.parametrize(
    ("exchange", "lang", "paragraph", "start", "end"),
    [
        (0, "fr", 0, "Nous avons identifié plusieurs axes", "dans le secteur IT."),
        (0, "en", 1, "However, we also have a multitude", "in the market is high."),
        (1, "fr", 4, "En soutenant cette approche, le Royaume", "innovante et durable."),
        (1, "en", 0, "It is vital that Morocco has managed", "on external markets."),
        (2, "fr", 2, "L'objectif principal de cette collaboration", "la scène internationale."),
        (3, "en", 2, "In addition, it is proposed to set up", "administration for all."),
    ],
)
def test_seed_answer_paragraphs_are_kept_whole(exchange, lang, paragraph, start, end):
    text = seed_json()["exchanges"][exchange]["answer"][lang][paragraph]

    assert (text[: len(start)], text[-len(end) :]) == (start, end)


def test_seed_keeps_french_typography():
    answer = seed_json()["exchanges"][2]["answer"]["fr"][0]

    assert "mettre en œuvre des initiatives" in answer


@pytest.mark.parametrize("noise", SITE_NOISE)
def test_seed_has_no_site_noise(noise):
    assert noise not in json.dumps(seed_json(), ensure_ascii=False)


def test_seed_matches_the_archive_fixture():
    fixture = json.loads((REPO / "fixtures" / "seed.json").read_text(encoding="utf-8"))
    interview = next(o["fields"] for o in fixture if o["model"] == "interviews.interview")
    exchanges = [o["fields"] for o in fixture if o["model"] == "interviews.exchange"]
    data = seed_json()

    assert [(data["title"][lang], data["standfirst"][lang]) for lang in ("fr", "en")] + [
        (exchange["question"][lang], "\n\n".join(exchange["answer"][lang]))
        for exchange in data["exchanges"]
        for lang in ("fr", "en")
    ] == [
        (interview[f"title_{lang}"], interview[f"standfirst_{lang}"]) for lang in ("fr", "en")
    ] + [
        (exchange[f"question_{lang}"], exchange[f"answer_{lang}"])
        for exchange in exchanges
        for lang in ("fr", "en")
    ]
