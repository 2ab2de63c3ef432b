from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seed"
SITE_NOISE = [
    "Merci d'avoir signalé",
    "Cette image sera automatiquement bloquée",
    "Cliquez ici pour lire l'article depuis sa source",
    "Le Sénégal réitère son soutien",  # first headline of the aggregator's ticker
    "Publié dans",
]

pytestmark = pytest.mark.django_db


def reader_fields(interview) -> list[str]:
    texts = [
        interview.title_fr,
        interview.title_en,
        interview.standfirst_fr,
        interview.standfirst_en,
        interview.outlet.name,
    ]
    for exchange in interview.exchanges.all():
        texts += [
            exchange.question_fr,
            exchange.question_en,
            exchange.answer_fr,
            exchange.answer_en,
        ]
    return texts


def test_seed_has_its_metadata(seed):
    assert seed.outlet.name == "L'Opinion"
    assert seed.published_on == date(2024, 10, 5)
    assert [p.name for p in seed.interviewees.all()] == ["Redouane El Haloui"]
    assert "APEBI" in seed.interviewees.get().role_fr
    assert seed.original_language == "fr"
    assert seed.is_published


def test_seed_titles_keep_french_and_english_typography(seed):
    assert seed.title_fr == "« Nous allons établir des data centers accessibles à tous »"
    assert seed.title_en == "“We are going to establish data centers accessible to all”"
    assert seed.standfirst_fr.startswith("Le lancement de la nouvelle stratégie « Maroc Digital")


def test_seed_has_four_exchanges_aligned_paragraph_by_paragraph(seed):
    exchanges = list(seed.exchanges.all())
    assert [e.position for e in exchanges] == [1, 2, 3, 4]
    assert [len(e.paragraphs("fr")) for e in exchanges] == [2, 5, 3, 3]
    assert [len(e.paragraphs("en")) for e in exchanges] == [2, 5, 3, 3]
    assert exchanges[0].question_fr.startswith("D'importantes initiatives")
    assert exchanges[0].question_en.startswith("Important initiatives")
    assert exchanges[3].paragraphs("fr")[1].startswith("Un élément particulièrement intéressant")
    assert exchanges[3].paragraphs("en")[1].startswith("A particularly interesting element")


def test_seed_question_markers_are_not_stored(seed):
    for exchange in seed.exchanges.all():
        assert exchange.question_fr[0] not in "-–—"
        assert exchange.question_en[0] not in "-–—"


@pytest.mark.parametrize("noise", SITE_NOISE)
def test_seed_has_no_site_noise_in_any_field(seed, noise):
    assert not any(noise in text for text in reader_fields(seed))


def test_seed_keeps_both_raw_files_verbatim(seed):
    sources = {source.lang: source for source in seed.sources.all()}
    for lang, path in [("fr", SEEDS / "fr.txt"), ("en", SEEDS / "en.txt")]:
        raw = path.read_bytes().decode("utf-8")
        assert sources[lang].content == raw
        assert sources[lang].sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()
