"""The pages' templates hold nothing the Content-Security-Policy would refuse.

No inline script (only `<script src>` and JSON data blocks), no event-handler attribute, no
`javascript:` address, no style attribute, and an inline `<style>` only with the request's nonce.
E-mail templates are left out: mail clients need inline styles, and no policy applies there.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EMAILS = ROOT / "templates" / "emails"
TEMPLATES = sorted(
    path for path in ROOT.glob("**/templates/**/*.html") if ".venv" not in path.parts and EMAILS not in path.parents
)

SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b(?P<attributes>[^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def test_it_finds_the_templates():
    assert len(TEMPLATES) > 50
    assert ROOT / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_it_has_nothing_inline_that_the_policy_refuses(path):
    text = path.read_text(encoding="utf-8")

    for script in SCRIPT.finditer(text):
        attributes = script.group("attributes")
        assert "src=" in attributes or 'type="application/json"' in attributes, script.group(0)
    for style in STYLE_ELEMENT.finditer(text):
        assert "{% csp_nonce_attr %}" in style.group("attributes"), style.group(0)
    assert not EVENT_HANDLER.search(text)
    assert not STYLE_ATTRIBUTE.search(text)
    assert not JAVASCRIPT_URL.search(text)
