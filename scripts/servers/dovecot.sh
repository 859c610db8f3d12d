#!/usr/bin/env bash
# Starts a throwaway Dovecot (IMAP + LMTP) on loopback for tests (RECIPES.md §1).
#
#   dovecot.sh check
#       exit 0 when dovecot with its imap and lmtp services, doveadm, swaks and curl are
#       installed; else says what is missing, exit 77
#   dovecot.sh start [--user U] [--password P] DIR IMAP_PORT LMTP_PORT
#       writes DIR/dovecot.conf (self-contained: nothing read from /etc/dovecot; a passwd-file
#       user U, default "caunoi", password P, default "caunoi-test"; Maildir under DIR/mail),
#       starts dovecot -F as a child, waits until an IMAP login works, prints "dovecot: ready"
#       and supervises it in the foreground until SIGTERM/SIGINT or `dovecot.sh stop DIR`;
#       prints "dovecot: stopped" and exits 0. Exits 1 if dovecot dies early.
#       Every directory above DIR must be enterable (o+x) by the dovecot and mail users.
#   dovecot.sh stop DIR
#       stops a supervisor started with DIR and waits (bounded) until dovecot is gone
#   dovecot.sh deliver DIR [SWAKS OPTIONS...]
#       delivers one mail over LMTP with swaks (a real mail client) to the test user, e.g.
#       `dovecot.sh deliver DIR --header "Subject: ..." --body "..."`; exit 0 when it was saved
#   dovecot.sh doveadm DIR ARGS...
#       runs doveadm against this instance (e.g. `mailbox status -u caunoi uidvalidity INBOX`)
set -uo pipefail

READY_DEADLINE=${DOVECOT_READY_DEADLINE:-15}
STOP_DEADLINE=${DOVECOT_STOP_DEADLINE:-20}

die() { echo "dovecot: $*" >&2; exit 1; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 50 ms until it succeeds.
wait_until() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    if ((SECONDS >= deadline)) || [ "${STOPPING:-0}" -eq 1 ]; then
      echo "dovecot: timed out waiting for $what" >&2
      return 1
    fi
    sleep 0.05
  done
}

cmd_check() {
  local missing=()
  command -v dovecot >/dev/null || missing+=(dovecot)
  command -v doveadm >/dev/null || missing+=(doveadm)
  [ -x /usr/lib/dovecot/imap ] || missing+=(/usr/lib/dovecot/imap)
  [ -x /usr/lib/dovecot/lmtp ] || missing+=(/usr/lib/dovecot/lmtp)
  command -v swaks >/dev/null || missing+=(swaks)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "dovecot: not installed: ${missing[*]} (apt-get install dovecot-imapd dovecot-lmtpd" \
      "swaks curl)"
    exit 77
  fi
}

write_conf() {
  local dir=$1 imap=$2 lmtp=$3 privileges
  if [ "$(id -u)" -eq 0 ]; then
    # As root the mail processes drop to nobody, which must own the mail tree.
    privileges="mail_uid = nobody
mail_gid = nogroup"
  else
    # As another user everything runs as that user (RECIPES §1, "Started as a non-root user").
    local u g
    u=$(id -un)
    g=$(id -gn)
    privileges="default_login_user = $u
default_internal_user = $u
default_internal_group = $g
service anvil {
  chroot =
}"
  fi
  cat >"$dir/dovecot.conf" <<CONF
# Written by scripts/servers/dovecot.sh for a test run; loopback only.
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# The LMTP recipient $USER_NAME@example.test and the IMAP login $USER_NAME are the same user.
auth_username_format = %Ln
mail_location = maildir:~/Maildir
$privileges
passdb {
  driver = passwd-file
  args = scheme=PLAIN $dir/users
}
userdb {
  driver = static
  args = home=$dir/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = $imap
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $lmtp
  }
}
CONF
}

imap_login_works() {
  curl -s --max-time 2 --user "$USER_NAME:$USER_PASSWORD" "imap://127.0.0.1:$IMAP_PORT" \
    -X NOOP >/dev/null
}

