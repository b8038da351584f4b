# Cenotoo: every target is a thin wrapper around Maven (and Docker Compose for up/down/logs).
MVN ?= mvn -B -q
COMPOSE ?= docker compose

.PHONY: install dev test lint format build up down logs clean cluster bench bench-micro

## install: download every dependency, including the embedded Cassandra and Kafka classpaths
install:
	$(MVN) dependency:go-offline
	$(MVN) -f embedded/cassandra/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	$(MVN) -f embedded/kafka/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

## dev: run the whole service on :8000 with embedded Cassandra and Kafka (Ctrl-C stops everything)
dev:
	$(MVN) compile exec:java -Dexec.args="--embedded"

## test: the whole test suite against real Cassandra and Kafka started once for the run
test:
	mvn -B test

## bench: end-to-end benchmark against the raw Kafka producer and Cassandra driver, two runs (~10 min);
## writes docs/benchmarks.md. BENCH_ARGS passes JVM options, e.g. BENCH_ARGS=-Dbench.runs=1
BENCH_ARGS ?=
bench:
	$(MVN) test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
	  -Dexec.args="-Xmx1g -Dcenotoo.project.dir=$(CURDIR) $(BENCH_ARGS) -cp %classpath io.cenotoo.bench.BenchMain"

## bench-micro: only the JMH micro-benchmarks of validation and record encoding (~30 s)
bench-micro:
	$(MVN) test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
	  -Dexec.args="-cp %classpath org.openjdk.jmh.Main io.cenotoo.bench.MicroBenchmarks -f 1 -wi 2 -w 1s -i 3 -r 1s"

## lint: compile with every javac warning enabled and fail on any
lint:
	$(MVN) clean compile -Dmaven.compiler.failOnWarning=true

## format: strip trailing whitespace from sources (the code follows the surrounding style by hand)
format:
	find src examples -type f \( -name '*.java' -o -name '*.yaml' -o -name '*.sh' -o -name '*.xml' \) -exec sed -i 's/[ \t]*$$//' {} +

## build: the runnable jar target/cenotoo-<version>.jar
build:
	$(MVN) -DskipTests package

## up / down / logs: the Docker Compose stack, for machines with a Docker engine
up:
	$(COMPOSE) up -d --build

down:
	$(COMPOSE) down

logs:
	$(COMPOSE) logs -f

## clean: remove build output and the data of the embedded servers
clean:
	$(MVN) clean
	rm -rf .dev embedded/cassandra/target embedded/kafka/target

## cluster: embedded Cassandra and Kafka plus three clustered nodes on loopback (Ctrl-C stops all)
cluster:
	./examples/cluster.sh
