#!/bin/sh
# Seed for FuzzTokenize.
export NODE_OPTIONS="--tls-min-v1.0 $(echo "nested # not comment")"
curl --tlsv1.0 --tls-max 1.1 https://example.com/#frag
cat <<-'EOF2' > /tmp/x
	curl --tlsv1 inside heredoc
	EOF2
echo ${VAR:-"default}"} $'it\'s' x#y `date`
