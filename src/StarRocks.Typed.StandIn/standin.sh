#!/usr/bin/env bash
# Starts or stops the StarRocks stand-in (a private MariaDB + the stand-in program) in the background.
#   standin.sh start   install mariadb-server if missing, build and start; prints KEY=VALUE endpoint lines
#   standin.sh stop    stop the stand-in and its MariaDB
#   standin.sh status  print the endpoint lines if running (exit 1 if not)
# State lives in <repo>/.standin/ (git-ignored). Optional environment: STANDIN_FE_HTTP_PORT, STANDIN_BE_HTTP_PORT,
# STANDIN_MYSQL_PORT, STANDIN_MARIADB_PORT (default: free ports), STANDIN_USER, STANDIN_PASSWORD, STANDIN_STORAGE_OFF=1.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
state="$repo_root/.standin"
pid_file="$state/standin.pid"
env_file="$state/endpoints.env"
log_file="$state/standin.log"
bin="$state/bin"
mariadb_dir="$state/mariadb"

running() { [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

sudo_if_needed() { if [[ $(id -u) -ne 0 ]]; then sudo "$@"; else "$@"; fi; }

ensure_mariadb() {
  if command -v mariadbd >/dev/null 2>&1 || [[ -x /usr/sbin/mariadbd ]]; then return; fi
  echo "installing mariadb-server ..." >&2
  sudo_if_needed apt-get update -q >&2
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server >&2
}

start() {
  mkdir -p "$state"
  if running && [[ -f "$env_file" ]]; then cat "$env_file"; return 0; fi
  ensure_mariadb
  echo "building the stand-in ..." >&2
  dotnet build "$repo_root/src/StarRocks.Typed.StandIn.Server" -c Release -o "$bin" -nologo -v quiet >&2
  rm -f "$env_file"
  local args=(--datadir "$mariadb_dir" --endpoints-file "$env_file"
    --fe-http-port "${STANDIN_FE_HTTP_PORT:-0}" --be-http-port "${STANDIN_BE_HTTP_PORT:-0}"
    --mysql-port "${STANDIN_MYSQL_PORT:-0}" --mariadb-port "${STANDIN_MARIADB_PORT:-0}"
    --user "${STANDIN_USER:-root}" --password "${STANDIN_PASSWORD:-}")
  if [[ "${STANDIN_STORAGE_OFF:-0}" == 1 ]]; then args+=(--storage-off); fi
  nohup dotnet "$bin/StarRocks.Typed.StandIn.Server.dll" "${args[@]}" >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 240); do
    if [[ -f "$env_file" ]]; then
      local fe; fe=$(sed -n 's/^STARROCKS_FE_HTTP=//p' "$env_file")
      if (exec 3<>"/dev/tcp/${fe%:*}/${fe##*:}") 2>/dev/null; then cat "$env_file"; return 0; fi
    fi
    if ! running; then echo "the stand-in exited; log:" >&2; tail -n 30 "$log_file" >&2; return 1; fi
    sleep 0.5
  done
  echo "the stand-in did not answer within 120 s; log:" >&2
  tail -n 30 "$log_file" >&2
  return 1
}

stop() {
  if running; then
    local pid; pid=$(cat "$pid_file")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # the MariaDB instance, if it outlived the program (e.g. it was reused rather than started by it)
  local db_pid_file="$mariadb_dir/mariadbd.pid"
  if [[ -f "$db_pid_file" ]] && kill -0 "$(cat "$db_pid_file")" 2>/dev/null; then
    local db_pid; db_pid=$(cat "$db_pid_file")
    kill -TERM "$db_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$db_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$pid_file" "$env_file"
  echo "stand-in stopped" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running && [[ -f "$env_file" ]]; then cat "$env_file"; else echo "not running" >&2; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
