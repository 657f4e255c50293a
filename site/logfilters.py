"""Logging filter: one-time keys and tokens never reach the logs.

Django's request and development-server loggers write the request path; paths
of password-reset and e-mail-confirmation links carry secret keys.
"""

import logging
import re

PATTERNS = [
    # allauth: /account/password/reset/key/<uidb36>-<key>/ and /account/confirm-email/<key>/
    (re.compile(r"(/password/reset/key/)[^/\s\"']+"), r"\1[verborgen]"),
    (re.compile(r"(/confirm-email/)[^/\s\"']+"), r"\1[verborgen]"),
    # Query-string secrets.
    (re.compile(r"((?:token|key|code|password|secret)=)[^&\s\"']+", re.IGNORECASE), r"\1[verborgen]"),
]


def redact(text):
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = ()
        return True
