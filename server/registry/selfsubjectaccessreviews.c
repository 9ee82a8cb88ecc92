/* selfsubjectaccessreviews.c - authorization.k8s.io/v1
 * SelfSubjectAccessReview (kubectl auth can-i): create only, never
 * stored; write.c answers it.  Only the spec's shape is checked here.
 */
#include "kinds.h"

static int
selfsubjectaccessreviews_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const json_t *ra = reg_get(obj, "spec.resourceAttributes");
	const json_t *nra = reg_get(obj, "spec.nonResourceAttributes");

	if (json_is_null(ra))
		ra = NULL;
	if (json_is_null(nra))
		nra = NULL;
	if (ra != NULL && nra != NULL)
		err_field(err, ERR_CAUSE_INVALID,
		    "spec.nonResourceAttributes", NULL,
		    "cannot be specified in combination with resourceAttributes");
	if (ra == NULL && nra == NULL)
		err_field(err, ERR_CAUSE_INVALID, "spec.resourceAttributes",
		    "\"null\"", "exactly one of nonResourceAttributes or "
		    "resourceAttributes must be specified");
	return err_invalid(err, "SelfSubjectAccessReview.authorization.k8s.io",
	    "");
}

const struct registry_kind registry_selfsubjectaccessreviews = {
	.group = "authorization.k8s.io",
	.version = "v1",
	.kind = "SelfSubjectAccessReview",
	.resource = "selfsubjectaccessreviews",
	.singular = "selfsubjectaccessreview",
	.flags = REG_CREATE_ONLY | REG_NO_WATCH,
	.validate = selfsubjectaccessreviews_validate,
};
