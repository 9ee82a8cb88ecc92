/* generate.c - the objects `kubec create KIND NAME ...` makes, as
 * kubectl's generators make them (namespace, configmap, secret generic,
 * deployment): the fields kubectl's typed objects carry even when empty
 * (creationTimestamp: null, resources: {}, status: {}) included, so that
 * --dry-run=client -o yaml prints what kubectl prints. */
#include <stdlib.h>
#include <string.h>

#include "../lib/base64.h"
#include "../lib/file.h"
#include "console.h"

#define GEN_FILE_MAX	((size_t)1 << 20)

static json_t *
gen_meta(const char *name)
{
	return json_pack("{s:s, s:n}", "name", name, "creationTimestamp");
}

/* --from-literal=K=V, --from-file=[K=]PATH and --from-env-file=PATH into
 * data (values base64 when b64); -1 after printing kubectl's error. */
static int
gen_data(struct cli *c, json_t *data, int b64)
{
	const char *v;
	struct buf enc = BUF_INIT(GEN_FILE_MAX * 2);

	for (int i = 0; (v = opt_nth(&c->o, "from-literal", i)) != NULL; i++) {
		const char *eq = strchr(v, '=');
		char key[256];

		if (eq == NULL || eq == v)
			return cli_fail(c, "invalid literal source %s, expected "
			    "key=value", v);
		snprintf(key, sizeof key, "%.*s", (int)(eq - v), v);
		buf_reset(&enc);
		if (b64)
			base64_encode(eq + 1, strlen(eq + 1), 0, &enc);
		json_object_set_new(data, key, json_string(b64 ? buf_str(&enc) :
		    eq + 1));
	}
	for (int i = 0; (v = opt_nth(&c->o, "from-file", i)) != NULL; i++) {
		const char *eq = strchr(v, '='), *path = eq ? eq + 1 : v,
		    *base = strrchr(path, '/');
		struct buf b = BUF_INIT(GEN_FILE_MAX);
		struct err err;
		char key[256];

		err_clear(&err);
		snprintf(key, sizeof key, "%.*s", eq ? (int)(eq - v) :
		    (int)strlen(base ? base + 1 : path), eq ? v : base ?
		    base + 1 : path);
		if (file_read(path, &b, &err) < 0) {
			buf_release(&b);
			buf_release(&enc);
			return cli_fail(c, "error reading %s: no such file or "
			    "directory", path);
		}
		buf_reset(&enc);
		if (b64)
			base64_encode(b.data ? b.data : "", b.len, 0, &enc);
		json_object_set_new(data, key, b64 ? json_string(buf_str(&enc)) :
		    json_stringn(b.data ? b.data : "", b.len));
		buf_release(&b);
	}
	for (int i = 0; (v = opt_nth(&c->o, "from-env-file", i)) != NULL;
	    i++) {
		struct buf b = BUF_INIT(GEN_FILE_MAX);
		struct err err;
		char *line, *save = NULL;

		err_clear(&err);
		if (file_read(v, &b, &err) < 0) {
			buf_release(&b);
			buf_release(&enc);
			return cli_fail(c, "error reading %s: no such file or "
			    "directory", v);
		}
		buf_addc(&b, '\0');
		for (line = strtok_r(b.data, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			char *eq = strchr(line, '=');

			if (line[0] == '#' || eq == NULL)
				continue;
			*eq = '\0';
			buf_reset(&enc);
			if (b64)
				base64_encode(eq + 1, strlen(eq + 1), 0, &enc);
			json_object_set_new(data, line, json_string(b64 ?
			    buf_str(&enc) : eq + 1));
		}
		buf_release(&b);
	}
	buf_release(&enc);
	return 0;
}

/* A container's name from its image: the last path part, without tag
 * or digest ("reg.io/x/busy:3" -> "busy"). */
static void
gen_ctr_name(const char *image, char *out, size_t n)
{
	const char *slash = strrchr(image, '/'), *s = slash ? slash + 1 : image;
	size_t len = strcspn(s, ":@");

	snprintf(out, n, "%.*s", (int)len, s);
}

static int
gen_deployment(struct cli *c, const char *name, int argc, char **argv,
    json_t **out)
{
	const char *img, *rs = opt_str(&c->o, "replicas"),
	    *port = opt_str(&c->o, "port");
	json_t *ctrs = json_array(), *labels = json_pack("{s:s}", "app", name);
	int nimg = 0;

	while (opt_nth(&c->o, "image", nimg) != NULL)
		nimg++;
	if (nimg == 0) {
		json_decref(ctrs);
		json_decref(labels);
		return cli_fail(c, "required flag(s) \"image\" not set");
	}
	if (nimg > 1 && argc > 0) {
		json_decref(ctrs);
		json_decref(labels);
		return cli_fail(c, "cannot specify multiple --image options and "
		    "command");
	}
	for (int i = 0; (img = opt_nth(&c->o, "image", i)) != NULL; i++) {
		char cn[254];
		json_t *ct;

		gen_ctr_name(img, cn, sizeof cn);
		ct = json_pack("{s:s, s:s, s:{}}", "image", img, "name", cn,
		    "resources");
		if (argc > 0) {
			json_t *cmd = json_array();

			for (int k = 0; k < argc; k++)
				json_array_append_new(cmd, json_string(argv[k]));
			json_object_set_new(ct, "command", cmd);
		}
		if (port != NULL)
			json_object_set_new(ct, "ports", json_pack("[{s:i}]",
			    "containerPort", atoi(port)));
		json_array_append_new(ctrs, ct);
	}
	*out = json_pack("{s:s, s:s, s:o, s:{s:i, s:{s:O}, s:{}, "
	    "s:{s:{s:n, s:O}, s:{s:o}}}, s:{}}", "apiVersion", "apps/v1",
	    "kind", "Deployment", "metadata", gen_meta(name), "spec",
	    "replicas", rs ? atoi(rs) : 1, "selector", "matchLabels", labels,
	    "strategy", "template", "metadata", "creationTimestamp", "labels",
	    labels, "spec", "containers", ctrs, "status");
	json_object_set(json_object_get(*out, "metadata"), "labels", labels);
	json_decref(labels);
	return 0;
}

int
generate_object(struct cli *c, int argc, char **argv, json_t **out)
{
	const char *kind = argv[0];
	int secret = strcmp(kind, "secret") == 0;
	/* "secret generic NAME": the type word before the name */
	int at = secret ? 2 : 1;

	*out = NULL;
	if (secret && (argc < 2 || strcmp(argv[1], "generic") != 0))
		return cli_fail(c, "kubec create secret makes generic secrets "
		    "(kubec create secret generic NAME ...)");
	if (argc <= at || (argc > at + 1 && strcmp(kind, "deployment") != 0 &&
	    strcmp(kind, "deploy") != 0))
		return cli_usage_error(c, secret ? "create secret generic" :
		    "create", "exactly one NAME is required, got %d", argc > at ?
		    argc - at : 0);
	if (strcmp(kind, "namespace") == 0 || strcmp(kind, "ns") == 0) {
		*out = json_pack("{s:s, s:s, s:o, s:{}, s:{}}", "apiVersion",
		    "v1", "kind", "Namespace", "metadata", gen_meta(argv[at]),
		    "spec", "status");
		return 0;
	}
	if (strcmp(kind, "configmap") == 0 || strcmp(kind, "cm") == 0 ||
	    secret) {
		json_t *data = json_object();

		if (gen_data(c, data, secret) != 0) {
			json_decref(data);
			return 1;
		}
		*out = json_pack("{s:s, s:s, s:o}", "apiVersion", "v1", "kind",
		    secret ? "Secret" : "ConfigMap", "metadata",
		    gen_meta(argv[at]));
		if (json_object_size(data) > 0)
			json_object_set(*out, "data", data);
		json_decref(data);
		if (secret && opt_str(&c->o, "type") != NULL)
			json_object_set_new(*out, "type", json_string(
			    opt_str(&c->o, "type")));
		return 0;
	}
	if (strcmp(kind, "deployment") == 0 || strcmp(kind, "deploy") == 0)
		return gen_deployment(c, argv[1], argc - 2, argv + 2, out);
	return cli_fail(c, "kubec create does not make \"%s\" objects yet: "
	    "namespace, configmap, secret generic, deployment, or -f FILE",
	    kind);
}
