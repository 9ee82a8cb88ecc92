#!/usr/bin/env bash
# tui-pods.sh - kubec ui's logs view and shell in tmux (120x30) against a
# real kubec-agent running busybox pods with crun: s opens a shell in a
# pod on a terminal that follows the window's size, and the console comes
# back when it exits; l on a pod follows its
# default container live, autoscroll stops on scrolling and comes back
# with G, wrap and timestamps switch, / finds text and n finds it again,
# c goes to the pod's other container, p shows the previous run's logs;
# enter on a pod shows its containers (k9s's columns, live), and l, enter,
# s, p, d, y act on the one selected there,
# a restarted container's new lines come on in the same view, and the
# lines kept stay bounded (the oldest of a chatty pod are dropped);
# shift-f forwards a local port to a pod's container port in the
# background, :pf lists the forwards with their connections, ctrl-d
# there stops one (asked first).
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/../e2e/lib-agent.sh"
TUI_WAIT=10
. "$(dirname "$0")/lib-tui.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
K=$KUBECTL
tui_cleanup() {
	tui_kill
	agent_cleanup
}
trap tui_cleanup EXIT

agent_cluster

# talker: 50 lines, then a line a second from its main container, its
# side container
# says one thing; chatty: 9,000 numbered lines at once, then sleeps;
# crasher: one line per run, then exits 1 (restarted by the agent);
# web: a page on 8080 (httpd), the port declared
$K create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"List","items":[
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"talker"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"main","image":"$IMAGE","command":["sh","-c","seq 1 50 | sed 's/^/pre-/'; i=0; while true; do i=\$((i+1)); echo \"tick \$i \$(printf '%0150d' 0)end\"; sleep 1; done"]},
  {"name":"side","image":"$IMAGE","command":["sh","-c","echo side-car-here; exec sleep 3600"]}]}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"chatty"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"main","image":"$IMAGE","command":["sh","-c","seq 1 9000 | sed 's/^/line-/'; exec sleep 3600"]}]}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"crasher"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"main","image":"$IMAGE","command":["sh","-c","echo run-at-\$(date +%s%N); sleep 2; exit 1"]}]}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"srv","image":"$IMAGE","ports":[{"containerPort":8080}],
   "command":["sh","-c","mkdir -p /www; echo hello-from-web-pod >/www/index.html; exec httpd -f -p 8080 -h /www"]}]}}]}
EOF
ok "the pods run" until_ok 60 sh -c "[ \"\$($K get pods --field-selector status.phase=Running -o name | wc -l)\" = 4 ]"

# started outside tmux's environment: the netns's kubeconfig and server
SOCK=$E2E_TMP/tmux-logs
tmux -S "$SOCK" -f /dev/null new -d -x 120 -y 30 \
    "env KUBECONFIG=$KUBECONFIG TERM=xterm-256color LANG=C.UTF-8 $KUBEC ui; echo \"exit=\$?\" >$E2E_TMP/ui-exit; sleep 30"
tmux -S "$SOCK" set -g escape-time 0 >/dev/null
ok "the pods" shows '^ talker +2/2 +Running'

keys '/' 'talker' Enter
keys l
ok "l: the logs view, titled with pod and container" shows 'Logs default/talker:main'
ok "... the header names its keys" shows '<s> autoscroll +<w> wrap +<t> timestamps'
ok "... says which container of how many" shows 'container main of 2'
ok "... the lines so far" shows '^ tick [0-9]+ 0+'
n1=$(screen | grep -Eo 'tick [0-9]+' | tail -1 | cut -d' ' -f2)
sleep 2.5
n2=$(screen | grep -Eo 'tick [0-9]+' | tail -1 | cut -d' ' -f2)
ok "... followed: new lines come at the bottom ($n1 -> $n2)" test "${n2:-0}" -gt "${n1:-0}"
ok "... [autoscroll] [nowrap]" shows '\[autoscroll\] +\[nowrap\]'
ok "long lines cut at the width" sh -c "! screen | grep -q 'end\$'"
keys w
ok "w: wrapped, the line's end on the next row" shows '^ 0+end$'
ok "... [wrap]" shows '\[wrap\]'
keys w
keys t
ok "t: the timestamps shown" shows '^ 20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z tick '
keys t
ok "... and hidden again" hides '^ 20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z tick '
keys k
ok "k: scrolling stops the autoscroll" shows '\[paused\]'
p1=$(screen | grep -Eo 'tick [0-9]+' | tail -1)
sleep 2.2
ok "... the lines shown stay" test "$(screen | grep -Eo 'tick [0-9]+' | tail -1)" = "$p1"
keys G
ok "G: following again" shows '\[autoscroll\]'
keys '/' 'tick 2 ' Enter
ok "/: the line found comes to the top" row_shows 5 '^ tick 2 '
ok "... paused" shows '\[paused\]'
keys n
ok "n: no other line has it, the same one" row_shows 5 '^ tick 2 '
keys '/' 'pre-4' Enter
ok "/ again: the first line with the text after the one shown" row_shows 5 '^ pre-4$'
keys n
ok "n: the next one" row_shows 5 '^ pre-40$'
keys N
ok "shift-n: the previous one" row_shows 5 '^ pre-4$'
keys '/' 'no-such-text' Enter
ok "... a text no line has: said so" shows 'not found: no-such-text'
keys c
ok "c: the pod's other container" shows 'Logs default/talker:side'
ok "... its lines" shows '^ side-car-here'
keys c
ok "c again: back to the first" shows 'Logs default/talker:main'
keys Escape
ok "esc: back to the pods" shows 'pods\(default\)'

