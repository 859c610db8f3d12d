#!/usr/bin/env bash
# Starts a throwaway Kannel (bearerbox + smsbox + fakesmsc) on loopback for tests (RECIPES.md §3).
#
#   kannel.sh check
#       exit 0 when bearerbox, smsbox and fakesmsc are installed; else says what is missing, exit 77
#   kannel.sh start [--get-url URL] [--user U] [--password P] [--max-messages N]
#                   DIR ADMIN_PORT SMSBOX_PORT SENDSMS_PORT MT_SMSC_PORT MO_SMSC_PORT
#       writes DIR/kannel.conf, starts the three processes as children, waits until they are ready,
#       prints "kannel: ready" and then supervises them in the foreground until SIGTERM/SIGINT or
#       `kannel.sh stop DIR`; prints "kannel: stopped" and exits 0. Exits 1 if a child dies early.
#   kannel.sh stop DIR
#       stops a supervisor started with DIR and waits (bounded) until its children are gone
#   kannel.sh mo DIR "SENDER RECEIVER TYPE DATA"
#       injects one MO: runs a fakesmsc against MO_SMSC_PORT, waits until it has sent, stops it
#
# Two fake SMSCs, because the fake SMSC serves one client at a time: "fake-mt" keeps a fakesmsc
# connected that receives every MT (its stdout, DIR/fakesmsc-mt.out, has one "Got message" line
# per SMS part); "fake-mo" takes the one-shot fakesmsc processes that inject MOs, and never gets
# MTs (allowed-smsc-id). MTs must name smsc=fake-mt: without it Kannel answers 403 "Not routable".
set -uo pipefail

FAKESMSC=${FAKESMSC:-/usr/lib/kannel/test/fakesmsc}
READY_DEADLINE=${KANNEL_READY_DEADLINE:-15}  # seconds, for each readiness wait
STOP_DEADLINE=${KANNEL_STOP_DEADLINE:-40}

