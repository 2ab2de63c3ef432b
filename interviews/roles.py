"""Who may do what: editors import, translate and edit; reviewers also approve and publish."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, AnonymousUser

# Whoever makes a request: what they may read or change depends on it.
Reader = AbstractUser | AnonymousUser

EDITORS = "Editors"
REVIEWERS = "Reviewers"

EDITOR_PERMISSIONS = [
    "view_draft",
    "import_interview",
    "add_interview",
    "change_interview",
    "add_exchange",
    "change_exchange",
    "delete_exchange",
    "add_outlet",
    "change_outlet",
    "add_person",
    "change_person",
    "add_topic",
    "change_topic",
    "add_sourcedocument",
    "view_sourcedocument",
]
REVIEWER_PERMISSIONS = [*EDITOR_PERMISSIONS, "review_translation", "publish_interview"]

ROLES = {EDITORS: EDITOR_PERMISSIONS, REVIEWERS: REVIEWER_PERMISSIONS}
