"""The corpus: interviews (a filtered list, one whole), a passage by its anchor, and the
outlets, people and topics with how many interviews each has.

Everything is read through ``Interview.objects.visible_to(user)``: the published
interviews, and drafts too for an editor's session. Each answer is made in a fixed number
of queries, whatever the page holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import reduce
from operator import attrgetter, or_
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from interviews.exporting import jsondoc
from interviews.exporting.selection import interviews_export
from interviews.exporting.units import LEVELS, SENTENCE, ExportedInterview, InterviewNotFound
from interviews.languages import LANGS, other_language
from interviews.models import (
    INTERVIEW_TRANSLATION_STATUSES,
    Exchange,
    Interview,
    InterviewQuerySet,
    Outlet,
    Person,
    Topic,
)
from interviews.passages import anchor_passage, find_passages

from . import schemas
from .http import cacheable
from .links import interview_links, page_of, web_urls
from .problems import ApiProblem

router = Router(tags=["corpus"])

ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}
SORTS = {
    "-published_on": ["-published_on", "-pk"],
    "published_on": ["published_on", "pk"],
    "-created_at": ["-created_at", "-pk"],
    "created_at": ["created_at", "pk"],
    "slug": ["slug"],
}

# Each a choice of values listed elsewhere, made a Literal for the OpenAPI document (which
# lists them); mypy cannot read a Literal made at run time, so it sees a str.
if TYPE_CHECKING:
    Language = str
    Status = str
    Level = str
    Sort = str
else:
    Language = Literal[LANGS]
    Status = Literal[tuple(value for value, _label in INTERVIEW_TRANSLATION_STATUSES)]
    Level = Literal[LEVELS]
    Sort = Literal[tuple(SORTS)]


class InterviewFilters(Schema):
    outlet: str | None = Field(None, description="An outlet's slug.")
    person: str | None = Field(None, description="An interviewee's slug.")
    topic: str | None = Field(None, description="A topic's slug.")
    year: int | None = Field(None, ge=1, le=9999, description="Published that year.")
    date_from: date | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="Published on or before (YYYY-MM-DD).")
    original_language: Language | None = None
    translation_status: Status | None = Field(
        None, description="The state of the translation (into the other language)."
    )
    q: str | None = Field(None, max_length=200, description="Words of the title, either language.")
    sort: Sort = "-published_on"
    page: int = Field(1, ge=1)
    per_page: int = Field(20, ge=1, le=100)

    def filter(self, interviews: InterviewQuerySet) -> InterviewQuerySet:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ApiProblem(400, _("The start date is after the end date."))
        if self.outlet:
            interviews = interviews.filter(outlet__slug=self.outlet)
        if self.person:
            interviews = interviews.filter(interviewees__slug=self.person)
        if self.topic:
            interviews = interviews.filter(topics__slug=self.topic)
        if self.year:
            interviews = interviews.filter(published_on__year=self.year)
        if self.date_from:
            interviews = interviews.filter(published_on__gte=self.date_from)
        if self.date_to:
            interviews = interviews.filter(published_on__lte=self.date_to)
        if self.original_language:
            interviews = interviews.filter(original_language=self.original_language)
        if self.translation_status:
            interviews = interviews.filter(
                _any(
                    Q(original_language=lang)
                    & Q(**{f"translation_status_{other_language(lang)}": self.translation_status})
                    for lang in LANGS
                )
            )
        if self.q:
            interviews = interviews.filter(
                _any(Q(**{f"title_{lang}__icontains": self.q}) for lang in LANGS)
            )
        return interviews.order_by(*SORTS[self.sort])


def _any(conditions: Iterable[Q]) -> Q:
    return reduce(or_, conditions)


def summary(request: HttpRequest, interview: Interview) -> dict[str, Any]:
    return {
        "slug": interview.slug,
        **jsondoc.metadata(interview),
        "links": interview_links(request, interview.slug),
    }


@router.get(
    "/interviews/",
    response={200: schemas.InterviewList, **ERRORS},
    url_name="interviews",
    summary="Interviews, filtered, sorted and a page at a time",
)
@cacheable
def interview_list(request: HttpRequest, filters: Query[InterviewFilters]):
    # One person and one topic at most: the joins cannot repeat an interview, no DISTINCT.
    interviews = filters.filter(Interview.objects.visible_to(request.user))
    page = page_of(request, interviews.count(), filters.page, filters.per_page)
    start = (page["page"] - 1) * filters.per_page
    chosen = interviews.for_listing().select_related("interviewer")
    return {
        **page,
        "results": [summary(request, i) for i in chosen[start : start + filters.per_page]],
    }


@router.get(
    "/interviews/{slug}/",
    response={200: schemas.Interview, **ERRORS},
    url_name="interview",
    summary="One whole interview: exchanges, passages and aligned sentences",
)
@cacheable
def interview_detail(
    request: HttpRequest, response: HttpResponse, slug: str, level: Level = SENTENCE
):
    try:
        export = interviews_export(
            [slug],
            level=level,
            base_url=request.build_absolute_uri("/").rstrip("/"),
            visible=Interview.objects.visible_to(request.user),
        )
    except InterviewNotFound:
        raise ApiProblem(404, _("There is no interview “%(slug)s”.") % {"slug": slug}) from None
    item = next(iter(export.interviews))
    response["Last-Modified"] = http_date(item.interview.updated_at.timestamp())
    return {
        **jsondoc.interview_data(item, level),
        "links": interview_links(request, slug),
    }


@router.get(
    "/passages/{anchor}/",
    response={200: schemas.PassageDetail, **ERRORS},
    url_name="passage",
    summary="A passage by its anchor (x-<uid>-q, x-<uid>-p<n>, x-<uid>) with its translation",
)
@cacheable
def passage(request: HttpRequest, anchor: str):
    ref = anchor_passage(anchor)
    exchange = (
        Exchange.objects.filter(
            uid=ref.uid, interview__in=Interview.objects.visible_to(request.user)
        )
        .select_related("interview__outlet", "interview__interviewer")
        .prefetch_related("interview__interviewees", "interview__topics")
        .first()
        if ref
        else None
    )
    passages = find_passages([exchange], ref) if exchange and ref else []
    passages = [passage for passage in passages if any(passage.texts.values())]
    if not exchange or not passages:
        raise ApiProblem(404, _("There is no passage “%(anchor)s”.") % {"anchor": anchor})
    interview = exchange.interview
    item = ExportedInterview(
        interview, request.build_absolute_uri(interview.get_absolute_url()), ()
    )
    return {
        "interview": summary(request, interview),
        "exchange": exchange.position,
        "passages": [
            jsondoc.passage_data(item, p, interview.language_codes, SENTENCE) for p in passages
        ],
    }


class Paging(Schema):
    page: int = Field(1, ge=1)
    per_page: int = Field(50, ge=1, le=500)


def _counted(
    request: HttpRequest,
    model: Any,
    paging: Paging,
    kind: str,
    name: Callable[[Any], Any],
    web: str | None = None,
) -> dict[str, Any]:
    """``model``'s objects with how many visible interviews each has, most first; ``kind`` is
    the list's filter and the feed's name, ``web`` the reader's page, where there is one."""
    visible = Interview.objects.visible_to(request.user).values("pk")
    counted = (
        model._default_manager.annotate(
            count=Count("interviews", filter=Q(interviews__pk__in=visible))
        )
        .filter(count__gt=0)
        .order_by("-count", "slug")
    )
    page = page_of(request, counted.count(), paging.page, paging.per_page)
    start = (page["page"] - 1) * paging.per_page
    return {
        **page,
        "results": [
            {
                "slug": obj.slug,
                "interviews": obj.count,
                "name": name(obj),
                "links": _counted_links(request, kind, obj.slug, web),
            }
            for obj in counted[start : start + paging.per_page]
        ],
    }


