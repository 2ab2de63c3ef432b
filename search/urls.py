from django.urls import path

from interviews.citation_formats import FORMATS

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    *(
        path(
            f"cite.{extension}",
            views.cite_results,
            {"extension": extension},
            name=f"cite_{extension}",
        )
        for extension in FORMATS
    ),
    path("export.<str:format>", views.export, name="export"),
]
