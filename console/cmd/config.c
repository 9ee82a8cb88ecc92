/* config.c - kubec config: the kubeconfig read and changed as kubectl
 * config does it (view, current-context, use-context, get-contexts,
 * get-clusters, get-users, set-context), without a server. */
#include <stdlib.h>
#include <string.h>

#include "../console.h"

static const struct opt_def config_opts[] = {
	{ "minify", 0, 0, "view: only what the current context uses" },
	{ "raw", 0, 0, "view: certificates, keys and tokens as they are" },
	{ "output", 'o', 1, "view: yaml or json; get-contexts: name" },
	{ "current", 0, 0, "set-context: the current context" },
	{ "cluster", 0, 1, "set-context: the context's cluster" },
	{ "user", 0, 1, "set-context: the context's user" },
	{ "no-headers", 0, 0, "get-contexts: no header row" },
	{ NULL, 0, 0, NULL }
};

static const char *
config_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The entry of list (clusters, users, contexts) named name, or NULL. */
static json_t *
config_entry(const json_t *doc, const char *list, const char *name)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(doc, list), i, e)
		if (name != NULL && config_str(e, "name") != NULL &&
		    strcmp(config_str(e, "name"), name) == 0)
			return e;
	return NULL;
}

/* kubectl's view: secrets shortened or redacted unless --raw. */
static void
config_redact(json_t *doc)
{
	static const char *const data[] = { "certificate-authority-data",
	    "client-certificate-data", "client-key-data" };
	static const char *const secret[] = { "token", "password" };
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(doc, "clusters"), i, e)
		for (size_t k = 0; k < 3; k++)
			if (json_object_get(json_object_get(e, "cluster"),
			    data[k]))
				json_object_set_new(json_object_get(e,
				    "cluster"), data[k],
				    json_string("DATA+OMITTED"));
	json_array_foreach(json_object_get(doc, "users"), i, e) {
		json_t *u = json_object_get(e, "user");

		for (size_t k = 0; k < 3; k++)
			if (json_object_get(u, data[k]))
				json_object_set_new(u, data[k],
				    json_string("DATA+OMITTED"));
		for (size_t k = 0; k < 2; k++)
			if (json_object_get(u, secret[k]))
				json_object_set_new(u, secret[k],
				    json_string("REDACTED"));
	}
}

/* The keys of a Config's parts in the order kubectl writes them as JSON
 * (the fields of clientcmd's v1 structs); others follow as they were. */
static const char *const config_order_top[] = { "kind", "apiVersion",
    "preferences", "clusters", "users", "contexts", "current-context",
    "extensions", NULL };
static const char *const config_order_entry[] = { "name", "cluster", "user",
    "context", "extension", NULL };
static const char *const config_order_cluster[] = { "server",
    "tls-server-name", "insecure-skip-tls-verify", "certificate-authority",
    "certificate-authority-data", "proxy-url", "disable-compression",
    "extensions", NULL };
static const char *const config_order_user[] = { "client-certificate",
    "client-certificate-data", "client-key", "client-key-data", "token",
    "tokenFile", "as", "as-uid", "as-groups", "as-user-extra", "username",
    "password", "auth-provider", "exec", "extensions", NULL };
static const char *const config_order_context[] = { "cluster", "user",
    "namespace", "extensions", NULL };

static json_t *
config_ordered(const json_t *o, const char *const *order)
{
	json_t *out = json_object(), *v;
	const char *k;

	for (int i = 0; order[i] != NULL; i++)
		if ((v = json_object_get(o, order[i])) != NULL)
			json_object_set(out, order[i], v);
	json_object_foreach((json_t *)o, k, v)
		if (json_object_get(out, k) == NULL)
			json_object_set(out, k, v);
	return out;
}

/* doc with its keys in kubectl's order, for -o json. */
static json_t *
config_json(const json_t *doc)
{
	static const struct {
		const char		*list, *body;
		const char *const	*order;
	} parts[] = {
		{ "clusters", "cluster", config_order_cluster },
		{ "users", "user", config_order_user },
		{ "contexts", "context", config_order_context },
	};
	json_t *out = config_ordered(doc, config_order_top);

	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		json_t *list = json_object_get(doc, parts[p].list), *e,
		    *nl = json_array();
		size_t i;

		if (!json_is_array(list)) {
			json_decref(nl);
			continue;
		}
		json_array_foreach(list, i, e) {
			json_t *ne = config_ordered(e, config_order_entry),
			    *body = json_object_get(e, parts[p].body);

			if (body != NULL)
				json_object_set_new(ne, parts[p].body,
				    config_ordered(body, parts[p].order));
			json_array_append_new(nl, ne);
		}
		json_object_set_new(out, parts[p].list, nl);
	}
	return out;
}

