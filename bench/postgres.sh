#!/usr/bin/env bash
# Sourced by the bench scripts that run the application on PostgreSQL.
#   libpq_url JDBC_URL    prints the libpq URL (for psql) of a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db?...)
#   fresh_schema PREFIX   creates the schema PREFIX_<time> at $postgres_url (a JDBC URL; $psql_url, its libpq URL, for
#                         psql) and sets schema to its name and datasource to the application's arguments that use it
#   drop_schema           drops that schema, if any, and forgets it
libpq_url() {
	python3 - "$1" <<'PY'
import sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1].removeprefix("jdbc:"))
query = dict(urllib.parse.parse_qsl(url.query))
print(f"postgresql://{query.get('user', 'postgres')}" + (f":{query['password']}" if "password" in query else "")
      + f"@{url.hostname}:{url.port or 5432}{url.path}")
PY
}

fresh_schema() {
	schema="$1_$(date +%s)"
	psql "$psql_url" -qc "CREATE SCHEMA $schema"
	datasource=(--spring.datasource.url="$postgres_url&currentSchema=$schema" --spring.flyway.schemas="$schema"
		--spring.datasource.username= --spring.datasource.password=)
}

drop_schema() {
	if [[ -n "${schema:-}" ]]; then
		psql "$psql_url" -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
		schema=""
	fi
}
