"""Editor pages, under /<lang>/edit/: every one needs a login and a permission."""

from django.urls import path

from ..views import batches, dashboard, editing, history, importing

app_name = "editing"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("import/", importing.import_interview, name="import"),
    path("import/batch/", batches.import_batch, name="import_batch"),
    path("interviews/<slug:slug>/translate/", editing.translate, name="translate"),
    path("interviews/<slug:slug>/approve/", editing.approve_all, name="approve_all"),
    path("interviews/<slug:slug>/publish/", editing.publish, name="publish"),
    path("interviews/<slug:slug>/unpublish/", editing.unpublish, name="unpublish"),
    path("interviews/<slug:slug>/history/", history.interview_history, name="history"),
    path(
        "interviews/<slug:slug>/history/<int:revision_id>/restore/",
        history.restore,
        name="restore",
    ),
    path("exchanges/<str:uid>/translation/", editing.save_translation, name="save_translation"),
    path("exchanges/<str:uid>/source/", editing.edit_source, name="edit_source"),
    path("exchanges/<str:uid>/approve/", editing.approve, name="approve"),
]
