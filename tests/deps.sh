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
)
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${pkgs[@]}"