/* Keeps only the entries named in list. */
static void
config_keep(json_t *doc, const char *list, const char *name)
{
	json_t *keep = json_array(), *e = config_entry(doc, list, name);

	if (e != NULL)
		json_array_append(keep, e);
	json_object_set_new(doc, list, keep);
}

static int
config_view(struct cli *c)
{
	json_t *doc = json_deep_copy(c->kc.doc);
	const char *o = opt_str(&c->o, "output"), *cur;
	static const char *const lists[] = { "clusters", "contexts", "users" };

	if (doc == NULL)
		doc = json_object();
	cur = config_str(doc, "current-context");
	if (opt_bool(&c->o, "minify")) {
		json_t *ctx = json_object_get(config_entry(doc, "contexts",
		    cur), "context");

		if (cur == NULL || cur[0] == '\0') {
			json_decref(doc);
			return cli_fail(c, "current-context must exist in order "
			    "to minify");
		}
		config_keep(doc, "clusters", config_str(ctx, "cluster"));
		config_keep(doc, "users", config_str(ctx, "user"));
		config_keep(doc, "contexts", cur);
	}
	if (!opt_bool(&c->o, "raw"))
		config_redact(doc);
	for (size_t i = 0; i < 3; i++)
		if (json_array_size(json_object_get(doc, lists[i])) == 0)
			json_object_set_new(doc, lists[i], json_null());
	if (json_object_get(doc, "current-context") == NULL)
		json_object_set_new(doc, "current-context", json_string(""));
	json_object_set_new(doc, "apiVersion", json_string("v1"));
	json_object_set_new(doc, "kind", json_string("Config"));
	if (!json_is_object(json_object_get(doc, "preferences")))
		json_object_set_new(doc, "preferences", json_object());
	if (o != NULL && strcmp(o, "json") == 0) {
		json_t *j = config_json(doc);
		char *text = json_dumps(j, JSON_INDENT(4));

		if (text != NULL)
			fprintf(c->out, "%s\n", text);
		free(text);
		json_decref(j);
	} else
		print_yaml(c->out, doc);
	json_decref(doc);
	return 0;
}

static int
config_get_contexts(struct cli *c, int argc, char **argv)
{
	const char *cur = config_str(c->kc.doc, "current-context"), *o =
	    opt_str(&c->o, "output");
	json_t *rows = json_array(), *e;
	int found = 0;
	size_t i;

	if (!opt_bool(&c->o, "no-headers") && o == NULL)
		json_array_append_new(rows, json_pack("[s,s,s,s,s]", "CURRENT",
		    "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"));
	json_array_foreach(json_object_get(c->kc.doc, "contexts"), i, e) {
		const char *name = config_str(e, "name") ?: "";
		json_t *ctx = json_object_get(e, "context");

		if (argc > 0 && strcmp(argv[0], name) != 0)
			continue;
		found++;
		if (o != NULL)
			fprintf(c->out, "%s\n", name);
		else
			json_array_append_new(rows, json_pack("[s,s,s,s,s]",
			    cur && strcmp(cur, name) == 0 ? "*" : "", name,
			    config_str(ctx, "cluster") ?: "",
			    config_str(ctx, "user") ?: "",
			    config_str(ctx, "namespace") ?: ""));
	}
	if (o == NULL)
		print_columns(c->out, rows);
	json_decref(rows);
	if (argc > 0 && !found)
		return cli_fail(c, "context %s not found", argv[0]);
	return 0;
}

static int
config_names(struct cli *c, const char *list)
{
	json_t *e;
	size_t i;

	fprintf(c->out, "NAME\n");
	json_array_foreach(json_object_get(c->kc.doc, list), i, e)
		fprintf(c->out, "%s\n", config_str(e, "name") ?: "");
	return 0;
}

