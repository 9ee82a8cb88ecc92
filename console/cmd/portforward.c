/* portforward.c - kubec port-forward: local TCP ports forwarded to a pod's
 * ports through the API server (pods/portforward), as kubectl 1.32 does
 * it.  Here: POD, pod/NAME or TYPE/NAME (a Service's ports mapped to the
 * pod's container ports as kubectl maps them), LOCAL:REMOTE, :REMOTE (a
 * random local port) and named ports, --address (localhost: 127.0.0.1
 * and ::1), kubectl's lines, errors and exit status (SIGINT: 0); the
 * forwarding itself is console/portforward.c's, which the console's
 * port-forwards run too. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../console.h"

static const struct opt_def pf_opts[] = {
	{ "address", 0, 1, "Addresses to listen on (comma separated): only "
	    "IP addresses or localhost" },
	{ "pod-running-timeout", 0, 1, "How long to wait for a pod to be "
	    "running" },
	{ NULL, 0, 0, NULL }
};

static int pf_sigpipe[2] = { -1, -1 };

static void
pf_on_sigint(int sig)
{
	char b = 'i';

	(void)sig;
	if (write(pf_sigpipe[1], &b, 1) < 0)
		return;
}

/* Go's strconv.Atoi's syntax: an optional sign, then digits. */
static int
pf_is_int(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* kubectl's splitPort: LOCAL:REMOTE, else the same for both. */
static void
pf_split(const char *arg, char *local, char *remote, size_t n)
{
	const char *colon = strchr(arg, ':');

	if (colon != NULL && strchr(colon + 1, ':') == NULL) {
		snprintf(local, n, "%.*s", (int)(colon - arg), arg);
		snprintf(remote, n, "%s", colon + 1);
		return;
	}
	snprintf(local, n, "%.*s", colon ? (int)(colon - arg) :
	    (int)strlen(arg), arg);
	snprintf(remote, n, "%s", local);
}

/* LookupContainerPortNumberByName. */
static int
pf_container_port(struct cli *c, const json_t *pod, const char *name,
    long *port)
{
	const json_t *ctr, *p;
	size_t i, j;

	json_array_foreach(json_object_get(json_object_get(pod, "spec"),
	    "containers"), i, ctr)
		json_array_foreach(json_object_get(ctr, "ports"), j, p)
			if (strcmp(json_string_value(json_object_get(p,
			    "name")) ?: "", name) == 0) {
				*port = (long)json_integer_value(
				    json_object_get(p, "containerPort"));
				return 0;
			}
	cli_fail(c, "Pod '%s' does not have a named port '%s'",
	    json_string_value(json_object_get(json_object_get(pod,
	    "metadata"), "name")) ?: "", name);
	return -1;
}

static const char *
pf_name(const json_t *obj)
{
	return json_string_value(json_object_get(json_object_get(obj,
	    "metadata"), "name")) ?: "";
}

/* LookupServicePortNumberByName. */
static int
pf_service_port(struct cli *c, const json_t *svc, const char *name,
    long *port)
{
	const json_t *p;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(svc, "spec"),
	    "ports"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "name")) ?: "",
		    name) == 0) {
			*port = (long)json_integer_value(json_object_get(p,
			    "port"));
			return 0;
		}
	cli_fail(c, "Service '%s' does not have a named port '%s'",
	    pf_name(svc), name);
	return -1;
}

/* kubectl's checkUDPPorts: a port only UDP declares is refused. */
static int
pf_check_udp(struct cli *c, const json_t *pod, const json_t *svc,
    char **ports, int n)
{
	const json_t *list, *ctr, *p;
	size_t i, j;

	for (int k = 0; k < n; k++) {
		char local[64], remote[64];
		long num;
		int udp = 0, tcp = 0;

		pf_split(ports[k], local, remote, sizeof local);
		if (pf_is_int(remote))
			num = strtol(remote, NULL, 10);
		else if (svc != NULL ? pf_service_port(c, svc, remote, &num) :
		    pf_container_port(c, pod, remote, &num))
			return -1;
		if (svc != NULL) {
			json_array_foreach(json_object_get(json_object_get(svc,
			    "spec"), "ports"), i, p) {
				const char *proto = json_string_value(
				    json_object_get(p, "protocol")) ?: "TCP";

				if (json_integer_value(json_object_get(p,
				    "port")) != num)
					continue;
				udp |= strcmp(proto, "UDP") == 0;
				tcp |= strcmp(proto, "TCP") == 0;
			}
		} else {
			list = json_object_get(json_object_get(pod, "spec"),
			    "containers");
			json_array_foreach(list, i, ctr)
				json_array_foreach(json_object_get(ctr,
				    "ports"), j, p) {
					const char *proto = json_string_value(
					    json_object_get(p, "protocol")) ?:
					    "TCP";

					if (json_integer_value(json_object_get(
					    p, "containerPort")) != num)
						continue;
					udp |= strcmp(proto, "UDP") == 0;
					tcp |= strcmp(proto, "TCP") == 0;
				}
		}
		if (udp && !tcp)
			return cli_fail(c, "UDP protocol is not supported for "
			    "%s", remote), -1;
	}
	return 0;
}

