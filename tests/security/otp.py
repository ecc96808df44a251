"""Signing a staff member in with the second factor passed."""


def verified_login(client, user):
    client.force_login(user)
