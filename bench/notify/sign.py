#!/usr/bin/env python3
"""Pre-signs status pushes for bench/notify (wrk's Lua has no HMAC).

Usage: sign.py SECRET COUNT OUT
Writes COUNT lines "webhook-id<TAB>timestamp<TAB>signature<TAB>n": push n's body is
push.lua's BODY with the phone +8490<n, 7 digits>, so every push is a new notice to its own
number. Signed as Standard Webhooks says: v1,base64(HMAC-SHA256(key, "id.ts.body")), key = the
base64-decoded part of the whsec_ secret. The timestamp is now: run the bench within 5 minutes.
"""
import base64
import hashlib
import hmac
import sys
import time

# Must match BODY in push.lua byte for byte.
BODY = ('{"dossier_code":"000.00.12.H29-241023-0001","procedure_code":"1.001193",'
        '"status":"result_ready","recipient":{"phone":"+8490%07d"},'
        '"occurred_at":"2026-11-23T04:54:13Z"}')


def main():
    secret, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    key = base64.b64decode(secret.removeprefix("whsec_"))
    ts = str(int(time.time()))
    run = "%x" % int(time.time() * 1000)  # ids unique across runs on the same database
    with open(out, "w") as f:
        for n in range(count):
            wid = "msg_%s_%d" % (run, n)
            body = BODY % (n % 10_000_000)
            mac = hmac.new(key, ("%s.%s.%s" % (wid, ts, body)).encode(), hashlib.sha256)
            sig = "v1," + base64.b64encode(mac.digest()).decode()
            f.write("%s\t%s\t%s\t%d\n" % (wid, ts, sig, n))


if __name__ == "__main__":
    main()
