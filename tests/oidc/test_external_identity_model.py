import pytest
from django.db import IntegrityError

from accounts.models import ExternalIdentity


def test_it_ties_one_subject_of_a_provider_to_one_account_only(citizen, other_citizen):
    ExternalIdentity.objects.create(provider="franceconnect", subject="fc-sub-0001", user=citizen)
    # The same subject at the other provider is another person.
    ExternalIdentity.objects.create(provider="proconnect", subject="fc-sub-0001", user=other_citizen)

    with pytest.raises(IntegrityError):
        ExternalIdentity.objects.create(provider="franceconnect", subject="fc-sub-0001", user=other_citizen)
