"""The Content-Security-Policy holds in a real browser: the main pages, an editor's included,
run and look as they should without a single violation."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.factories import SEED_SLUG

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
PAGES = [
    "/fr/",
    "/en/interviews/",
    f"/fr/interviews/{SEED_SLUG}/",
    f"/en/interviews/{SEED_SLUG}/?show=en",
    f"/fr/interviews/{SEED_SLUG}/cite/",
    "/fr/search/?q=numérique",
    "/en/accounts/login/",
    "/en/edit/",
]
# Recorded from the first script the page runs, before any of the page's own.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


def test_the_main_pages_break_no_rule_of_the_policy(page, live_server, live_seed):
    call_command("rebuild_index", "--noinput", verbosity=0)
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill('input[name="username"]', "editor")
    page.fill('input[name="password"]', PASSWORD)
    page.click('main button[type="submit"]')
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert page.evaluate("window.__violations") == [], path
    assert not [text for text in console if "Content Security Policy" in text]
