/* pods.c - what the verbs on one pod's container share (logs, exec, the
 * console's shell): the pod named by POD, pod/NAME or TYPE/NAME (a
 * workload or Service: the first pod of its selector, as kubectl picks
 * one), and the container to use when none is named. */
#include <string.h>

#include "console.h"

json_t *
pods_list(struct cli *c, const char *selector, struct err *err)
{
	struct buf path = BUF_INIT(8192);
	json_t *list = NULL;

	buf_addf(&path, "/api/v1/namespaces/%s/pods", c->ns);
	cli_query_arg(&path, "labelSelector", selector);
	if (cli_get_json(c, buf_str(&path), &list, err) < 0)
		list = NULL;
	buf_release(&path);
	return list;
}

/* TYPE/NAME's label selector into sel: spec.selector's matchLabels, or a
 * Service's map. */
static int
pods_selector(struct cli *c, const char *arg, struct buf *sel,
    struct err *err)
{
	struct buf path = BUF_INIT(4096);
	const struct api_res *r;
	char type[256], *slash;
	json_t *obj = NULL, *ml;
	int rc = -1;

	snprintf(type, sizeof type, "%s", arg);
	slash = strchr(type, '/');
	*slash = '\0';
	if ((r = disco_find(c, type, err)) == NULL)
		goto out;
	res_path(r, c->ns, slash + 1, &path);
	if (cli_get_json(c, buf_str(&path), &obj, err) < 0)
		goto out;
	ml = json_object_get(json_object_get(json_object_get(obj, "spec"),
	    "selector"), "matchLabels");
	if (ml == NULL)
		ml = json_object_get(json_object_get(obj, "spec"), "selector");
	print_labels(sel, ml, NULL);
	if (sel->len == 0) {
		err_set(err, ERR_BAD_REQUEST, "%s selects no pods", arg);
		goto out;
	}
	rc = 0;
out:
	json_decref(obj);
	buf_release(&path);
	return rc;
}

int
pods_is_pod_arg(const char *arg)
{
	return strchr(arg, '/') == NULL || strncmp(arg, "pod/", 4) == 0 ||
	    strncmp(arg, "pods/", 5) == 0 || strncmp(arg, "po/", 3) == 0;
}

json_t *
pods_resolve(struct cli *c, const char *arg, size_t *found, struct err *err)
{
	struct buf path = BUF_INIT(4096), sel = BUF_INIT(4096);
	json_t *obj = NULL, *list = NULL;

	if (found != NULL)
		*found = 1;
	if (pods_is_pod_arg(arg)) {
		const char *name = strchr(arg, '/') ? strchr(arg, '/') + 1 :
		    arg;

		buf_addf(&path, "/api/v1/namespaces/%s/pods/%s", c->ns, name);
		if (cli_get_json(c, buf_str(&path), &obj, err) < 0)
			obj = NULL;
		goto out;
	}
	if (pods_selector(c, arg, &sel, err) < 0 ||
	    (list = pods_list(c, buf_str(&sel), err)) == NULL)
		goto out;
	if (found != NULL)
		*found = json_array_size(json_object_get(list, "items"));
	if ((obj = json_array_get(json_object_get(list, "items"), 0)) == NULL)
		err_set(err, ERR_TIMEOUT, "timed out waiting for the "
		    "condition");
	json_incref(obj);
out:
	json_decref(list);
	buf_release(&path);
	buf_release(&sel);
	return obj;
}

/* The pod's lists of containers, with the words kubectl adds to their
 * names. */
static const struct {
	const char	*list, *tag;
} pods_lists[] = {
	{ "containers", "" },
	{ "initContainers", " (init)" },
	{ "ephemeralContainers", " (ephem)" },
};

int
pods_has_container(const json_t *pod, const char *name)
{
	const json_t *spec = json_object_get(pod, "spec"), *ctr;
	size_t i, l;

	for (l = 0; l < sizeof pods_lists / sizeof pods_lists[0]; l++)
		json_array_foreach(json_object_get(spec, pods_lists[l].list),
		    i, ctr)
			if (strcmp(json_string_value(json_object_get(ctr,
			    "name")) ?: "", name) == 0)
				return 1;
	return 0;
}

const char *
pods_container(struct cli *c, const json_t *pod, int quiet)
{
	const json_t *spec = json_object_get(pod, "spec"), *ctr;
	const json_t *ctrs = json_object_get(spec, "containers");
	const char *def = json_string_value(json_object_get(json_object_get(
	    json_object_get(pod, "metadata"), "annotations"),
	    "kubectl.kubernetes.io/default-container"));
	size_t i, l, n = 0;

	if (def != NULL && def[0] != '\0') {
		if (pods_has_container(pod, def))
			return def;
		if (quiet & PODS_SAY_MISSING)
			cli_eprintf(c, "Default container name \"%s\" not found "
			    "in pod %s\n", def, json_string_value(
			    json_object_get(json_object_get(pod, "metadata"),
			    "name")) ?: "");
	}
	def = json_string_value(json_object_get(json_array_get(ctrs, 0),
	    "name"));
	for (l = 0; l < sizeof pods_lists / sizeof pods_lists[0]; l++)
		n += json_array_size(json_object_get(spec,
		    pods_lists[l].list));
	if (n > 1 && !(quiet & PODS_QUIET) && def != NULL) {
		cli_eprintf(c, "Defaulted container \"%s\" out of: ", def);
		for (l = 0, n = 0; l < sizeof pods_lists / sizeof pods_lists[0];
		    l++)
			json_array_foreach(json_object_get(spec,
			    pods_lists[l].list), i, ctr)
				cli_eprintf(c, "%s%s%s", n++ ? ", " : "",
				    json_string_value(json_object_get(ctr,
				    "name")) ?: "", pods_lists[l].tag);
		fputc('\n', c->errout);
	}
	return def;
}
