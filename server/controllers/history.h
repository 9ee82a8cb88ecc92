/* history.h - the revisions of a DaemonSet or StatefulSet as
 * ControllerRevisions, as upstream's pkg/controller/history keeps them:
 * one per distinct template, named <owner>-<hash>, its data the template
 * as a strategic-merge patch with $patch: replace (what `kubectl rollout
 * undo` applies back), numbered from 1, the live one always the highest
 * (a template that comes back takes a new number, as after a rollback).
 */
#ifndef KUBEC_HISTORY_H
#define KUBEC_HISTORY_H

#include "controllers.h"

/*
 * The revision of owner's current template: its controller-revision-hash
 * into hash, its number into *revision (when not NULL); the
 * ControllerRevision is made (or renumbered) as needed.  revisions is the
 * controller's index of ControllerRevisions by owner, cr_k their kind.
 * 0, or -1 when the revision could not be written.
 */
int	history_current(struct ctl *c, struct ctl_owned *revisions,
	    const struct registry_kind *cr_k, const struct cobj *owner,
	    const char *kind, char *hash, size_t len, long *revision);

#endif
