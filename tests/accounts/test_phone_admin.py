"""An administrator who changes a number in the admin drops its verification, unless they set it too."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import UserFactory


def change_data(client, user, **changes) -> dict:
    """The admin page's form as it stands, with `changes` applied, as the browser would post it."""
    form = client.get(reverse("admin:accounts_user_change", args=[user.pk])).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        widget = field.widget
        if hasattr(widget, "widgets"):  # split date and time
            parts = widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{name}_{index}"] = "" if part is None else part
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    data.update(changes)
    return data


@pytest.fixture
def holder(db):
    return UserFactory(email="camille@example.fr", phone="+33612345678", phone_verified_at=timezone.now())


def test_a_new_number_typed_in_the_admin_is_unverified_and_normalised(client, administrator, holder):
    log_in_with_second_factor(client, administrator)

    response = client.post(
        reverse("admin:accounts_user_change", args=[holder.pk]), change_data(client, holder, phone="07 11 22 33 44")
    )

    assert response.status_code == 302
    holder.refresh_from_db()
    assert (holder.phone, holder.phone_verified_at) == ("+33711223344", None)


def test_an_unchanged_number_stays_verified(client, administrator, holder):
    log_in_with_second_factor(client, administrator)

    client.post(
        reverse("admin:accounts_user_change", args=[holder.pk]), change_data(client, holder, first_name="Camille")
    )

    holder.refresh_from_db()
    assert holder.phone_verified_at is not None
