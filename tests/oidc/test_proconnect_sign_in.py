"""ProConnect reaches existing, active staff accounts only, after the same confirmation."""

from django.urls import reverse

from accounts.models import ExternalIdentity, User
from tests.accounts.helpers import PASSWORD

from .helpers import page_text, sign_in

LINK = reverse("accounts:oidc_link", args=["proconnect"])


def test_it_links_a_staff_account_after_its_password(client, proconnect, agent):
    proconnect.logs_in(sub="pc-agent", email="Agent@Mairie.example", given_name="Ana", family_name="")

    response = sign_in(client, "proconnect")
    assert response["Location"] == LINK
    assert "_auth_user_id" not in client.session
    response = client.post(LINK, {"action": "password", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/compte/redirection/"
    assert client.session["_auth_user_id"] == str(agent.pk)
    assert client.session["oidc_provider"] == "proconnect"
    assert ExternalIdentity.objects.get(provider="proconnect", subject="pc-agent").user == agent


def test_it_signs_a_linked_agent_in_at_once(client, proconnect, agent):
    ExternalIdentity.objects.create(provider="proconnect", subject="pc-agent", user=agent)
    proconnect.logs_in(sub="pc-agent", email="agent@mairie.example")

    response = sign_in(client, "proconnect")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(agent.pk)


def test_it_never_creates_a_staff_account(client, proconnect):
    proconnect.logs_in(sub="pc-stranger", email="inconnu@mairie.example")

    response = sign_in(client, "proconnect")

    assert response.status_code == 403
    assert "Aucun compte agent actif" in page_text(response)
    assert not User.objects.filter(email="inconnu@mairie.example").exists()
    assert not ExternalIdentity.objects.exists()


def test_it_never_links_a_citizen_account(client, proconnect, citizen):
    proconnect.logs_in(sub="pc-citizen", email="camille@example.fr")

    response = sign_in(client, "proconnect")

    assert response.status_code == 403
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_deactivated_staff_account(client, proconnect, agent):
    agent.is_active = False
    agent.save()
    proconnect.logs_in(sub="pc-agent", email="agent@mairie.example")

    response = sign_in(client, "proconnect")

    assert response.status_code == 403
    assert not ExternalIdentity.objects.exists()


def test_it_refuses_a_linked_account_that_is_no_longer_staff(client, proconnect, agent):
    ExternalIdentity.objects.create(provider="proconnect", subject="pc-agent", user=agent)
    agent.role = "citizen"
    agent.save()
    proconnect.logs_in(sub="pc-agent", email="agent@mairie.example")

    response = sign_in(client, "proconnect")

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_it_still_asks_an_administrator_for_the_second_factor(client, proconnect, administrator):
    """ProConnect stands in for the password, not for the one-time code of the roles that need one."""
    ExternalIdentity.objects.create(provider="proconnect", subject="pc-admin", user=administrator)
    proconnect.logs_in(sub="pc-admin", email="admin@mairie.example")

    sign_in(client, "proconnect")

    assert client.session["_auth_user_id"] == str(administrator.pk)
    response = client.get(reverse("requests_app:workbench"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))
    assert client.get("/admin/").status_code == 302
