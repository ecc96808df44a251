"""The project's own Python modules, for the tests that check a rule over all the code."""

from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
NOT_PRODUCT = {"tests"}


def product_modules() -> Iterator[Path]:
    """Every module of every package of the project (apps, settings, demo, bench), migrations aside.

    Packages are found on disk, so an app added later is checked without anyone listing it.
    """
    for init in sorted(BASE.glob("*/__init__.py")):
        package = init.parent
        if package.name in NOT_PRODUCT:
            continue
        for path in sorted(package.rglob("*.py")):
            if "migrations" not in path.relative_to(BASE).parts:
                yield path


def relative(path: Path) -> str:
    return path.relative_to(BASE).as_posix()
