"""``/robots.txt``: where the sitemap is, and the editor's pages kept out of search engines."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from interviews.languages import LANGS

# The editors' pages, the admin and the login: in every language.
PRIVATE = ("editing:dashboard", "admin:index", "login")


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    for lang in LANGS:
        with translation.override(lang):
            lines += [f"Disallow: {reverse(name)}" for name in PRIVATE]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
