import re

from accounts.models import User

PASSWORD = "correct horse battery staple"


def signup_data(**overrides) -> dict:
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "Camille.Martin@Example.fr",
        "phone": "06 12 34 56 78",
        "preferred_language": "fr",
        "password1": "un vélo rouge dans la cour",
        "password2": "un vélo rouge dans la cour",
        "consent": "on",
    }
    data.update(overrides)
    return data


def link_in(message, prefix: str) -> str:
    """The path of the first link starting with `prefix` in a mail's text body."""
    match = re.search(rf"http://testserver({re.escape(prefix)}\S+)", message.body)
    assert match, f"no {prefix} link in: {message.body}"
    return match.group(1)


def unverified_citizen(email="sasha@example.fr", **kwargs) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, first_name="Sasha", **kwargs)


def log_in_with_second_factor(client, user) -> None:
    """Log `user` in as after the whole login: when their role asks for a one-time code, with a
    confirmed TOTP device and a session verified by it."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.otp import requires_two_factor

    if not requires_two_factor(user):
        client.force_login(user)
        return

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Application", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
