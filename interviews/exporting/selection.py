"""What an export is made of: the whole published corpus, interviews named by slug, or
chosen passages (what the search app exports). Only published interviews, unless the caller
passes a queryset that shows more (an editor's ``Interview.objects.visible_to(user)``).

Interviews are loaded ``CHUNK_SIZE`` at a time, each chunk in a fixed number of queries
(the interviews with their outlet and interviewer, then their people, topics, exchanges and
source documents), and only one chunk is held at once: memory stays flat and the number of
queries grows with the number of chunks, not of interviews.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from ..models import Exchange, Interview, SourceDocument
from ..passages import PassageRef, exchange_passages
from .units import Export, ExportedExchange, ExportedInterview, ExportError, InterviewNotFound

CHUNK_SIZE = 100

Found = dict[str, set[PassageRef]]  # interview slug -> the passages chosen in it


def exportable(interviews: QuerySet[Interview]) -> QuerySet[Interview]:
    """``interviews`` with everything the writers read."""
    return interviews.select_related("outlet", "interviewer").prefetch_related(
        "interviewees",
        "topics",
        Prefetch("exchanges", queryset=Exchange.objects.order_by("position")),
        # The raw files can be large; exports name them, they do not copy them.
        Prefetch("sources", queryset=SourceDocument.objects.defer("content")),
    )


def corpus_export(*, level: str, base_url: str = "") -> Export:
    """Every published interview, newest first."""
    published = Interview.objects.published()
    count = published.count()
    if not count:
        raise ExportError(_("There is no published interview to export."))
    interviews = exportable(published).order_by("-published_on", "-pk")
    return Export(
        _exported(interviews.iterator(chunk_size=CHUNK_SIZE), base_url),
        level,
        count,
        title=_("Every published interview"),
    )


def interviews_export(
    slugs: list[str],
    *,
    level: str,
    base_url: str = "",
    visible: QuerySet[Interview] | None = None,
) -> Export:
    """The interviews named, in that order, if ``visible`` (the published interviews by
    default) holds every one of them."""
    visible = Interview.objects.published() if visible is None else visible
    slugs = list(dict.fromkeys(slugs))
    originals = set(original_languages(visible, slugs).values())
    return Export(
        _exported(_in_order(visible, slugs), base_url),
        level,
        len(slugs),
        title=_("Selected interviews"),
        single=len(slugs) == 1,
        language=originals.pop() if len(originals) == 1 else None,
    )


def passages_export(
    found: Found,
    *,
    level: str,
    title: str,
    base_url: str = "",
    within: list[str] | None = None,
) -> Export:
    """The passages ``found`` in each interview, interviews in the order of ``found``: those
    that are published, and named in ``within`` when it is given (``original_languages``
    checks the names). ``found`` may name others (a search index lagging behind an
    unpublication): the database decides."""
    published = Interview.objects.published()
    keep = _languages(published, list(found) if within is None else within)
    chosen = {slug: refs for slug, refs in found.items() if slug in keep}
    return Export(
        _exported(_in_order(published, list(chosen)), base_url, chosen),
        level,
        len(chosen),
        title=title,
    )


def original_languages(interviews: QuerySet[Interview], slugs: list[str]) -> dict[str, str]:
    """The original language of each of ``slugs``; ``InterviewNotFound`` names the first
    one ``interviews`` does not hold."""
    languages = _languages(interviews, slugs)
    for slug in slugs:
        if slug not in languages:
            raise InterviewNotFound(
                _("There is no interview “%(slug)s” to export.") % {"slug": slug}
            )
    return languages


def _languages(interviews: QuerySet[Interview], slugs: list[str]) -> dict[str, str]:
    """The original language of each of ``slugs`` that ``interviews`` holds."""
    languages: dict[str, str] = {}
    for start in range(0, len(slugs), CHUNK_SIZE * 10):
        chosen = interviews.filter(slug__in=slugs[start : start + CHUNK_SIZE * 10])
        languages.update(chosen.values_list("slug", "original_language"))
    return languages


def _in_order(interviews: QuerySet[Interview], slugs: list[str]) -> Iterator[Interview]:
    for start in range(0, len(slugs), CHUNK_SIZE):
        chunk = slugs[start : start + CHUNK_SIZE]
        loaded = {
            interview.slug: interview for interview in exportable(interviews).filter(slug__in=chunk)
        }
        yield from (loaded[slug] for slug in chunk if slug in loaded)


def _exported(
    interviews: Iterable[Interview], base_url: str, found: Found | None = None
) -> Iterator[ExportedInterview]:
    for interview in interviews:
        chosen = None if found is None else found[interview.slug]
        exchanges = []
        for exchange in interview.exchanges.all():
            passages = tuple(
                passage
                for passage in exchange_passages(exchange)
                if any(passage.texts.values())
                and (
                    chosen is None
                    or PassageRef(exchange.uid, passage.part, passage.paragraph) in chosen
                )
            )
            if passages:
                exchanges.append(ExportedExchange(exchange, passages))
        yield ExportedInterview(
            interview, base_url + interview.get_absolute_url(), tuple(exchanges)
        )
        # Prefetching ties each exchange and source back to its interview: a cycle that
        # only a full garbage collection frees, so memory would grow between two of them.
        # Untied, an interview is freed as soon as it is written.
        interview._prefetched_objects_cache.clear()  # type: ignore[attr-defined]  # set by prefetch
