from __future__ import annotations

import random
import unicodedata

import numpy as np
import pytest

from search.analysis import ANALYZERS, fold, highlight
from search.edits import edit_distance, edit_distances, term_codes
from search.spelling import Nearby, Vocabulary


def terms(text: str, lang: str = "fr") -> list[str]:
    return [token.text for token in ANALYZERS[lang](text)]


def spans(text: str, lang: str = "fr") -> list[str]:
    """The original text each token points at."""
    return [text[t.startchar : t.endchar] for t in ANALYZERS[lang](text, chars=True)]


def test_fold_removes_accents_ligatures_and_curly_apostrophes():
    assert fold("Œuvre numérique l’été, Æsope") == "Oeuvre numerique l'ete, Aesope"


def test_ascii_text_has_nothing_to_fold():
    """``fold`` gives ASCII text back as it is, without decomposing it: no ASCII character
    decomposes or combines, and beside a letter that does (which takes ``fold`` through
    its whole work) each comes out as it went in."""
    for character in map(chr, range(128)):
        assert unicodedata.normalize("NFKD", character) == character
        assert not unicodedata.combining(character)
        assert fold(character) == character
        assert fold(character + "é") == character + "e"
    assert fold("Numerique, l'ete; O'Connor's 2024!") == "Numerique, l'ete; O'Connor's 2024!"


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘", "ʼ"])
def test_french_elision_is_dropped_whatever_the_apostrophe(apostrophe):
    assert terms(f"l{apostrophe}outsourcing") == ["outsourcing"]


def test_elisions_of_every_kind_are_dropped():
    words = "d’importantes qu’il j’ai n’est s’exporter c’est m’a t’a jusqu’ici lorsqu’on"
    assert terms(words) == terms("importantes il ai est exporter est a a ici on")


def test_elided_word_points_at_the_word_without_its_elision():
    assert spans("Portée à l’outsourcing") == ["Portée", "à", "outsourcing"]


def test_english_possessive_is_dropped_and_the_word_keeps_its_place():
    assert terms("Morocco’s", "en") == terms("Morocco", "en")
    assert spans("Morocco’s strategy", "en") == ["Morocco", "strategy"]


@pytest.mark.parametrize(
    ("accented", "plain"),
    [
        ("numérique", "numerique"),
        ("NUMÉRIQUE", "numerique"),
        ("capacités", "capacites"),
        ("sécurité", "securite"),
        ("première", "premiere"),
        ("premières", "premieres"),
        ("entièrement", "entierement"),
        ("exportée", "exportee"),
        ("exportées", "exportees"),
        ("œuvre", "oeuvre"),
    ],
)
def test_a_word_with_or_without_accents_gives_the_same_term(accented, plain):
    assert terms(accented) == terms(plain)


def test_decomposed_accents_stay_inside_the_word():
    assert terms("e\u0301conomie") == terms("économie")


def test_inflections_share_a_stem():
    assert len(set(terms("exportations exportation exporter exportées"))) == 1


def test_capacity_nouns_keep_their_stem_with_or_without_accents():
    assert terms("capacité capacités capacite") == [terms("capacité")[0]] * 3


def test_guillemets_and_narrow_spaces_separate_words():
    assert terms("«\u00a0portail\u202funique\u2009»") == terms("portail unique")


def test_stop_words_are_kept_in_the_index():
    assert terms("accessibles à tous") == ["accessibl", "a", "tous"]


def test_english_words_are_stemmed():
    assert terms("businesses exports", "en") == terms("business export", "en")


@pytest.mark.parametrize(
    ("lang", "together", "apart"),
    [
        # Whoosh's port of an older Snowball made "ad" of "added" and "emerg" of
        # "emergency"; and in French "cal" of the town of Calais, and left "bijoux" apart.
        ("en", "added adding add", "ad"),
        ("en", "emergency emergencies", "emerge"),
        ("fr", "bijoux bijou", "bijouterie"),
        ("fr", "Calais calais", "cal"),
    ],
)
def test_words_are_stemmed_by_snowballs_own_stemmers(lang, together, apart):
    """The stems are those of the Snowball project's own stemmers (PyStemmer)."""
    assert len(set(terms(together, lang))) == 1
    assert terms(apart, lang)[0] != terms(together, lang)[0]


def test_highlight_marks_the_original_accented_word():
    text = "l’export numérique et NUMÉRIQUES"
    assert highlight(text, "fr", set(terms("numerique"))) == (
        "l’export <mark>numérique</mark> et <mark>NUMÉRIQUES</mark>"
    )


def test_highlight_marks_an_elided_word_without_its_elision():
    assert highlight("portée à l’outsourcing", "fr", {"outsourcing"}) == (
        "portée à l’<mark>outsourcing</mark>"
    )


