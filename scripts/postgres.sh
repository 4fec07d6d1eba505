#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (issue 20): no mock, no SQLite standing in.
#
#   scripts/postgres.sh start DIR [CERT KEY]   initdb into DIR, start it on a free port of 127.0.0.1, print its URL
#   scripts/postgres.sh stop DIR                stop it and remove DIR
#
# With CERT and KEY (PEM files: the server's certificate chain and its private key) the server also
# accepts TLS (ssl=on, TLS 1.2 at least) with that certificate; without them it offers no TLS at all.
#
# The URL (postgres://attest:PASSWORD@127.0.0.1:PORT/attest) is also written to DIR/url. The server
# listens on 127.0.0.1 only (no Unix socket outside DIR), and every connection must give the random
# password (scram-sha-256); nothing of it outlives `stop`. PostgreSQL refuses to run as root, so as
# root the cluster runs as the system user attest-pg, created here when missing.
set -euo pipefail
umask 077

command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start DIR [CERT KEY] | stop DIR" >&2
  exit 2
fi
certificate="${3:-}"
private_key="${4:-}"
if [ -n "$certificate" ] && [ -z "$private_key" ]; then
  echo "postgres.sh: a certificate needs its private key: start DIR CERT KEY" >&2
  exit 2
fi

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "postgres.sh: no PostgreSQL server found under /usr/lib/postgresql (scripts/setup.sh installs Debian's postgresql)" >&2
  exit 1
fi

# Runs a PostgreSQL program as the cluster's owner: attest-pg when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u attest-pg -- "$@"
  else
    "$@"
  fi
}

case "$command" in
start)
  if [ "$(id -u)" -eq 0 ] && ! id attest-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin attest-pg
  fi
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown attest-pg "$dir"
  chmod 0700 "$dir"
  password="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" >"$dir/password"
  [ "$(id -u)" -eq 0 ] && chown attest-pg "$dir/password"
  as_owner "$bindir/initdb" --pgdata="$dir/data" --username=attest --pwfile="$dir/password" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/password"
  tls_options=""
  if [ -n "$certificate" ]; then
    # PostgreSQL refuses a key that others may read, and reads both as the cluster's owner.
    install -m 0600 "$certificate" "$dir/data/server.crt"
    install -m 0600 "$private_key" "$dir/data/server.key"
    if [ "$(id -u)" -eq 0 ]; then chown attest-pg "$dir/data/server.crt" "$dir/data/server.key"; fi
    tls_options="-c ssl=on -c ssl_min_protocol_version=TLSv1.2"
  fi
  # A free port: the kernel picks one, which is released just before the server binds it.
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  # The server outlives this script, so it must not inherit our caller's descriptors beyond 0-2:
  # Foundation's Process learns that a child exited when the socket it hands the child closes, and
  # a server holding it would make a Swift test wait for `start` forever.
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done 2>/dev/null
    as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c max_connections=200 -c fsync=off $tls_options" start >/dev/null </dev/null
  ) || { cat "$dir/server.log" >&2; exit 1; }
  PGPASSWORD="$password" "$bindir/psql" -h 127.0.0.1 -p "$port" -U attest -d postgres -qAt -c "CREATE DATABASE attest" >/dev/null
  url="postgres://attest:$password@127.0.0.1:$port/attest"
  printf '%s\n' "$url" >"$dir/url"
  printf '%s\n' "$url"
  ;;
stop)
  if [ -d "$dir/data" ]; then
    as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start DIR [CERT KEY] | stop DIR" >&2
  exit 2
  ;;
esac
