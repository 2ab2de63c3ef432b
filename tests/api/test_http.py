"""HTTP done right: validators and 304s, caching, CORS, rate limits, problems."""

from __future__ import annotations

import pytest

from tests.factories import make_interview

from .conftest import body

pytestmark = pytest.mark.django_db


def test_an_unchanged_interview_answers_304_to_its_etag(client):
    interview = make_interview()
    first = client.get(f"/api/v1/interviews/{interview.slug}/")
    again = client.get(f"/api/v1/interviews/{interview.slug}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_an_interview_answers_304_when_not_modified_since(client):
    interview = make_interview()
    first = client.get(f"/api/v1/interviews/{interview.slug}/")
    again = client.get(
        f"/api/v1/interviews/{interview.slug}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert again.status_code == 304


def test_a_changed_list_answers_in_full_to_the_old_etag(client):
    make_interview()
    first = client.get("/api/v1/interviews/")
    make_interview()
    again = client.get("/api/v1/interviews/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert body(again)["count"] == 2


def test_public_answers_may_be_kept_by_shared_caches(client, settings):
    settings.API_CACHE_SECONDS = 120
    response = client.get("/api/v1/interviews/")
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=120"}


def test_any_site_may_read_the_api_from_a_browser(client):
    response = client.get("/api/v1/interviews/", HTTP_ORIGIN="https://elsewhere.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_is_for_the_api_only(client):
    response = client.get("/en/interviews/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in response


def test_a_client_over_its_budget_is_told_when_to_come_back(client, settings):
    settings.API_RATE_LIMIT = "2/min"
    for _ in range(2):
        assert client.get("/api/v1/topics/").status_code == 200
    response = client.get("/api/v1/topics/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 0 < int(response["Retry-After"]) <= 60


def test_bad_parameters_are_a_problem_in_the_clients_language(client):
    response = client.get(
        "/api/v1/interviews/", {"per_page": "0", "sort": "nope"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    problem = body(response)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert problem["status"] == 400
    assert problem["detail"] == "Paramètres invalides\u00a0: per_page, sort."
    assert {error["parameter"] for error in problem["errors"]} == {"per_page", "sort"}


def test_reversed_dates_are_a_problem(client):
    response = client.get(
        "/api/v1/interviews/",
        {"date_from": "2024-02-01", "date_to": "2024-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert body(response)["detail"] == "The start date is after the end date."


def test_a_page_past_the_last_is_not_found(client):
    make_interview()
    response = client.get("/api/v1/interviews/", {"page": 3})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_documentation_page_loads_its_assets_from_the_site(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "://" not in page.replace("http://testserver", "")


def test_a_forged_forwarded_for_does_not_buy_a_new_budget(client, settings):
    settings.API_RATE_LIMIT = "1/min"
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_budget(client, settings):
    """The proxy's own address is every client's REMOTE_ADDR: the budget is counted per
    address the proxy saw, the last of X-Forwarded-For; what the client wrote before it is
    not believed."""
    settings.API_RATE_LIMIT, settings.TRUSTED_PROXIES = "1/min", 1
    behind = {"REMOTE_ADDR": "10.9.9.9"}
    assert (
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="1.1.1.1", **behind).status_code == 200
    )
    assert (
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="2.2.2.2", **behind).status_code == 200
    )
    forged = client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="3.3.3.3, 1.1.1.1", **behind)
    assert forged.status_code == 429


def test_an_unusable_search_index_is_a_503_problem(client, seed, settings, whoosh_index, tmp_path):
    # An index outside the database that is missing: only Whoosh's can be.
    settings.SEARCH_INDEX_DIR = tmp_path / "no-index-here"
    response = client.get("/api/v1/search/", {"q": "portail"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert body(response)["detail"] == "Search is unavailable for now; try again later."
