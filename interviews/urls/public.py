"""The reader's pages: browsing, reading, citing and exporting interviews."""

from django.urls import path

from ..citation_formats import FORMATS
from ..views import browse, citing, exporting, reading

app_name = "interviews"

urlpatterns = [
    path("", browse.home, name="home"),
    path("interviews/", browse.interview_list, name="list"),
    path("interviews/<slug:slug>/", reading.interview_detail, name="detail"),
    path("interviews/<slug:slug>/cite/", citing.cite, name="cite"),
    *(
        path(
            f"interviews/<slug:slug>/cite.{extension}",
            citing.cite_file,
            {"extension": extension},
            name=f"cite_{extension}",
        )
        for extension in FORMATS
    ),
    path(
        "interviews/<slug:slug>/export.<str:format>",
        exporting.interview_export,
        name="export",
    ),
    path("people/<slug:slug>/", browse.person_detail, name="person"),
    path("outlets/<slug:slug>/", browse.outlet_detail, name="outlet"),
]
