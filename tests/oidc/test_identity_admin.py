from accounts.models import ExternalIdentity
from tests.accounts.helpers import log_in_with_second_factor


def test_it_lists_the_linked_identities_for_administrators(client, administrator, citizen):
    ExternalIdentity.objects.create(provider="franceconnect", subject="fc-sub-0001", user=citizen)
    log_in_with_second_factor(client, administrator)

    response = client.get("/admin/accounts/externalidentity/")

    assert response.status_code == 200
    assert "fc-sub-0001" in response.content.decode()


def test_it_keeps_identities_out_of_reach_of_other_staff(client, agent):
    client.force_login(agent)

    response = client.get("/admin/accounts/externalidentity/")

    assert response.status_code == 302
