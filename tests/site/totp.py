"""RFC 6238 time-based one-time passwords, for tests that log in with a second factor."""

import base64
import hmac
import struct
import time

PERIOD = 30


def totp(secret, at=None, digits=6):
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // PERIOD)
    digest = hmac.digest(key, struct.pack(">Q", counter), "sha1")
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def counter(at=None):
    return int((time.time() if at is None else at) // PERIOD)


def fresh_totp(secret, used_counter=None):
    """A code from a time window other than `used_counter` (allauth accepts each code once)."""
    while used_counter is not None and counter() == used_counter:
        time.sleep(0.5)
    return totp(secret), counter()
