"""The haystack peer, set up as haystack's documentation shows: one ``SearchIndex`` per
model, its document rendered from a template, filter and facet fields beside it."""

from __future__ import annotations

from haystack import indexes

from interviews.models import Exchange


class ExchangeIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    outlet = indexes.CharField(model_attr="interview__outlet__slug", faceted=True)
    published_on = indexes.DateField(model_attr="interview__published_on", null=True)

    def get_model(self):
        return Exchange

    def index_queryset(self, using=None):
        return Exchange.objects.filter(interview__status="published").select_related(
            "interview__outlet"
        )
