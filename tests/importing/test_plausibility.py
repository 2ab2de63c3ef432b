"""Whether a translation is one of its article: anchors compared across the languages,
scored exchange by exchange against a baseline of exchanges that do not face each other."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from django.utils import translation

from interviews.importing import align_interview, parse_article
from interviews.importing.anchors import anchors, cognate_keys, fold
from interviews.importing.plausibility import (
    DOUBTFUL_MARGIN,
    REFUSED_MARGIN,
    Verdict,
    assess_passages,
    plausibility_json,
)
from interviews.translation_check import doubt
from tests.importing.mismatched import SEED, gold_sources, swapped_english, unrelated_english

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"


def keys(text: str, lang: str, kind: str) -> set[str]:
    return {anchor.key for anchor in anchors(text, lang=lang) if anchor.kind == kind}


def aligned_pair(fr: str, en: str):
    return align_interview(
        parse_article(fr, lang="fr"), parse_article(en, lang="en"), original="fr"
    )


def seed(lang: str) -> str:
    return (SEED / f"{lang}.txt").read_text("utf-8")


def by_paragraph(french: list[str], english: list[str]):
    count = min(len(french), len(english))
    passages = [{"fr": [french[i]], "en": [english[i]]} for i in range(count)]
    return assess_passages(passages, original="fr", translation="en")


def test_numbers_compare_across_french_and_english_formats():
    french = "1 000,5 euros, 66,1 % et 2\u202f500 en 2024"
    english = "1,000.5 euros, 66.1% and 2,500 in 2024"
    assert keys(french, "fr", "numbers") == keys(english, "en", "numbers")
    assert keys(french, "fr", "numbers") == {"1000.5", "66.1", "2500", "2024"}


def test_integers_under_ten_are_not_anchors():
    assert keys("trois ou 3 fois", "fr", "numbers") == set()


def test_months_compare_by_number_across_the_languages():
    assert keys("le 16 nov. 2024, puis en juillet", "fr", "dates") == {"month 11", "month 7"}
    assert keys("on Nov. 16, 2024, then in July", "en", "dates") == {"month 11", "month 7"}


def test_may_the_verb_is_not_a_month():
    assert keys("We may go. It may rain in May 2024.", "en", "dates") == {"month 5"}


def test_names_are_capitalised_words_not_opening_a_sentence():
    names = keys("Le ministre. Nous avons vu Justin Trudeau à Ottawa.", "fr", "names")
    assert names == {"justin", "trudeau", "ottawa"}


def test_a_name_from_the_metadata_counts_even_opening_a_sentence():
    found = {a.key for a in anchors("Hale a dit oui.", lang="fr", names=["Marcus Hale"])}
    assert "hale" in found


def test_quoted_titles_and_web_addresses_are_anchors():
    text = "« Le Monde » et www.pm.gc.ca ou info@example.org"
    assert keys(text, "fr", "titles") == {"le monde"}
    assert keys(text, "fr", "links") == {"pm.gc.ca", "info@example.org"}


@pytest.mark.parametrize(
    ("french", "english"),
    [("gouvernement", "government"), ("publier", "published"), ("économie", "economy")],
)
def test_cognates_share_a_key(french, english):
    assert cognate_keys(fold(french)) & cognate_keys(fold(english))


def test_the_seed_translation_is_plausible():
    plausibility = aligned_pair(seed("fr"), seed("en")).plausibility

    assert plausibility.verdict is Verdict.PLAUSIBLE
    assert plausibility.least_plausible() == []
    assert "ANRT" in plausibility.of_kind("names").matched


def test_an_untranslated_import_is_not_judged():
    alone = align_interview(parse_article(seed("fr"), lang="fr"), None, original="fr")
    assert alone.plausibility is None


def test_a_text_too_short_to_judge_is_not_judged():
    plausibility = by_paragraph(["Oui."], ["Yes."])
    assert plausibility.verdict is Verdict.UNJUDGED


def test_an_unrelated_translation_of_the_same_shape_is_refused():
    plausibility = aligned_pair(seed("fr"), unrelated_english()).plausibility

    assert plausibility.verdict is Verdict.REFUSED
    assert "ANRT" in plausibility.of_kind("names").missing["fr"]


def test_exchanges_out_of_step_are_flagged_and_marked():
    english = swapped_english("What is the situation of 5G", "What changes are expected")
    plausibility = aligned_pair(seed("fr"), english).plausibility

    assert plausibility.verdict is Verdict.DOUBTFUL
    assert [passage.number for passage in plausibility.least_plausible()] == [3, 4]
    with translation.override("fr"):
        assert doubt(plausibility).endswith(" Vérifiez les échanges 3 et 4.")


def test_the_json_form_names_verdict_and_least_plausible_exchanges():
    english = swapped_english("What is the situation of 5G", "What changes are expected")
    data = plausibility_json(aligned_pair(seed("fr"), english).plausibility)

    assert data["verdict"] == "doubtful"
    assert data["least_plausible"] == [3, 4]
    assert [passage["number"] for passage in data["passages"]] == [0, 1, 2, 3, 4]


def real_pairs():
    """The real translations: every gold-set source and the test layouts' pairs."""
    pairs = {name: by_paragraph(fr, en) for name, (fr, en) in gold_sources().items()}
    for name in ("06_merged_paragraphs", "07_split_paragraph"):
        fr, en = ((LAYOUTS / f"{name}_{lang}.txt").read_text("utf-8") for lang in ("fr", "en"))
        pairs[name] = aligned_pair(fr, en).plausibility
    pairs["seed"] = aligned_pair(seed("fr"), seed("en")).plausibility
    return pairs


def mismatched_pairs():
    """Source A's French facing source B's English, trimmed to the shorter: 272 pairs,
    many of them on one subject (the federal statements on Indigenous Peoples Day)."""
    sources = gold_sources()
    return {
        (a, b): by_paragraph(sources[a][0], sources[b][1])
        for a, b in itertools.permutations(sources, 2)
    }


def margins(pairs) -> list[float]:
    """How far each pair's score rose above its baseline (pairs of one paragraph have none)."""
    return [p.score - p.baseline for p in pairs.values() if p.baseline is not None]


def test_real_translations_and_mismatched_pairs_are_kept_apart():
    """The separation measured when the thresholds were set: every real pair rose at least
    0.27 above its baseline, every mismatched pair at most 0.26; none real is refused, none
    mismatched passes."""
    real, mismatched = real_pairs(), mismatched_pairs()

    assert {p.verdict for p in real.values()} == {Verdict.PLAUSIBLE}
    assert min(margins(real)) >= 0.27 > DOUBTFUL_MARGIN
    assert max(margins(mismatched)) <= 0.265 == DOUBTFUL_MARGIN
    assert min(margins(real)) - REFUSED_MARGIN >= 0.13
    verdicts = [p.verdict for p in mismatched.values()]
    assert Verdict.PLAUSIBLE not in verdicts
    assert verdicts.count(Verdict.REFUSED) >= 0.95 * len(verdicts)
