#!/usr/bin/env bash
# tests/deps.sh - installs what kubec builds and tests with, from Debian.
set -eu
pkgs=(
	build-essential pkg-config clang
	libjansson-dev libyaml-dev libsqlite3-dev libmicrohttpd-dev
	libgnutls28-dev libcurl4-gnutls-dev
	libncurses-dev libseccomp-dev libarchive-dev zlib1g-dev
	etcd-server python3-kubernetes gnutls-bin openssl curl tmux iproute2 man-db
	crun conmon containernetworking-plugins nftables iptables
	busybox-static umoci skopeo docker-registry dnsmasq-base
	nginx
)
export DEBIAN_FRONTEND=noninteractive
had_nginx=$(dpkg-query -W -f='${Status}' nginx 2>/dev/null | grep -c 'ok installed' || true)
apt-get update
apt-get install -y --no-install-recommends "${pkgs[@]}"
# nginx is the agents' ingress controller, run with a configuration of
# their own; the system's that the package starts (on port 80) is stopped
# when this installed it, by its pid file
if [ "$had_nginx" = 0 ]; then
	if [ -d /run/systemd/system ]; then
		systemctl disable --now nginx.service || true
	elif [ -s /run/nginx.pid ]; then
		kill -QUIT "$(cat /run/nginx.pid)" 2>/dev/null || true
	fi
fi
