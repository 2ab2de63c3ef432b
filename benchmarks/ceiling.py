"""The ceiling: the archive's own documents and query mix in Tantivy, a compiled engine.

Tantivy (Rust, Lucene's design; its official Python bindings) is given what the archive's
Whoosh index is given and asked to do the same work per query, so that the ratio of the
two says how far pure Python is from what a compiled engine does here:

* the same ``SearchDocument``s, read by the same ``all_documents()`` (one per passage and
  one per interview), each language in a field of its own, analysed as the archive does:
  words lowercased, accents folded, then the language's Snowball stemmer;
* each query parsed by Tantivy's own parser over both languages' fields, every word
  required (the archive's default operator), quoted phrases as phrases;
* for every query, as the archive's search does: the exact total, facet counts over every
  match (outlet, person, topic and year, by Tantivy's terms aggregations), the top 10 with
  a highlighted snippet, and each hit's text in both languages.

What differs: Tantivy drops the elided article ("l’") as a word of its own where the
archive strips it, has no common grams (it reads the stop words' positions to match a
phrase), and does not count the archive's fifth facet, the language that matched.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from search.documents import SearchDocument

from .queries import BenchQuery

LANGS = {"fr": "french", "en": "english"}
TOP = 10
FACETS = ("outlet", "person", "topic", "year")
FACET_SIZE = 20  # values listed per facet, as on the search page
HEAP = 256_000_000  # the writer's buffer, split among its threads


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("tantivy") is not None


def _schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    for lang in LANGS:
        builder.add_text_field(f"text_{lang}", stored=True, tokenizer_name=lang)
        builder.add_text_field(f"meta_{lang}", stored=False, tokenizer_name=lang)
    for facet in ("outlet", "person", "topic"):
        builder.add_text_field(facet, fast=True, tokenizer_name="raw")
    builder.add_integer_field("year", fast=True)
    builder.add_date_field("published_on", indexed=True, fast=True)
    return builder.build()


def _analyzer(language: str) -> Any:
    from tantivy import Filter, TextAnalyzerBuilder, Tokenizer

    return (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(40))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
        .filter(Filter.stemmer(language))
        .build()
    )


def _fields(document: SearchDocument) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "key": document.key,
        "outlet": document.outlet,
        "person": list(document.persons),
        "topic": list(document.topics),
    }
    for lang in LANGS:
        fields[f"text_{lang}"] = document.text.get(lang, "")
        if document.part == "meta":
            title = document.title.get(lang, "")
            fields[f"meta_{lang}"] = f"{title}\n{document.extra_text(lang)}"
    if document.published_on:
        fields["year"] = document.published_on.year
        fields["published_on"] = datetime(*document.published_on.timetuple()[:3])
    return fields


@dataclass
class Ceiling:
    index: Any
    schema: Any
    path: Path

    def search(self, bench: BenchQuery) -> dict[str, Any]:
        import tantivy

        searcher = self.index.searcher()
        fields = [f"{prefix}_{lang}" for prefix in ("text", "meta") for lang in LANGS]
        query = self.index.parse_query(bench.text, fields, conjunction_by_default=True)
        clauses = [(tantivy.Occur.Must, query)]
        if bench.outlet:
            term = tantivy.Query.term_query(self.schema, "outlet", bench.outlet)
            clauses.append((tantivy.Occur.Must, term))
        if bench.date_from or bench.date_to:
            dates = [
                datetime(*day.timetuple()[:3]) if day else None
                for day in (bench.date_from, bench.date_to)
            ]
            period = tantivy.Query.range_query(
                self.schema, "published_on", tantivy.FieldType.Date, *dates
            )
            clauses.append((tantivy.Occur.Must, period))
        if len(clauses) > 1:
            query = tantivy.Query.boolean_query(clauses)
        found = searcher.search(query, TOP, count=True)
        facets = searcher.aggregate(
            query,
            {facet: {"terms": {"field": facet, "size": FACET_SIZE}} for facet in FACETS},
        )
        snippets = {
            lang: tantivy.SnippetGenerator.create(searcher, query, self.schema, f"text_{lang}")
            for lang in LANGS
        }
        hits = []
        for _score, address in found.hits:
            document = searcher.doc(address)
            shown = {lang: snippets[lang].snippet_from_doc(document) for lang in LANGS}
            lang = next((lang for lang in LANGS if shown[lang].highlighted()), "fr")
            hits.append(
                {
                    "highlighted": shown[lang].to_html(),
                    **{other: document.get_first(f"text_{other}") for other in LANGS},
                }
            )
        return {"total": found.count, "facets": facets, "hits": hits}


@contextmanager
def built(documents: Iterable[SearchDocument], directory: Path, threads: int) -> Iterator[Ceiling]:
    """A Tantivy index of ``documents`` in a scratch directory under ``directory``, written
    by ``threads`` threads and merged, removed on exit."""
    import tantivy

    directory.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="bench-tantivy-", dir=directory))
    try:
        schema = _schema()
        index = tantivy.Index(schema, path=str(path))
        for lang, language in LANGS.items():
            index.register_tokenizer(lang, _analyzer(language))
        writer = index.writer(heap_size=HEAP, num_threads=threads)
        for document in documents:
            writer.add_document(tantivy.Document(**_fields(document)))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        yield Ceiling(index, schema, path)
    finally:
        shutil.rmtree(path, ignore_errors=True)