cmd_start() {
  USER_NAME=caunoi
  USER_PASSWORD=caunoi-test
  while [ $# -gt 0 ]; do
    case $1 in
      --user) USER_NAME=$2; shift 2 ;;
      --password) USER_PASSWORD=$2; shift 2 ;;
      --*) die "unknown option $1" ;;
      *) break ;;
    esac
  done
  [ $# -eq 3 ] || die "usage: dovecot.sh start [options] DIR IMAP_PORT LMTP_PORT"
  local dir=$1
  IMAP_PORT=$2
  local lmtp=$3
  cmd_check >&2 || exit $?
  mkdir -p "$dir/run" "$dir/state" "$dir/mail" || die "cannot create $dir"
  dir=$(cd "$dir" && pwd)
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown nobody:nogroup "$dir/mail"; fi
  printf '%s:{PLAIN}%s\n' "$USER_NAME" "$USER_PASSWORD" >"$dir/users"
  chmod 644 "$dir/users"
  rm -f "$dir/stopped"
  write_conf "$dir" "$IMAP_PORT" "$lmtp"
  echo "$lmtp" >"$dir/lmtp_port"
  echo "$USER_NAME" >"$dir/user"
  echo $$ >"$dir/supervisor.pid"

  STOPPING=0
  trap 'STOPPING=1' TERM INT
  dovecot -c "$dir/dovecot.conf" -F >"$dir/dovecot.out" 2>&1 &
  DOVECOT_PID=$!
  if ! wait_until "$READY_DEADLINE" "an IMAP login on port $IMAP_PORT" imap_login_works; then
    kill -TERM "$DOVECOT_PID" 2>/dev/null
    wait "$DOVECOT_PID" 2>/dev/null
    cat "$dir/dovecot.out" "$dir/dovecot.log" >&2 2>/dev/null
    exit 1
  fi
  echo "dovecot: ready imap://127.0.0.1:$IMAP_PORT lmtp=127.0.0.1:$lmtp user=$USER_NAME dir=$dir"

  local status=0
  while [ "$STOPPING" -eq 0 ]; do
    wait -n "$DOVECOT_PID"  # returns when dovecot exits or a trapped signal arrives
    if [ "$STOPPING" -eq 0 ]; then
      echo "dovecot: dovecot exited unexpectedly; see $dir/dovecot.log" >&2
      status=1
      break
    fi
  done
  kill -TERM "$DOVECOT_PID" 2>/dev/null
  wait "$DOVECOT_PID" 2>/dev/null  # about a second: the master waits for its children
  touch "$dir/stopped"
  echo "dovecot: stopped"
  exit "$status"
}

cmd_stop() {
  [ $# -eq 1 ] || die "usage: dovecot.sh stop DIR"
  local dir=$1
  [ -f "$dir/supervisor.pid" ] || die "no supervisor.pid in $dir"
  kill -TERM "$(cat "$dir/supervisor.pid")" 2>/dev/null || return 0
  wait_until "$STOP_DEADLINE" "the supervisor to stop" test -e "$dir/stopped"
}

cmd_deliver() {
  [ $# -ge 1 ] || die "usage: dovecot.sh deliver DIR [SWAKS OPTIONS...]"
  local dir=$1
  shift
  local port user
  port=$(cat "$dir/lmtp_port") || die "no lmtp_port in $dir (not started?)"
  user=$(cat "$dir/user")
  swaks --protocol LMTP --server 127.0.0.1 --port "$port" --from citizen@example.test \
    --to "$user@example.test" --timeout 10 "$@" >"$dir/swaks.out" 2>&1
  local status=$?
  [ $status -eq 0 ] || cat "$dir/swaks.out" >&2
  return $status
}

cmd_doveadm() {
  [ $# -ge 1 ] || die "usage: dovecot.sh doveadm DIR ARGS..."
  local dir=$1
  shift
  doveadm -c "$dir/dovecot.conf" "$@"
}

case ${1:-} in
  check) shift; cmd_check "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  deliver) shift; cmd_deliver "$@" ;;
  doveadm) shift; cmd_doveadm "$@" ;;
  *) die "usage: dovecot.sh check | start [options] DIR IMAP LMTP | stop DIR | deliver DIR ..." ;;
esac
