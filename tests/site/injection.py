"""Script-injection payloads and an assertion that a page shows them escaped.

Usage in any app's tests::

    from tests.site.injection import PAYLOADS, assert_escaped

    for payload in PAYLOADS:
        thing.title = payload; thing.save()
        assert_escaped(client.get(url).content.decode(), payload)
"""

from django.utils.html import escape

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "'><iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">klik</a>',
    "</title><script>alert(document.cookie)</script>",
]


def assert_escaped(html, payload):
    """The payload appears only escaped: never as live markup, and its escaped
    form is present (so the assertion cannot pass because the text is missing)."""
    assert payload not in html, f"payload rendered unescaped: {payload!r}"
    assert escape(payload) in html, f"payload not found (escaped) in the page: {payload!r}"
