from __future__ import annotations

from interviews.diffing import word_diff


def test_word_diff_marks_removed_and_added_words():
    assert word_diff("le chat noir", "le chien noir") == "le <del>chat</del><ins>chien</ins> noir"


def test_word_diff_of_equal_texts_has_no_marks():
    assert word_diff("Oui, bien sûr.", "Oui, bien sûr.") == "Oui, bien sûr."


def test_word_diff_escapes_the_texts():
    html = word_diff("<b>a</b>", "<script>alert(1)</script>")
    assert "<b>" not in html
    assert "<script" not in html
    assert html.count("&lt;") == 2


def test_word_diff_keeps_paragraph_breaks():
    assert word_diff("un\n\ndeux", "un\n\ntrois") == "un\n\n<del>deux</del><ins>trois</ins>"


def test_word_diff_shows_a_change_of_several_words_as_one():
    html = word_diff("des data centers accessibles", "des centres de données accessibles")
    assert html == "des <del>data centers</del><ins>centres de données</ins> accessibles"


def test_word_diff_cuts_long_unchanged_text_around_the_change():
    words = " ".join(f"w{n}" for n in range(100))
    html = word_diff(f"{words} old {words}", f"{words} new {words}", context=3)
    assert html == "… w97 w98 w99 <del>old</del><ins>new</ins> w0 w1 w2 …"


def test_word_diff_can_keep_all_the_unchanged_text():
    words = " ".join(f"w{n}" for n in range(100))
    assert word_diff(f"{words} old", f"{words} new", context=None).startswith(words)
