"""The reader's pages: browsing, reading, citing and exporting interviews."""

from django.urls import path

from ..citation_formats import citation_file_paths
from ..views import browse, citing, exporting, reading

app_name = "interviews"

urlpatterns = [
    path("", browse.home, name="home"),
    path("interviews/", browse.interview_list, name="list"),
    path("interviews/<slug:slug>/", reading.interview_detail, name="detail"),
    path("interviews/<slug:slug>/cite/", citing.cite, name="cite"),
    *citation_file_paths("interviews/<slug:slug>/", citing.cite_file),
    path(
        "interviews/<slug:slug>/export.<str:format>",
        exporting.interview_export,
        name="export",
    ),
    path("people/<slug:slug>/", browse.person_detail, name="person"),
    path("outlets/<slug:slug>/", browse.outlet_detail, name="outlet"),
]
