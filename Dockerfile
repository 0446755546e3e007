# syntax=docker/dockerfile:1
# pacewatch's image: `docker build -t pacewatch .` (docker-compose.yml builds it as pacewatch:local).
# The container runs `java -jar pacewatch.jar run`; configure it with PACEWATCH_* environment
# variables (README "Commands"): PACEWATCH_BOOTSTRAP_SERVERS is required.

FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so that a change of the sources alone reuses this layer.
COPY pom.xml ./
RUN mvn -B -q -Dmaven.test.skip=true dependency:go-offline
COPY src/main ./src/main
# The pom bundles the runbook into the jar from docs/; without it Maven would silently leave it out.
COPY docs/runbook.md ./docs/runbook.md
# Style (config/checkstyle.xml) is checked where the sources are, in `mvn -B verify`; the image has src/main only.
RUN mvn -B -q -Dmaven.test.skip=true -Dcheckstyle.skip=true package

FROM eclipse-temurin:17-jre
RUN groupadd --system pacewatch \
 && useradd --system --gid pacewatch --home-dir /opt/pacewatch --no-create-home pacewatch \
 && mkdir -p /var/lib/pacewatch \
 && chown pacewatch:pacewatch /var/lib/pacewatch
WORKDIR /opt/pacewatch
COPY --from=build /build/target/lib ./lib
COPY --from=build /build/target/pacewatch.jar ./pacewatch.jar
# The bundled 2023 targets and the illustrative feed (with last year's figures), for the compose stack's one-shot publisher
COPY src/main/resources/targets/luohu-2023.jsonl ./data/targets/
COPY src/main/resources/demo/illustrative-2022.jsonl src/main/resources/demo/illustrative-2023.jsonl src/main/resources/demo/illustrative-siblings-targets-2023.jsonl ./data/demo/
USER pacewatch
ENV PACEWATCH_HTTP_PORT=8080 \
    PACEWATCH_STATE_DIR=/var/lib/pacewatch/state \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/pacewatch
EXPOSE 8080
# Healthy only while Kafka Streams is RUNNING (/health/ready answers 503 otherwise). The JRE image
# has no curl: bash's /dev/tcp sends the request.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PACEWATCH_HTTP_PORT:-8080} && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/opt/pacewatch/pacewatch.jar"]
CMD ["run"]
