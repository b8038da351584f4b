#!/usr/bin/env bash
# Starts the embedded Cassandra and Kafka once and three clustered Cenotoo nodes on loopback:
#   node A  api                  http://localhost:8000  (Hazelcast 5701)
#   node B  admin,query,stats,ingest http://localhost:8001  (Hazelcast 5702)
#   node C  ingest,sink          http://localhost:8002  (Hazelcast 5703)
# Logs go to .dev/cluster/. Ctrl-C stops the nodes and the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .dev/cluster

mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=.dev/cluster/classpath.txt
CP="target/classes:$(cat .dev/cluster/classpath.txt)"

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait
}
trap stop EXIT INT TERM

java -cp "$CP" io.cenotoo.embedded.EmbeddedStackMain > .dev/cluster/stack.log 2>&1 &
pids+=($!)
# The launcher prints the Kafka endpoint once both servers accept requests.
until grep -q "Kafka bootstrap servers" .dev/cluster/stack.log; do
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "The embedded servers failed to start; see .dev/cluster/stack.log" >&2
    exit 1
  fi
  sleep 1
done

MEMBERS=127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703
start_node() {
  local name=$1 roles=$2 http=$3 hz=$4
  CENOTOO_ROLES=$roles HTTP_PORT=$http CLUSTER_ENABLED=true CLUSTER_PORT=$hz CLUSTER_MEMBERS=$MEMBERS \
    CASSANDRA_CONTACT_POINTS=127.0.0.1:9042 KAFKA_BROKERS=127.0.0.1:9092 \
    java @conf/jvm.options -Xmx512m -cp "$CP" io.cenotoo.Main > ".dev/cluster/node-$name.log" 2>&1 &
  pids+=($!)
}
start_node b admin,query,stats,ingest 8001 5702
start_node c ingest,sink 8002 5703
start_node a api 8000 5701

echo "Waiting for http://localhost:8000/ready ..."
until curl -fsS localhost:8000/ready > /dev/null 2>&1; do sleep 1; done
curl -sS localhost:8000/ready; echo
echo "Cluster ready; logs in .dev/cluster/. Ctrl-C stops it."
wait
