#!/usr/bin/env bash
# Local stack for runs and tests: moto server (EC2, S3, Step Functions, ...) and the project's
# local Pricing endpoint, both on 127.0.0.1. `up` waits until each answers; `down` stops only the
# processes this script started (by the PIDs it recorded).
#   scripts/local/stack.sh up|down|status|env
# Ports: MOTO_PORT (default 4566), PRICING_PORT (default 4567). State: .local/ in the repo.
# moto runs on the Python scripts/local/python.sh picks; `up` first says in one line what is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
MOTO_PORT="${MOTO_PORT:-4566}"
PRICING_PORT="${PRICING_PORT:-4567}"
LOCAL_REPORT_BUCKET="${LOCAL_REPORT_BUCKET:-ops-automation-runner-reports}"
STATE_DIR="${LOCAL_STATE_DIR:-.local}"

answers() { curl -s -o /dev/null --max-time 1 "$1"; }

wait_until_answers() { # name url pidfile
  for _ in $(seq 1 100); do
    if answers "$2"; then return 0; fi
    if ! kill -0 "$(cat "$3")" 2>/dev/null; then
      echo "$1 exited during start-up; its log: $STATE_DIR/$1.log" >&2
      tail -20 "$STATE_DIR/$1.log" >&2 || true
      return 1
    fi
    sleep 0.2
  done
  echo "$1 did not answer at $2 within 20 s; its log: $STATE_DIR/$1.log" >&2
  return 1
}

start_one() { # name url command...
  local name="$1" url="$2"; shift 2
  local pidfile="$STATE_DIR/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && answers "$url"; then
    echo "$name already running (pid $(cat "$pidfile")) at $url"
    return 0
  fi
  if answers "$url"; then
    echo "port of $name ($url) is taken by a process this script did not start; set another port" >&2
    return 1
  fi
  nohup "$@" >"$STATE_DIR/$name.log" 2>&1 &
  echo $! >"$pidfile"
  wait_until_answers "$name" "$url" "$pidfile"
  echo "$name up (pid $(cat "$pidfile")) at $url"
}

stop_one() {
  local pidfile="$STATE_DIR/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "$1 stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  up)
    scripts/local/need.sh curl
    # moto runs on the interpreter python.sh picks (python3, or .local/venv made on first use).
    moto_python="$(scripts/local/python.sh)"
    mkdir -p "$STATE_DIR"
    # Without the ~1,160 built-in AMI snapshots, DescribeSnapshots shows only what we create
    # (moto ignores OwnerIds=self).
    MOTO_EC2_LOAD_DEFAULT_AMIS=false start_one moto "http://127.0.0.1:$MOTO_PORT/moto-api/" \
      "$moto_python" scripts/local/moto_launcher.py --host 127.0.0.1 --port "$MOTO_PORT"
    start_one pricing "http://127.0.0.1:$PRICING_PORT/health" \
      node_modules/.bin/tsx scripts/local/pricing-server.ts --host 127.0.0.1 --port "$PRICING_PORT"
    # A report bucket, so `eval "$(stack.sh env)"` is all the cost-report needs (idempotent).
    curl -s -o /dev/null -X PUT "http://127.0.0.1:$MOTO_PORT/$LOCAL_REPORT_BUCKET"
    ;;
  down)
    stop_one pricing
    stop_one moto
    ;;
  status)
    for n in moto pricing; do
      if [ -f "$STATE_DIR/$n.pid" ] && kill -0 "$(cat "$STATE_DIR/$n.pid")" 2>/dev/null; then echo "$n: running (pid $(cat "$STATE_DIR/$n.pid"))"; else echo "$n: stopped"; fi
    done
    ;;
  env)
    # eval "$(scripts/local/stack.sh env)" points the SDK at the local stack.
    echo "export AWS_ENDPOINT_URL=http://127.0.0.1:$MOTO_PORT"
    echo "export AWS_ENDPOINT_URL_PRICING=http://127.0.0.1:$PRICING_PORT"
    echo "export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=\${AWS_REGION:-ap-northeast-2}"
    echo "export REPORT_BUCKET=$LOCAL_REPORT_BUCKET"
    ;;
  *)
    echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
