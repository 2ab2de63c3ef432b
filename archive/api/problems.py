"""Errors as ``application/problem+json`` (RFC 9457), worded in the client's language
(``Accept-Language``): a client learns what was wrong, never meets a bare 500 page."""

from __future__ import annotations

import json
import logging
import math
from http import HTTPStatus

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError

from search.backends.base import IndexUnavailable
from search.unavailable import diagnosis

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: gettext_lazy("Bad request"),
    404: gettext_lazy("Not found"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Server error"),
    503: gettext_lazy("Service unavailable"),
}


class ApiProblem(Exception):
    """What an operation refuses, and why (``detail``, in the client's language)."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []


def problem(
    request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    title = TITLES.get(status) or HTTPStatus(status).phrase
    body = {
        "type": "about:blank",
        "title": str(title),
        "status": status,
        "detail": detail,
        "instance": request.get_full_path(),
        "errors": errors or [],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    response["Cache-Control"] = "no-store"
    return response


def invalid_parameters(request: HttpRequest, errors: list[dict[str, str]]) -> HttpResponse:
    names = ", ".join(sorted({error["parameter"] for error in errors}))
    detail = _("Invalid parameters: %(names)s.") % {"names": names}
    return problem(request, 400, detail, errors)


def install(api: NinjaAPI) -> None:
    """Every error the API can meet, answered as a problem."""

    @api.exception_handler(ApiProblem)
    def refused(request: HttpRequest, error: ApiProblem) -> HttpResponse:
        return problem(request, error.status, error.detail, error.errors)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        errors = [
            {"parameter": str(detail["loc"][-1]), "reason": _reason(detail)}
            for detail in error.errors
        ]
        return invalid_parameters(request, errors)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return problem(request, 404, str(error) or _("There is nothing at this address."))

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
        seconds = math.ceil(error.wait or 1)
        detail = _("Too many requests from this client: wait %(seconds)s s.") % {"seconds": seconds}
        return problem(request, 429, detail)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return problem(request, error.status_code, str(error))

    @api.exception_handler(IndexUnavailable)
    def index_unavailable(request: HttpRequest, error: IndexUnavailable) -> HttpResponse:
        logger.error("search unavailable: %s", diagnosis(error))
        response = problem(request, 503, _("Search is unavailable for now; try again later."))
        response["Retry-After"] = "60"
        return response

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, error: Exception) -> HttpResponse:
        logger.exception("API error on %s", request.get_full_path())
        return problem(request, 500, _("Something went wrong on our side; it has been logged."))


# pydantic's reasons (English only), by their type, in the client's language.
REASONS = {
    "missing": gettext_lazy("This parameter is required."),
    "int_parsing": gettext_lazy("Expected a whole number."),
    "int_from_float": gettext_lazy("Expected a whole number."),
    "greater_than_equal": gettext_lazy("Expected a number of at least %(ge)s."),
    "less_than_equal": gettext_lazy("Expected a number of at most %(le)s."),
    "string_too_long": gettext_lazy("Expected at most %(max_length)s characters."),
    "string_pattern_mismatch": gettext_lazy("Expected at least one word."),
    "literal_error": gettext_lazy("Expected one of %(expected)s."),
    "date_parsing": gettext_lazy("Expected a date, YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Expected a date, YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Expected a date, YYYY-MM-DD."),
}


def _reason(detail: dict) -> str:
    reason = REASONS.get(detail.get("type", ""))
    if reason is None:
        return str(detail["msg"])
    try:
        return str(reason) % detail.get("ctx", {})
    except (KeyError, TypeError, ValueError):
        return str(detail["msg"])
