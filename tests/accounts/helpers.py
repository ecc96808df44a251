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