# enter on a pod: its containers, as k9s shows them, live
keys Enter
ok "enter on a pod: its containers" shows 'containers\(default/talker\)\[2\]'
ok "... k9s's columns" shows '^ NAME +IMAGE +READY +STATE +INIT +RESTARTS +PROBES\(L:R\) +CPU/R:L +MEM/R:L +PORTS +AGE'
ok "... main: its image, ready, running, its age" row_shows 6 "^ main +$IMAGE +true +Running +false +0 +off:off +0:0 +0:0 +[0-9]+[sm]"
ok "... side next, in the spec's order" row_shows 7 "^ side +$IMAGE +true +Running +false +0 "
ok "... the crumbs" shows '<pods> <containers>'
keys '?'
ok "?: the containers view's keys" shows 'enter +the container.s logs, followed'
ok "... p for the previous run's" shows 'p +the container.s previous run.s logs'
keys Escape
keys j Enter
ok "enter on a container: its logs" shows 'Logs default/talker:side'
ok "... its lines" shows '^ side-car-here'
keys Escape
ok "esc: the containers again" shows 'containers\(default/talker\)'
keys d
ok "d: the pod described" shows 'Describe pods/talker'
ok "... its text" shows '^ Name: +talker'
keys Escape
keys y
ok "y: the pod's YAML" shows '^ kind: Pod'
keys Escape
keys s
ok "s: a shell in the selected container" shows 'a shell in default/talker:side'
keys 'exit' Enter
ok "... the containers view again when it ends" shows 'containers\(default/talker\)'
keys Escape
ok "esc: back to the pods" shows 'pods\(default\)'

# s: a shell in the pod, the terminal handed over and taken back
keys s
ok "s: a shell in the pod's default container" shows 'a shell in default/talker:main'
keys 'echo in-shell-$((6*7))' Enter
ok "... that runs what is typed" shows '^in-shell-42$'
keys 'stty size' Enter
ok "... on a terminal of the window's size" shows '^30 120$'
tmux -S "$SOCK" resize-window -x 100 -y 26
keys 'stty size' Enter
ok "... which follows the window" shows '^26 100$'
keys 'exit 4' Enter
ok "exit: the console again, told how the shell ended" shows 'the shell in talker ended with status 4'
ok "... redrawn at the new size" shows '^ NAME +READY +STATUS'
tmux -S "$SOCK" resize-window -x 120 -y 30

keys '/' Escape
keys Escape
keys '/' 'crasher' Enter
ok "crasher runs again and again" until_ok 60 sh -c "[ \"\$($K get pod crasher -o jsonpath='{.status.containerStatuses[0].restartCount}')\" -ge 1 ]"
keys l
ok "a crashing container's logs" shows 'Logs default/crasher:main'
ok "... its run" shows '^ run-at-[0-9]+'
r1=$(screen | grep -c '^ run-at-')
ok "... the restarted container's lines come on in the same view" until_ok 40 sh -c "[ \$(tmux -S '$SOCK' capture-pane -p | grep -c '^ run-at-') -gt $r1 ]"
ok "... and none twice" sh -c "[ \"\$(screen | grep '^ run-at-' | sort | uniq -d)\" = '' ]"
keys p
ok "p: the previous run's logs" shows 'Logs default/crasher:main \(previous\)'
ok "... one run's line, and the end said" shows "the end of the previous run's logs"
ok "... that run's line" test "$(screen | grep -c '^ run-at-')" = 1
keys Escape
keys Enter
n=$($K get pod crasher -o jsonpath='{.status.containerStatuses[0].restartCount}')
ok "the crasher's container: its restarts ($n) as the status has them" shows "^ main +$IMAGE +(true|false) +[A-Za-z]+ +false +($n|$((n + 1))) "
keys p
ok "p on a container: its previous run's logs" shows 'Logs default/crasher:main \(previous\)'
keys Escape
keys Escape
# the pod deleted while its containers are shown
$K create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"brief"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"only","image":"$IMAGE","command":["sleep","3600"],
   "ports":[{"name":"web","containerPort":80}],
   "resources":{"requests":{"cpu":"10m","memory":"8Mi"},"limits":{"memory":"64Mi"}},
   "readinessProbe":{"exec":{"command":["true"]}}}]}}
