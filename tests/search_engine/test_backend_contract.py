"""What every search backend must do, run against each one on a real index in a tmp dir:
finding, highlighting, refusing bad queries, filtering, counting and suggesting."""

from __future__ import annotations

from datetime import date

import pytest

from search.documents import SearchResults
from tests.search_engine.corpus import EXCHANGE_UIDS, make_document
from tests.search_engine.helpers import index, keys, marked, search

EXCHANGE_4 = EXCHANGE_UIDS[4]

# The seed: French quotes


def test_quoted_sentence_finds_its_paragraph_beside_its_translation(seeded):
    hit = search(seeded, '"data centers accessibles à tous"').hits[0]
    assert (hit.exchange, hit.part, hit.paragraph, hit.lang) == (1, "answer", 1, "fr")
    assert "data centers accessible to all" in hit.translation
    assert hit.translation_lang == "en"


def test_unaccented_word_finds_the_accented_one(seeded):
    hits = search(seeded, "numerique").hits
    assert hits
    assert all("numérique" in hit.text.lower() for hit in hits)


def test_capitals_make_no_difference(seeded):
    assert keys(search(seeded, "NUMERIQUE")) == keys(search(seeded, "numérique"))


def test_plural_finds_the_other_inflections(seeded):
    french = " ".join(hit.text for hit in search(seeded, "exportations", lang="fr").hits)
    assert "l'exportation" in french
    assert "s'exporter" in french


def test_french_phrase_finds_exchange_4(seeded):
    hits = search(seeded, '"portail unique"').hits
    assert {(hit.exchange, hit.lang) for hit in hits} == {(4, "fr")}


def test_english_words_find_the_english_paragraph_beside_the_french(seeded):
    hit = search(seeded, "single portal").hits[0]
    assert (hit.exchange, hit.paragraph, hit.lang) == (4, 2, "en")
    assert "single portal" in hit.text
    assert "portail unique" in hit.translation
    assert hit.translation_lang == "fr"


def test_curly_and_straight_apostrophes_give_the_same_hits(seeded):
    curly = search(seeded, "l’outsourcing")
    assert curly.hits
    assert keys(curly) == keys(search(seeded, "l'outsourcing"))


def test_quoted_phrase_with_an_elision_finds_the_question(seeded):
    hits = search(seeded, '"d’importantes initiatives"').hits
    assert [(hit.key, hit.part) for hit in hits] == [(f"{EXCHANGE_UIDS[1]}:q", "question")]


@pytest.mark.parametrize(
    "quoted", ["«portail unique»", "« portail unique »", "“portail unique”", "„portail unique“"]
)
def test_guillemets_and_curly_quotes_quote_a_phrase(seeded, quoted):
    assert keys(search(seeded, quoted)) == keys(search(seeded, '"portail unique"'))


def test_phrase_words_must_be_adjacent_and_in_order(seeded):
    assert search(seeded, '"unique portail"').total == 0


def test_stop_words_are_optional_outside_quotes(backend):
    index(backend, [make_document("un portail unique")])
    assert search(backend, "portail du unique").total == 1
    assert search(backend, '"portail du unique"').total == 0


def test_a_query_of_stop_words_only_still_searches(seeded):
    assert search(seeded, '"à tous"').total > 0


def test_interviewee_names_find_the_interview(seeded):
    hit = search(seeded, "El Haloui").hits[0]
    assert hit.part == "meta"
    assert marked(hit.highlighted) == ["El", "Haloui"]


# Highlighting


def test_highlight_wraps_the_accented_word_for_an_unaccented_query(seeded):
    hit = search(seeded, "numerique", lang="fr").hits[0]
    assert "<mark>numérique</mark>" in hit.highlighted


def test_phrase_highlight_covers_the_phrase(seeded):
    hit = search(seeded, '"data centers accessibles à tous"').hits[0]
    assert marked(hit.highlighted) == ["data centers accessibles à tous"]


def test_highlight_shows_the_quote_as_typed_in_the_text(seeded):
    hit = search(seeded, "single portal").hits[0]
    assert set(marked(hit.highlighted)) == {"single", "portal"}


def test_every_hit_is_highlighted(seeded):
    for text in ("portail", "exportations", "numerique", "innovation", '"à tous"'):
        assert all(marked(hit.highlighted) for hit in search(seeded, text).hits), text


