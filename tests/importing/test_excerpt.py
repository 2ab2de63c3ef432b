from __future__ import annotations

from interviews.importing.hygiene import excerpt


def test_a_short_paragraph_is_quoted_whole_on_one_line():
    assert excerpt("Vous avez dit\nque tout changerait ?") == "Vous avez dit que tout changerait ?"


def test_a_long_paragraph_is_cut_on_a_word_boundary():
    text = "Vous avez dit que la transformation numérique serait achevée avant la fin de 2030."

    assert excerpt(text) == "Vous avez dit que la transformation numérique serait achevée…"


def test_the_cut_never_parts_a_word_from_its_french_punctuation():
    text = "x" * 48 + " maintenant\u202f? Parce que tout a changé."

    assert excerpt(text) == "x" * 48 + "…"
