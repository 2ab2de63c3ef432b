from __future__ import annotations

import os
import secrets
import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.settings import env_bool, env_float, env_int, env_json_object
from tests.processes import run_manage


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    unset = {"DEBUG", "SECRET_KEY"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    return run_manage(*args, env={**environment, **env})


def test_production_refuses_the_placeholder_secret():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="archive.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="archive.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_typo_in_debug_stops_the_start():
    result = manage("check", DEBUG="ture")
    assert result.returncode != 0
    assert "DEBUG='ture': expected true or false" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("TRUE", True), ("yes", True), ("on", True), ("0", False), (" off ", False)],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("FLAG", value)
    assert env_bool("FLAG", not expected) is expected


@pytest.mark.parametrize("value", [None, "", "  "])
def test_env_helpers_fall_back_to_the_default_when_unset_or_empty(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("SETTING", raising=False)
    else:
        monkeypatch.setenv("SETTING", value)
    assert env_bool("SETTING", True) is True
    assert env_int("SETTING", 60) == 60
    assert env_float("SETTING", 2.5) == 2.5


def test_env_numbers_are_parsed(monkeypatch):
    monkeypatch.setenv("SETTING", "30")
    assert env_int("SETTING", 60) == 30
    assert env_float("SETTING", 2.0) == 30.0


@pytest.mark.parametrize(
    ("helper", "default", "value"),
    [
        (env_bool, False, "ture"),
        (env_bool, False, "2"),
        (env_int, 60, "1.5"),
        (env_int, 60, "sixty"),
        (env_float, 2.0, "2,5"),
    ],
)
def test_env_helpers_refuse_a_value_they_do_not_understand(monkeypatch, helper, default, value):
    monkeypatch.setenv("SETTING", value)
    with pytest.raises(ImproperlyConfigured, match=f"SETTING='{value}'"):
        helper("SETTING", default)


def test_env_json_object_reads_an_object(monkeypatch):
    monkeypatch.setenv("SETTING", '{"rebuild_processes": 1}')
    assert env_json_object("SETTING") == {"rebuild_processes": 1}
    monkeypatch.delenv("SETTING")
    assert env_json_object("SETTING") == {}


@pytest.mark.parametrize("value", ["{rebuild_processes: 1}", "[1]", '"text"'])
def test_env_json_object_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv("SETTING", value)
    with pytest.raises(ImproperlyConfigured, match="expected a JSON object"):
        env_json_object("SETTING")
