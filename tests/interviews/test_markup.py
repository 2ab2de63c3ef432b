from __future__ import annotations

from interviews.markup import SentenceSpan, passage_html


def test_passage_html_escapes_the_text():
    assert passage_html("<b>a & b</b>") == "&lt;b&gt;a &amp; b&lt;/b&gt;"


def test_passage_html_wraps_each_sentence_with_its_group():
    text = "Oui. Non !"
    html = passage_html(text, sentences=[SentenceSpan(0, 4, "g0"), SentenceSpan(5, 10, "g1")])
    assert html == (
        '<span class="s" data-group="g0" tabindex="0">Oui.</span> '
        '<span class="s" data-group="g1" tabindex="0">Non !</span>'
    )


def test_a_mark_across_two_sentences_is_closed_and_reopened_at_the_edge():
    text = "Un deux. Trois quatre."
    html = passage_html(text, sentences=[SentenceSpan(0, 8), SentenceSpan(9, 22)], marks=[(3, 14)])
    assert html == (
        '<span class="s">Un <mark>deux.</mark></span><mark> </mark>'
        '<span class="s"><mark>Trois</mark> quatre.</span>'
    )


def test_emphasised_sentences_are_marked_as_aligned_and_not_focusable():
    html = passage_html(
        "Yes. No.", sentences=[SentenceSpan(0, 4), SentenceSpan(5, 8, emphasised=True)]
    )
    assert html == '<span class="s">Yes.</span> <span class="s s--aligned">No.</span>'


def test_french_typography_survives_markup_unchanged():
    text = "Il a dit\u00a0: «\u00a0C’est fini\u202f!\u00a0»"
    html = passage_html(text, sentences=[SentenceSpan(0, len(text), "g")])
    assert text.replace("’", "’") in html
