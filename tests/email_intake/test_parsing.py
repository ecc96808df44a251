"""Reading mail as clients write it: trimming quoted history and signatures, HTML to text, encodings."""

import email
import email.policy

import pytest

from email_intake import parsing

REPLIES = {
    "gmail_fr": "Merci, c'est noté.\n\nLe lun. 12 janv. 2026 à 09:45, Mairie <mairie@example.fr> a écrit :\n> Bonjour",
    "gmail_fr_wrapped": (
        "Merci, c'est noté.\n\nLe lun. 12 janv. 2026 à 09:45, Mairie de Bourg <\n"
        "mairie@example.fr> a écrit :\n\n> Bonjour"
    ),
    "gmail_en": "Merci, c'est noté.\n\nOn Mon, Jan 12, 2026 at 9:45 AM Mairie <mairie@example.fr> wrote:\n> Hello",
    "thunderbird": "Merci, c'est noté.\n\nLe 12/01/2026 à 09:45, Mairie a écrit :\n> Bonjour",
    "outlook_original": "Merci, c'est noté.\n\n-----Original Message-----\nFrom: Mairie\nSent: Monday\n\nBonjour",
    "outlook_message_origine": "Merci, c'est noté.\n\n-----Message d'origine-----\nDe : Mairie\n\nBonjour",
    "outlook_fr_header": (
        "Merci, c'est noté.\n\nDe : Mairie <mairie@example.fr>\nEnvoyé : lundi 12 janvier 2026 09:45\n"
        "À : moi\nObjet : RE: demande\n\nBonjour"
    ),
    "outlook_bold_header": "Merci, c'est noté.\n\n*De :* Mairie\n*Envoyé :* lundi\n*Objet :* demande\n\nBonjour",
    "outlook_rule": "Merci, c'est noté.\n\n________________________________\nDe : Mairie\nBonjour",
    "quoted_lines": "Merci, c'est noté.\n> Bonjour\n> Votre demande est reçue",
    "signature": "Merci, c'est noté.\n\n-- \nCamille Martin\n06 12 34 56 78",
    "iphone": "Merci, c'est noté.\n\nEnvoyé de mon iPhone",
    "android": "Merci, c'est noté.\n\nEnvoyé depuis mon smartphone Samsung Galaxy.",
    "outlook_mobile": "Merci, c'est noté.\n\nTélécharger Outlook pour Android",
}


@pytest.mark.parametrize("style", sorted(REPLIES))
def test_it_keeps_only_the_new_words_of_a_reply(style):
    assert parsing.trim_reply(REPLIES[style]) == "Merci, c'est noté."


def test_it_keeps_the_whole_text_when_it_is_only_a_quote():
    assert parsing.trim_reply("> Bonjour\n> à vous") == "> Bonjour\n> à vous"


def test_it_keeps_a_line_that_merely_starts_with_de():
    text = "De : nombreux trous sont apparus.\nMerci de passer."

    assert parsing.trim_reply(text) == text


def test_it_makes_html_plain_and_harmless():
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        "<p>Bonjour&nbsp;!</p><p>Voir <a href='https://example.fr/plan'>le plan</a>.</p>"
        "<ul><li>un</li><li>deux</li></ul><img src=x onerror=alert(1)>"
        "<blockquote>ancien message</blockquote></body></html>"
    )

    text = parsing.html_to_text(html)

    assert text.splitlines()[:5] == ["Bonjour !", "", "Voir le plan (https://example.fr/plan).", "", "- un"]
    assert "alert" not in text and "<" not in text and "color" not in text
    assert "> ancien message" in text
    assert parsing.trim_reply(text).endswith("- deux")


def parse(raw: bytes):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    return parsing.parse(message, raw)


def test_it_decodes_rfc2047_headers_in_several_charsets():
    parsed = parse(
        b"From: =?iso-8859-1?Q?Fran=E7oise_H=E9non?= <f@example.fr>\n"
        b"Subject: =?windows-1252?Q?Facture_=80_et_re=E7u?= =?utf-8?B?IMOgIHbDqXJpZmllcg==?=\n\nx"
    )

    assert (parsed.from_name, parsed.subject) == ("Françoise Hénon", "Facture € et reçu à vérifier")


def test_it_reads_windows_1252_text_labelled_latin_1():
    parsed = parse(
        b"From: a@example.fr\nSubject: s\nContent-Type: text/plain; charset=iso-8859-1\n"
        b"Content-Transfer-Encoding: quoted-printable\n\nL=92=E9t=E9 co=FBte 5 =80."
    )

    assert parsed.body == "L’été coûte 5 €."  # noqa: RUF001 (curly quotes as clients send them)


def test_it_reads_rfc2231_file_names():
    parsed = parse(
        b"From: a@example.fr\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\nVoir PJ\n"
        b"--b\nContent-Type: application/pdf\nContent-Disposition: attachment;\n"
        b" filename*0*=iso-8859-1''re%E7u%20;\n filename*1*=d%E9cembre.pdf\n\n%PDF-1.4\n--b--\n"
    )

    assert [a.name for a in parsed.attachments] == ["reçu décembre.pdf"]


def test_it_refuses_input_that_is_not_an_email():
    for garbage in (b"", b"hello world", b"texte"):
        with pytest.raises(parsing.UnparseableEmail):
            parsing.load_message(garbage)
