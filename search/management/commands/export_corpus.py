"""``manage.py export_corpus``: in the search app because ``--query`` exports what a search
finds, and the search app depends on interviews, never the reverse."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from tqdm import tqdm

from interviews.exporting import FORMATS, get_format
from interviews.exporting.selection import corpus_export, interviews_export
from interviews.exporting.units import LEVELS, PARAGRAPH, Export, ExportError, parse_level
from search.documents import SearchQuery
from search.exporting import search_export


class Command(BaseCommand):
    help = (
        "Export published interviews as TMX, TEI, CSV or JSON: the whole corpus, the "
        "interviews named, or every passage a search finds. Permalinks start with the "
        "SITE_URL setting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, help=", ".join(FORMATS))
        parser.add_argument(
            "--level", default=PARAGRAPH, help=f"{' or '.join(LEVELS)} (default {PARAGRAPH})"
        )
        parser.add_argument(
            "--interview",
            action="append",
            dest="interviews",
            metavar="SLUG",
            help="This interview (repeat for several); all of them if none is named.",
        )
        parser.add_argument("--query", metavar="TEXT", help="Only the passages this finds.")
        parser.add_argument(
            "--output", type=Path, metavar="FILE", help="Write here (default: standard output)."
        )

    def handle(self, *args: str, **options: Any) -> None:
        # The site's default language, whatever a previous caller left active: it names
        # the permalinks (/fr/…) and speaks the messages.
        with translation.override(settings.LANGUAGE_CODE):
            try:
                chosen = get_format(options["format"])
                export = _export(options, level=parse_level(options["level"]))
            except ExportError as problem:
                raise CommandError(str(problem)) from None
            progress = tqdm(
                export.interviews,
                total=export.count,
                unit="interview",
                file=sys.stderr,
                disable=not self.stderr.isatty(),
            )
            chunks = chosen.write(replace(export, interviews=progress))
            if options["output"] is None:
                self._write_to_stdout(chunks)
                return
            try:
                with _replaced_when_complete(options["output"]) as file:
                    file.writelines(chunks)
            except OSError as error:
                raise CommandError(f"{options['output']}: {error.strerror or error}") from None

    def _write_to_stdout(self, chunks: Iterator[str]) -> None:
        try:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            self.stdout.flush()
        except BrokenPipeError:
            # The reader stopped reading (`| head`); Python's exit must not flush again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _export(options: dict[str, Any], *, level: str) -> Export:
    base_url = settings.SITE_URL
    if options["query"] is not None:
        query = SearchQuery(text=options["query"], time_limit=None)
        return search_export(query, level=level, base_url=base_url, within=options["interviews"])
    if options["interviews"]:
        return interviews_export(options["interviews"], level=level, base_url=base_url)
    return corpus_export(level=level, base_url=base_url)


@contextmanager
def _replaced_when_complete(path: Path) -> Iterator[TextIO]:
    """A file beside ``path``, renamed onto it once written in full: a failed export leaves
    no partial file under the name of a complete one. A device or a pipe (``/dev/null``)
    is written to directly: it cannot be replaced, nor does it keep anything."""
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="") as file:
            yield file
        return
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
