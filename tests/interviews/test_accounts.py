from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db


def test_roles_exist_with_their_permissions():
    editors = Group.objects.get(name="Editors")
    reviewers = Group.objects.get(name="Reviewers")
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    reviewer_perms = set(reviewers.permissions.values_list("codename", flat=True))
    assert {"import_interview", "change_exchange", "view_draft"} <= editor_perms
    assert "publish_interview" not in editor_perms
    assert editor_perms | {"publish_interview", "review_translation"} == reviewer_perms


@pytest.mark.parametrize(("lang", "label"), [("fr", "Se connecter"), ("en", "Log in")])
def test_login_page_exists_in_both_languages(client, lang, label):
    response = client.get(f"/{lang}/accounts/login/")
    assert response.status_code == 200
    assert label in response.content.decode()


def test_editor_logs_in_and_out(client):
    User.objects.create_user("ed", password="a-long-password-1")
    response = client.post(
        "/en/accounts/login/", {"username": "ed", "password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert client.get("/en/").context["user"].is_authenticated
    client.post("/en/accounts/logout/")
    assert not client.get("/en/").context["user"].is_authenticated
