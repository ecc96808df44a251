"""Small helpers both the seed and the generator use to invent people."""

import random
import unicodedata


def ascii_slug(text: str) -> str:
    """'Hélène Dupré' → 'helene-dupre': the local part of an invented e-mail address."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower().replace(" ", "-") if c.isalnum() or c in "-.")


def phone_number(rng: random.Random) -> str:
    # Numbers the ARCEP reserves for fiction.
    prefix = rng.choice(["06 39 98", "02 61 91"])
    return f"{prefix} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
