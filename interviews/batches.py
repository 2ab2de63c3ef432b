"""Importing many interviews at once: a folder or a ZIP of files, paired by name or by a
``manifest.csv``, each interview imported on its own (all of it or nothing), a refused one
never stopping the others. ``import_batch`` serves ``manage.py import_batch`` and the web
upload alike; a ZIP may hold at most ``IMPORT_MAX_BATCH_FILES`` files and
``IMPORT_MAX_BATCH_BYTES`` bytes once extracted (``limits.check_batch``).

Pairing by name: ``<name>.<lang>.<extension>`` (``entretien-12.fr.txt`` with
``entretien-12.en.html``). A ``manifest.csv`` at the top instead names each interview's
files, one row each, with the columns ``fr``, ``en`` (paths inside the batch, either may be
empty), and optionally ``original`` (``fr`` unless said) and ``outlet``.
"""

from __future__ import annotations

import csv
import lzma
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath, PurePosixPath
from typing import IO

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .importing import ImportProblem, align_interview
from .importing.hygiene import one_line
from .languages import LANGS
from .limits import check_batch, parse_within_limits
from .services import DuplicateImport, import_interview
from .sources import SourceError, read_source

MANIFEST = "manifest.csv"
IMPORTED, DUPLICATE, REFUSED = "imported", "duplicate", "refused"
STATUS_LABELS = {
    IMPORTED: gettext_lazy("Imported"),
    DUPLICATE: gettext_lazy("Duplicate"),
    REFUSED: gettext_lazy("Refused"),
}


@dataclass(frozen=True)
class BatchItem:
    """One interview of a batch: its files by language."""

    name: str
    files: dict[str, Path]
    original: str
    outlet: str | None = None
    # Why it cannot be imported before any of it is read (a file of a ZIP over the limit).
    refused: str = ""


@dataclass(frozen=True)
class BatchResult:
    name: str
    status: str  # IMPORTED, DUPLICATE or REFUSED
    detail: str  # the interview's slug, or why it was not imported
    files: tuple[str, ...] = field(default=())
    # The numbers (1-based) of the exchanges whose two languages the importer matched with
    # little confidence: the editor should check them first.
    doubtful: tuple[int, ...] = field(default=())


def summary(results: Iterable[BatchResult]) -> str:
    """How many interviews the batch imported, found already there and refused."""
    counts = Counter(result.status for result in results)
    total = sum(counts.values())
    return ngettext(
        "%(counter)s interview processed: %(imported)s imported, %(duplicate)s duplicate, "
        "%(refused)s refused.",
        "%(counter)s interviews processed: %(imported)s imported, %(duplicate)s duplicate, "
        "%(refused)s refused.",
        total,
    ) % {"counter": total, **{status: counts[status] for status in STATUS_LABELS}}


class BatchProblem(Exception):
    """A batch that cannot be read at all (no such folder, a broken ZIP, a bad manifest)."""


# What reading a damaged ZIP raises: a bad header or checksum, truncated or corrupt
# compressed data, a compression method or an encryption zipfile cannot read.
ZIP_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    RuntimeError,
)
# A batch: a folder's or a ZIP file's path (the command), or an opened ZIP file (an upload).
BatchSource = Path | IO[bytes]


@contextmanager
def opened(source: BatchSource) -> Iterator[tuple[Path, dict[str, str]]]:
    """The batch's folder: ``source`` itself, or a ZIP extracted into a temporary one; and
    the files of the ZIP left out, each with the reason (by its name in the batch)."""
    if isinstance(source, Path):
        if source.is_dir():
            yield source, {}
            return
        if not source.is_file():
            raise BatchProblem(_("No such folder or ZIP file: %(path)s.") % {"path": source})
        name = source.name
    else:
        name = PurePosixPath(getattr(source, "name", None) or "upload").name
    if not zipfile.is_zipfile(source):
        raise BatchProblem(_("%(name)s is neither a folder nor a ZIP file.") % {"name": name})
    with tempfile.TemporaryDirectory() as folder:
        try:
            with zipfile.ZipFile(source) as archive:
                left_out = _extract(archive, Path(folder))
        except ZIP_DAMAGE:
            raise BatchProblem(
                _("%(name)s is damaged: it cannot be read as a ZIP file. Nothing was imported.")
                % {"name": name}
            ) from None
        yield Path(folder), left_out


