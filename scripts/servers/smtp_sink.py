# An SMTP sink for the e-mail channel's tests (RECIPES.md §2, aiosmtpd): stores each message
# and refuses on purpose.
#
#   /usr/bin/python3 -W ignore smtp_sink.py DIR PORT [--auth USER PASS] [--tls CERT KEY]
#
# - Each accepted message is written to DIR/mail/NNNN.eml exactly as received (CRLF, after SMTP
#   dot-unstuffing), and its envelope to DIR/mail/NNNN.json ({"mail_from", "rcpt_tos"}); the .eml
#   appears last, by rename, so a reader never sees half a file.
# - Refusals by the recipient's local part: tempfail@ -> 451 at RCPT TO, reject@ -> 550 at RCPT
#   TO, datareject@ -> 554 after DATA.
# - --auth requires AUTH PLAIN/LOGIN with these credentials (535 on a wrong password);
#   --tls offers STARTTLS with this certificate and then requires it.
# Prints "ready" on stdout once listening; stops cleanly on SIGTERM/SIGINT.
import json
import os
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.dir = os.path.join(directory, "mail")
        os.makedirs(self.dir, exist_ok=True)
        self.count = len([f for f in os.listdir(self.dir) if f.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.rsplit("@", 1)[0].lower()
        if local == "tempfail":
            return "451 4.3.0 Temporary failure (test sink)"
        if local == "reject":
            return "550 5.1.1 Mailbox unavailable (test sink)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(a.rsplit("@", 1)[0].lower() == "datareject" for a in envelope.rcpt_tos):
            return "554 5.6.0 Message refused (test sink)"
        self.count += 1
        base = os.path.join(self.dir, "%04d" % self.count)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 2.0.0 Message accepted (test sink)"


def main(argv):
    args = argv[1:]
    if len(args) < 2:
        sys.exit("usage: smtp_sink.py DIR PORT [--auth USER PASS] [--tls CERT KEY]")
    directory, port = args[0], int(args[1])
    auth = tls = None
    rest = args[2:]
    while rest:
        if rest[0] == "--auth" and len(rest) >= 3:
            auth = (rest[1].encode(), rest[2].encode())
            rest = rest[3:]
        elif rest[0] == "--tls" and len(rest) >= 3:
            tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.load_cert_chain(rest[1], rest[2])
            rest = rest[3:]
        else:
            sys.exit("smtp_sink.py: unknown argument " + rest[0])

    kwargs = {}
    if auth is not None:
        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and (data.login, data.password) == auth
            return AuthResult(success=ok, handled=False)
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=tls is not None)
    if tls is not None:
        kwargs.update(tls_context=tls, require_starttls=True)
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port, **kwargs)
    # Blocked before the server thread starts, so SIGTERM reaches sigwait and stops cleanly.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main(sys.argv)
