"""Phone numbers become E.164 with their own country code, overseas France included; only mobiles get texts."""

import pytest

from notifications import sms


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Written nationally, as their owners write them.
        ("0692 12 34 56", "+262692123456"),  # Réunion, mobile
        ("0262 12 34 56", "+262262123456"),  # Réunion, landline
        ("0639 01 23 45", "+262639012345"),  # Mayotte, mobile
        ("0690 12 34 56", "+590690123456"),  # Guadeloupe, Saint-Martin, Saint-Barthélemy, mobile
        ("0590 27 12 34", "+590590271234"),  # Guadeloupe, landline
        ("0694 12 34 56", "+594694123456"),  # Guyane, mobile
        ("0696 12 34 56", "+596696123456"),  # Martinique, mobile
        ("055 12 34", "+508551234"),  # Saint-Pierre-et-Miquelon, mobile
        # With their prefix, as the Pacific territories must be written.
        ("+262 692 12 34 56", "+262692123456"),
        ("00590 690 12 34 56", "+590690123456"),
        ("+687 75 12 34", "+687751234"),  # Nouvelle-Calédonie
        ("+689 87 12 34 56", "+68987123456"),  # Polynésie française
        ("+508 55 12 34", "+508551234"),
        ("+681 82 12 34", "+681821234"),  # Wallis-et-Futuna
    ],
)
def test_it_gives_overseas_numbers_their_own_country_code(raw, expected):
    assert sms.normalise_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0692 12 34 56", "+262692123456"),
        ("0639 01 23 45", "+262639012345"),
        ("0690 12 34 56", "+590690123456"),
        ("0694 12 34 56", "+594694123456"),
        ("0696 12 34 56", "+596696123456"),
        ("+687 75 12 34", "+687751234"),
        ("+689 87 12 34 56", "+68987123456"),
        ("+508 55 12 34", "+508551234"),
        ("+681 82 12 34", "+681821234"),
        ("06 12 34 56 78", "+33612345678"),
    ],
)
def test_it_texts_mobiles_wherever_they_are(raw, expected):
    assert sms.sms_number(raw) == expected


@pytest.mark.parametrize("raw", ["0262 12 34 56", "0590 27 12 34", "+687 26 12 34", "01 23 45 67 89"])
def test_it_does_not_text_landlines(raw):
    assert sms.sms_number(raw) == ""


def test_it_never_gives_an_overseas_mobile_the_metropolitan_code():
    assert not sms.sms_number("0692 12 34 56").startswith("+33")
