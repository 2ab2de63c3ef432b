"""The realistic corpus has the statistics it claims (wordfreq is in the bench extra only,
hence these tests live here, run by ``make bench``)."""

from __future__ import annotations

import re
from functools import cache

import pytest

from benchmarks import query_mix, realistic

SEED = 2024
SIZE = 1000


@cache
def statistics() -> realistic.PassageStatistics:
    return realistic.passage_statistics(SIZE, SEED)


@cache
def mix() -> dict[str, str]:
    return {bench.name: bench.text for bench in query_mix.realistic_mix(SIZE, SEED)}


def _text(item) -> str:
    return " ".join(
        text
        for exchange in item.exchanges
        for lang in realistic.LANGS
        for text in (exchange.question[lang], *exchange.answer[lang])
    )


def test_realistic_corpus_is_the_same_for_the_same_seed():
    assert list(realistic.generate(2, 7)) == list(realistic.generate(2, 7))
    assert list(realistic.generate(2, 7)) != list(realistic.generate(2, 8))


def test_a_smaller_realistic_corpus_is_the_start_of_a_larger_one():
    assert list(realistic.generate(3, SEED)) == list(realistic.generate(5, SEED))[:3]


def test_realistic_interviews_have_the_recombined_corpus_shape():
    interviews = list(realistic.generate(20, SEED))
    exchanges = [exchange for interview in interviews for exchange in interview.exchanges]
    paragraphs = [len(exchange.answer["fr"]) for exchange in exchanges]
    assert 7 <= len(exchanges) / len(interviews) <= 9
    assert 3 <= sum(paragraphs) / len(paragraphs) <= 5
    assert all(len(e.answer["fr"]) == len(e.answer["en"]) for e in exchanges)


@pytest.mark.parametrize("lang", realistic.LANGS)
def test_each_language_holds_tens_of_thousands_of_words_at_1k(lang):
    assert (statistics().frequencies[lang] > 0).sum() >= 30_000


@pytest.mark.parametrize("lang", realistic.LANGS)
def test_most_words_are_rare_as_in_real_text(lang):
    held = statistics().frequencies[lang]
    assert (held[held > 0] <= 10).mean() > 0.6


@pytest.mark.parametrize(("lang", "word"), [("fr", "de"), ("en", "the")])
def test_the_commonest_word_is_in_most_passages(lang, word):
    word_id = realistic.lexicon(lang).words.index(word)
    assert statistics().frequencies[lang][word_id] > 0.5 * statistics().passages


def test_the_rare_query_word_is_in_a_handful_of_passages():
    counts = query_mix.term_counts(statistics())
    assert 1 <= counts.hits(mix()["rare term"]) <= 10


def test_the_frequent_query_word_is_in_a_hundred_times_more_passages_than_the_rare():
    counts = query_mix.term_counts(statistics())
    assert counts.hits(mix()["frequent term"]) >= 100 * counts.hits(mix()["rare term"])


def test_the_quoted_phrase_of_the_mix_is_in_the_corpus():
    phrase = mix()["quoted phrase with stop words"].strip('"')
    assert phrase in _text(next(realistic.generate(1, SEED))).lower()


def test_the_misspelt_query_word_is_in_no_passage():
    counts = query_mix.term_counts(statistics())
    assert counts.hits(mix()["misspelt (no hits: the suggester)"]) == 0


def test_texts_hold_names_and_numbers_in_both_languages():
    item = next(realistic.generate(1, SEED))
    surnames = {name.split(" ", 1)[1] for name, _fr, _en in realistic.people()}
    for lang in realistic.LANGS:
        text = " ".join(
            paragraph for exchange in item.exchanges for paragraph in exchange.answer[lang]
        )
        assert re.search(r"\b(19[5-9]\d|20[0-2]\d)\b", text)
        assert any(surname in text for surname in surnames)


def test_french_elisions_are_written_with_their_word():
    text = _text(next(realistic.generate(3, SEED)))
    assert re.search(r"\b[ld]’[aeiouéh]", text)
    assert not re.search(r"\b[ld] [aeiou]", text)


def test_the_people_interviewed_have_distinct_names():
    names = [name for name, _fr, _en in realistic.people()]
    assert len(set(names)) == len(names) == realistic.PEOPLE