def test_highlight_escapes_the_text(backend):
    index(backend, [make_document("<script>alert(1)</script> portail")])
    hit = search(backend, "portail").hits[0]
    assert hit.highlighted == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>portail</mark>"


# Queries that cannot run

BAD_QUERIES = [
    '"unclosed',
    "AND OR (",
    "*",
    "?",
    "title:(",
    "title:portail",
    ")(",
    "((((",
    "NOT",
    "NOT portail",
    "portail AND",
    "OR OR OR",
    '"',
    '""',
    "«",
    "»«",
    "\\",
    "\x00",
    "[a TO b]",
    "*:*",
    "portail~2",
    "numérique^",
    "-portail",
    "'",
    "l'",
    "<script>",
    "\u202f",
    "( ( ( portail",
    "x" * 10_000,
    "(" * 999,
    "portail " * 120,
]


@pytest.mark.parametrize("text", BAD_QUERIES, ids=lambda text: repr(text[:20]))
def test_odd_queries_give_results_or_an_error_never_an_exception(seeded, text):
    results = search(seeded, text)
    assert isinstance(results, SearchResults)
    if results.error:
        assert (results.hits, results.total) == ([], 0)


def test_empty_query_is_an_error(seeded):
    assert "Type a word" in str(search(seeded, "   ").error)


def test_very_long_query_is_an_error(seeded):
    assert "too long" in str(search(seeded, "numérique " * 1000).error)


@pytest.mark.parametrize("text", ["*", "( )", "AND OR", "»«"])
def test_a_query_with_nothing_to_find_is_an_error(seeded, text):
    assert "Nothing to search for" in str(search(seeded, text).error)


def test_operators_combine_words(seeded):
    assert search(seeded, "portail NOT unique").total == 0
    both = search(seeded, "portail OR outsourcing")
    assert both.total == search(seeded, "portail").total + search(seeded, "outsourcing").total


def test_french_operators_work_too(seeded):
    assert search(seeded, "portail SAUF unique").total == 0
    assert (
        search(seeded, "portail OU outsourcing").total
        == search(seeded, "portail OR outsourcing").total
    )


# The query language (search/syntax.py): every backend runs all of it


@pytest.fixture
def portals(backend):
    """Four French paragraphs: portail, portail unique, portée, portails."""
    index(
        backend,
        [
            make_document("Le portail des services.", "The services portal.", paragraph=1),
            make_document("Un portail unique.", "A single portal.", paragraph=2),
            make_document("Une portée limitée.", "A limited reach.", paragraph=3),
            make_document("Les portails régionaux.", "Regional portals.", paragraph=4),
        ],
    )
    return backend


def paragraphs(results: SearchResults) -> set[int]:
    assert results.error is None, results.error
    return {hit.paragraph for hit in results.hits}


@pytest.mark.parametrize("text", ["-portail", "NOT portail", "SAUF portail", "-portail -unique"])
def test_leaving_words_out_only_is_refused_not_searched(portals, text):
    results = search(portals, text)
    assert results.error is not None and results.error.code == "only_excluded"
    assert (results.hits, results.total) == ([], 0)


@pytest.mark.parametrize("text", ["portail -unique", "portail NOT unique", "portail SAUF unique"])
def test_minus_word_leaves_out_the_passages_that_hold_it(portals, text):
    assert paragraphs(search(portals, text, lang="fr")) == {1, 4}


def test_minus_phrase_leaves_out_the_passages_that_hold_it(portals):
    assert paragraphs(search(portals, 'portail -"portail unique"', lang="fr")) == {1, 4}


def test_leaving_out_follows_the_language_analysis(portals):
    """ "-uniques" leaves out "unique": the excluded word is stemmed like any other."""
    assert paragraphs(search(portals, "portail -uniques", lang="fr")) == {1, 4}


def test_prefix_finds_the_words_beginning_with_it(portals):
    assert paragraphs(search(portals, "portai*", lang="fr")) == {1, 2, 4}


def test_prefix_ignores_accents_and_capitals(portals):
    assert paragraphs(search(portals, "PORTÉ*", lang="fr")) == {3}
    assert paragraphs(search(portals, "regio*", lang="fr")) == {4}


def test_prefix_is_not_a_stem(portals):
    """ "portai" is not stemmed to "port", which "portée" is indexed under."""
    results = search(portals, "portai*", lang="fr")
    assert 3 not in paragraphs(results)


