"""The array evaluation of queries finds exactly what Whoosh's own matchers find, with the
same scores, on an index of several segments with deletions.

This is the guard of ``search/backends/whoosh/internals/`` (see its note): what is read
through it, and scored as arrays, must agree with Whoosh's public ``Searcher``."""

from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import query

from search.analysis import LANGUAGES, STOP_TERMS
from search.backends.whoosh import WhooshBackend, matching
from search.backends.whoosh.matching import Scorer
from search.backends.whoosh.query import ParsedQuery
from search.backends.whoosh.segments import SegmentCache
from search.documents import QueryError
from tests.search_engine.corpus import UNITS, make_document, seed_documents
from tests.search_engine.helpers import delete, index

QUERIES = [
    "portail",
    "numerique",
    "services publics",
    "data OR portail",
    "innovation NOT startups",
    "(transition OR transformation) numérique",
    "l’outsourcing",
    "exportations",
    '"data centers accessibles à tous"',
    '"des data centers"',
    '"de la"',
    '"à tous" portail',
    '"single portal"',
    '"accessible to all"',
    "Redouane",
    "NOT startups innovation",
    "portail -unique",
    "numéri*",
    "portai* OR outsourc*",
    "serv* -(publics OR public)",
]


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """The seed's documents and 300 made of its sentences, written in four commits (four
    segments), some deleted afterwards."""
    sentences = [text for unit in UNITS.values() for text in unit.values() if text]
    rng = random.Random(7)
    backend = WhooshBackend(tmp_path_factory.mktemp("index"))
    index(backend, seed_documents())
    for batch in range(3):
        index(
            backend,
            [
                make_document(
                    " ".join(rng.sample(sentences, 2)),
                    " ".join(rng.sample(sentences, 2)),
                    interview=f"interview-{batch}-{number % 7}",
                )
                for number in range(100)
            ],
        )
    delete(backend, "interview-1-3")
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def searcher(backend):
    """Whoosh's own searcher of the backend's live index."""
    searcher = backend.generations.open(backend.generations.current()).searcher()
    yield searcher
    searcher.close()


def _found(searcher, q):
    """Global document number -> score, by the array evaluation."""
    found = {}
    for segment, subsearcher, offset in SegmentCache().segments(searcher):
        matches = Scorer(segment, subsearcher, searcher).matches(q)
        alive = segment.alive()
        mask = matches.mask & alive if alive is not None else matches.mask
        found |= {int(d) + offset: float(matches.scores[d]) for d in np.flatnonzero(mask)}
    return found


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_arrays_match_what_whoosh_matches(searcher, text, lang):
    q = ParsedQuery(text, (lang,)).by_lang[lang]
    assert len(searcher.reader().leaf_readers()) > 1
    assert set(_found(searcher, q)) == set(searcher.docs_for_query(q))


def expanded(searcher, q):
    """``q`` with each prefix as the Or of the terms it begins, which Whoosh scores."""
    if isinstance(q, query.Prefix):
        terms = searcher.reader().expand_prefix(q.fieldname, q.text)
        return query.Or([query.Term(q.fieldname, term) for term in terms])
    return q.apply(lambda child: expanded(searcher, child))


@pytest.mark.parametrize("text", [text for text in QUERIES if '"' not in text])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_arrays_score_as_whoosh_scores(searcher, text, lang):
    q = ParsedQuery(text, (lang,)).by_lang[lang]
    whoosh = {hit.docnum: hit.score for hit in searcher.search(expanded(searcher, q), limit=None)}
    found = _found(searcher, q)
    assert found.keys() == whoosh.keys()
    assert found == pytest.approx(whoosh, rel=1e-9)


def test_a_prefix_scores_as_the_terms_it_begins(searcher):
    q = query.Prefix("text_fr", "port")
    whoosh = {hit.docnum: hit.score for hit in searcher.search(expanded(searcher, q), limit=None)}
    assert len(list(searcher.reader().expand_prefix("text_fr", "port"))) > 1
    assert _found(searcher, q) == pytest.approx(whoosh, rel=1e-9)


def test_a_prefix_that_begins_too_many_terms_is_refused(searcher, monkeypatch):
    monkeypatch.setattr(matching, "MAX_PREFIX_WORDS", 1)
    with pytest.raises(QueryError) as raised:
        _found(searcher, query.Prefix("text_fr", "port"))
    assert raised.value.problem.code == "prefix_too_common"


def test_a_phrase_scores_as_its_words_that_are_not_stop_words(searcher):
    phrase = ParsedQuery('"data centers accessibles à tous"', ("fr",))
    q = next(node for node in phrase.by_lang["fr"].leaves() if isinstance(node, query.Phrase))
    scored = [word for word in q.words if word not in STOP_TERMS["fr"]]
    assert 0 < len(scored) < len(q.words)
    words = query.And([query.Term(q.fieldname, word) for word in scored])
    whoosh = {hit.docnum: hit.score for hit in searcher.search(words, limit=None)}
    found = _found(searcher, q)
    assert found
    assert found == pytest.approx({docnum: whoosh[docnum] for docnum in found}, rel=1e-9)


@pytest.mark.parametrize(
    "q",
    [
        query.Prefix("meta_en", "zzz"),  # begins no term
        query.FuzzyTerm("text_fr", "portal"),  # no array evaluation: Whoosh's own matcher
        query.NullQuery,
        query.Term("no_such_field", "portail"),
        query.Phrase("no_such_field", ["portail", "unique"]),
        query.Phrase("text_en", ["the"]),  # a lone stop word
    ],
    ids=repr,
)
def test_other_queries_match_and_score_as_whoosh(searcher, q):
    whoosh = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
    found = _found(searcher, q)
    assert found == pytest.approx(whoosh, rel=1e-9)
