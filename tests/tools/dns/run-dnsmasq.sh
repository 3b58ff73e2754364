#!/bin/sh
# Manual use: run-dnsmasq.sh PORT  — starts the test dnsmasq on 127.0.0.1:PORT in the foreground.
# Query it: dig @127.0.0.1 -p PORT +tries=1 +time=2 goproxy.test A   (nx.test → NXDOMAIN, example.com → REFUSED)
set -eu
port=${1:?port}
conf=$(mktemp)
sed "s/@PORT@/$port/" "$(dirname "$0")/dnsmasq.conf.template" > "$conf"
exec dnsmasq --conf-file="$conf" --pid-file=