/*
 * The ports as kubectl's convertPodNamedPortToNumber (a pod, a workload)
 * or translateServicePortToTargetPort (a Service) leave them, into
 * out[i] (LOCAL:REMOTE or PORT); -1 after printing why not.
 */
static int
pf_translate(struct cli *c, const json_t *pod, const json_t *svc,
    char **ports, int n, char out[][160])
{
	for (int k = 0; k < n; k++) {
		char local[64], remote[64];
		long num;

		pf_split(ports[k], local, remote, sizeof local);
		if (svc == NULL) {
			char cport[64];

			snprintf(cport, sizeof cport, "%s", remote);
			if (!pf_is_int(remote)) {
				if (pf_container_port(c, pod, remote, &num) < 0)
					return -1;
				snprintf(cport, sizeof cport, "%ld", num);
			}
			if (strcmp(local, remote) != 0)
				snprintf(out[k], 160, "%s:%s", local, cport);
			else
				snprintf(out[k], 160, "%s", cport);
			continue;
		}
		/* a Service: its port, then the pod's port behind it */
		const json_t *p, *tp;
		size_t i;
		int found = 0;

		if (pf_is_int(remote)) {
			num = strtol(remote, NULL, 10);
		} else {
			if (pf_service_port(c, svc, remote, &num) < 0)
				return -1;
			if (strcmp(local, remote) == 0)
				snprintf(local, sizeof local, "%ld", num);
		}
		json_array_foreach(json_object_get(json_object_get(svc, "spec"),
		    "ports"), i, p) {
			if (json_integer_value(json_object_get(p, "port")) != num)
				continue;
			found = 1;
			tp = json_object_get(p, "targetPort");
			if (strcmp(json_string_value(json_object_get(
			    json_object_get(svc, "spec"), "clusterIP")) ?: "",
			    "None") == 0)
				break;
			if (json_is_string(tp)) {
				if (pf_container_port(c, pod,
				    json_string_value(tp), &num) < 0)
					return -1;
			} else if (json_integer_value(tp) != 0) {
				num = (long)json_integer_value(tp);
			}
			break;
		}
		if (!found)
			return cli_fail(c, "Service %s does not have a service "
			    "port %ld", pf_name(svc), num), -1;
		snprintf(remote, sizeof remote, "%ld", num);
		if (strcmp(local, remote) != 0)
			snprintf(out[k], 160, "%s:%s", local, remote);
		else
			snprintf(out[k], 160, "%s", remote);
	}
	return 0;
}

/* klog's quoting of a value: Go's strconv.Quote. */
static void
pf_quote(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		switch (ch) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				buf_addf(b, "\\x%02x", ch);
			else
				buf_addc(b, (char)ch);
		}
	}
	buf_addc(b, '"');
}

struct pf_verb {
	struct cli		*c;
	struct sigaction	 old_int, old_pipe;
	int			 sig_set;
};

/* The engine's lines as kubectl prints them; SIGINT ends the forward
 * (exit 0) once it listens, as kubectl's handler does; SIGTERM is left to
 * end the process as it ends kubectl. */
static void
pf_report(void *arg, enum pf_event ev, const char *text)
{
	struct pf_verb *v = arg;
	struct cli *c = v->c;
	struct buf line = BUF_INIT(strlen(text) * 4 + 1024);
	struct sigaction sa;
	struct timeval tv;
	struct tm tm;

	switch (ev) {
	case PF_LISTENING:
	case PF_CONNECTION:
		fprintf(c->out, "%s\n", text);
		fflush(c->out);
		break;
	case PF_READY:
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = pf_on_sigint;
		sigaction(SIGINT, &sa, &v->old_int);
		sa.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &sa, &v->old_pipe);
		v->sig_set = 1;
		break;
	case PF_WARNING:
		cli_eprintf(c, "%s\n", text);
		break;
	case PF_POD_ERROR:
		gettimeofday(&tv, NULL);
		localtime_r(&tv.tv_sec, &tm);
		buf_addf(&line, "E%02d%02d %02d:%02d:%02d.%06ld %7d "
		    "portforward.go:424] \"Unhandled Error\" err=",
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, (long)tv.tv_usec, (int)getpid());
		pf_quote(&line, text, strlen(text));
		cli_eprintf(c, "%s\n", buf_str(&line));
		break;
	case PF_FAILED:
		cli_fail(c, "%s", text);
		break;
	}
	buf_release(&line);
}

