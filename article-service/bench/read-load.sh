#!/usr/bin/env bash
# The read benchmark of article-service: 100,000 stored articles, then wrk against
#   GET /articles?sort=heat&size=20   and   GET /articles/{id} (random ids)
#
#   article-service/bench/read-load.sh            (from the repository root)
#
# Starts its own Kafka and PostgreSQL (local-infra, ports below) and one article-service, fills the
# store through article-service's own Kafka consumer (ArticleLoader sends ranked events generated from
# samples/ to articles.ranked), prints how fast they were stored, runs wrk, and stops everything it
# started. Needs wrk (Debian: apt-get install wrk) and a packaged build (./mvnw package -DskipTests).
#
# Settings (environment): ARTICLES (100000), DURATION (30s), CONNECTIONS (16), THREADS (2),
# BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093), BENCH_POSTGRES_PORT (15432),
# BENCH_STATE (/tmp/newsroom-read-bench), REUSE=1 to keep the stored articles of the last run (no loading).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ARTICLES="${ARTICLES:-100000}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${BENCH_CONTROLLER_PORT:-19093}"
POSTGRES_PORT="${BENCH_POSTGRES_PORT:-15432}"
STATE="${BENCH_STATE:-/tmp/newsroom-read-bench}"
BASE="http://127.0.0.1:$HTTP_PORT"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
for jar in "$ROOT/article-service/target/article-service-runner.jar" "$ROOT/local-infra/target/local-infra-1.0.0-SNAPSHOT.jar"; do
  [ -f "$jar" ] || { echo "missing $jar: run ./mvnw package -DskipTests first" >&2; exit 1; }
done
[ -d "$ROOT/article-service/target/test-classes/dev/newsroom/article/bench" ] || \
  { echo "missing the compiled loader: run ./mvnw -pl article-service -am test-compile" >&2; exit 1; }

if [ "${REUSE:-0}" != 1 ]; then rm -rf "$STATE"; fi
mkdir -p "$STATE"
PIDS=()
cleanup() {
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill "${PIDS[$i]}" 2>/dev/null && wait "${PIDS[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "starting Kafka (:$KAFKA_PORT) and PostgreSQL (:$POSTGRES_PORT) in $STATE"
rm -f "$STATE/data/infra.ready"
java -Xmx768m -Dnewsroom.data="$STATE/data" -Dnewsroom.kafka.port="$KAFKA_PORT" \
  -Dnewsroom.kafka.controller-port="$CONTROLLER_PORT" -Dnewsroom.postgres.port="$POSTGRES_PORT" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$ROOT/local-infra/target/local-infra-1.0.0-SNAPSHOT.jar:$ROOT/local-infra/target/lib/*" \
  dev.newsroom.infra.LocalInfrastructure >"$STATE/infra.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 240); do [ -f "$STATE/data/infra.ready" ] && break; sleep 0.5; done
[ -f "$STATE/data/infra.ready" ] || { tail -20 "$STATE/infra.log"; exit 1; }

echo "starting article-service (:$HTTP_PORT)"
QUARKUS_HTTP_PORT="$HTTP_PORT" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/newsroom" \
  java -Xmx512m -jar "$ROOT/article-service/target/article-service-runner.jar" >"$STATE/article-service.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 240); do curl -fs -o /dev/null "$BASE/q/health/ready" && break; sleep 0.5; done
curl -fs -o /dev/null "$BASE/q/health/ready" || { tail -20 "$STATE/article-service.log"; exit 1; }

inserted() {
  curl -fs "$BASE/q/metrics" | awk '/^newsroom_articles_upserts_total\{outcome="inserted"/ {print int($2)}'
}

if [ "${REUSE:-0}" != 1 ] || [ ! -s "$STATE/ids.txt" ]; then
  echo "loading $ARTICLES articles through articles.ranked"
  START=$(date +%s.%N)
  java -Xmx1g -cp "$ROOT/article-service/target/test-classes:$ROOT/common-model/target/common-model-1.0.0-SNAPSHOT-tests.jar:$ROOT/local-infra/target/lib/*" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    dev.newsroom.article.bench.ArticleLoader "127.0.0.1:$KAFKA_PORT" "$ARTICLES" "$STATE/ids.txt"
  until [ "$(inserted)" -ge "$ARTICLES" ] 2>/dev/null; do sleep 1; done
  END=$(date +%s.%N)
  awk -v n="$ARTICLES" -v s="$START" -v e="$END" \
    'BEGIN { printf "stored %d articles in %.1f s: %.0f articles/s (generation, Kafka and the consumer included)\n", n, e - s, n / (e - s) }'
fi

echo "warming up (10 s each)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$BASE/articles?sort=heat&size=20" >/dev/null
(cd "$STATE" && IDS="$STATE/ids.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$ROOT/article-service/bench/by-id.lua" "$BASE" >/dev/null)

echo
echo "== GET /articles?sort=heat&size=20 ($THREADS threads, $CONNECTIONS connections, $DURATION)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE/articles?sort=heat&size=20"
echo
echo "== GET /articles/{id}, random ids of $(wc -l <"$STATE/ids.txt") ($THREADS threads, $CONNECTIONS connections, $DURATION)"
IDS="$STATE/ids.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/article-service/bench/by-id.lua" "$BASE"
