"""The sitemap: every published interview's reading view in each language, each with its
``hreflang`` alternates and the date it last changed."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap

from .languages import LANGS
from .models import Interview


class InterviewSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = list(LANGS)
    changefreq = "monthly"

    def items(self):
        return Interview.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Interview) -> datetime:
        return item.updated_at


SITEMAPS = {"interviews": InterviewSitemap}
