# Build stage: compile and package the runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package && cp target/cenotoo-*.jar /src/cenotoo.jar

# Run stage: a JRE, the jar and the file-based defaults, as a non-root user.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app cenotoo
WORKDIR /app
COPY --from=build /src/cenotoo.jar /app/cenotoo.jar
COPY conf /app/conf
USER cenotoo
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s CMD curl -fsS http://localhost:8000/health || exit 1
# NOTE: the project's CI machine has no Docker engine, so this image is not built there. The node
# processes of the tests run the same conf/jvm.options.
ENTRYPOINT ["java", "@/app/conf/jvm.options", "-jar", "/app/cenotoo.jar"]