def _extract(archive: zipfile.ZipFile, folder: Path) -> dict[str, str]:
    """Every file of ``archive`` under ``folder``, but those larger than an import may read
    (returned, each with the reason: their interviews are refused, the others imported). A
    batch over the limits and names that would climb out of it are refused before anything
    is written."""
    members = [member for member in archive.infolist() if not member.is_dir()]
    try:
        check_batch(files=len(members), size=sum(member.file_size for member in members))
    except ImportProblem as problem:
        raise BatchProblem(str(problem)) from None
    limit = settings.IMPORT_MAX_SOURCE_BYTES
    left_out = {}
    for member in members:
        name = PurePosixPath(member.filename)
        if name.is_absolute() or ".." in name.parts:
            raise BatchProblem(_("%(name)s: a name outside the batch.") % {"name": member.filename})
        if member.file_size > limit and name.name != MANIFEST:
            left_out[name.as_posix()] = _(
                "%(file)s has %(size)s bytes; a text may have at most %(limit)s."
            ) % {
                "file": member.filename,
                "size": number_format(member.file_size, force_grouping=True),
                "limit": number_format(limit, force_grouping=True),
            }
    for member in members:
        if PurePosixPath(member.filename).as_posix() not in left_out:
            archive.extract(member, folder)
    return left_out


def find_items(
    folder: Path, left_out: dict[str, str] | None = None
) -> tuple[list[BatchItem], list[BatchResult]]:
    """The batch's interviews, and the files that make none (refused, with the reason).
    An interview with a file ``left_out`` (by its name in the batch) is refused with the
    reason given for it."""
    left_out = left_out or {}
    if (folder / MANIFEST).is_file():
        items, strays = _from_manifest(folder), list[BatchResult]()
    else:
        items, strays = _from_names(folder, left_out)
    return [_refused_if_left_out(item, folder, left_out) for item in items], strays


def _refused_if_left_out(item: BatchItem, folder: Path, left_out: dict[str, str]) -> BatchItem:
    for path in item.files.values():
        why = left_out.get(path.resolve().relative_to(folder.resolve()).as_posix())
        if why:
            return replace(item, refused=why)
    return item


def _from_names(
    folder: Path, left_out: dict[str, str]
) -> tuple[list[BatchItem], list[BatchResult]]:
    groups: dict[str, dict[str, Path]] = {}
    strays: list[BatchResult] = []
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    for relative in sorted(found | left_out.keys()):
        path = folder / relative
        if _hidden(PurePosixPath(relative)):
            continue
        stem, lang = _name_and_language(PurePosixPath(relative))
        if lang is None:
            why = _("Cannot tell its language: name it <name>.<%(langs)s>.<extension>.") % {
                "langs": "|".join(LANGS)
            }
            strays.append(BatchResult(relative, REFUSED, why, (relative,)))
        elif lang in groups.setdefault(stem, {}):
            why = _("Two %(lang)s files for %(name)s.") % {"lang": lang, "name": stem}
            strays.append(BatchResult(relative, REFUSED, why, (relative,)))
        else:
            groups[stem][lang] = path
    items = [BatchItem(name, files, _original(files)) for name, files in groups.items()]
    return items, strays


def _hidden(path: PurePath) -> bool:
    return any(part.startswith((".", "__MACOSX")) for part in path.parts)


