#!/usr/bin/env bash
# Time from `npm start` to /readyz 200 on a fresh clone: cold (empty Maven repository, so
# Neo4j is downloaded and the launcher built) and warm, plus the idle local Neo4j's
# resident memory. Usage: bash bench/start-time.sh   (uses port 4000 and Bolt 7687)
set -u
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d)
git clone -q "$repo" "$work/clone"
cd "$work/clone"
export MAVEN_OPTS="-Dmaven.repo.local=$work/m2"
seconds() { echo "$(date +%s.%N) - $1" | bc; }

t=$(date +%s.%N); npm install --no-audit --no-fund >"$work/install.log" 2>&1
echo "npm install: $(seconds "$t") s"
for run in cold warm; do
  t=$(date +%s.%N)
  npm start >"$work/start-$run.log" 2>&1 &
  until curl -sf http://127.0.0.1:4000/readyz >/dev/null; do sleep 0.2; done
  echo "$run: npm start -> /readyz 200 in $(seconds "$t") s"
  sleep 20
  java=$(pgrep -f "Neo4jLocal.*--home $work/clone/.neo4j-local" | head -1)
  echo "$run: idle local Neo4j $(grep VmRSS "/proc/$java/status")"
  kill -TERM "$(pgrep -f '^npm start' | head -1)"; wait
  echo "$run: Java processes left after SIGTERM: $(pgrep -fc "Neo4jLocal.*$work" || true)"
done
rm -rf "$work"
