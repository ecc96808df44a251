"""The invitation reads well: five rating links with words, the page link, and its delay."""

from satisfaction import surveys
from tests.factories import TicketFactory


def test_it_offers_five_rating_links_with_words_by_email(
    settings, category, agent, citizen, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SURVEY_LINK_DAYS = 30
    citizen.preferred_language = "en"
    citizen.save()

    with django_capture_on_commit_callbacks(execute=True):
        ticket = TicketFactory(category=category, agent=agent, resolved=True, citizen=citizen)

    [mail] = [mail for mail in mailoutbox if "opinion" in mail.subject]
    survey = ticket.survey
    html = mail.alternatives[0][0]
    assert ticket.reference in mail.subject
    for score, words in [(1, "Very dissatisfied"), (3, "Neither satisfied nor dissatisfied"), (5, "Very satisfied")]:
        assert f'href="{surveys.rating_url(survey, score)}"' in html
        assert f"{score} — {words}" in html
        assert f"{score} — {words}:\n{surveys.rating_url(survey, score)}" in mail.body
    assert surveys.survey_url(survey) in mail.body
    assert "valid for 30 days" in mail.body
    # Not essential: it can be unsubscribed from.
    assert "List-Unsubscribe" in mail.extra_headers


def test_it_texts_the_page_link(settings, tmp_path, category, agent, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms.log"

    with django_capture_on_commit_callbacks(execute=True):
        ticket = TicketFactory(
            category=category, agent=agent, resolved=True, channel="phone", contact_email="", contact_phone="0711223344"
        )

    lines = settings.SMS_FILE_PATH.read_text(encoding="utf-8").splitlines()
    texts = [line.split("\t")[2] for line in lines]
    [invitation] = [text for text in texts if surveys.survey_url(ticket.survey) in text]
    assert ticket.reference in invitation
    assert len(invitation) <= 160
