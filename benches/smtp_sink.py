#!/usr/bin/env python3
"""A loopback SMTP sink for nabij-notify's tests and throughput measurement.

Listens on 127.0.0.1 (port 0 picks a free one) and stores every message it accepts in
--dir as NNN.eml (the raw message) with NNN.env (its envelope, JSON), both written
before the server answers 250. The first line on stdout is "READY <port>".
`--dir D --describe` prints what D holds as JSON (headers and decoded parts), for tests.

Needs aiosmtpd (benches/requirements.txt; the nabij-notify tests install it into the
repository's .venv when it is missing).

  --reject ADDR          answer 550 to RCPT TO:<ADDR> (repeatable): a message that keeps failing
  --hangup-after N       after storing the N-th message (1-based, repeatable), drop the
                         connection instead of answering 250: the client cannot know the
                         message arrived and sends it again
  --auth USER:PASSWORD   require AUTH PLAIN/LOGIN with these credentials (plain text is
                         allowed without --tls-cert: loopback only)
  --tls-cert PEM --tls-key PEM
                         offer and require STARTTLS with this certificate
"""

import argparse
import asyncio
import itertools
import json
import logging
import os
import signal
import ssl
import sys
import time
import warnings
from email import policy
from email.parser import BytesParser

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, out, reject, hangup_after):
        self.out = out
        self.reject = {a.lower() for a in reject}
        self.hangup_after = set(hangup_after)
        self.seq = itertools.count(1)
        self.tag = f"{os.getpid()}-{time.time_ns()}"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(self.seq)
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        name = f"{self.tag}-{n:06d}"
        # The envelope beside the message; parsing waits for --describe (keeps the
        # sink fast enough to measure a client's throughput).
        env = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        self._write(name + ".env", json.dumps(env).encode())
        self._write(name + ".eml", raw)
        if n in self.hangup_after:
            # Stored, but the client never hears "250": the connection breaks.
            server.transport.abort()
            return "421 4.3.0 closing"
        return "250 2.0.0 stored"

    def _write(self, name, data):
        tmp = os.path.join(self.out, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(self.out, name))


def describe(raw, env):
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    return {
        "mail_from": env["mail_from"],
        "rcpt_tos": env["rcpt_tos"],
        "message_id": str(msg.get("Message-ID", "")),
        "from": str(msg.get("From", "")),
        "to": str(msg.get("To", "")),
        "reply_to": str(msg.get("Reply-To", "")),
        "subject": str(msg.get("Subject", "")),
        "content_language": str(msg.get("Content-Language", "")),
        "auto_submitted": str(msg.get("Auto-Submitted", "")),
        "content_type": msg.get_content_type(),
        "parts": [p.get_content_type() for p in msg.walk() if not p.is_multipart()],
        "text": text.get_content() if text is not None else None,
        "html": html.get_content() if html is not None else None,
    }


def describe_dir(path):
    """Prints a JSON list describing every stored message, in the order received."""
    out = []
    for name in sorted(os.listdir(path)):
        if name.endswith(".eml") and not name.startswith("."):
            base = os.path.join(path, name[: -len(".eml")])
            with open(base + ".eml", "rb") as f:
                raw = f.read()
            with open(base + ".env", "rb") as f:
                env = json.load(f)
            out.append(describe(raw, env))
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--describe", action="store_true", help="print the stored messages as JSON and exit")
    ap.add_argument("--reject", action="append", default=[])
    ap.add_argument("--hangup-after", type=int, action="append", default=[])
    ap.add_argument("--auth", default=None)
    ap.add_argument("--tls-cert", default=None)
    ap.add_argument("--tls-key", default=None)
    args = ap.parse_args()
    # Plain-text AUTH is deliberate here (loopback tests); keep stderr quiet about it.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    if args.describe:
        return describe_dir(args.dir)
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args.dir, args.reject, args.hangup_after)

    kwargs = {}
    if args.auth:
        user, _, password = args.auth.partition(":")

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and auth_data.login == user.encode()
                and auth_data.password == password.encode()
            )
            # handled=False: aiosmtpd answers 235 or 535 itself.
            return AuthResult(success=ok, handled=False)

        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.tls_cert))
    if args.tls_cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        kwargs.update(tls_context=ctx, require_starttls=True)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(
            lambda: SMTP(sink, hostname="sink.localhost", enable_SMTPUTF8=True, **kwargs),
            host="127.0.0.1",
            port=args.port,
            reuse_address=True,
        )
    )
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    loop.run_until_complete(stop)
    server.close()
    loop.run_until_complete(server.wait_closed())
    return 0


if __name__ == "__main__":
    sys.exit(main())
