"""What every search backend must do with filters, facets, sorting and pages, on a real
index in a tmp dir: the total and every facet count every match, not only the page."""

from __future__ import annotations

from datetime import date

import pytest

from search.documents import SearchResults
from tests.search_engine.corpus import make_document
from tests.search_engine.helpers import index, keys, search

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


# Every match counted


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
