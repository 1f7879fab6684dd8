#!/usr/bin/env bash
# Installs Debian's clickhouse-server (18.16 on bookworm) when it is missing and
# starts it without systemd, as the clickhouse user, with a pidfile. Does
# nothing when a server already answers on 127.0.0.1:8123.
set -euo pipefail

answers() { curl -fsS --max-time 2 'http://127.0.0.1:8123/?query=SELECT%201' >/dev/null 2>&1; }

if answers; then
  echo "== clickhouse: already answering on 127.0.0.1:8123"
  exit 0
fi

sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi

if ! command -v clickhouse-server >/dev/null 2>&1; then
  echo "== clickhouse: installing Debian's clickhouse-server"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
fi

pidfile=/var/run/clickhouse-server/clickhouse-server.pid
$sudo mkdir -p /var/run/clickhouse-server /var/log/clickhouse-server /var/lib/clickhouse
$sudo chown -R clickhouse:clickhouse /var/run/clickhouse-server /var/log/clickhouse-server /var/lib/clickhouse

echo "== clickhouse: starting $(clickhouse-server --version 2>/dev/null | head -1 || echo clickhouse-server)"
$sudo start-stop-daemon --start --background --chuid clickhouse:clickhouse \
  --pidfile "$pidfile" --make-pidfile \
  --exec /usr/sbin/clickhouse-server -- --config-file=/etc/clickhouse-server/config.xml

for _ in $(seq 1 60); do
  if answers; then
    echo "== clickhouse: answering on 127.0.0.1:8123"
    exit 0
  fi
  sleep 0.5
done
echo "clickhouse-server did not answer on 127.0.0.1:8123 within 30 s; see /var/log/clickhouse-server/clickhouse-server.err.log" >&2
exit 1
