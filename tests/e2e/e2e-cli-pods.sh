#!/usr/bin/env bash
# e2e-cli-pods.sh - kubec's verbs on a pod's containers against a real
# kubec-agent running busybox pods with crun, beside the real kubectl:
# exec (output, errors, exit codes, -i from a pipe, MBs in and out at
# once, -it on a terminal of the client's size, -c and the defaulted
# container, TYPE/NAME, a completed pod), cp (files, directories, into a
# directory, from the pod, large files, symlinks, the errors), with the
# same output, errors and exit status, and the same files copied; cp
# --retries taking a copy up again after the node's agent was killed.
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/lib-agent.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
K=$KUBECTL
# same DESCRIPTION ARGS...: kubec and kubectl print and exit alike
. "$(dirname "$0")/lib-cli.sh"

agent_cluster

$K create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"List","items":[
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"two","labels":{"app":"two"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"a","image":"$IMAGE","command":["sleep","3600"]},
  {"name":"b","image":"$IMAGE","command":["sleep","3600"],"env":[{"name":"WHO","value":"bee"}]}]}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"annot",
  "annotations":{"kubectl.kubernetes.io/default-container":"nope"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
  "initContainers":[{"name":"i","image":"$IMAGE","command":["echo","init-done"]}],
  "containers":[{"name":"m","image":"$IMAGE","command":["sh","-c","echo from-m; exec sleep 3600"]}]}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"done"},
 "spec":{"nodeName":"node1","restartPolicy":"Never","containers":[
  {"name":"a","image":"$IMAGE","command":["true"]}]}},
{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"nodeName":"node1",
   "terminationGracePeriodSeconds":1,"containers":[{"name":"w","image":"$IMAGE","command":["sleep","3600"]}]}}}}]}
EOF
ok "the pods run" until_ok 60 sh -c "[ \"\$($K get pods --field-selector status.phase=Running -o name | wc -l)\" = 3 ]"
ok "the completed pod completes" until_ok 60 phase_is done Succeeded

same "exec: the command's output (defaulted container said)" exec two -- echo hello world
same "exec -c: that container" exec two -c b -- sh -c 'echo $WHO'
same "exec -q: no notice" exec -q two -- echo quiet
same "exec: an init container: the notice names it" exec annot -- echo hi
same "logs: a default-container annotation naming none: said, the first" logs annot
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
# full duplex: the command's output comes back while its input is sent
# (kubec-server and kubec-agent wait on no write in either direction)
head -c 8000000 /dev/urandom >"$E2E_TMP/duplex.bin"
DUPSUM=$(md5sum <"$E2E_TMP/duplex.bin" | cut -d' ' -f1)
eq "exec -i: 8 MB echoed back by cat while sent (kubectl)" \
    "$(timeout 120 $K exec -i two -c a -- cat <"$E2E_TMP/duplex.bin" | md5sum | cut -d' ' -f1)" "$DUPSUM"
eq "... through kubec" \
    "$(timeout 120 "$KUBEC" exec -i two -c a -- cat <"$E2E_TMP/duplex.bin" | md5sum | cut -d' ' -f1)" "$DUPSUM"