die() { echo "kannel: $*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A child that has exited stays a zombie until `wait`; kill -0 would still succeed on it.
alive() {
  local state
  state=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 50 ms until it succeeds;
# gives up at once when COMMAND exits with 3 (what it waits for can no longer happen).
wait_until() {
  local deadline=$((SECONDS + $1)) what=$2 status
  shift 2
  while true; do
    "$@" && return 0
    status=$?
    [ "$status" -eq 3 ] && return 1
    if ((SECONDS >= deadline)) || [ "${STOPPING:-0}" -eq 1 ]; then
      echo "kannel: timed out waiting for $what" >&2
      return 1
    fi
    sleep 0.05
  done
}

cmd_check() {
  local missing=()
  command -v bearerbox >/dev/null || missing+=(bearerbox)
  command -v smsbox >/dev/null || missing+=(smsbox)
  [ -x "$FAKESMSC" ] || missing+=("$FAKESMSC")
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "kannel: not installed: ${missing[*]} (apt-get install kannel kannel-extras curl)"
    exit 77
  fi
}

write_conf() {
  local dir=$1 admin=$2 box=$3 sendsms=$4 mt=$5 mo=$6
  cat >"$dir/kannel.conf" <<EOF
# Written by scripts/servers/kannel.sh for a test run; loopback only.
group = core
admin-port = $admin
admin-interface = 127.0.0.1
admin-password = $ADMIN_PASSWORD
status-password = $ADMIN_PASSWORD
admin-allow-ip = 127.0.0.1
smsbox-port = $box
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "$dir/bearerbox.log"
access-log = "$dir/access.log"
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake-mt
allowed-smsc-id = fake-mt
port = $mt
our-host = 127.0.0.1
connect-allow-ip = 127.0.0.1

group = smsc
smsc = fake
smsc-id = fake-mo
allowed-smsc-id = mo-only
port = $mo
our-host = 127.0.0.1
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $box
sendsms-port = $sendsms
sendsms-interface = 127.0.0.1
log-file = "$dir/smsbox.log"
access-log = "$dir/smsbox-access.log"

# Cầu Nối counts parts itself and refuses texts longer than its max_messages, which must not
# exceed this value (Kannel silently cuts the text after max-messages parts).
group = sendsms-user
username = $SENDSMS_USER
password = $SENDSMS_PASSWORD
max-messages = $MAX_MESSAGES
concatenation = true

# Every MO goes to the gateway; replies leave through sendsms (max-messages = 0 here), so each
# has an idempotency key and delivery reports.
group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = "$GET_URL"
EOF
}

# status_has PATTERN: bearerbox's status page has a line matching PATTERN.
status_has() {
  curl -s --max-time 2 "http://127.0.0.1:$ADMIN/status.txt?password=$ADMIN_PASSWORD" |
    grep -q "$1"
}

smsc_online() { status_has "fake-mt\[fake-mt\].*(online"; }

# smsbox is up once its sendsms port listens and bearerbox lists it; stops early when it died.
smsbox_up() {
  alive "$SMSBOX_PID" || return 3
  port_open "$SENDSMS" && status_has "smsbox:"
}

# Stops the children in the order that is quick (RECIPES: fakesmsc, smsbox, bearerbox).
stop_children() {
  local pid
  for pid in ${FAKE_PID:-} ${SMSBOX_PID:-} ${BEARER_PID:-}; do
    kill -TERM "$pid" 2>/dev/null || continue
    # bearerbox takes seconds when it still holds reports for a smsbox that is gone.
    local deadline=$((SECONDS + 10))
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
}

# Ends a start that failed: what each child last said goes to stderr (the test shows it).
fail_start() {
  local dir=$1 f
  stop_children
  for f in bearerbox.out bearerbox.log smsbox.out smsbox.log; do
    [ -s "$dir/$f" ] || continue
    echo "--- last lines of $dir/$f" >&2
    tail -n 8 "$dir/$f" >&2
  done
  exit 1
}

cmd_start() {
  GET_URL="http://127.0.0.1:9/mo"
  SENDSMS_USER=caunoi
  SENDSMS_PASSWORD=caunoi-test
  MAX_MESSAGES=3
  ADMIN_PASSWORD=admin-test
  while [ $# -gt 0 ]; do
    case $1 in
      --get-url) GET_URL=$2; shift 2 ;;
      --user) SENDSMS_USER=$2; shift 2 ;;
      --password) SENDSMS_PASSWORD=$2; shift 2 ;;
      --max-messages) MAX_MESSAGES=$2; shift 2 ;;
      --*) die "unknown option $1" ;;
      *) break ;;
    esac
  done
  [ $# -eq 6 ] || die "usage: kannel.sh start [options] DIR ADMIN SMSBOX SENDSMS MT_SMSC MO_SMSC"
  local dir=$1
  ADMIN=$2
  local box=$3 mt=$5 mo=$6
  SENDSMS=$4
  cmd_check >&2 || exit $?
  mkdir -p "$dir" || die "cannot create $dir"
  dir=$(cd "$dir" && pwd)
  rm -f "$dir/stopped"
  write_conf "$dir" "$ADMIN" "$box" "$SENDSMS" "$mt" "$mo"
  echo "$mo" >"$dir/mo_port"
  echo $$ >"$dir/supervisor.pid"

  STOPPING=0
  trap 'STOPPING=1' TERM INT

  bearerbox -v 1 "$dir/kannel.conf" >"$dir/bearerbox.out" 2>&1 &
  BEARER_PID=$!
  # smsbox tries bearerbox once and dies with "Couldn't connect to the bearerbox" if it is not
  # listening yet. bearerbox opens its smsbox port in a thread of its own, after its admin port
  # and independently of the SMSC ports, so wait for that very port.
  if ! wait_until "$READY_DEADLINE" "bearerbox (smsbox port $box)" port_open "$box" ||
    ! wait_until "$READY_DEADLINE" "bearerbox (SMSC port $mo)" port_open "$mo"; then
    fail_start "$dir"
  fi
  # Should smsbox die before it is connected anyway (a loaded machine), start it again, as
  # Kannel's own run_kannel_box would.
  local attempt
  for attempt in 1 2 3; do
    smsbox -v 1 "$dir/kannel.conf" >>"$dir/smsbox.out" 2>&1 &
    SMSBOX_PID=$!
    if wait_until "$READY_DEADLINE" "smsbox to connect" smsbox_up; then break; fi
    alive "$SMSBOX_PID" && fail_start "$dir"
    wait "$SMSBOX_PID" 2>/dev/null
    echo "kannel: smsbox exited before it connected (attempt $attempt)" >&2
    ((attempt < 3)) || fail_start "$dir"
  done
  # -m 0 with one dummy message: sends nothing, stays connected and prints every MT it gets.
  "$FAKESMSC" -H 127.0.0.1 -r "$mt" -m 0 "0 0 text unused" >"$dir/fakesmsc-mt.out" 2>&1 &
  FAKE_PID=$!
  if ! wait_until "$READY_DEADLINE" "fakesmsc to connect" smsc_online; then
    fail_start "$dir"
  fi
  echo "kannel: ready sendsms=http://127.0.0.1:$SENDSMS/cgi-bin/sendsms dir=$dir"

  local status=0
  while [ "$STOPPING" -eq 0 ]; do
    # wait -n returns when a child exits or when a trapped signal arrives.
    wait -n "$BEARER_PID" "$SMSBOX_PID" "$FAKE_PID"
    if [ "$STOPPING" -eq 0 ]; then
      echo "kannel: a child exited unexpectedly; see $dir/*.out and $dir/*.log" >&2
      status=1
      break
    fi
  done
  stop_children
  touch "$dir/stopped"
  echo "kannel: stopped"
  exit "$status"
}

cmd_stop() {
  [ $# -eq 1 ] || die "usage: kannel.sh stop DIR"
  local dir=$1
  [ -f "$dir/supervisor.pid" ] || die "no supervisor.pid in $dir"
  local pid
  pid=$(cat "$dir/supervisor.pid")
  kill -TERM "$pid" 2>/dev/null || return 0
  wait_until "$STOP_DEADLINE" "the supervisor to stop" test -e "$dir/stopped"
}

cmd_mo() {
  [ $# -eq 2 ] || die "usage: kannel.sh mo DIR \"SENDER RECEIVER TYPE DATA\""
  local dir=$1 line=$2 port out pid
  port=$(cat "$dir/mo_port") || die "no mo_port in $dir (not started?)"
  out=$(mktemp "$dir/fakesmsc-mo.XXXXXX")
  "$FAKESMSC" -H 127.0.0.1 -r "$port" -m 1 "$line" >"$out" 2>&1 &
  pid=$!
  # "sent message 1" is printed after the line was written to the socket; closing afterwards
  # still delivers it (bearerbox reads the data before the EOF).
  wait_until 5 "fakesmsc to send the MO" grep -q "sent message 1" "$out"
  local status=$?
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return $status
}

case ${1:-} in
  check) shift; cmd_check "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  mo) shift; cmd_mo "$@" ;;
  *) die "usage: kannel.sh check | start [options] DIR PORTS... | stop DIR | mo DIR LINE" ;;
esac
