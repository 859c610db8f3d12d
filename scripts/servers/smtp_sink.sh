#!/usr/bin/env bash
# Starts a throwaway SMTP sink (aiosmtpd, smtp_sink.py beside this script) on loopback for tests
# (RECIPES.md §2).
#
#   smtp_sink.sh check
#       exit 0 when /usr/bin/python3 can import aiosmtpd; else says what is missing, exit 77
#   smtp_sink.sh start [--auth USER PASS] [--tls CERT KEY] DIR PORT
#       starts the sink as a child, waits until it listens, prints "smtp_sink: ready" and then
#       supervises it in the foreground until SIGTERM/SIGINT or `smtp_sink.sh stop DIR`; prints
#       "smtp_sink: stopped" and exits 0. Exits 1 if the sink dies early.
#       Messages land in DIR/mail/NNNN.eml (bytes as received) with NNNN.json (envelope).
#       Recipients tempfail@... get 451, reject@... 550 (both at RCPT TO), datareject@... 554
#       after DATA.
#   smtp_sink.sh stop DIR
#       stops a supervisor started with DIR and waits (bounded) until the sink is gone
set -uo pipefail

PYTHON=/usr/bin/python3  # Debian's: a pyenv python3 earlier in PATH lacks dist-packages
HERE=$(cd "$(dirname "$0")" && pwd)
READY_DEADLINE=${SMTP_SINK_READY_DEADLINE:-15}
STOP_DEADLINE=${SMTP_SINK_STOP_DEADLINE:-15}

die() { echo "smtp_sink: $*" >&2; exit 1; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 50 ms until it succeeds.
wait_until() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    if ((SECONDS >= deadline)) || [ "${STOPPING:-0}" -eq 1 ]; then
      echo "smtp_sink: timed out waiting for $what" >&2
      return 1
    fi
    sleep 0.05
  done
}

cmd_check() {
  local missing=()
  [ -x "$PYTHON" ] || missing+=("$PYTHON")
  [ -x "$PYTHON" ] && ! "$PYTHON" -c 'import aiosmtpd' 2>/dev/null && missing+=(aiosmtpd)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "smtp_sink: not installed: ${missing[*]} (apt-get install python3 python3-aiosmtpd)"
    exit 77
  fi
}

cmd_start() {
  local extra=()
  while [ $# -gt 0 ]; do
    case $1 in
      --auth) extra+=(--auth "$2" "$3"); shift 3 ;;
      --tls) extra+=(--tls "$2" "$3"); shift 3 ;;
      --*) die "unknown option $1" ;;
      *) break ;;
    esac
  done
  [ $# -eq 2 ] || die "usage: smtp_sink.sh start [--auth U P] [--tls CERT KEY] DIR PORT"
  local dir=$1 port=$2
  cmd_check >&2 || exit $?
  mkdir -p "$dir" || die "cannot create $dir"
  dir=$(cd "$dir" && pwd)
  rm -f "$dir/stopped"
  echo $$ >"$dir/supervisor.pid"

  STOPPING=0
  trap 'STOPPING=1' TERM INT
  "$PYTHON" -W ignore -u "$HERE/smtp_sink.py" "$dir" "$port" "${extra[@]}" \
    >"$dir/sink.out" 2>"$dir/sink.err" &
  SINK_PID=$!
  if ! wait_until "$READY_DEADLINE" "the sink (port $port)" grep -qx ready "$dir/sink.out"; then
    kill -TERM "$SINK_PID" 2>/dev/null
    wait "$SINK_PID" 2>/dev/null
    cat "$dir/sink.err" >&2
    exit 1
  fi
  echo "smtp_sink: ready smtp://127.0.0.1:$port dir=$dir"

  local status=0
  while [ "$STOPPING" -eq 0 ]; do
    wait -n "$SINK_PID"  # returns when the sink exits or a trapped signal arrives
    if [ "$STOPPING" -eq 0 ]; then
      echo "smtp_sink: the sink exited unexpectedly; see $dir/sink.err" >&2
      status=1
      break
    fi
  done
  kill -TERM "$SINK_PID" 2>/dev/null
  wait "$SINK_PID" 2>/dev/null
  touch "$dir/stopped"
  echo "smtp_sink: stopped"
  exit "$status"
}

cmd_stop() {
  [ $# -eq 1 ] || die "usage: smtp_sink.sh stop DIR"
  local dir=$1
  [ -f "$dir/supervisor.pid" ] || die "no supervisor.pid in $dir"
  kill -TERM "$(cat "$dir/supervisor.pid")" 2>/dev/null || return 0
  wait_until "$STOP_DEADLINE" "the supervisor to stop" test -e "$dir/stopped"
}

case ${1:-} in
  check) shift; cmd_check "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) die "usage: smtp_sink.sh check | start [options] DIR PORT | stop DIR" ;;
esac