def test_prefix_highlights_only_the_words_beginning_with_it(portals):
    index(portals, [make_document("La portée du portail et des portails.", paragraph=5)])
    hit = next(hit for hit in search(portals, "portai*", lang="fr").hits if hit.paragraph == 5)
    assert marked(hit.highlighted) == ["portail", "portails"]


def test_prefix_leaves_out_the_elision(portals):
    index(portals, [make_document("Il parle de l’exportation.", paragraph=5)])
    assert paragraphs(search(portals, "l’exporta*", lang="fr")) == {5}


@pytest.mark.parametrize(
    ("text", "code"), [("p*", "prefix_too_short"), ("po*tail", "misplaced_wildcard")]
)
def test_a_prefix_that_cannot_be_searched_is_an_error(portals, text, code):
    assert search(portals, text).error.code == code


@pytest.mark.parametrize("operator", ["OR", "OU"])
def test_or_finds_either_word(portals, operator):
    assert paragraphs(search(portals, f"unique {operator} portée", lang="fr")) == {2, 3}


def test_words_side_by_side_must_all_be_there(portals):
    assert paragraphs(search(portals, "portail services", lang="fr")) == {1}


def test_and_binds_tighter_than_or(portals):
    assert paragraphs(search(portals, "portail services OR portée", lang="fr")) == {1, 3}


def test_groups_decide_what_goes_together(portals):
    assert paragraphs(search(portals, "portail (services OR unique)", lang="fr")) == {1, 2}


def test_a_group_can_be_left_out(portals):
    assert paragraphs(search(portals, "portai* -(services OR unique)", lang="fr")) == {4}


def test_an_unclosed_quote_runs_to_the_end(portals):
    assert paragraphs(search(portals, '"portail unique', lang="fr")) == {2}


def test_a_dangling_operator_is_left_out(portals):
    assert paragraphs(search(portals, "unique AND", lang="fr")) == {2}
    assert paragraphs(search(portals, "(OR unique", lang="fr")) == {2}


def test_operators_in_lower_case_are_words(backend):
    index(backend, [make_document("", "salt or pepper", original_language="en")])
    assert search(backend, '"salt or pepper"', lang="en").total == 1


# Filters, facets, sorting, pages


@pytest.fixture
def press(backend):
    index(
        backend,
        [
            make_document(
                "le portail du citoyen",
                interview="a",
                outlet="le-monde",
                persons=("alice",),
                topics=("numerique",),
                published_on=date(2023, 5, 1),
            ),
            make_document(
                "un portail national",
                interview="b",
                outlet="le-monde",
                persons=("alice", "bob"),
                topics=("economie",),
                published_on=date(2024, 2, 1),
            ),
            make_document(
                "le portail des entreprises",
                interview="c",
                outlet="l-opinion",
                persons=("bob",),
                topics=("numerique", "economie"),
                published_on=date(2024, 9, 1),
            ),
            make_document("un portail sans date", interview="d", published_on=None),
        ],
    )
    return backend


def interviews(results: SearchResults) -> list[str]:
    return [hit.interview for hit in results.hits]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"outlet": "le-monde"}, {"a", "b"}),
        ({"person": "bob"}, {"b", "c"}),
        ({"topic": "economie"}, {"b", "c"}),
        ({"date_from": date(2024, 1, 1)}, {"b", "c"}),
        ({"date_to": date(2023, 12, 31)}, {"a"}),
        ({"date_from": date(2024, 1, 1), "date_to": date(2024, 6, 30)}, {"b"}),
        ({"outlet": "le-monde", "person": "bob"}, {"b"}),
        ({"outlet": "nowhere"}, set()),
        ({"interview": "b"}, {"b"}),
        ({"interview": "b", "outlet": "le-monde"}, {"b"}),
        ({"interview": "nowhere"}, set()),
    ],
)
def test_filters_narrow_the_results(press, options, expected):
    results = search(press, "portail", **options)
    assert set(interviews(results)) == expected
    assert results.total == len(expected)


def test_facets_count_the_whole_result_set_not_just_the_page(press):
    results = search(press, "portail", per_page=1)
    assert len(results.hits) == 1
    assert results.facets == {
        "lang": {"fr": 4},
        "outlet": {"le-monde": 2, "l-opinion": 1, "outlet-x": 1},
        "person": {"alice": 2, "bob": 2},
        "topic": {"numerique": 2, "economie": 2},
        "year": {"2023": 1, "2024": 2},
    }


