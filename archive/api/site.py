"""The API put together: its operations, errors, budget per client and OpenAPI document
(``/api/v1/openapi.json``, browsable at ``/api/v1/docs/`` with Swagger UI's assets served
by the site itself: no CDN, no inline script, so the page works under the site's CSP)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from . import corpus, problems, searching
from .http import ClientThrottle


class Utf8Renderer(JSONRenderer):
    # French typography stays as it is, as in the JSON export.
    json_dumps_params = {"ensure_ascii": False}


class ArchiveAPI(NinjaAPI):
    @property
    def urls(self) -> tuple[list[URLPattern | URLResolver], str, str]:
        """Ninja's URLs, each answering GET only: its document, documentation and root page
        would otherwise take any method."""
        patterns, app_name, namespace = super().urls
        return [_read_only(pattern) for pattern in patterns], app_name, namespace

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Errors are said as problems (RFC 9457), and any answer may be a 304 for a client
        that already holds it."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                for status, response in responses.items():
                    if int(status) >= 400 and "content" in response:
                        content = response["content"].pop("application/json")
                        response["content"][problems.CONTENT_TYPE] = content
                responses["304"] = {
                    "description": "Not modified (If-None-Match, If-Modified-Since)."
                }
        return schema


def _read_only(pattern: URLPattern | URLResolver) -> URLPattern | URLResolver:
    if isinstance(pattern, URLResolver):
        return pattern
    return URLPattern(
        pattern.pattern, require_safe(pattern.callback), pattern.default_args, pattern.name
    )


api = ArchiveAPI(
    title="Interview archive",
    version="1",
    description=(
        "The archive's published interviews, aligned French and English, for scripts: "
        "read-only, JSON, errors as `application/problem+json` (RFC 9457)."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs/",
    renderer=Utf8Renderer(),
    throttle=[ClientThrottle()],
)
problems.install(api)
api.add_router("", corpus.router)
api.add_router("", searching.router)
