"""Atom feeds of the latest published interviews: the whole archive, or one outlet's, one
person's or one topic's, in the interface language of their address (``/<lang>/feed/``).

Each entry carries the standfirst and a link to the reading view in every language, each
marked with its ``lang``; drafts are never in a feed, whoever asks.
"""

from __future__ import annotations

import copy
from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .languages import language_name
from .models import Interview, Outlet, Person, Topic

LATEST = 30


class InterviewFeed(Feed):
    """Every published interview, newest first."""

    feed_type = Atom1Feed
    request: HttpRequest  # set on each request's copy

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # One instance serves every request: each gets its own copy to hold its request
        # (entries link to the reading view in every language, with the site's address).
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Any:
        return None

    def title(self, obj: Any) -> str:
        return _("Interview archive: latest interviews")

    def subtitle(self, obj: Any) -> str:
        return _("The latest interviews published, in French and English.")

    def link(self, obj: Any) -> str:
        return reverse("interviews:list")

    def interviews(self, obj: Any):
        return Interview.objects.published()

    def items(self, obj: Any):
        return self.interviews(obj).for_listing().order_by("-published_on", "-pk")[:LATEST]

    def item_title(self, item: Interview) -> str:
        return item.display_title.text

    def item_link(self, item: Interview) -> str:
        return item.get_absolute_url()

    def item_description(self, item: Interview) -> str:
        """The standfirst and the link to the reading view in each language."""
        parts = []
        for lang in (item.original_language, item.translation_language):
            with translation.override(lang):
                url = self.request.build_absolute_uri(item.get_absolute_url())
            title = getattr(item, f"title_{lang}") or ""
            parts.append(
                format_html(
                    '<div lang="{}"><p><a href="{}" hreflang="{}">{}</a></p><p>{}</p></div>',
                    lang,
                    url,
                    lang,
                    title or language_name(lang),
                    getattr(item, f"standfirst_{lang}") or "",
                )
            )
        return format_html_join("", "{}", ((part,) for part in parts))

    def item_pubdate(self, item: Interview) -> datetime:
        day = item.published_on or timezone.localdate(item.created_at)
        return timezone.make_aware(datetime.combine(day, time()))

    def item_updateddate(self, item: Interview) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Interview) -> str:
        return ", ".join(person.name for person in item.interviewees.all()) or item.outlet.name

    def item_categories(self, item: Interview) -> list[str]:
        return [topic.name for topic in item.topics.all()]


class OutletFeed(InterviewFeed):
    def get_object(self, request: HttpRequest, slug: str | None = None) -> Outlet:
        return get_object_or_404(Outlet, slug=slug)

    def title(self, obj: Outlet) -> str:
        return _("Latest interviews in %(outlet)s") % {"outlet": obj.name}

    def link(self, obj: Outlet) -> str:
        return obj.get_absolute_url()

    def interviews(self, obj: Outlet):
        return obj.interviews.published()


class PersonFeed(InterviewFeed):
    def get_object(self, request: HttpRequest, slug: str | None = None) -> Person:
        return get_object_or_404(Person, slug=slug)

    def title(self, obj: Person) -> str:
        return _("Latest interviews with %(person)s") % {"person": obj.name}

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def interviews(self, obj: Person):
        return obj.interviews.published()


class TopicFeed(InterviewFeed):
    def get_object(self, request: HttpRequest, slug: str | None = None) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj: Topic) -> str:
        return _("Latest interviews about %(topic)s") % {"topic": obj.name}

    def link(self, obj: Topic) -> str:
        return reverse("interviews:list") + f"?topic={obj.slug}"

    def interviews(self, obj: Topic):
        return obj.interviews.published()