def test_facets_follow_the_filters(press):
    assert search(press, "portail", person="bob").facets["outlet"] == {
        "le-monde": 1,
        "l-opinion": 1,
    }


def test_language_facet_counts_the_matches_in_each_language(backend):
    index(
        backend,
        [
            make_document("un cloud souverain", "a sovereign cloud"),
            make_document("", "cloud computing"),
        ],
    )
    results = search(backend, "cloud")
    assert results.facets["lang"] == {"fr": 1, "en": 2}
    assert {hit.lang for hit in results.hits} >= {"en"}


@pytest.mark.parametrize(("lang", "expected"), [("fr", 0), ("en", 1)])
def test_lang_searches_one_language_only(seeded, lang, expected):
    results = search(seeded, "single portal", lang=lang)
    assert results.total == expected
    assert all(hit.lang == lang for hit in results.hits)


def test_sort_by_date_puts_the_newest_first_and_the_undated_last(press):
    assert interviews(search(press, "portail", sort="date")) == ["c", "b", "a", "d"]


def test_pages_split_the_results_and_keep_the_total(backend):
    index(backend, [make_document(f"portail numéro {n}", paragraph=n) for n in range(1, 26)])
    pages = [search(backend, "portail", page=page, per_page=10) for page in (1, 2, 3, 4)]
    assert [len(page.hits) for page in pages] == [10, 10, 5, 0]
    assert {page.total for page in pages} == {25}
    assert len({key for page in pages for key in keys(page)}) == 25


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_of_many_interviews_follow_the_order_of_the_whole_result(backend, sort):
    """Pages asked one by one are the whole result in its order, cut: many interviews,
    ties in score and in date, one interview undated."""
    index(
        backend,
        [
            make_document(
                "portail " * (1 + n % 3) + f"numéro {n}",
                interview=f"many-{n % 9}",
                published_on=None if n % 9 == 4 else date(2020, 1 + n % 9 // 2, 1),
                paragraph=n + 1,
            )
            for n in range(40)
        ],
    )
    whole = keys(search(backend, "portail", sort=sort, per_page=100))
    pages = [search(backend, "portail", sort=sort, page=page, per_page=3) for page in range(1, 16)]
    assert len(whole) == 40
    assert [key for page in pages for key in keys(page)] == whole


# Spelling


@pytest.mark.parametrize(("typed", "expected"), [("numerik", "numérique"), ("portial", "portail")])
def test_a_misspelt_word_gets_a_suggestion(seeded, typed, expected):
    assert search(seeded, typed).suggestion == expected


def test_suggestion_corrects_words_in_place(seeded):
    suggestion = search(seeded, '"portial unique" AND numerik').suggestion
    assert suggestion == '"portail unique" AND numérique'


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("portail OR numerik", "portail OR numérique"), ("portail -numerik", "portail -numérique")],
)
def test_a_misspelt_word_beside_one_found_gets_a_suggestion(seeded, typed, expected):
    results = search(seeded, typed)
    assert results.total > 0
    assert results.suggestion == expected


@pytest.mark.parametrize("text", ["numerique", "NUMÉRIQUE", "exportations", "single portal"])
def test_known_words_get_no_suggestion(seeded, text):
    assert search(seeded, text).suggestion is None


def test_the_total_and_the_facets_count_every_match_not_only_the_best(backend):
    """Strong matches in one language must not hide weak ones in the other from the counts
    (Whoosh prunes the branches of an Or that cannot reach the top N, unless told not to)."""
    filler = " ".join(["the archive keeps long paragraphs of plain words"] * 60)
    strong = [make_document(fr=" ".join(["services"] * 12), outlet="a") for _ in range(30)]
    weak = [make_document(en=f"{filler} services {filler}", outlet="b") for _ in range(300)]
    index(backend, [*strong, *weak])

    results = search(backend, "services", per_page=10)

    assert results.total == 330
    assert results.facets["outlet"] == {"a": 30, "b": 300}
    assert results.facets["lang"] == {"fr": 30, "en": 300}


