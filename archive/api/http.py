"""HTTP done once for every operation: conditional GETs (``ETag``, ``Last-Modified``,
304), ``Cache-Control``, and a request budget per client (429 with ``Retry-After``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from ninja.decorators import decorate_view
from ninja.throttling import UserRateThrottle

from ..clients import client_address

# Django's own: an ETag from the body when the operation set none, and a 304 when the
# client's If-None-Match (or If-Modified-Since, against Last-Modified) says it has it.
_conditional = decorator_from_middleware(ConditionalGetMiddleware)


def _cache_control(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def answered(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            # Whoever may read drafts gets answers no shared cache may keep.
            if request.user.has_perm("interviews.view_draft"):
                patch_cache_control(response, private=True, max_age=0)
            else:
                patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response

    return answered


def cacheable(operation: Callable[..., Any]) -> Callable[..., Any]:
    """An operation whose answers carry validators and may be kept ``API_CACHE_SECONDS``."""
    return decorate_view(_conditional, _cache_control)(operation)


class ClientThrottle(UserRateThrottle):
    """``API_RATE_LIMIT`` requests (e.g. ``"120/min"``) per user, or per address for
    anonymous clients, counted in Django's cache (shared by every process when the cache
    is). Read at each request, so that a change of setting needs no restart."""

    def __init__(self) -> None:
        super().__init__(settings.API_RATE_LIMIT)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request: HttpRequest) -> str | None:
        return client_address(request)
