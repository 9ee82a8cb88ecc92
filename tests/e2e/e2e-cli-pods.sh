#!/usr/bin/env bash
# e2e-cli-pods.sh - kubec's verbs on a pod's containers against a real
# kubec-agent running busybox pods with crun, beside the real kubectl:
# exec (output, errors, exit codes, -i from a pipe, -it on a terminal of
# the client's size, -c and the defaulted container, TYPE/NAME, a
# completed pod), with the same output, errors and exit status.
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/lib-agent.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
K=$KUBECTL
# same DESCRIPTION ARGS...: stdout, stderr and exit status alike
same() {
	local what=$1 a b
	shift
	a=$("$KUBEC" "$@" 2>&1; echo "exit $?")
	b=$($K "$@" 2>&1 | sed 's/kubectl/kubec/g'; echo "exit ${PIPESTATUS[0]}")
	eq "$what" "$a" "$b"
}

ok "registry starts" registry_start
ok "busybox image pushed" registry_push_busybox 1.0
registry_load
IMAGE=$REGISTRY_ADDR/busybox:1.0
server_start
agent_start
ok "the node is Ready" until_ok 30 sh -c "$K get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"

$K create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"List","items":[
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"two","labels":{"app":"two"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"a","image":"$IMAGE","command":["sleep","3600"]},
  {"name":"b","image":"$IMAGE","command":["sleep","3600"],"env":[{"name":"WHO","value":"bee"}]}]}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"done"},
 "spec":{"nodeName":"node1","restartPolicy":"Never","containers":[
  {"name":"a","image":"$IMAGE","command":["true"]}]}},
{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"nodeName":"node1",
   "terminationGracePeriodSeconds":1,"containers":[{"name":"w","image":"$IMAGE","command":["sleep","3600"]}]}}}}]}
EOF
ok "the pods run" until_ok 60 sh -c "[ \"\$($K get pods --field-selector status.phase=Running -o name | wc -l)\" = 2 ]"
ok "the completed pod completes" until_ok 60 phase_is done Succeeded

same "exec: the command's output (defaulted container said)" exec two -- echo hello world
same "exec -c: that container" exec two -c b -- sh -c 'echo $WHO'
same "exec -q: no notice" exec -q two -- echo quiet
eq "exec: standard output apart" "$("$KUBEC" exec two -c a -- sh -c 'echo out; echo err >&2' 2>/dev/null)" out
eq "... and standard error" "$("$KUBEC" exec two -c a -- sh -c 'echo out; echo err >&2' 2>&1 >/dev/null)" err
same "exec: the command's exit code" exec two -c a -- sh -c 'exit 3'
same "exec: a command that is not there" exec two -c a -- no-such-command
same "exec: a container that is not there" exec two -c zz -- true
same "exec: a pod that is not there" exec nope -- true
same "exec: no command" exec two
same "exec: nothing" exec
same "exec: a completed pod" exec done -- true
same "exec TYPE/NAME: the workload's pod" exec deploy/web -- sh -c 'echo in $HOSTNAME'
eq "exec -i: standard input from a pipe" "$(seq 1 5000 | "$KUBEC" exec -i two -c a -- wc -l)" 5000
eq "... as kubectl" "$(seq 1 5000 | "$KUBEC" exec -i two -c a -- md5sum)" "$(seq 1 5000 | $K exec -i two -c a -- md5sum)"
eq "exec -t without -i: no terminal" "$("$KUBEC" exec -t two -c a -- sh -c 'test -t 0 && echo tty || echo notty')" notty
same "exec -it with a pipe: no terminal, kubectl's words" exec -it two -c a -- sh -c 'test -t 0 && echo tty || echo notty'
out=$( (sleep 2; printf 'stty size; tty; exit 5\n') | script -qec "stty cols 101 rows 33; $KUBEC exec -it two -c b -- sh" /dev/null 2>&1)
match "exec -it: a terminal of the client's size" "$out" '33 101'
match "exec -it: /dev/pts" "$out" '/dev/pts/[0-9]+'
match "exec -it: the shell's exit code" "$out" 'command terminated with exit code 5'
e2e_done
