/* selfsubjectreviews.c - authentication.k8s.io/v1 SelfSubjectReview
 * (kubectl auth whoami): create only, never stored; write.c answers it
 * with the caller's user name, uid and groups.
 */
#include "kinds.h"

const struct registry_kind registry_selfsubjectreviews = {
	.group = "authentication.k8s.io",
	.version = "v1",
	.kind = "SelfSubjectReview",
	.resource = "selfsubjectreviews",
	.singular = "selfsubjectreview",
	.flags = REG_CREATE_ONLY | REG_NO_WATCH,
};
