#!/usr/bin/python3
"""pod-start.py - helper of tests/bench/pod-start.sh.

  pod-start.py pods IMAGE NODE N      creates N pods one after another and
                                      prints each one's create -> Running
                                      time as a watch sees it (ms)
  pod-start.py run N CMD...           runs CMD N times, prints each time (ms)

Times are printed one per line; the shell computes the percentiles.
"""
import subprocess
import sys
import threading
import time

from kubernetes import client, config, watch


def pods(image, node, n):
    config.load_kube_config()
    v1 = client.CoreV1Api()
    running = {}
    cv = threading.Condition()
    ready = threading.Event()

    def watcher():
        w = watch.Watch()
        first = True
        for ev in w.stream(v1.list_namespaced_pod, "default",
                           timeout_seconds=600, _request_timeout=600):
            if first:
                ready.set()
                first = False
            pod = ev["object"]
            if pod.status is not None and pod.status.phase == "Running":
                with cv:
                    running.setdefault(pod.metadata.name, time.monotonic())
                    cv.notify_all()

    t = threading.Thread(target=watcher, daemon=True)
    t.start()
    # the watch is open (an ADDED event or a short wait) before timing
    ready.wait(2)
    for i in range(n):
        name = "bench-%d" % i
        body = {"apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": name},
                "spec": {"nodeName": node,
                         "terminationGracePeriodSeconds": 1,
                         "containers": [{"name": "c", "image": image,
                                         "command": ["sleep", "3600"]}]}}
        t0 = time.monotonic()
        v1.create_namespaced_pod("default", body)
        with cv:
            while name not in running:
                if not cv.wait(60):
                    sys.exit("pod %s not Running after 60 s" % name)
        print("%.2f" % ((running[name] - t0) * 1000), flush=True)


def run(n, cmd):
    for i in range(n):
        argv = [a.replace("{i}", str(i)) for a in cmd]
        t0 = time.monotonic()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        print("%.2f" % ((time.monotonic() - t0) * 1000), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "pods":
        pods(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        run(int(sys.argv[2]), sys.argv[3:])
