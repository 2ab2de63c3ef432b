"""The search page explains its syntax and what it understood, and attributes each hit
(issue 16, part 2: each test would have caught one of its "Why" points)."""

from __future__ import annotations

import html
import re

import pytest
from lxml import html as lxml_html

from tests.factories import make_interview, make_outlet, make_person
from tests.search.test_search_page import hit_articles, page, rebuild

pytestmark = pytest.mark.django_db


def text_of(fragment: str) -> str:
    """The text a reader sees, every run of spaces (no-break ones too) as one."""
    return " ".join(lxml_html.fromstring(fragment).text_content().split())


def marked(fragment: str) -> list[str]:
    return [html.unescape(word) for word in re.findall(r"<mark>(.*?)</mark>", fragment)]


def interview_saying(fr: str, en: str = "") -> None:
    """An interview of one exchange whose answer is ``fr`` and ``en``, indexed."""
    interview = make_interview(exchanges=1, paragraphs=1)
    interview.exchanges.update(answer_fr=fr, answer_en=en)
    rebuild()


def translation(article: str) -> str:
    found = re.search(r'<blockquote [^>]*class="hit__translation".*?</blockquote>', article, re.S)
    assert found
    return found.group()


def original(article: str) -> str:
    found = re.search(r'<blockquote [^>]*class="hit__text".*?</blockquote>', article, re.S)
    assert found
    return found.group()


# The syntax, documented next to the box


@pytest.mark.parametrize(
    ("site", "heading", "minus"),
    [("fr", "Comment écrire une recherche", "sans le mot"), ("en", "How to write", "without")],
)
def test_the_syntax_is_documented_under_the_box_in_each_language(client, db, site, heading, minus):
    help_text = text_of(re.search(r"<details.*?</details>", page(client, site), re.S).group())
    assert heading in help_text
    assert minus in help_text
    for example in ('"portail unique"', "portail -unique", "portai*", "portail OR guichet"):
        assert example in help_text


# "portail AND (OR" gave "0 passage" with no hint


@pytest.mark.parametrize(
    ("site", "note"),
    [
        ("fr", "Un guillemet n’est pas fermé"),
        ("en", "A quotation mark is not closed"),
    ],
)
def test_an_unclosed_quote_is_read_to_the_end_and_said(client, indexed_seed, site, note):
    text = text_of(page(client, site, q='"portail AND (OR'))
    assert note in text
    assert '"portail AND OR"' in text


@pytest.mark.parametrize(
    ("site", "note"),
    [("fr", "AND demande quelque chose à chercher"), ("en", "AND needs something to search")],
)
def test_a_dangling_operator_is_left_out_and_said(client, indexed_seed, site, note):
    response = page(client, site, q="portail AND (OR")
    assert note in text_of(response)
    assert hit_articles(response)


def test_a_query_read_with_a_fix_opens_the_syntax_help(client, indexed_seed):
    assert '<details class="search-syntax" open>' in page(client, "en", q="portail AND")
    assert '<details class="search-syntax">' in page(client, "en", q="portail")


def test_the_reading_of_a_query_is_shown_where_it_is_not_what_was_typed(client, indexed_seed):
    assert "(portail unique) OR numérique" in text_of(
        page(client, "en", q="portail unique OR numérique")
    )
    assert "Searched for" not in text_of(page(client, "en", q="portail unique"))


# "-portail" returned what "portail" returns


@pytest.mark.parametrize(
    ("site", "message"),
    [
        ("fr", "-portail dit seulement quoi exclure"),
        ("en", "-portail only says what to leave out"),
    ],
)
def test_excluding_only_is_explained_not_searched(client, indexed_seed, site, message):
    response = page(client, site, q="-portail")
    assert message in text_of(response)
    assert not hit_articles(response)


# "portail -unique" returned what "portail" returns


def test_minus_word_leaves_out_the_passages_that_hold_it(client, db):
    interview_saying("Un portail unique.")
    interview_saying("Le portail des services.")
    assert len(hit_articles(page(client, "en", q="portail", lang="fr"))) == 2
    (article,) = hit_articles(page(client, "en", q="portail -unique", lang="fr"))
    assert text_of(original(article)) == "Le portail des services."


# "portai*" highlighted "portée"


def test_prefix_highlights_only_the_words_beginning_with_it(client, db):
    interview_saying("La portée du portail et des portails.")
    (article,) = hit_articles(page(client, "en", q="portai*", lang="fr"))
    assert marked(original(article)) == ["portail", "portails"]


@pytest.mark.parametrize(
    ("site", "message"),
    [("fr", "« p* » est trop court"), ("en", "“p*” is too short")],
)
def test_a_prefix_too_short_is_explained(client, indexed_seed, site, message):
    assert message in text_of(page(client, site, q="p*"))


# A hit said "title · échange 4, paragraphe 2 · date": no speaker, no outlet


def attribution(article: str) -> str:
    found = re.search(r'<p class="hit__attribution">.*?</p>', article, re.S)
    assert found
    return text_of(found.group())


def test_an_answer_is_attributed_to_the_interviewee_with_the_outlet_and_date(client, indexed_seed):
    article = hit_articles(page(client, "en", q='"portail unique"'))[0]
    # (then the seed's draft English translation is labelled as such)
    assert attribution(article).split(" · ")[:3] == [
        "Redouane El Haloui",
        "L'Opinion",
        "Oct. 5, 2024",
    ]


def test_a_question_is_attributed_to_the_interviewer(client, db):
    make_interview(
        exchanges=1,
        interviewer=make_person("Anne Questionneuse"),
        interviewees=[make_person("Bruno Répondant")],
        outlet=make_outlet("Le Quotidien"),
    )
    rebuild()
    articles = hit_articles(page(client, "en", q="question", lang="en"))
    assert [attribution(article).split(" · ")[:2] for article in articles] == [
        ["Anne Questionneuse", "Le Quotidien"]
    ]


def test_an_unnamed_interviewer_s_question_is_the_outlet_s(client, db):
    make_interview(exchanges=1, outlet=make_outlet("Le Quotidien"))
    rebuild()
    (article,) = hit_articles(page(client, "en", q="question", lang="en"))
    assert attribution(article).startswith("Le Quotidien · Le Quotidien")


# The query words were not highlighted in the translation beside a hit


def test_query_words_are_marked_in_the_translation_too(client, indexed_seed):
    article = hit_articles(page(client, "en", q="outsourcing", lang="fr"))[0]
    assert "outsourcing" in marked(original(article))[0].lower()
    assert "outsourcing" in [word.lower() for word in marked(translation(article))]


def test_the_translation_is_marked_with_its_own_language_analysis(client, db):
    """ "exportations" is searched in French and, stemmed as English, marks "exports"."""
    interview_saying("Les exportations du Maroc.", "Morocco's exports.")
    (article,) = hit_articles(page(client, "en", q="exportations", lang="fr"))
    assert marked(original(article)) == ["exportations"]
    assert marked(translation(article)) == ["exports"]
