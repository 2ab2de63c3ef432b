from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from reversion.admin import VersionAdmin

from . import history  # noqa: F401  (registers the models with reversion first)
from .models import Exchange, Interview, Outlet, Person, SourceDocument, Topic

# An address typed without its scheme is taken as https, Django 6's default (until then
# Django warns unless told).
URL_FIELDS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(TabbedTranslationAdmin):
    list_display = ["name", "role"]
    search_fields = ["name", "role_fr", "role_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_fr", "name_en"]


class ExchangeInline(TranslationStackedInline):
    model = Exchange
    extra = 0
    ordering = ["position"]
    fields = ["position", "question", "answer"]


SOURCE_DOCUMENT_FIELDS = ("lang", "filename", "content_type", "sha256", "imported_at")


class SourceDocumentInline(admin.TabularInline):
    model = SourceDocument
    extra = 0
    fields = SOURCE_DOCUMENT_FIELDS
    readonly_fields = SOURCE_DOCUMENT_FIELDS
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Interview)
class InterviewAdmin(VersionAdmin, TabbedTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "outlet", "published_on", "original_language", "status"]
    list_filter = ["status", "original_language", "translation_status_en", "outlet", "topics"]
    search_fields = ["title_fr", "title_en", "interviewees__name", "outlet__name"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["outlet", "interviewees", "interviewer", "topics"]
    prepopulated_fields = {"slug": ["title_fr"]}
    inlines = [ExchangeInline, SourceDocumentInline]
