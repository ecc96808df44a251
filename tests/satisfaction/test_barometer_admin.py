"""Administrators choose the barometer statements in the admin; answers and follow-ups are only read there."""

from django.urls import reverse

from satisfaction.models import BarometerQuestion, FollowUp, Survey


def test_it_lets_an_administrator_choose_the_statements_asked(admin_client_for, asked_criteria):
    client = admin_client_for()
    questions = list(BarometerQuestion.objects.order_by("pk"))
    data = {
        "form-TOTAL_FORMS": str(len(questions)),
        "form-INITIAL_FORMS": str(len(questions)),
        "_save": "Save",
    }
    for index, question in enumerate(questions):
        data[f"form-{index}-id"] = str(question.pk)
        data[f"form-{index}-order"] = str(index)
        if question.code in {"clarity", "loyalty"}:
            data[f"form-{index}-is_asked"] = "on"

    response = client.post(reverse("admin:satisfaction_barometerquestion_changelist"), data)

    assert response.status_code == 302
    assert set(BarometerQuestion.objects.filter(is_asked=True).values_list("code", flat=True)) == {"clarity", "loyalty"}


def test_it_shows_each_statement_with_its_pillar(admin_client_for):
    page = (
        admin_client_for()
        .get(reverse("admin:satisfaction_barometerquestion_changelist"), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )

    assert "The messages I received were clear." in page
    assert "Relationship" in page


def test_it_shows_surveys_and_follow_ups_read_only(admin_client_for, survey):
    client = admin_client_for()

    assert client.get(reverse("admin:satisfaction_survey_changelist")).status_code == 200
    assert client.get(reverse("admin:satisfaction_survey_change", args=[survey.pk])).status_code == 200
    assert client.get(reverse("admin:satisfaction_survey_add")).status_code == 403
    assert client.post(reverse("admin:satisfaction_survey_delete", args=[survey.pk])).status_code == 403
    assert client.get(reverse("admin:satisfaction_followup_changelist")).status_code == 200
    assert client.get(reverse("admin:satisfaction_followup_add")).status_code == 403
    assert Survey.objects.filter(pk=survey.pk).exists()
    assert not FollowUp.objects.exists()


def test_it_refuses_staff_without_admin_rights(client, agent):
    client.force_login(agent)

    response = client.get(reverse("admin:satisfaction_barometerquestion_changelist"))

    assert response.status_code == 302
    assert "login" in response["Location"]