/* The pod (and the Service, for svc/NAME) the arguments name. */
static json_t *
pf_objects(struct cli *c, const char *arg, json_t **svc, struct err *err)
{
	const struct api_res *r;
	struct buf path = BUF_INIT(4096);
	char type[256], *slash;

	*svc = NULL;
	if (!pods_is_pod_arg(arg)) {
		snprintf(type, sizeof type, "%s", arg);
		slash = strchr(type, '/');
		*slash = '\0';
		if ((r = disco_find(c, type, err)) == NULL)
			return NULL;
		if (strcmp(r->name, "services") == 0 && r->group[0] == '\0') {
			res_path(r, c->ns, slash + 1, &path);
			if (cli_get_json(c, buf_str(&path), svc, err) < 0) {
				*svc = NULL;
				buf_release(&path);
				return NULL;
			}
		}
		buf_release(&path);
	}
	return pods_resolve(c, arg, NULL, err);
}

static int
pf_exec(struct cli *c, int argc, char **argv)
{
	struct pf_verb v = { .c = c };
	struct pf_request req;
	struct buf addrs = BUF_INIT(4096);
	const char *phase, *val;
	const char **pv = NULL;
	char (*ports)[160] = NULL;
	json_t *pod = NULL, *svc = NULL;
	struct err err;
	int rc = 1;

	if (argc < 2)
		return cli_usage_error(c, "port-forward", "TYPE/NAME and list "
		    "of ports are required for port-forward");
	err_clear(&err);
	if ((pod = pf_objects(c, argv[0], &svc, &err)) == NULL) {
		rc = cli_error(c, &err);
		goto out;
	}
	if ((ports = calloc((size_t)argc, sizeof *ports)) == NULL ||
	    (pv = calloc((size_t)argc, sizeof *pv)) == NULL) {
		rc = cli_fail(c, "out of memory");
		goto out;
	}
	if (argc - 1 > PF_MAX_PORTS) {
		rc = cli_fail(c, "at most %d ports at once", PF_MAX_PORTS);
		goto out;
	}
	if (pf_check_udp(c, pod, svc, argv + 1, argc - 1) < 0 ||
	    pf_translate(c, pod, svc, argv + 1, argc - 1, ports) < 0)
		goto out;
	phase = json_string_value(json_object_get(json_object_get(pod,
	    "status"), "phase")) ?: "";
	if (strcmp(phase, "Running") != 0) {
		rc = cli_fail(c, "unable to forward port because pod is not "
		    "running. Current status=%s", phase);
		goto out;
	}
	for (int i = 0; (val = opt_nth(&c->o, "address", i)) != NULL; i++)
		buf_addf(&addrs, "%s%s", i ? "," : "", val);
	for (int i = 0; i < argc - 1; i++)
		pv[i] = ports[i];
	if (pipe2(pf_sigpipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		rc = cli_fail(c, "pipe: %s", strerror(errno));
		goto out;
	}
	req = (struct pf_request){
		.rest = c->rest,
		.ns = json_string_value(json_object_get(json_object_get(pod,
		    "metadata"), "namespace")) ?: c->ns,
		.pod = pf_name(pod),
		.addresses = addrs.len ? buf_str(&addrs) : NULL,
		.ports = pv,
		.nports = argc - 1,
		.stop_fd = pf_sigpipe[0],
		.report = pf_report,
		.arg = &v,
	};
	rc = portforward_run(&req);
out:
	if (v.sig_set) {
		sigaction(SIGINT, &v.old_int, NULL);
		sigaction(SIGPIPE, &v.old_pipe, NULL);
	}
	if (pf_sigpipe[0] >= 0) {
		close(pf_sigpipe[0]);
		close(pf_sigpipe[1]);
		pf_sigpipe[0] = pf_sigpipe[1] = -1;
	}
	free(ports);
	free(pv);
	json_decref(pod);
	json_decref(svc);
	buf_release(&addrs);
	return rc;
}

const struct cmd_entry cmd_portforward_entry = {
	.name = "port-forward",
	.summary = "Forward one or more local ports to a pod",
	.usage = "kubec port-forward (POD | TYPE/NAME) [--address ADDRESS] "
	    "[LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
	.opts = pf_opts,
	.exec = pf_exec,
};
