#!/usr/bin/env python3
# fake-metrics.py PORT - a plain-HTTP stand-in for a cluster that serves
# metrics.k8s.io/v1beta1 (kubec-server has no aggregation layer): the
# discovery kubectl top reads (/api, /apis), fixed PodMetrics and
# NodeMetrics, and the pods and nodes they are checked against, so that
# kubectl top and kubec top can print their tables from the same answers.
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

TS = "2025-01-01T00:00:00Z"


def pm(ns, name, labels, ctrs):
    return {"metadata": {"name": name, "namespace": ns, "labels": labels,
                         "creationTimestamp": TS},
            "timestamp": TS, "window": "15s",
            "containers": [{"name": c, "usage": {"cpu": cpu, "memory": mem}}
                           for c, cpu, mem in ctrs]}


PODS = [
    pm("default", "web-1", {"app": "web"}, [("app", "250m", "64Mi"),
                                           ("sidecar", "5m", "12Mi")]),
    pm("default", "web-2", {"app": "web"}, [("app", "1200m", "100Mi"),
                                           ("sidecar", "1m", "3500Ki")]),
    pm("default", "db", {"app": "db"}, [("postgres", "12345678n",
                                         "1Gi")]),
    pm("kube-system", "dns", {"k8s-app": "dns"}, [("coredns", "3m",
                                                   "20Mi")]),
]
NODES_M = [
    {"metadata": {"name": "node-b", "labels": {"pool": "b"}},
     "timestamp": TS, "window": "15s",
     "usage": {"cpu": "1500m", "memory": "3Gi"}},
    {"metadata": {"name": "node-a", "labels": {"pool": "a"}},
     "timestamp": TS, "window": "15s",
     "usage": {"cpu": "250m", "memory": "512Mi"}},
]
NODES = [
    {"metadata": {"name": n, "labels": {"pool": p}},
     "status": {"capacity": {"cpu": "4", "memory": "8Gi", "pods": "110"},
                "allocatable": {"cpu": "3800m", "memory": "7Gi",
                                "pods": "110"}}}
    for n, p in (("node-a", "a"), ("node-b", "b"), ("node-c", "a"))]


def match(labels, sel):
    for term in filter(None, (sel or "").split(",")):
        if "!=" in term:
            k, v = term.split("!=", 1)
            if labels.get(k) == v:
                return False
        elif "=" in term:
            k, v = term.split("=", 1)
            if labels.get(k) != v.lstrip("="):
                return False
        elif term not in labels:
            return False
    return True


def notfound(kind, name):
    return 404, {"kind": "Status", "apiVersion": "v1", "metadata": {},
                 "status": "Failure", "reason": "NotFound", "code": 404,
                 "message": '%s "%s" not found' % (kind, name),
                 "details": {"name": name, "kind": kind.split(".")[0]}}


def lst(kind, api, items):
    return 200, {"kind": kind, "apiVersion": api, "metadata": {},
                 "items": items}


def answer(path, q):
    sel = q.get("labelSelector", [""])[0]
    p = path.rstrip("/").split("/")
    if path == "/api":
        return 200, {"kind": "APIVersions", "versions": ["v1"]}
    if path == "/apis":
        return 200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": [{
            "name": "metrics.k8s.io",
            "versions": [{"groupVersion": "metrics.k8s.io/v1beta1",
                          "version": "v1beta1"}],
            "preferredVersion": {"groupVersion": "metrics.k8s.io/v1beta1",
                                 "version": "v1beta1"}}]}
    if path == "/version":
        return 200, {"major": "1", "minor": "32", "gitVersion": "v1.32.0"}
    mv = "metrics.k8s.io/v1beta1"
    if path.startswith("/apis/metrics.k8s.io/v1beta1/nodes"):
        if len(p) == 6:
            for n in NODES_M:
                if n["metadata"]["name"] == p[5]:
                    return 200, dict(n, kind="NodeMetrics", apiVersion=mv)
            return notfound("nodemetrics.metrics.k8s.io", p[5])
        return lst("NodeMetricsList", mv, [n for n in NODES_M
                   if match(n["metadata"]["labels"], sel)])
    if path.startswith("/apis/metrics.k8s.io/v1beta1/"):
        ns = p[5] if len(p) > 5 and p[4] == "namespaces" else None
        name = p[7] if ns and len(p) > 7 else None
        items = [x for x in PODS if ns is None or
                 x["metadata"]["namespace"] == ns]
        if name:
            for x in items:
                if x["metadata"]["name"] == name:
                    return 200, dict(x, kind="PodMetrics", apiVersion=mv)
            return notfound("podmetrics.metrics.k8s.io", name)
        return lst("PodMetricsList", mv, [x for x in items
                   if match(x["metadata"]["labels"], sel)])
    if path.startswith("/api/v1/nodes"):
        if len(p) == 5:
            for n in NODES:
                if n["metadata"]["name"] == p[4]:
                    return 200, dict(n, kind="Node", apiVersion="v1")
            return notfound("nodes", p[4])
        return lst("NodeList", "v1", [n for n in NODES
                   if match(n["metadata"]["labels"], sel)])
    if path.startswith("/api/v1/namespaces/"):
        # pods: none besides those with metrics (an empty namespace)
        if len(p) == 7:
            return notfound("pods", p[6])
        return lst("PodList", "v1", [])
    return 404, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                 "reason": "NotFound", "code": 404,
                 "message": "the server could not find the requested "
                 "resource"}


class H(BaseHTTPRequestHandler):
    def do_GET(self):
        u = urlparse(self.path)
        code, body = answer(u.path, parse_qs(u.query))
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