eq "exec -t without -i: no terminal" "$("$KUBEC" exec -t two -c a -- sh -c 'test -t 0 && echo tty || echo notty')" notty
same "exec -it with a pipe: no terminal, kubectl's words" exec -it two -c a -- sh -c 'test -t 0 && echo tty || echo notty'
out=$( (sleep 2; printf 'stty size; tty; exit 5\n') | script -qec "stty cols 101 rows 33; $KUBEC exec -it two -c b -- sh" /dev/null 2>&1)
match "exec -it: a terminal of the client's size" "$out" '33 101'
match "exec -it: /dev/pts" "$out" '/dev/pts/[0-9]+'
match "exec -it: the shell's exit code" "$out" 'command terminated with exit code 5'
# cp: each tool copies to its own place; what lands must be the same
L=$E2E_TMP/cp
mkdir -p "$L/src/sub/deeper" "$L/src/empty"
echo one >"$L/src/one.txt"; printf 'two\nlines\n' >"$L/src/sub/two.txt"
echo deep >"$L/src/sub/deeper/three"; chmod 640 "$L/src/sub/two.txt"
head -c 5000000 /dev/urandom >"$L/big.bin"
same "cp FILE POD:PATH (a new name)" cp "$L/src/one.txt" two:/tmp/one-copy -c a
eq "... the file is there" "$($K exec two -c a -- cat /tmp/one-copy)" one
# same_cp DESCRIPTION SRC DEST ARGS...: each tool to its own DEST (".kubec"
# and ".kubectl" after it), the messages alike with DEST named so
# tar's "removing leading '/'" note is left out: kubectl prints what tar
# says in the container only when it comes before the end of the tar
# stream (a race it loses often); kubec always prints it.
same_cp() {
	local what=$1 src=$2 dst=$3 a b lead="/^tar: removing leading '\/' from member names\$/d"
	shift 3
	a=$("$KUBEC" cp "$src" "$dst.kubec" "$@" 2>&1 | sed "s#$dst.kubec#DEST#g; $lead"; echo "exit ${PIPESTATUS[0]}")
	b=$($K cp "$src" "$dst.kubectl" "$@" 2>&1 | sed "s#$dst.kubectl#DEST#g; s/kubectl/kubec/g; $lead"; echo "exit ${PIPESTATUS[0]}")
	eq "$what" "$a" "$b"
}
same_cp "cp DIR POD:PATH: the tree" "$L/src" two:/tmp/tree -c a
eq "... every file, the empty directory too" "$($K exec two -c a -- sh -c 'cd /tmp/tree.kubec && find . | sort')" "$(cd "$L/src" && find . | sort)"
eq "... as kubectl's copy" "$($K exec two -c a -- sh -c 'cd /tmp/tree.kubec && find . | sort')" "$($K exec two -c a -- sh -c 'cd /tmp/tree.kubectl && find . | sort')"
eq "... the mode kept" "$($K exec two -c a -- stat -c %a /tmp/tree.kubec/sub/two.txt)" 640
same "cp FILE POD:DIR: into the directory" cp "$L/src/one.txt" two:/tmp -c a
eq "... under its own name" "$($K exec two -c a -- cat /tmp/one.txt)" one
same "cp: the defaulted container said, as kubectl" cp "$L/src/one.txt" two:/tmp/dflt
"$KUBEC" cp "$L/big.bin" two:/tmp/big.bin -c a
eq "cp: 5 MB to the pod, intact" "$($K exec two -c a -- md5sum /tmp/big.bin | cut -d' ' -f1)" "$(md5sum <"$L/big.bin" | cut -d' ' -f1)"
same_cp "cp POD:FILE LOCAL: what is printed, as kubectl" two:/tmp/big.bin "$L/big" -c a
eq "... 5 MB back, intact" "$(md5sum <"$L/big.kubec" | cut -d' ' -f1)" "$(md5sum <"$L/big.bin" | cut -d' ' -f1)"
$K exec two -c a -- sh -c 'ln -s /etc/hostname /tmp/tree.kubec/link'
same_cp "cp POD:DIR LOCAL: the messages (a symlink skipped), as kubectl" two:/tmp/tree.kubec "$L/tree" -c a
eq "... the same tree as kubectl's copy" "$(diff -r "$L/tree.kubec" "$L/tree.kubectl" && echo same)" same
eq "... the files of the source" "$(cd "$L/tree.kubec" && find . -type f | sort)" "$(cd "$L/src" && find . -type f | sort)"
# kubectl stops at the end of the (empty) tar stream, before the rest of
# tar's error comes and its exit status: it prints part of the message
# and exits 0.  kubec waits for both.
eq "cp: a file the pod does not have: tar's error, its exit status" "$("$KUBEC" cp two:/tmp/none "$L/none" -c a 2>&1; echo "exit $?")" "tar: /tmp/none: No such file or directory
tar: error exit delayed from previous errors
command terminated with exit code 1
exit 1"
same_cp "cp: a relative path in the pod" two:tmp/one.txt "$L/rel" -c a
same "cp: a local file that is not there" cp "$L/none" two:/tmp/x -c a
same "cp: two pods" cp two:/a two:/b
same "cp: no pod" cp "$L/src/one.txt" "$L/x"
same "cp: a bad file spec" cp :/x "$L/x"
same "cp: an empty path" cp two: "$L/x"
same "cp: one argument" cp two:/x
same "cp: a pod that is not there" cp "$L/src/one.txt" nope:/tmp/x

# cp --retries: a copy from the pod whose stream breaks off (the node's
# agent killed under it, then started again: its containers go on) is
# taken up again where it stopped, by tar | tail -c+N in the container
$K exec two -c a -- sh -c 'head -c 100000000 /dev/urandom >/tmp/huge'
HUGESUM=$($K exec two -c a -- md5sum /tmp/huge | cut -d' ' -f1)
"$KUBEC" cp two:/tmp/huge "$L/huge" -c a --retries=30 >"$E2E_TMP/retry.out" 2>"$E2E_TMP/retry.err" &
CP_PID=$!
E2E_PIDS+=($CP_PID)
for _ in $(seq 3000); do
	[ "$(stat -c %s "$L/huge" 2>/dev/null || echo 0)" -gt 1000000 ] && break
	sleep 0.01
done
agent_stop KILL
agent_start
ok "cp --retries: the copy ends well, the agent killed under it" wait $CP_PID
match "... taken up again where it broke off, said" "$(cat "$E2E_TMP/retry.err")" 'Resuming copy at [0-9]+ bytes, retry 1/30'
eq "... the file intact" "$(md5sum <"$L/huge" | cut -d' ' -f1)" "$HUGESUM"
rm -f "$L/huge"
e2e_done
