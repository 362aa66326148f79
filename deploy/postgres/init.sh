#!/usr/bin/env bash
# One login role and one database per APIK component, each database owned by its role.
#
# The postgres image runs this once, on the first start of an empty data volume (it is
# mounted into /docker-entrypoint-initdb.d/ by docker-compose.yml). It is idempotent, so
# after adding a component to an existing deployment run it again by hand:
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-apik.sh
#
# APIK_DATABASES lists the names ("gateway intake examination consultation reporting
# internship prevention"); the password of role <name> comes from <NAME>_DB_PASSWORD and is set on
# every run, so a changed password takes effect. No role can connect to another component's database.
#
# The image sources rather than executes a script without the executable bit, so this
# file sets nothing the image's own entry point would not (no `set -u`, no `exit`).
set -eo pipefail

apik_create_databases() {
    local name var password
    if [[ -z "${APIK_DATABASES:-}" ]]; then
        echo "init.sh: APIK_DATABASES is empty, so there is no database to create" >&2
        return 1
    fi
    for name in ${APIK_DATABASES}; do
        if [[ ! "${name}" =~ ^[a-z][a-z0-9_]*$ ]]; then
            echo "init.sh: '${name}' is not a database name (lower-case letters, digits, _)" >&2
            return 1
        fi
        var="${name^^}_DB_PASSWORD"
        password="${!var:-}"
        if [[ -z "${password}" ]]; then
            echo "init.sh: ${var} is not set, so role '${name}' would have no password" >&2
            return 1
        fi
        # psql's :'var' and :"var" quote the values as a literal and an identifier.
        # The socket asks for a password too (POSTGRES_INITDB_ARGS in docker-compose.yml).
        PGPASSWORD="${PGPASSWORD:-${POSTGRES_PASSWORD:-}}" \
            psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1 \
            --username="${POSTGRES_USER:-postgres}" \
            --dbname="${POSTGRES_DB:-${POSTGRES_USER:-postgres}}" \
            --set=name="${name}" --set=password="${password}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name')
\gexec
ALTER ROLE :"name" WITH LOGIN PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name')
\gexec
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
        echo "init.sh: role and database '${name}' are ready"
    done
}

apik_create_databases
