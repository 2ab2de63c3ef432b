from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interviews.languages import LANGS
from search import engine
from search.documents import MAX_PER_PAGE, QueryError, SearchQuery
from search.permalinks import hit_url
from search.unavailable import diagnosed


class Command(BaseCommand):
    help = "Search the archive from the command line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--lang", choices=LANGS, help="Only hits in this language.")
        parser.add_argument("--limit", type=int, default=10, help="How many hits (default 10).")
        parser.add_argument("--json", action="store_true", help="Print the hits as JSON.")

    def handle(self, *args: str, **options: Any) -> None:
        if options["limit"] < 1:
            raise CommandError("--limit must be at least 1")
        query = SearchQuery(
            text=options["query"],
            lang=options["lang"],
            per_page=min(options["limit"], MAX_PER_PAGE),
        )
        try:
            with diagnosed():
                results = engine.backend().search(query)
        except QueryError as error:
            raise CommandError(f"bad query: {error}") from None
        if results.error:
            raise CommandError(f"bad query: {results.error}")
        hits = [
            {
                "interview": hit.interview,
                "exchange": hit.exchange,
                "part": hit.part,
                "paragraph": hit.paragraph,
                "lang": hit.lang,
                "text": hit.text,
                "translation": hit.translation,
                "url": hit_url(hit, lang=hit.lang),
            }
            for hit in results.hits
        ]
        if options["json"]:
            self.stdout.write(json.dumps(hits, ensure_ascii=False, indent=2))
            return
        for hit in hits:
            where = (
                f"{hit['interview']} #{hit['exchange']}" if hit["exchange"] else hit["interview"]
            )
            self.stdout.write(f"[{hit['lang']}] {where}  {hit['url']}")
            self.stdout.write(f"    {hit['text']}")
            self.stdout.write(f"    → {hit['translation']}")
        if results.partial:
            self.stderr.write("The search ran out of time: these results are partial.")
        self.stdout.write(f"{results.total} hit(s).")
