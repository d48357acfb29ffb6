#!/usr/bin/env bash
# Runs every check and test of tlsfloor on a Debian machine with Go,
# installing first what the tests need: the real TLS peers they talk to
# (openssl, curl, python3, java, node).
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package
declare -A packages=(
	[openssl]=openssl
	[curl]=curl
	[python3]=python3
	[java]=default-jre-headless
	[node]=nodejs
)
missing=()
for cmd in "${!packages[@]}"; do
	command -v "$cmd" >/dev/null 2>&1 || missing+=("${packages[$cmd]}")
done
if ((${#missing[@]})); then
	echo "installing: ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
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
