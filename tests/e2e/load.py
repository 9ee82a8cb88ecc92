#!/usr/bin/env python3
"""load.py - creates ConfigMaps through the API with several threads and
prints the name of each one the server acknowledged (201), one per line,
flushed, until killed or COUNT are done.  Used by e2e-durability.sh."""
import json, ssl, sys, threading, urllib.request

server, token, ns, prefix = sys.argv[1:5]
count = int(sys.argv[5]) if len(sys.argv) > 5 else 100000
threads = 8
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
lock = threading.Lock()
n = [0]

def worker(t):
    i = 0
    while True:
        with lock:
            if n[0] >= count:
                return
            n[0] += 1
        name = "%s-%d-%d" % (prefix, t, i)
        i += 1
        body = json.dumps({"apiVersion": "v1", "kind": "ConfigMap",
                           "metadata": {"name": name}, "data": {"i": str(i)}}).encode()
        req = urllib.request.Request(
            "%s/api/v1/namespaces/%s/configmaps" % (server, ns), data=body,
            headers={"Authorization": "Bearer " + token,
                     "Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, context=ctx, timeout=10) as r:
                if r.status == 201:
                    with lock:
                        print(name, flush=True)
        except Exception:
            return

ts = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
for t in ts:
    t.start()
for t in ts:
    t.join()
