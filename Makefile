# Cenotoo: every target is a thin wrapper around Maven (and Docker Compose for up/down/logs).
MVN ?= mvn -B -q
COMPOSE ?= docker compose

.PHONY: install dev test lint format build up down logs clean cluster

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