def _counted_links(request: HttpRequest, kind: str, slug: str, web: str | None) -> dict:
    links = {
        "interviews": request.build_absolute_uri(reverse("api:interviews") + f"?{kind}={slug}"),
        "feed": request.build_absolute_uri(reverse(f"{kind}_feed", args=[slug])),
    }
    return links | web_urls(request, web, slug) if web else links


@router.get(
    "/outlets/",
    response={200: schemas.CountedList, **ERRORS},
    url_name="outlets",
    summary="Outlets, with how many interviews each published",
)
@cacheable
def outlets(request: HttpRequest, paging: Query[Paging]):
    return _counted(request, Outlet, paging, "outlet", attrgetter("name"), "interviews:outlet")


@router.get(
    "/persons/",
    response={200: schemas.CountedList, **ERRORS},
    url_name="persons",
    summary="People interviewed, with how many interviews each gave",
)
@cacheable
def persons(request: HttpRequest, paging: Query[Paging]):
    return _counted(request, Person, paging, "person", attrgetter("name"), "interviews:person")


@router.get(
    "/topics/",
    response={200: schemas.CountedList, **ERRORS},
    url_name="topics",
    summary="Topics, with how many interviews each has",
)
@cacheable
def topics(request: HttpRequest, paging: Query[Paging]):
    return _counted(
        request,
        Topic,
        paging,
        "topic",
        lambda topic: {lang: getattr(topic, f"name_{lang}") or "" for lang in LANGS},
    )