def test_highlight_marks_a_phrase_as_one_span():
    text = "Nous allons établir des data centers accessibles à tous, au service"
    phrase = terms("data centers accessibles à tous")
    assert highlight(text, "fr", set(), [phrase]) == (
        "Nous allons établir des <mark>data centers accessibles à tous</mark>, au service"
    )


def test_highlight_leaves_phrase_words_alone_outside_the_phrase():
    text = "de la stratégie, de la nation"
    assert highlight(text, "fr", set(), [terms("la stratégie")]) == (
        "de <mark>la stratégie</mark>, de la nation"
    )


def test_highlight_escapes_html():
    assert highlight("<b>numérique</b> & co", "fr", {"numer"}) == (
        "&lt;b&gt;<mark>numérique</mark>&lt;/b&gt; &amp; co"
    )


def distances(a: str, b: str, limit: int) -> tuple[int, int]:
    """From ``a`` to ``b``, one by one and among many at once."""
    many = edit_distances(a, term_codes([b], len(b)), np.array([len(b)]), limit)
    return edit_distance(a, b, limit), int(many[0])


def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit():
    assert distances("portial", "portail", 3) == (1, 1)


def test_edit_distance_stops_above_the_limit():
    assert distances("numerik", "portail", 2) == (3, 3)


def nearest(terms: list[tuple[str, int]], term: str) -> list[str]:
    return [nearby.term for nearby in Vocabulary(terms).nearest(term)]


def test_vocabulary_finds_the_stem_of_a_misspelt_word():
    assert nearest([("numer", 3), ("portail", 2)], terms("numerik")[0]) == ["numer"]


def test_vocabulary_prefers_a_swap_of_letters_to_a_lost_letter():
    assert nearest([("portal", 9), ("portail", 1)], "portial") == ["portail", "portal"]


def test_vocabulary_prefers_the_more_frequent_of_equally_close_terms():
    assert nearest([("partail", 1), ("portail", 5)], "pertail") == ["portail", "partail"]


def test_vocabulary_leaves_out_far_terms_and_the_term_itself():
    assert nearest([("portail", 1), ("guichet", 1)], "portail") == []


def test_vocabulary_adds_up_the_frequencies_of_terms_added_twice():
    vocabulary = Vocabulary([("partail", 4), ("portail", 3)])
    vocabulary.add([("portail", 2)])
    assert [nearby.term for nearby in vocabulary.nearest("pertail")] == ["portail", "partail"]


def test_vocabulary_forgets_a_term_once_every_addition_is_taken_back():
    vocabulary = Vocabulary([("portail", 3), ("partail", 1)])
    vocabulary.add([("portail", 2)])
    vocabulary.remove([("portail", 3)])
    assert [nearby.term for nearby in vocabulary.nearest("pertail")] == ["portail", "partail"]
    vocabulary.remove([("portail", 2)])
    assert [nearby.term for nearby in vocabulary.nearest("pertail")] == ["partail"]


def reference_nearest(terms: dict[str, int], term: str) -> list[Nearby]:
    """Every term compared one by one, as the suggester did (and the PostgreSQL backend
    still does with its few candidates)."""
    if len(term) < 3:
        return []
    limit = 1 if len(term) <= 4 else 2 if len(term) <= 6 else 3
    return sorted(
        Nearby(distance, abs(len(candidate) - len(term)), -frequency, candidate)
        for candidate, frequency in terms.items()
        if candidate[0] == term[0] and abs(len(candidate) - len(term)) <= limit
        if 0 < (distance := edit_distance(term, candidate, limit)) <= limit
    )


def misspelt(word: str, rng: random.Random) -> str:
    letters = list(word)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(1, max(2, len(letters)))
        match rng.randrange(4):
            case 0 if len(letters) > 2:
                del letters[min(at, len(letters) - 1)]
            case 1:
                letters.insert(at, rng.choice("aeiouéçnrst"))
            case 2 if at < len(letters):
                letters[at] = rng.choice("aeiouéçnrst")
            case 3 if at + 1 < len(letters):
                letters[at], letters[at + 1] = letters[at + 1], letters[at]
    return "".join(letters)


def test_vocabulary_finds_what_comparing_every_term_one_by_one_finds():
    rng = random.Random(2024)
    terms = {
        rng.choice("cps") + "".join(rng.choice("aeiounrstlé") for _ in range(rng.randint(1, 12))): (
            rng.randint(1, 40)
        )
        for _ in range(3000)
    }
    vocabulary = Vocabulary(terms.items())
    # Terms taken back and added again, as segments leave and join the index.
    gone = list(terms)[:300]
    vocabulary.remove((term, terms.pop(term)) for term in gone)
    vocabulary.add((term, 2) for term in gone[:100])
    terms |= dict.fromkeys(gone[:100], 2)
    words = [misspelt(rng.choice(list(terms)), rng) for _ in range(200)]
    expected = [reference_nearest(terms, word) for word in words]
    assert sum(map(bool, expected)) > 100
    assert [vocabulary.nearest(word) for word in words] == expected