def _varied_documents(start: int, count: int) -> list:
    """Documents of 47 interviews, each with its own outlet, people, topics and date (the
    same in each of its documents, as in the archive)."""
    outlets, people, topics = ("a", "b", "c"), ("p", "q", "r", "s"), ("t", "u", "v")
    return [
        make_document(
            f"portail numéro {n}" if n % 3 else "",
            f"portal {n}" if n % 2 else "",
            interview=f"i{i}",
            outlet=outlets[i % 3],
            persons=tuple(people[k] for k in range(4) if (i >> k) & 1),
            topics=tuple(topics[k] for k in range(3) if (i >> (k + 1)) & 1),
            published_on=None if i % 11 == 0 else date(2020 + i % 5, 1 + i % 12, 1 + i % 28),
        )
        for n in range(start, start + count)
        if n % 6  # some documents match neither language
        for i in [n % 47]
    ]


@pytest.mark.parametrize(
    "options",
    [
        {"outlet": "a"},
        {"person": "q"},
        {"topic": "v"},
        {"interview": "i3"},
        {"date_from": date(2021, 3, 1)},
        {"date_to": date(2022, 6, 30)},
        {"date_from": date(2021, 3, 1), "date_to": date(2023, 6, 30)},
        {"outlet": "b", "person": "p", "topic": "u", "date_from": date(2020, 5, 5)},
        {"outlet": "nowhere"},
    ],
)
def test_filtered_results_and_facets_are_the_unfiltered_ones_filtered(backend, options):
    batches = [_varied_documents(start, 60) for start in range(0, 240, 60)]
    for batch in batches:  # several writes, so several segments
        index(backend, batch)

    def kept(hit_or_doc) -> bool:
        day = hit_or_doc.published_on
        return (
            options.get("outlet", hit_or_doc.outlet) == hit_or_doc.outlet
            and options.get("interview", hit_or_doc.interview) == hit_or_doc.interview
            and options.get("person", "") in ("", *hit_or_doc.persons)
            and options.get("topic", "") in ("", *hit_or_doc.topics)
            and (not options.get("date_from") or (day and day >= options["date_from"]))
            and (not options.get("date_to") or (day and day <= options["date_to"]))
        )

    documents = {document.key: document for batch in batches for document in batch}
    everything = search(backend, "portail OR portal", per_page=1000, sort="date")
    every_key = keys(everything)
    assert len(every_key) == everything.total
    expected = [key for key in every_key if kept(documents[key])]

    filtered = search(backend, "portail OR portal", per_page=1000, sort="date", **options)
    assert filtered.total == len(expected)
    assert sorted(keys(filtered)) == sorted(expected)

    facets: dict = {"outlet": {}, "person": {}, "topic": {}, "year": {}}
    for key in expected:
        document = documents[key]
        values = {
            "outlet": [document.outlet],
            "person": document.persons,
            "topic": document.topics,
            "year": [str(document.published_on.year)] if document.published_on else [],
        }
        for name, names in values.items():
            for value in names:
                facets[name][value] = facets[name].get(value, 0) + 1
    assert {name: filtered.facets[name] for name in facets} == facets
    fr = sum(1 for key in expected if documents[key].text["fr"])
    en = sum(1 for key in expected if documents[key].text["en"])
    assert filtered.facets["lang"] == {lang: n for lang, n in (("fr", fr), ("en", en)) if n}


def test_rising_scores_in_one_language_do_not_hide_matches_in_the_other(backend):
    """Whoosh prunes an Or's branch once the N-th best score it has seen beats the best
    that branch can give; that needs the N-th best to keep rising (equal scores, as in the
    test above, never move it) while both branches still have documents to come."""
    filler = " ".join(["the archive keeps long paragraphs of plain words"] * 60)
    documents = []
    for n in range(60):
        documents.append(make_document(fr=" ".join(["services"] * (n + 1)), outlet="a"))
        documents.append(make_document(en=f"{filler} services {filler}", outlet="b"))
    index(backend, documents)

    results = search(backend, "services", per_page=10)

    assert results.total == 120
    assert results.facets["outlet"] == {"a": 60, "b": 60}
    assert results.facets["lang"] == {"fr": 60, "en": 60}
    assert len(results.hits) == 10


@pytest.mark.parametrize("text", ["portail OR portal", "portail", "portal", "numéro"])
def test_the_language_facet_counts_what_each_language_alone_finds(backend, text):
    for start in range(0, 240, 60):  # several segments
        index(backend, _varied_documents(start, 60))
    results = search(backend, text, per_page=1)
    alone = {lang: search(backend, text, lang=lang, per_page=1).total for lang in ("fr", "en")}
    assert results.facets["lang"] == {lang: total for lang, total in alone.items() if total}
