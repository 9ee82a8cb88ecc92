/* client.c - the console's connection to the cluster, from the kubeconfig
 * and the global options as kubectl takes them (--kubeconfig, --context,
 * -n, --server, --token, --insecure-skip-tls-verify), and its errors in
 * kubectl's words. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "../lib/curlapi.h"

const struct opt_def cli_global_opts[] = {
	{ "kubeconfig", 0, 1, "Path to the kubeconfig file to use" },
	{ "context", 0, 1, "The name of the kubeconfig context to use" },
	{ "namespace", 'n', 1, "If present, the namespace scope for this "
	    "request" },
	{ "server", 's', 1, "The address and port of the Kubernetes API "
	    "server" },
	{ "token", 0, 1, "Bearer token for authentication to the API server" },
	{ "insecure-skip-tls-verify", 0, 0, "If true, the server's certificate "
	    "will not be checked for validity" },
	{ "help", 'h', 0, "Help for the command" },
	{ NULL, 0, 0, NULL }
};

int
cli_connect(struct cli *c, struct err *err)
{
	const char *v;

	if (kubeconfig_load(&c->kc, opt_str(&c->o, "kubeconfig"), err) < 0)
		return -1;
	v = opt_str(&c->o, "server");
	if (kubeconfig_resolve(&c->kc, opt_str(&c->o, "context"), &c->t,
	    err) < 0 && v == NULL) {
		char why[sizeof err->msg];

		/* kubectl's words for a kubeconfig it cannot use: a context
		 * named that is not there is an error of the configuration;
		 * without a context or a cluster, it goes to localhost:8080 */
		snprintf(why, sizeof why, "%s", err->msg);
		if (strncmp(why, "context was not found", 21) == 0)
			return err_set(err, ERR_NONE, "Error in configuration: "
			    "%s", why);
		if (strstr(why, "cluster") != NULL || strstr(why, "no server")
		    != NULL || strstr(why, "no configuration") != NULL)
			return err_set(err, ERR_NONE, "The connection to the "
			    "server localhost:8080 was refused - did you "
			    "specify the right host or port?");
		return err_set(err, ERR_NONE, "%s", why);
	}
	err_clear(err);
	if (v != NULL)
		snprintf(c->t.server, sizeof c->t.server, "%s", v);
	if ((v = opt_str(&c->o, "token")) != NULL) {
		free(c->t.token);
		c->t.token = strdup(v);
	}
	if (opt_bool(&c->o, "insecure-skip-tls-verify"))
		c->t.insecure = 1;
	if (c->t.server[0] == '\0')
		return err_set(err, ERR_NONE, "The connection to the server "
		    "localhost:8080 was refused - did you specify the right "
		    "host or port?");
	if ((v = opt_str(&c->o, "namespace")) != NULL) {
		snprintf(c->ns, sizeof c->ns, "%s", v);
		c->ns_given = 1;
	} else {
		snprintf(c->ns, sizeof c->ns, "%s", c->t.ns[0] ? c->t.ns :
		    "default");
	}
	c->rest = rest_open(&c->t, "kubec", err);
	return c->rest == NULL ? -1 : 0;
}

void
cli_release(struct cli *c)
{
	rest_close(c->rest);
	kube_target_release(&c->t);
	kubeconfig_release(&c->kc);
	free(c->res);
	c->rest = NULL;
	c->res = NULL;
}

int
cli_error(struct cli *c, const struct err *err)
{
	size_t n = strlen(c->t.server);

	fflush(c->out);
	if (err->reason == ERR_NONE) {
		/* the console's own, or a whole sentence of kubectl's */
		if (strncmp(err->msg, "The connection", 14) == 0 ||
		    strncmp(err->msg, "Error in configuration", 22) == 0)
			fprintf(c->errout, "%s\n", err->msg);
		else
			fprintf(c->errout, "error: %s\n", err->msg);
	} else if (n > 0 && strncmp(err->msg, c->t.server, n) == 0) {
		const char *host = strstr(c->t.server, "://"),
		    *why = strstr(err->msg, ": ");

		/* a transport error: rest names the URL first */
		if (strstr(err->msg, "Couldn't connect") != NULL)
			fprintf(c->errout, "The connection to the server %s "
			    "was refused - did you specify the right host or "
			    "port?\n", host ? host + 3 : c->t.server);
		else
			fprintf(c->errout, "Unable to connect to the server: "
			    "%s\n", why ? why + 2 : err->msg);
	} else if (err->reason == ERR_INVALID) {
		/* kubectl: the server's sentence alone, without the file */
		const char *m = err->msg, *q;

		if (strncmp(m, "error when ", 11) == 0 &&
		    (q = strstr(m, "\": ")) != NULL)
			m = q + 3;
		fprintf(c->errout, "The %s\n", m);
	} else if (err->reason == ERR_UNAUTHORIZED) {
		fprintf(c->errout, "error: You must be logged in to the server "
		    "(Unauthorized)\n");
	} else {
		fprintf(c->errout, "Error from server (%s): %s\n",
		    err_reason_str(err->reason), err->msg);
	}
	return 1;
}

