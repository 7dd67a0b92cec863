#!/usr/bin/env bash
# Generates a Python client from a running lrtune's OpenAPI document with openapi-generator, installs it in a
# virtual environment under target/client, and runs the whole workflow with it (scripts/client_workflow.py).
# Not part of the build. Needs Java 17 and python3; the generated client needs pydantic 2, urllib3,
# python-dateutil and typing-extensions, which pip installs with it.
#
#   ./mvnw spring-boot:run &          # or any running lrtune
#   scripts/generate-client.sh [http://localhost:8080]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-http://localhost:8080}
version=${OPENAPI_GENERATOR_VERSION:-7.25.0}
out=target/client

./mvnw -q -ntp dependency:copy -Dartifact="org.openapitools:openapi-generator-cli:$version" -DoutputDirectory="$out"
rm -rf "$out/python"
java -jar "$out/openapi-generator-cli-$version.jar" generate -i "$url/v3/api-docs" -g python -o "$out/python" \
	--package-name lrtune_client --additional-properties=projectName=lrtune-client,packageVersion=1.0.0 \
	>"$out/generate.log"
python3 -m venv --system-site-packages "$out/venv"
"$out/venv/bin/pip" install -q "$out/python"
"$out/venv/bin/python" scripts/client_workflow.py "$url"
