"""Days run from Europe/Paris midnight to midnight: 23 hours in spring, 25 hours in autumn."""

import datetime

from django.db.models import Sum

from satisfaction import rollups
from satisfaction.buckets import duration_bucket
from satisfaction.models import AgentDailyFact, DailyFact

from .rollup_data import FALL_BACK, SPRING_FORWARD, paris, rollup_story  # noqa: F401

D = datetime.date


def day_sum(day, field, **filters):
    return DailyFact.objects.filter(day=day, **filters).aggregate(total=Sum(field))["total"] or 0


def test_it_cuts_days_at_local_midnight():
    assert rollups.day_start(D(2026, 3, 29)) == datetime.datetime(2026, 3, 28, 23, tzinfo=datetime.UTC)
    assert rollups.day_start(D(2026, 3, 30)) == datetime.datetime(2026, 3, 29, 22, tzinfo=datetime.UTC)
    assert rollups.day_start(D(2026, 3, 30)) - rollups.day_start(SPRING_FORWARD) == datetime.timedelta(hours=23)
    assert rollups.day_start(D(2026, 10, 26)) - rollups.day_start(FALL_BACK) == datetime.timedelta(hours=25)


def test_it_counts_the_short_spring_day(rollup_story):  # noqa: F811
    # t1 at 23:30 the day before; t2 at 00:30, t3 at 03:00 (just after the jump), t7 at 22:00.
    assert day_sum(D(2026, 3, 28), "created") == 2  # t1 and t5
    assert day_sum(SPRING_FORWARD, "created") == 3
    assert day_sum(SPRING_FORWARD, "rejected") == 1  # t3 at 23:59
    # t2: opened 00:30, resolved 03:15 local, which is 1 h 45 later (02:00 did not exist).
    [voirie_phone] = DailyFact.objects.filter(day=SPRING_FORWARD, channel="phone", resolved=1)
    assert voirie_phone.resolution_seconds == 105 * 60
    assert voirie_phone.resolution_histogram[duration_bucket(datetime.timedelta(minutes=105))] == 1


def test_it_counts_the_long_autumn_day(rollup_story):  # noqa: F811
    # 02:30 happens twice: b at the first, c at the second; d at 23:30; a was 23:30 the day before.
    assert day_sum(D(2026, 10, 24), "created") == 1
    assert day_sum(FALL_BACK, "created") == 3
    assert day_sum(FALL_BACK, "created", kind="complaint") == 1
    # a: 23:30 (UTC+2) to 02:45 after the change back (UTC+1): 4 h 15.
    [resolved] = DailyFact.objects.filter(day=FALL_BACK, resolved=1)
    assert resolved.resolution_seconds == (4 * 60 + 15) * 60
    assert resolved.resolved_within_sla == 1
    # c answered at 23:45 on the 25th, d at 00:15 on the 26th.
    assert day_sum(FALL_BACK, "first_responses") == 2  # a (at its resolution) and c
    assert day_sum(D(2026, 10, 26), "first_responses") == 2  # b and d


def test_it_counts_midnight_sharp_in_the_new_day(rollup_story):  # noqa: F811
    # t5: the citizen answered at 00:00 on 2026-03-30, which moved it from awaiting to in progress.
    start = rollups.day_start(D(2026, 3, 30))
    assert paris(3, 30, 0, 0) == start
    t5 = rollup_story.tickets["t5"]
    assert t5.events.filter(created_at=start).exists()


def test_it_attributes_responses_resolutions_and_answers_to_agents(rollup_story):  # noqa: F811
    story = rollup_story
    # t2: the colleague resolved it on the spring day; the agent resolved it again on 2026-04-10,
    # and the citizen's answer on 2026-04-12 goes to the agent, who resolved it last.
    assert AgentDailyFact.objects.get(day=SPRING_FORWARD, agent=story.colleague).resolved == 1
    assert AgentDailyFact.objects.get(day=D(2026, 4, 10), agent=story.agent).resolved == 1
    answered = AgentDailyFact.objects.get(day=D(2026, 4, 12), agent=story.agent)
    assert (answered.surveys_answered, answered.satisfaction_sum, answered.satisfaction_count) == (1, 2, 1)
    # t1: first answered by the agent's reply at 01:45, the day it was taken.
    first = AgentDailyFact.objects.get(day=SPRING_FORWARD, agent=story.agent)
    assert (first.first_responses, first.replies) == (1, 1)
