"""Run axe-core in the page and fail with a readable list of what it found."""

from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
# WCAG 2.1 levels A and AA: the level the RGAA asks of public services.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """The axe violations of the page as it is now (after the last navigation or action)."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol, which the page's
        # Content-Security-Policy does not govern: a <script> tag added to the page would be
        # refused (script-src 'self'), and the policy stays on for everything the page does.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        WCAG_TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']} — {summary}")
    return "\n".join(lines)


def assert_accessible(page, label: str) -> None:
    """Fail when axe finds a WCAG 2.1 A/AA violation; `label` names the page in the message."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"{len(violations)} accessibility violation(s) on {label} ({page.url}):\n" + format_violations(violations),
            pytrace=False,
        )
