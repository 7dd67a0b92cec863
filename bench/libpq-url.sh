#!/usr/bin/env bash
# Sourced by the bench scripts that talk to PostgreSQL: libpq_url JDBC_URL prints the libpq URL (for psql) of a
# PostgreSQL JDBC URL (jdbc:postgresql://host:port/db?user=...&password=...).
libpq_url() {
	python3 - "$1" <<'PY'
import sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1].removeprefix("jdbc:"))
query = dict(urllib.parse.parse_qsl(url.query))
print(f"postgresql://{query.get('user', 'postgres')}" + (f":{query['password']}" if "password" in query else "")
      + f"@{url.hostname}:{url.port or 5432}{url.path}")
PY
}