void
cli_eprintf(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fflush(c->out);
	va_start(ap, fmt);
	vfprintf(c->errout, fmt, ap);
	va_end(ap);
}

static void
cli_verror(struct cli *c, const char *fmt, va_list ap)
{
	fflush(c->out);
	fputs("error: ", c->errout);
	vfprintf(c->errout, fmt, ap);
	fputc('\n', c->errout);
}

int
cli_fail(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_verror(c, fmt, ap);
	va_end(ap);
	return 1;
}

int
cli_usage_error(struct cli *c, const char *verb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_verror(c, fmt, ap);
	va_end(ap);
	fprintf(c->errout, "See 'kubec %s -h' for help and examples\n", verb);
	return 1;
}

int
cli_get_json(struct cli *c, const char *path, json_t **out, struct err *err)
{
	return rest_do(c->rest, "GET", path, NULL, NULL, out, err) < 0 ? -1 : 0;
}

/* The namespace an object goes to: its own, else -n, else the context's;
 * NULL (and an error printed) when its own and -n disagree. */
const char *
cli_object_ns(struct cli *c, const struct api_res *r, json_t *obj)
{
	json_t *meta = json_object_get(obj, "metadata");
	const char *own = json_string_value(json_object_get(meta,
	    "namespace"));

	if (!r->namespaced)
		return "";
	if (own != NULL && own[0] != '\0') {
		if (c->ns_given && strcmp(own, c->ns) != 0) {
			fprintf(c->errout, "the namespace from the "
			    "provided object \"%s\" does not match the "
			    "namespace \"%s\". You must pass '--namespace=%s' "
			    "to perform this operation.\n", own, c->ns, own);
			return NULL;
		}
		return own;
	}
	return c->ns;
}

/* Prints what was done to an object, as -o asks ("created"). */
void
cli_report(struct cli *c, const struct api_res *r, const json_t *obj,
    const char *done)
{
	const char *o = opt_str(&c->o, "output");
	const char *name = json_string_value(json_object_get(json_object_get(
	    obj, "metadata"), "name"));
	struct buf kind = BUF_INIT(256);

	res_kind_name(r, &kind);
	print_strip_managed((json_t *)obj);
	if (o != NULL && strcmp(o, "json") == 0)
		print_json(c->out, obj);
	else if (o != NULL && strcmp(o, "yaml") == 0)
		print_yaml(c->out, obj);
	else if (o != NULL && strcmp(o, "name") == 0)
		fprintf(c->out, "%s/%s\n", buf_str(&kind), name ? name : "");
	else
		fprintf(c->out, "%s/%s %s\n", buf_str(&kind), name ? name : "",
		    done);
	buf_release(&kind);
}

int
cli_doc_target(struct cli *c, const json_t *doc, const struct api_res **r,
    const char **ns)
{
	json_t *obj = json_object_get(doc, "object");
	const char *name = json_string_value(json_object_get(json_object_get(
	    obj, "metadata"), "name"));
	struct err err;

	err_clear(&err);
	*r = disco_kind(c, json_string_value(json_object_get(obj,
	    "apiVersion")) ?: "", json_string_value(json_object_get(obj,
	    "kind")) ?: "", &err);
	if (*r == NULL) {
		fprintf(c->errout, "error: resource mapping not found for "
		    "name: \"%s\" namespace: \"\" from \"%s\": %s\nensure "
		    "CRDs are installed first\n", name ? name : "",
		    json_string_value(json_object_get(doc, "source")), err.msg);
		return -1;
	}
	return (*ns = cli_object_ns(c, *r, obj)) == NULL ? -1 : 0;
}

long
cli_duration(const char *s)
{
	long total = 0;
	const char *p = s;

	if (*p == '\0')
		return -1;
	while (*p != '\0') {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p || v < 0)
			return -1;
		switch (*end) {
		case '\0':
			/* a bare number: seconds, and only alone */
			return p == s ? v : -1;
		case 's': total += v; break;
		case 'm': total += v * 60; break;
		case 'h': total += v * 3600; break;
		default: return -1;
		}
		p = end + 1;
	}
	return total;
}

void
cli_query_arg(struct buf *url, const char *key, const char *value)
{
	char *e;

	if (value == NULL)
		return;
	e = curl_easy_escape(NULL, value, 0);
	buf_addf(url, "%c%s=%s", url->len > 0 && memchr(url->data, '?',
	    url->len) ? '&' : '?', key, e ? e : "");
	curl_free(e);
}
