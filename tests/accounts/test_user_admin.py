from django.urls import reverse

from accounts.models import User
from tests.accounts.helpers import log_in_with_second_factor

URL = reverse("admin:accounts_user_changelist")


def test_it_lists_users_with_their_services_for_the_administrator(client, administrator, agent, citizen):
    log_in_with_second_factor(client, administrator)

    response = client.get(URL)

    assert response.status_code == 200
    assert "agent@mairie.example" in response.text
    assert "camille@example.fr" in response.text
    assert "Voirie" in response.text


def test_it_filters_by_role_and_service(client, administrator, agent, agent_of_other_service, service, citizen):
    log_in_with_second_factor(client, administrator)

    by_role = client.get(URL, {"role__exact": "agent"})
    by_service = client.get(URL, {"services__id__exact": service.pk})

    assert set(by_role.context["cl"].result_list) == {agent, agent_of_other_service}
    assert list(by_service.context["cl"].result_list) == [agent]


def test_it_shows_a_user_page(client, administrator, agent):
    log_in_with_second_factor(client, administrator)

    response = client.get(reverse("admin:accounts_user_change", args=[agent.pk]))

    assert response.status_code == 200
    assert "Voirie" in response.text


def test_it_creates_a_user_by_email(client, administrator):
    log_in_with_second_factor(client, administrator)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nouvel.Agent@Mairie.example",
            "role": "agent",
            "usable_password": "true",
            "password1": "une phrase de passe solide",
            "password2": "une phrase de passe solide",
        },
    )

    assert response.status_code == 302
    assert User.objects.filter(email="nouvel.agent@mairie.example").exists()


def test_it_is_closed_to_an_agent(client, agent):
    client.force_login(agent)

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