def _name_and_language(path: PurePosixPath) -> tuple[str, str | None]:
    """``a/entretien-12.fr.txt`` -> ("a/entretien-12", "fr")."""
    parts = path.name.split(".")
    if len(parts) >= 3 and parts[-2].lower() in LANGS:
        return (path.parent / ".".join(parts[:-2])).as_posix(), parts[-2].lower()
    return path.as_posix(), None


def _original(files: dict[str, Path]) -> str:
    """The site's language when both are there; the only one otherwise."""
    return settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in files else next(iter(files))


def _from_manifest(folder: Path) -> list[BatchItem]:
    try:
        with (folder / MANIFEST).open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error):
        raise BatchProblem(
            _("%(manifest)s cannot be read: save it as CSV in UTF-8.") % {"manifest": MANIFEST}
        ) from None
    items = []
    for number, row in enumerate(rows, start=2):  # the header is line 1
        files = {
            lang: _inside(folder, row[lang].strip(), number)
            for lang in LANGS
            if (row.get(lang) or "").strip()
        }
        if not files:
            raise BatchProblem(
                _("%(manifest)s, line %(number)s: no file named (%(langs)s).")
                % {"manifest": MANIFEST, "number": number, "langs": ", ".join(LANGS)}
            )
        original = (row.get("original") or "").strip() or _original(files)
        if original not in files:
            raise BatchProblem(
                _("%(manifest)s, line %(number)s: no %(lang)s file for the original.")
                % {"manifest": MANIFEST, "number": number, "lang": original}
            )
        outlet = (row.get("outlet") or "").strip() or None
        name = next(iter(files.values())).relative_to(folder).as_posix()
        items.append(BatchItem(name, files, original, outlet))
    return items


def _inside(folder: Path, name: str, line: int) -> Path:
    """The file ``name`` of the manifest's ``line``, which must be in the batch: an upload's
    manifest never names a file of the server's."""
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise BatchProblem(
            _("%(manifest)s, line %(line)s: %(file)s is outside the batch")
            % {"manifest": MANIFEST, "line": line, "file": name}
        )
    return path


def import_item(
    item: BatchItem, *, publish: bool = False, user: object = None, outlet: str | None = None
) -> BatchResult:
    """One interview, on its own: imported whole, or refused with the reason and nothing
    written; one already in the archive is reported as a duplicate, not imported again.
    ``outlet`` names the outlet of an article that does not, unless its manifest row does."""
    names = tuple(path.name for path in item.files.values())
    if item.refused:
        return BatchResult(item.name, REFUSED, item.refused, names)
    try:
        sources = [read_source(path, lang=lang) for lang, path in item.files.items()]
        articles = parse_within_limits(sources)
        aligned = align_interview(articles.get("fr"), articles.get("en"), original=item.original)
        interview = import_interview(
            aligned, sources, publish=publish, user=user, outlet=item.outlet or outlet
        )
    except DuplicateImport as duplicate:
        return BatchResult(item.name, DUPLICATE, one_line(str(duplicate)), names)
    except (SourceError, ImportProblem) as problem:
        return BatchResult(item.name, REFUSED, one_line(str(problem)), names)
    doubtful = tuple(
        number for number, exchange in enumerate(aligned.exchanges, start=1) if exchange.doubtful
    )
    return BatchResult(item.name, IMPORTED, interview.slug, names, doubtful)


def import_batch(
    source: BatchSource,
    *,
    publish: bool = False,
    user: object = None,
    outlet: str | None = None,
    started: Callable[[int], None] = lambda count: None,
    done: Callable[[BatchResult], None] = lambda result: None,
) -> list[BatchResult]:
    """Every interview of the folder or ZIP ``source``, one after the other: ``started``
    is told how many there are, ``done`` is given each one's result as it comes. Raises
    BatchProblem, having imported nothing, when the batch cannot be read at all."""
    with opened(source) as (folder, left_out):
        items, results = find_items(folder, left_out)
        started(len(items))
        for item in items:
            results.append(import_item(item, publish=publish, user=user, outlet=outlet))
            done(results[-1])
    return results
