"""The one HTML sanitiser: real injection payloads lose everything executable,
ordinary formatting survives."""

from html.parser import HTMLParser

import pytest

from glashelder.kernel.sanitize import ALLOWED_TAGS, clean_html

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<body onload="alert(1)">',
    '<p onclick="alert(1)">klik</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    '<svg><script>alert(1)</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<!--<script>alert(1)</script>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    '<p title="&quot;><script>alert(1)</script>">x</p>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<template><script>alert(1)</script></template>",
    '<a href="https://ok.example" onmouseover="alert(1)" target="_blank">x</a>',
    "<div><p>onvolledige <em>opmaak",
]

class ElementCollector(HTMLParser):
    """What a browser would see as elements and attributes (escaped text is just text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html):
    collector = ElementCollector()
    collector.feed(html)
    collector.close()
    return collector.elements


@pytest.mark.parametrize("payload", PAYLOADS)
def test_nothing_executable_survives(payload):
    cleaned = clean_html(payload)
    for tag, attrs in elements(cleaned):
        assert tag in ALLOWED_TAGS, f"<{tag}> survived in {cleaned!r}"
        assert set(attrs) <= {"href", "title"}, f"attributes {attrs} survived in {cleaned!r}"
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:")), f"href {href!r} survived"
    assert "<script" not in cleaned.lower()
    # Whatever remains is stable: cleaning again changes nothing.
    assert clean_html(cleaned) == cleaned


def test_ordinary_formatting_survives():
    html = (
        "<h3>Kop</h3><h4>Subkop</h4><p>Een <strong>vette</strong> en <em>schuine</em> tekst.</p>"
        '<ul><li>een</li><li>twee</li></ul><ol><li>drie</li></ol>'
        '<p><a href="https://www.raadsleden.example/begroting">lees meer</a> of '
        '<a href="mailto:info@vereniging.example">mail ons</a></p>'
    )
    assert clean_html(html) == html


def test_broken_markup_is_balanced_and_text_is_kept():
    assert clean_html("<div><p>onvolledige <em>opmaak") == "<p>onvolledige <em>opmaak</em></p>"
    assert clean_html("<p>a < b & c</p>") == "<p>a &lt; b &amp; c</p>"


def test_script_content_is_dropped_not_shown_as_text():
    assert clean_html("<p>Hallo</p><script>alert('x')</script>") == "<p>Hallo</p>"
    assert clean_html(None) == ""
