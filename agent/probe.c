/* probe.c - container probes as kubelet runs them: exec (through the
 * runtime), httpGet (libcurl to the pod's IP; 200-399 is success) and
 * tcpSocket (a connect), with initialDelaySeconds, periodSeconds,
 * timeoutSeconds, successThreshold and failureThreshold. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "probe.h"
#include "../lib/curlapi.h"

static int
probe_int(const json_t *p, const char *key, int def)
{
	json_t *v = json_object_get(p, key);

	return json_is_integer(v) ? (int)json_integer_value(v) : def;
}

/* A port: a number, or the name of a containerPort of ctr. */
static int
probe_port(const json_t *ctr, const json_t *port)
{
	json_t *p;
	size_t i;

	if (json_is_integer(port))
		return (int)json_integer_value(port);
	if (!json_is_string(port))
		return -1;
	json_array_foreach(json_object_get(ctr, "ports"), i, p)
		if (json_is_string(json_object_get(p, "name")) &&
		    strcmp(json_string_value(json_object_get(p, "name")),
		    json_string_value(port)) == 0)
			return (int)json_integer_value(json_object_get(p,
			    "containerPort"));
	return atoi(json_string_value(port)) > 0 ?
	    atoi(json_string_value(port)) : -1;
}

static size_t
probe_discard(char *p, size_t sz, size_t n, void *arg)
{
	return sz * n;
}

static int
probe_http(const json_t *h, const json_t *ctr, const char *ip, int timeout_s,
    char *msg, size_t msglen)
{
	const char *path = json_string_value(json_object_get(h, "path"));
	const char *scheme = json_string_value(json_object_get(h, "scheme"));
	const char *host = json_string_value(json_object_get(h, "host"));
	int port = probe_port(ctr, json_object_get(h, "port"));
	struct curl_slist *hdrs = NULL;
	char url[1024], line[1024];
	long code = 0;
	CURLcode rc;
	CURL *c;
	json_t *hd;
	size_t i;

	if (port <= 0) {
		snprintf(msg, msglen, "invalid port");
		return 0;
	}
	snprintf(url, sizeof url, "%s://%s:%d%s%s", scheme != NULL &&
	    strcmp(scheme, "HTTPS") == 0 ? "https" : "http", host != NULL &&
	    host[0] ? host : ip, port, path != NULL && path[0] == '/' ? "" :
	    "/", path ? path : "");
	if ((c = curl_easy_init()) == NULL)
		return 0;
	json_array_foreach(json_object_get(h, "httpHeaders"), i, hd) {
		snprintf(line, sizeof line, "%s: %s", json_string_value(
		    json_object_get(hd, "name")), json_string_value(
		    json_object_get(hd, "value")));
		hdrs = curl_slist_append(hdrs, line);
	}
	hdrs = curl_slist_append(hdrs, "User-Agent: kube-probe/1.33");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)timeout_s * 1000L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, probe_discard);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	curl_slist_free_all(hdrs);
	if (rc != CURLE_OK) {
		snprintf(msg, msglen, "Get \"%s\": %s", url,
		    curl_easy_strerror(rc));
		return 0;
	}
	if (code >= 200 && code < 400)
		return 1;
	snprintf(msg, msglen, "HTTP probe failed with statuscode: %ld", code);
	return 0;
}

static int
probe_tcp(const json_t *t, const json_t *ctr, const char *ip, int timeout_s,
    char *msg, size_t msglen)
{
	const char *host = json_string_value(json_object_get(t, "host"));
	int port = probe_port(ctr, json_object_get(t, "port"));
	struct sockaddr_in sa;
	struct pollfd pf;
	socklen_t len = sizeof(int);
	int fd, e = 0, ok = 0;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (port <= 0 || inet_pton(AF_INET, host && host[0] ? host : ip,
	    &sa.sin_addr) != 1) {
		snprintf(msg, msglen, "invalid address");
		return 0;
	}
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) < 0)
		return 0;
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
		ok = 1;
	} else if (errno == EINPROGRESS) {
		pf.fd = fd;
		pf.events = POLLOUT;
		if (poll(&pf, 1, timeout_s * 1000) == 1 &&
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) == 0 && e == 0)
			ok = 1;
	}
	if (!ok)
		snprintf(msg, msglen, "dial tcp %s:%d: connect: %s",
		    host && host[0] ? host : ip, port, e ? strerror(e) :
		    "connection timed out");
	close(fd);
	return ok;
}

void
probe_init(struct probe *p, const json_t *spec, time_t started)
{
	memset(p, 0, sizeof *p);
	p->spec = spec;
	p->next = started + probe_int(spec, "initialDelaySeconds", 0);
}

int
probe_due(const struct probe *p, time_t now)
{
	return p->spec != NULL && now >= p->next;
}

int
probe_run(struct probe *p, const json_t *ctr, const char *ip,
    probe_exec_fn *exec, void *arg, time_t now)
{
	int timeout = probe_int(p->spec, "timeoutSeconds", 1);
	int period = probe_int(p->spec, "periodSeconds", 10);
	int ok;
	const json_t *h;

	p->msg[0] = '\0';
	if ((h = json_object_get(p->spec, "exec")) != NULL)
		ok = exec(arg, json_object_get(h, "command"), timeout, p->msg,
		    sizeof p->msg);
	else if ((h = json_object_get(p->spec, "httpGet")) != NULL)
		ok = probe_http(h, ctr, ip, timeout, p->msg, sizeof p->msg);
	else if ((h = json_object_get(p->spec, "tcpSocket")) != NULL)
		ok = probe_tcp(h, ctr, ip, timeout, p->msg, sizeof p->msg);
	else
		ok = 1;
	p->next = now + (period > 0 ? period : 10);
	if (ok) {
		p->fails = 0;
		if (++p->oks >= probe_int(p->spec, "successThreshold", 1))
			p->result = PROBE_SUCCESS;
	} else {
		p->oks = 0;
		if (++p->fails >= probe_int(p->spec, "failureThreshold", 3))
			p->result = PROBE_FAILURE;
	}
	return p->result;
}
