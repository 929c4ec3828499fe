#!/bin/sh
# Creates Temporal's two PostgreSQL databases and applies every schema version, with Temporal's own
# schema tool (temporal-sql-tool). Safe to run again: existing databases are kept, and update-schema
# applies only the versions a database does not have yet.
#
# Run by docker-compose's `temporal-schema` one-shot (temporalio/admin-tools, which has the tool and
# the schema files) and by `npm run test:production` (the tool built from go.temporal.io/server at
# the same version, the schema files from that module).
#
# Environment: SQL_HOST, SQL_PORT (default 5432), SQL_USER, SQL_PASSWORD (read by the tool itself),
# DBNAME / VISIBILITY_DBNAME (defaults temporal / temporal_visibility, as in config.yaml) and
# TEMPORAL_SCHEMA_DIR (default: where admin-tools keeps the PostgreSQL v12 schema).
set -eu

schema_dir="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"
export SQL_PLUGIN=postgres12 SQL_PORT="${SQL_PORT:-5432}"

setup() { # database, schema folder under $schema_dir
  # `create` fails when the database exists (a re-run); a real problem shows in the next step.
  temporal-sql-tool --db "$1" create || echo "database $1 exists"
  # Version 0.0 only creates the schema_version bookkeeping; it fails when that is already there.
  temporal-sql-tool --db "$1" setup-schema -v 0.0 || echo "schema bookkeeping of $1 exists"
  temporal-sql-tool --db "$1" update-schema -d "$schema_dir/$2/versioned"
}

setup "${DBNAME:-temporal}" temporal
setup "${VISIBILITY_DBNAME:-temporal_visibility}" visibility
