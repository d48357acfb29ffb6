#!/usr/bin/env bash
# Runs every check and test of tlsfloor on a Debian machine with Go,
# installing first what the tests need: the real TLS peers they talk to
# (openssl, curl, python3, java, node), jq (which trail's results are
# checked against) and the servers of the probe's test
# lab (nginx, haproxy, PostgreSQL, MariaDB), which the tests start
# themselves on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

# command, or path (a glob for versioned directories) -> Debian package
declare -A packages=(
	[openssl]=openssl
	[curl]=curl
	[python3]=python3
	[java]=default-jre-headless
	[node]=nodejs
	[jq]=jq
	[/usr/sbin/nginx]=nginx-light
	[/usr/sbin/haproxy]=haproxy
	['/usr/lib/postgresql/*/bin/initdb']=postgresql
	[/usr/sbin/mariadbd]=mariadb-server
)
# have reports whether a command is in PATH or a path exists.
have() {
	case $1 in
	*/*) compgen -G "$1" >/dev/null ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}
missing=()
for cmd in "${!packages[@]}"; do
	have "$cmd" || missing+=("${packages[$cmd]}")
done
if ((${#missing[@]})); then
	echo "installing: ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	# The servers' packages must not start system-wide services: the tests
	# start their own.
	policy=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		policy=/usr/sbin/policy-rc.d
		trap '$sudo rm -f "$policy"' EXIT
		printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
		$sudo chmod +x "$policy"
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
	if [ -n "$policy" ]; then
		$sudo rm -f "$policy"
		trap - EXIT
	fi
fi

go mod download
unformatted=$(gofmt -l . | grep -v '/testdata/' || true)
if [ -n "$unformatted" ]; then
	echo "gofmt needed:"; echo "$unformatted"; exit 1
fi
go vet ./...
GOOS=windows go vet ./...
GOOS=darwin go vet ./...
go test -race -count=1 ./...
