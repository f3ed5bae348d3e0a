#!/usr/bin/env bash
# Start the local PostgreSQL cluster and make a role that may create test databases.
# Sourced by scripts/test; exports TEST_DATABASE_URL.
set -euo pipefail
version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$version" ]; then echo "!! PostgreSQL is not installed" >&2; exit 1; fi
pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start
for _ in $(seq 1 30); do runuser -u postgres -- pg_isready -q && break; sleep 1; done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE hoanhap LOGIN CREATEDB PASSWORD ''hoanhap'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hoanhap')\gexec
SQL
export TEST_DATABASE_URL="postgres://hoanhap:hoanhap@127.0.0.1:5432/hoanhap"
