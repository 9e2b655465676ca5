#!/usr/bin/env bash
# Container smoke test (not part of `npm test`: it needs a Docker daemon and network for the base
# image and npm). Builds the image, starts it on SQLite, waits for GET /healthz and for Docker's
# HEALTHCHECK to report healthy, checks it runs as a non-root user and that `advo --help` works
# inside, then stops it with SIGTERM and expects exit code 0.  Usage: npm run docker:smoke
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker >/dev/null 2>&1; then
  echo "docker smoke test skipped: docker is not installed"
  exit 0
fi
if ! reason=$(docker info 2>&1 >/dev/null); then
  echo "docker smoke test skipped: no reachable Docker daemon: $(echo "$reason" | grep -m1 -i 'cannot\|error' || true)"
  exit 0
fi
image="advo:smoke-$$"
name="advo-smoke-$$"
started=$(date +%s)
docker build -t "$image" .
trap 'docker rm -f "$name" >/dev/null 2>&1 || true; docker rmi "$image" >/dev/null 2>&1 || true' EXIT
docker run -d --name "$name" -p 127.0.0.1::3000 "$image" >/dev/null
port=$(docker port "$name" 3000/tcp | head -1 | sed 's/.*://')
for _ in $(seq 1 90); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null
for _ in $(seq 1 90); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$name")" = healthy ] && break
  sleep 2
done
[ "$(docker inspect -f '{{.State.Health.Status}}' "$name")" = healthy ] || { echo "HEALTHCHECK never reported healthy"; exit 1; }
[ "$(docker exec "$name" id -u)" != 0 ] || { echo "container runs as root"; exit 1; }
docker exec "$name" node bin/advo.js --help >/dev/null
docker exec "$name" sh -c 'test ! -e node_modules/tsx' || { echo "tsx is in the production image"; exit 1; }
docker stop -t 10 "$name" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
[ "$code" = 0 ] || { echo "exit code after SIGTERM: $code"; docker logs "$name" | tail -20; exit 1; }
echo "docker smoke test passed in $(( $(date +%s) - started )) s (build included)"
