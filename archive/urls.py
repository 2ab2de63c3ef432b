from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path
from django.views.decorators.http import require_safe

from interviews.feeds import InterviewFeed, OutletFeed, PersonFeed, TopicFeed
from interviews.sitemaps import SITEMAPS

from .api.site import api
from .robots import robots_txt

handler500 = "archive.outage.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("edit/", include("interviews.urls.editing")),
    path("search/", include("search.urls")),
    # Atom feeds of the latest published interviews, in the address's language.
    path("feed/", require_safe(InterviewFeed()), name="feed"),
    path("outlets/<slug:slug>/feed/", require_safe(OutletFeed()), name="outlet_feed"),
    path("people/<slug:slug>/feed/", require_safe(PersonFeed()), name="person_feed"),
    path("topics/<slug:slug>/feed/", require_safe(TopicFeed()), name="topic_feed"),
    path("", include("interviews.urls.public")),
)
