"""A tiny local fake of the Stripe API (http.server in a thread) and webhook signing.

The real stripe-python client talks to it through `STRIPE_API_BASE`, so the
SDK's own serialisation, headers and idempotency keys are exercised; nothing
reaches the network.
"""

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

WEBHOOK_SECRET = "whsec_test_glashelder"


class FakeStripe:
    def __init__(self):
        self.requests = []  # (method, path, headers, params)
        self.sessions = {}
        self.refunds_by_key = {}
        self.counter = itertools.count(1)
        self.fail_refunds = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                fake.requests.append(("GET", self.path, dict(self.headers), {}))
                if self.path.startswith("/v1/checkout/sessions/"):
                    session = fake.sessions.get(self.path.rsplit("/", 1)[-1])
                    if session:
                        return self._reply(200, session)
                return self._reply(404, {"error": {"type": "invalid_request_error", "message": "No such object"}})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                params = dict(parse_qsl(self.rfile.read(length).decode()))
                fake.requests.append(("POST", self.path, dict(self.headers), params))
                if self.path == "/v1/checkout/sessions":
                    n = next(fake.counter)
                    session = {
                        "id": f"cs_test_{n}", "object": "checkout.session", "status": "open", "payment_status": "unpaid",
                        "url": f"https://checkout.stripe.com/c/pay/cs_test_{n}",
                        "amount_total": int(params["line_items[0][price_data][unit_amount]"]),
                        "client_reference_id": params.get("client_reference_id"),
                        "metadata": {"payment_id": params.get("metadata[payment_id]")},
                    }
                    fake.sessions[session["id"]] = session
                    return self._reply(200, session)
                if self.path == "/v1/refunds":
                    if fake.fail_refunds:
                        return self._reply(402, {"error": {"type": "invalid_request_error", "message": "Refund failed"}})
                    key = self.headers.get("Idempotency-Key")
                    refund = fake.refunds_by_key.get(key)
                    if refund is None:
                        refund = {"id": f"re_test_{next(fake.counter)}", "object": "refund", "status": "succeeded",
                                  "amount": int(params["amount"]), "payment_intent": params["payment_intent"]}
                        fake.refunds_by_key[key] = refund
                    return self._reply(200, refund)
                return self._reply(404, {"error": {"type": "invalid_request_error", "message": "Unknown path"}})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def posts(self, path):
        return [r for r in self.requests if r[0] == "POST" and r[1] == path]


def sign(payload, secret=WEBHOOK_SECRET, timestamp=None):
    """The `Stripe-Signature` header for `payload`, with Stripe's real scheme."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def event(event_type, obj, event_id=None):
    return {
        "id": event_id or f"evt_{event_type.replace('.', '_')}_{obj.get('id')}",
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "livemode": False,
        "api_version": "2025-01-27.acacia",
        "data": {"object": obj},
    }


def post_event(client, evt, *, secret=WEBHOOK_SECRET, timestamp=None, signature=None):
    payload = json.dumps(evt)
    header = signature if signature is not None else sign(payload, secret, timestamp)
    return client.post("/stripe/webhook/", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
