"""Rates are read strictly: a typo fails at start-up instead of silently removing a limit."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from citizen_crm.ratelimit import parse_rate
from citizen_crm.settings import env_rate


@pytest.mark.parametrize(
    ("raw", "expected"), [("20/hour", (20, 3600)), ("3/minute", (3, 60)), ("1/day", (1, 86400)), ("", None)]
)
def test_it_reads_a_rate(raw, expected):
    assert parse_rate(raw) == expected


@pytest.mark.parametrize("raw", ["20", "0/hour", "20/hours", "20 / hour", "-1/day", "twenty/hour", "20/week"])
def test_it_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("RATE_LIMIT_SIGNUP_PER_EMAIL", raw)

    with pytest.raises(ImproperlyConfigured, match="RATE_LIMIT_SIGNUP_PER_EMAIL"):
        env_rate("RATE_LIMIT_SIGNUP_PER_EMAIL", "3/hour")
    with pytest.raises(ImproperlyConfigured):
        parse_rate(raw)


def test_it_turns_a_limit_off_with_an_empty_rate(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_SIGNUP_PER_EMAIL", "")

    assert env_rate("RATE_LIMIT_SIGNUP_PER_EMAIL", "3/hour") == ""
