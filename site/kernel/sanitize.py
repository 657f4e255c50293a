"""The one HTML sanitiser of Glashelder (DESIGN.md, "HTML from outside").

Every piece of HTML that comes from a person or another system (imported course
descriptions, notes, ...) and is stored or rendered outside Wagtail's own rich
text passes through `clean_html` at save time. There is exactly one allow-list:
ordinary text formatting and links to http(s) and mailto addresses. Everything
else is removed; the text content of removed elements is kept as escaped text,
except for elements whose content is never meant to be read (script, style, ...),
which are dropped entirely.
"""

import re

import bleach

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "abbr"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"], "abbr": ["title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# Elements whose content is code or metadata, not text: removed with their content.
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|template|iframe|object|embed|svg|math|noscript|xmp|noembed|noframes|textarea|title)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)

_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def clean_html(text):
    """Return `text` with everything outside the allow-list removed.

    Safe to render with `|safe` afterwards. `None` becomes the empty string.
    """
    if not text:
        return ""
    text = str(text)
    # Drop the content of code-bearing elements first (repeat for nested tricks).
    previous = None
    while previous != text:
        previous = text
        text = _DROP_WITH_CONTENT.sub("", text)
    return _cleaner.clean(text).strip()


__all__ = ["ALLOWED_TAGS", "ALLOWED_ATTRIBUTES", "ALLOWED_PROTOCOLS", "clean_html"]