EOF
keys '/' Escape
keys Escape
keys '/' 'brief' Enter
keys Enter
ok "a pod's containers before it runs" shows 'containers\(default/brief\)\[1\]'
ok "... its ports, requests and limits, probes" shows "^ only +$IMAGE +(true|false) +[A-Za-z]+ +false +0 +off:on +10m:0 +8Mi:64Mi +web:80/TCP"
ok "... running and ready: the view follows the pod" shows 60 "^ only +$IMAGE +true +Running "
$K delete pod brief --wait=false >/dev/null
ok "the pod deleted: said in the view" shows 30 'the pod default/brief is gone'
keys Escape

keys '/' Escape
keys Escape
keys '/' 'chatty' Enter
keys l
ok "a chatty pod: the last lines" shows '^ line-9000$'
keys g
ok "g: the first line kept, from the tail asked at the start (200)" row_shows 5 '^ line-8801$'
keys G
# memory stays bounded: the view keeps the last 5,000 lines of a stream
$K exec chatty -- sh -c 'seq 1 20000 | sed "s/^/more-/" >/proc/1/fd/1'
ok "20,000 more lines come into the view" shows 20 '^ more-20000$'
keys g
ok "... the oldest dropped: the first kept is 5,000 from the end" row_shows 5 '^ more-15001$'
keys q

# shift-f: a port-forward in the background while browsing on
keys '/' Escape
keys Escape
keys '/' 'web' Enter
ok "the web pod" shows '^ web +1/1 +Running'
keys F
ok "shift-f: the ports asked, the pod's container port offered" shows 'Port-forward default/web, LOCAL:CONTAINER port: 8080:8080'
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
keys '18090:8080' Enter
ok "... listening, said on the status line" shows 'Forwarding from 127.0.0.1:18090 -> 8080'
ok "... the page through 127.0.0.1:18090" until_ok 10 sh -c "[ \"\$(curl -s -m 5 http://127.0.0.1:18090/index.html)\" = hello-from-web-pod ]"
keys ':pf' Enter
ok ":pf: the port-forwards" shows 'portforwards\[1\]'
ok "... NAME CONTAINER PORTS CONNECTIONS AGE STATE" shows '^ NAME +CONTAINER +PORTS +CONNECTIONS +AGE +STATE'
ok "... the forward, one connection handled" shows '^ default/web +srv +18090:8080 +1 +[0-9]+s +forwarding'
ok "... its keys in the header" shows '<ctrl-d> stop the port-forward'
curl -s -m 5 http://127.0.0.1:18090/index.html >/dev/null
ok "... another connection counted" shows '^ default/web +srv +18090:8080 +2 '
keys Escape
keys F
ok "shift-f again on the same local port" shows 'LOCAL:CONTAINER port: 8080:8080'
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
keys '18090:8080' Enter
ok "... refused: forwarded already" shows 'port 18090 is forwarded to default/web already'
keys ':portforwards' Enter
ok ":portforwards: the same view" shows 'portforwards\[1\]'
keys '?'
ok "?: its keys" shows 'ctrl-d +stop the port-forward \(asks first\)'
keys Escape
keys C-d
ok "ctrl-d: asks first" shows 'Stop the port-forward default/web 18090:8080\? \(y/n\)'
keys n
ok "... n: kept" shows '^ default/web +srv +18090:8080 '
keys C-d
keys y
ok "... y: stopped" shows 'port-forward stopped'
ok "... the list empty" shows 'portforwards\[0\]'
ok "... the port closed" until_ok 10 sh -c "! curl -s -m 2 http://127.0.0.1:18090/index.html"
keys Escape
keys F
keys Enter
ok "a forward left running (8080:8080)" shows 'Forwarding from 127.0.0.1:8080 -> 8080'
ok "... serves" until_ok 10 sh -c "[ \"\$(curl -s -m 5 http://127.0.0.1:8080/index.html)\" = hello-from-web-pod ]"
keys q
ok "kubec ui quits" until_ok 10 grep -q 'exit=0' "$E2E_TMP/ui-exit"
ok "... its port-forwards stopped with it" sh -c "! curl -s -m 2 http://127.0.0.1:8080/index.html"
e2e_done
