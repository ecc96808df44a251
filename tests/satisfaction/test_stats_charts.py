"""Every chart's rows read from the rollups equal the same rows computed directly from tickets, events and surveys."""

import datetime

import pytest
from django.utils import translation

from satisfaction import stats
from satisfaction.podium import PILLAR_LABELS

from .rollup_data import (  # noqa: F401
    cases,
    expected_backlog_ageing,
    expected_comments,
    expected_delays,
    expected_pillars,
    expected_satisfaction_trend,
    expected_sla_trend,
    expected_top_categories,
    expected_volume_by_channel,
    rollup_story,
)


def approx_rows(rows):
    return [
        {key: pytest.approx(value) if isinstance(value, float) else value for key, value in row.items()} for row in rows
    ]


def test_it_counts_the_volume_by_channel_per_granularity_bucket(rollup_story):  # noqa: F811
    nonempty = 0
    for period, filters in cases(rollup_story):
        rows = stats.volume_by_channel(period, filters)
        assert rows == expected_volume_by_channel(period, filters), (period, filters)
        nonempty += any(row["count"] for row in rows)
    assert nonempty > 20


def test_it_ages_the_backlog_at_the_end_of_the_period(rollup_story):  # noqa: F811
    for period, filters in cases(rollup_story):
        rows = stats.backlog_ageing(period, filters)
        assert [(row["bucket"], row["count"], row["overdue"]) for row in rows] == expected_backlog_ageing(
            period, filters
        ), (period, filters)


def test_it_follows_the_sla_per_granularity_bucket(rollup_story):  # noqa: F811
    for period, filters in cases(rollup_story):
        assert stats.sla_trend(period, filters) == approx_rows(expected_sla_trend(period, filters)), (period, filters)


def test_it_spreads_first_responses_and_resolutions_over_the_delay_buckets(rollup_story):  # noqa: F811
    for period, filters in cases(rollup_story):
        rows = stats.delays(period, filters)
        assert [(row["bucket"], row["first_response"], row["resolution"]) for row in rows] == expected_delays(
            period, filters
        ), (period, filters)


def test_it_follows_satisfaction_and_effort(rollup_story):  # noqa: F811
    for period, filters in cases(rollup_story):
        expected = approx_rows(expected_satisfaction_trend(period, filters))
        assert stats.satisfaction_trend(period, filters) == expected, (period, filters)


def test_it_scores_the_three_pillars(rollup_story):  # noqa: F811
    for period, filters in cases(rollup_story):
        rows = stats.pillars(period, filters)
        assert [(row["pillar"], row["score"], row["answers"]) for row in rows] == [
            (code, pytest.approx(score) if score is not None else None, count)
            for code, score, count in expected_pillars(period, filters)
        ], (period, filters)


def test_it_ranks_the_top_categories(rollup_story):  # noqa: F811
    for period, filters in cases(rollup_story):
        rows = stats.top_categories(period, filters)
        expected = expected_top_categories(period, filters)
        assert {row["category_id"]: (row["created"], row["resolved"], row["sla_rate"]) for row in rows} == {
            key: (c, r, pytest.approx(rate) if rate is not None else None) for key, (c, r, rate) in expected.items()
        }, (period, filters)
        assert [(row["created"], row["resolved"]) for row in rows] == sorted(
            [(row["created"], row["resolved"]) for row in rows], reverse=True
        )


def test_it_limits_the_top_categories(rollup_story):  # noqa: F811
    period = stats.Period(datetime.date(2026, 3, 1), datetime.date(2026, 5, 15))
    assert len(stats.top_categories(period, stats.Filters())) == 3
    [first] = stats.top_categories(period, stats.Filters(), limit=1)
    assert (first["category"], first["service"]) == ("Nid-de-poule", "Voirie")


def test_it_lists_the_latest_comments_newest_first(rollup_story):  # noqa: F811
    for period, filters in cases(rollup_story):
        for low_only in (False, True):
            comments = stats.latest_comments(period, filters, low_only=low_only)
            assert [survey.pk for survey in comments] == expected_comments(period, filters, low_only)


def test_it_labels_buckets_channels_and_pillars_in_the_active_language(rollup_story):  # noqa: F811
    period = stats.Period(datetime.date(2026, 10, 22), datetime.date(2026, 10, 28))
    with translation.override("en"):
        assert [row["label"] for row in stats.delays(period, stats.Filters())][:5] == [
            "≤ 1 h",
            "≤ 2 h",
            "≤ 4 h",
            "≤ 8 h",
            "≤ 1 day",
        ]
        assert stats.delays(period, stats.Filters())[-1]["label"] == "> 90 days"
        assert [row["label"] for row in stats.backlog_ageing(period, stats.Filters())] == [
            "0 to 2 days",
            "3 to 7 days",
            "8 to 15 days",
            "16 to 30 days",
            "31 to 60 days",
            "> 60 days",
        ]
        assert {row["label"] for row in stats.volume_by_channel(period, stats.Filters())} >= {"Web form", "Phone"}
        assert [row["label"] for row in stats.pillars(period, stats.Filters())] == [
            "Execution",
            "Relationship",
            "Emotion",
        ]
    with translation.override("fr"):
        assert [row["label"] for row in stats.pillars(period, stats.Filters())] == [
            str(label) for label in PILLAR_LABELS.values()
        ]
        assert {row["label"] for row in stats.volume_by_channel(period, stats.Filters())} >= {"Téléphone"}
