#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the outbox tests and exports its JDBC URL in
# EZP_TEST_PG_URL. Source it (". .ci/postgres.sh"); call ezp_postgres_stop when done.
# Does nothing when PostgreSQL is not installed, so the PostgreSQL tests skip (or fail when
# CI=true). The cluster lives in a temporary folder, listens on 127.0.0.1 only, on the port
# EZP_PG_PORT (default: the first free one from 55433), and trusts local connections: it is for tests only.

ezp_postgres_start() {
  local bin_dir
  bin_dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "${bin_dir}" ] || [ ! -x "${bin_dir}/initdb" ]; then
    echo "PostgreSQL is not installed; the PostgreSQL tests will be skipped" >&2
    return 0
  fi
  local port="${EZP_PG_PORT:-}"
  if [ -z "${port}" ]; then
    # The first free port from 55433 on, so that a server already running there is no obstacle.
    local candidate
    for candidate in $(seq 55433 55462); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/${candidate}") 2>/dev/null; then
        port="${candidate}"
        break
      fi
    done
  fi
  local run_as=()
  EZP_PG_DIR="$(mktemp -d -t ezp-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root, so the cluster belongs to a dedicated unprivileged user.
    id -u ezp-pg >/dev/null 2>&1 ||
      useradd --system --no-create-home --shell /usr/sbin/nologin ezp-pg
    chown ezp-pg "${EZP_PG_DIR}"
    run_as=(runuser -u ezp-pg --)
  fi
  "${run_as[@]}" "${bin_dir}/initdb" -D "${EZP_PG_DIR}/data" -U ezp --auth=trust \
    --encoding=UTF8 --locale=C >"${EZP_PG_DIR}/initdb.log" 2>&1 || {
    cat "${EZP_PG_DIR}/initdb.log" >&2
    return 1
  }
  "${run_as[@]}" "${bin_dir}/pg_ctl" -D "${EZP_PG_DIR}/data" -l "${EZP_PG_DIR}/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${EZP_PG_DIR} -c max_connections=200" \
    start >/dev/null || {
    cat "${EZP_PG_DIR}/server.log" >&2
    return 1
  }
  "${bin_dir}/createdb" -h 127.0.0.1 -p "${port}" -U ezp ezp_test
  EZP_PG_BIN="${bin_dir}"
  export EZP_TEST_PG_URL="jdbc:postgresql://127.0.0.1:${port}/ezp_test?user=ezp"
  echo "PostgreSQL test cluster on 127.0.0.1:${port} in ${EZP_PG_DIR}"
}

ezp_postgres_stop() {
  if [ -n "${EZP_PG_DIR:-}" ] && [ -d "${EZP_PG_DIR}/data" ]; then
    local run_as=()
    [ "$(id -u)" -eq 0 ] && run_as=(runuser -u ezp-pg --)
    "${run_as[@]}" "${EZP_PG_BIN}/pg_ctl" -D "${EZP_PG_DIR}/data" -m fast stop >/dev/null || true
    rm -rf "${EZP_PG_DIR}"
  fi
  unset EZP_TEST_PG_URL
}

ezp_postgres_start
