"""The API's documentation page works in a real browser under the site's CSP, its Swagger
UI served by the site itself."""

from __future__ import annotations

import pytest

from .test_content_security_policy import LISTEN

pytestmark = pytest.mark.browser


def test_the_api_docs_show_every_operation_without_breaking_the_policy(page, live_server):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.add_init_script(LISTEN)
    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/interviews/" in paths and "/api/v1/search/" in paths
    assert page.evaluate("window.__violations") == []
    assert not [text for text in console if "Content Security Policy" in text]
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested)
