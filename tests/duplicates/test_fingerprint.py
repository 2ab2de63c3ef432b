"""The text fingerprint: the words in order, whatever the spacing, case and typography."""

from __future__ import annotations

from interviews.duplicates import text_fingerprint


def test_spacing_case_and_punctuation_do_not_change_the_fingerprint():
    assert text_fingerprint(["Le portail  unique,\r\n", "« oui » !"]) == text_fingerprint(
        ["le PORTAIL unique", '"Oui"!']
    )


def test_soft_hyphens_and_zero_width_characters_split_no_word():
    assert text_fingerprint(["archi\u00adtec\u200bture"]) == text_fingerprint(["architecture"])


def test_french_non_breaking_spaces_are_spaces():
    assert text_fingerprint(["Pourquoi\u202f? «\u00a0oui\u00a0»"]) == text_fingerprint(
        ["Pourquoi ? « oui »"]
    )


def test_other_words_or_another_order_is_another_text():
    assert text_fingerprint(["le portail unique"]) != text_fingerprint(["le portail commun"])
    assert text_fingerprint(["unique portail"]) != text_fingerprint(["portail unique"])


def test_a_text_without_words_has_no_fingerprint():
    assert text_fingerprint([" … ", ""]) == ""
