from django.urls import path

from interviews.citation_formats import citation_file_paths

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    *citation_file_paths("", views.cite_results),
    path("export.<str:format>", views.export, name="export"),
]
