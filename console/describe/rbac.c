/* rbac.c - kubec describe for Roles and ClusterRoles (their rules broken
 * down to one resource and verb each, then the verbs of a resource put
 * together again, sorted as kubectl sorts them) and for RoleBindings and
 * ClusterRoleBindings (the role and the subjects). */
#include <stdlib.h>
#include <string.h>

#include "describe.h"

struct rbac_row {
	char	*key;	/* the rule's String(), kubectl's sort key */
	char	*line;
	size_t	 i;
};

static int
rbac_cmp(const void *a, const void *b)
{
	const struct rbac_row *x = a, *y = b;
	int r = strcmp(x->key, y->key);

	/* sort.Stable */
	return r ? r : (x->i > y->i) - (x->i < y->i);
}

/* verb at the end of verbs unless there (kubectl 1.32 lists each once) */
static void
rbac_add_verb(json_t *verbs, const json_t *verb)
{
	const json_t *v;
	size_t i;

	json_array_foreach(verbs, i, v)
		if (json_equal(v, verb))
			return;
	json_array_append(verbs, (json_t *)verb);
}

/* rbac.BreakdownRule of every rule: one group, resource, verb (and
 * resource name) each, or one non-resource URL and verb; rules of the
 * same group, resource and name then share their verbs again, each
 * verb once (rbac.CompactRules).  Into out, an array of PolicyRules. */
static void
rbac_compact(const json_t *rules, json_t *out)
{
	json_t *simple = json_object(), *order = json_array();
	const json_t *r, *g, *res, *verb, *name, *url;
	size_t i, j, k, l, m;

	json_array_foreach(rules, i, r) {
		const json_t *names = json_object_get(r, "resourceNames"),
		    *verbs = json_object_get(r, "verbs");

		json_array_foreach(json_object_get(r, "apiGroups"), j, g)
		json_array_foreach(json_object_get(r, "resources"), k, res)
		json_array_foreach(verbs, l, verb) {
			size_t nn = json_array_size(names);

			for (m = 0; m < (nn ? nn : 1); m++) {
				struct buf key = BUF_INIT(8192);
				json_t *rule;

				name = nn ? json_array_get(names, m) : NULL;
				buf_addf(&key, "%s\n%s\n%d\n%s",
				    json_string_value(g) ?: "",
				    json_string_value(res) ?: "", name != NULL,
				    json_string_value(name) ?: "");
				rule = json_object_get(simple, buf_str(&key));
				if (rule == NULL) {
					rule = json_pack("{s:[],s:[O],s:[O]}",
					    "verbs", "apiGroups", g,
					    "resources", res);
					if (name != NULL)
						json_object_set_new(rule,
						    "resourceNames",
						    json_pack("[O]", name));
					json_object_set_new(simple,
					    buf_str(&key), rule);
					json_array_append(order, rule);
				}
				rbac_add_verb(json_object_get(rule, "verbs"),
				    verb);
				buf_release(&key);
			}
		}
	}
	/* non-resource URLs: one rule per URL and verb, not put together */
	json_array_foreach(rules, i, r)
		json_array_foreach(json_object_get(r, "nonResourceURLs"), j, url)
			json_array_foreach(json_object_get(r, "verbs"), l, verb)
				json_array_append_new(out, json_pack(
				    "{s:[O],s:[O]}", "verbs", verb,
				    "nonResourceURLs", url));
	json_array_extend(out, order);
	json_decref(order);
	json_decref(simple);
}

static void
rbac_rules(struct buf *b, const json_t *obj)
{
	json_t *rules = json_array();
	const json_t *r;
	struct rbac_row *rows;
	size_t i, n;

	rbac_compact(json_object_get(obj, "rules"), rules);
	n = json_array_size(rules);
	rows = calloc(n ? n : 1, sizeof *rows);
	buf_adds(b, "PolicyRule:\n  Resources\tNon-Resource URLs\tResource "
	    "Names\tVerbs\n  ---------\t-----------------\t--------------\t"
	    "-----\n");
	json_array_foreach(rules, i, r) {
		struct buf key = BUF_INIT(1 << 20), line = BUF_INIT(1 << 20);
		const char *res = json_string_value(json_array_get(
		    json_object_get(r, "resources"), 0)), *grp =
		    json_string_value(json_array_get(json_object_get(r,
		    "apiGroups"), 0)), *slash;

		if (rows == NULL)
			break;
		buf_adds(&key, "&PolicyRule{Verbs:");
		describe_golist(&key, json_object_get(r, "verbs"));
		buf_adds(&key, ",APIGroups:");
		describe_golist(&key, json_object_get(r, "apiGroups"));
		buf_adds(&key, ",Resources:");
		describe_golist(&key, json_object_get(r, "resources"));
		buf_adds(&key, ",ResourceNames:");
		describe_golist(&key, json_object_get(r, "resourceNames"));
		buf_adds(&key, ",NonResourceURLs:");
		describe_golist(&key, json_object_get(r, "nonResourceURLs"));
		buf_adds(&key, ",}");
		/* CombineResourceGroup: "deployments.apps/scale" */
		buf_adds(&line, "  ");
		if (res != NULL) {
			slash = strchr(res, '/');
			buf_add(&line, res, slash ? (size_t)(slash - res) :
			    strlen(res));
			if (grp != NULL && grp[0] != '\0')
				buf_addf(&line, ".%s", grp);
			if (slash != NULL)
				buf_adds(&line, slash);
		}
		buf_adds(&line, "\t");
		describe_golist(&line, json_object_get(r, "nonResourceURLs"));
		buf_adds(&line, "\t");
		describe_golist(&line, json_object_get(r, "resourceNames"));
		buf_adds(&line, "\t");
		describe_golist(&line, json_object_get(r, "verbs"));
		buf_adds(&line, "\n");
		rows[i].key = buf_detach(&key, NULL);
		rows[i].line = buf_detach(&line, NULL);
		rows[i].i = i;
	}
	if (rows != NULL) {
		qsort(rows, n, sizeof *rows, rbac_cmp);
		for (i = 0; i < n; i++) {
			buf_adds(b, rows[i].line);
			free(rows[i].key);
			free(rows[i].line);
		}
	}
	free(rows);
	json_decref(rules);
}

/* a Role or a ClusterRole: their rules */
void
describe_role(struct cli *c, const json_t *obj, struct buf *b)
{
	describe_meta(b, obj, 0);
	rbac_rules(b, obj);
}

/* a RoleBinding or a ClusterRoleBinding: the role and the subjects */
void
describe_rolebinding(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *ref = json_object_get(obj, "roleRef"), *s;
	size_t i;

	describe_meta(b, obj, 0);
	buf_addf(b, "Role:\n  Kind:\t%s\n  Name:\t%s\nSubjects:\n  Kind\tName\t"
	    "Namespace\n  ----\t----\t---------\n", describe_s(ref, "kind"),
	    describe_s(ref, "name"));
	json_array_foreach(json_object_get(obj, "subjects"), i, s)
		buf_addf(b, "  %s\t%s\t%s\n", describe_s(s, "kind"),
		    describe_s(s, "name"), describe_s(s, "namespace"));
}
