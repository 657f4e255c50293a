"""axe-core check for Playwright pages (WCAG 2.1 A and AA rules)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
OPTIONS = {"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def assert_no_serious_violations(page, context=None):
    results = _axe.run(page, context=context, options=OPTIONS)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    if serious:
        lines = []
        for violation in serious:
            targets = ", ".join(str(node.get("target")) for node in violation.get("nodes", [])[:5])
            lines.append(f"{violation['impact']}: {violation['id']} – {violation['help']} ({targets})")
        raise AssertionError(f"axe found serious violations on {page.url}:\n" + "\n".join(lines))
    return results