static int
config_save(struct cli *c)
{
	struct err err;

	err_clear(&err);
	if (c->kc.path[0] == '\0') {
		const char *home = getenv("HOME");

		snprintf(c->kc.path, sizeof c->kc.path, "%s/.kube/config",
		    home ? home : "");
	}
	if (kubeconfig_save(&c->kc, &err) < 0)
		return cli_fail(c, "%s", err.msg);
	return 0;
}

static int
config_set_context(struct cli *c, int argc, char **argv)
{
	const char *name = argc > 0 ? argv[0] : NULL, *v;
	json_t *e, *ctx;
	int made = 0;

	if (opt_bool(&c->o, "current")) {
		if (name != NULL)
			return cli_fail(c, "you cannot specify both a context "
			    "name and --current");
		name = config_str(c->kc.doc, "current-context");
		if (name == NULL || name[0] == '\0')
			return cli_fail(c, "no current context is set");
	}
	if (name == NULL)
		return cli_usage_error(c, "config", "set-context takes a "
		    "context name or --current");
	if ((e = config_entry(c->kc.doc, "contexts", name)) == NULL) {
		if (!json_is_array(json_object_get(c->kc.doc, "contexts")))
			json_object_set_new(c->kc.doc, "contexts",
			    json_array());
		e = json_pack("{s:s, s:{}}", "name", name, "context");
		json_array_append_new(json_object_get(c->kc.doc, "contexts"),
		    e);
		made = 1;
	}
	ctx = json_object_get(e, "context");
	if ((v = opt_str(&c->o, "namespace")) != NULL)
		json_object_set_new(ctx, "namespace", json_string(v));
	if ((v = opt_str(&c->o, "cluster")) != NULL)
		json_object_set_new(ctx, "cluster", json_string(v));
	if ((v = opt_str(&c->o, "user")) != NULL)
		json_object_set_new(ctx, "user", json_string(v));
	if (config_save(c) != 0)
		return 1;
	fprintf(c->out, "Context \"%s\" %s.\n", name, made ? "created" :
	    "modified");
	return 0;
}

static int
config_exec(struct cli *c, int argc, char **argv)
{
	struct err err;
	const char *sub = argc > 0 ? argv[0] : NULL, *cur;

	err_clear(&err);
	if (sub == NULL)
		return cli_usage_error(c, "config", "a subcommand is required: "
		    "view, current-context, use-context, get-contexts, "
		    "get-clusters, get-users or set-context");
	if (kubeconfig_load(&c->kc, opt_str(&c->o, "kubeconfig"), &err) < 0)
		return cli_fail(c, "%s", err.msg);
	if (c->kc.doc == NULL)
		c->kc.doc = json_object();
	cur = config_str(c->kc.doc, "current-context");
	if (strcmp(sub, "view") == 0)
		return config_view(c);
	if (strcmp(sub, "current-context") == 0) {
		if (cur == NULL || cur[0] == '\0')
			return cli_fail(c, "current-context is not set");
		fprintf(c->out, "%s\n", cur);
		return 0;
	}
	if (strcmp(sub, "use-context") == 0 || strcmp(sub, "use") == 0) {
		if (argc != 2)
			return cli_usage_error(c, "config", "use-context takes "
			    "one context name");
		if (config_entry(c->kc.doc, "contexts", argv[1]) == NULL)
			return cli_fail(c, "no context exists with the name: "
			    "\"%s\"", argv[1]);
		json_object_set_new(c->kc.doc, "current-context",
		    json_string(argv[1]));
		if (config_save(c) != 0)
			return 1;
		fprintf(c->out, "Switched to context \"%s\".\n", argv[1]);
		return 0;
	}
	if (strcmp(sub, "get-contexts") == 0)
		return config_get_contexts(c, argc - 1, argv + 1);
	if (strcmp(sub, "get-clusters") == 0)
		return config_names(c, "clusters");
	if (strcmp(sub, "get-users") == 0)
		return config_names(c, "users");
	if (strcmp(sub, "set-context") == 0)
		return config_set_context(c, argc - 1, argv + 1);
	return cli_fail(c, "unknown command \"%s\" for \"kubec config\"", sub);
}

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.summary = "Modify kubeconfig files",
	.usage = "kubec config (view [--minify] [--raw] | current-context | "
	    "use-context NAME | get-contexts [NAME] | get-clusters | get-users "
	    "| set-context (NAME | --current) [--namespace NS] [--cluster C] "
	    "[--user U])",
	.opts = config_opts,
	.flags = CMD_OFFLINE,
	.exec = config_exec,
};
