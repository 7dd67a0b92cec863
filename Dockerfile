# syntax=docker/dockerfile:1
# Build with the Maven wrapper, then run the layered jar on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q -DskipTests package \
 && java -Djarmode=tools -jar target/lrtune-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home lrtune
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
RUN mkdir -p /app/data && chown lrtune /app/data
USER lrtune
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
# The Vector API module gives the model kernels explicit SIMD (the JVM prints one warning that it is incubating);
# transparent huge pages spare the heap's first touch thousands of page faults (on a host whose kernel has them set to
# "never", the JVM prints a warning and runs without them).
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "-XX:+UseTransparentHugePages", \
  "org.springframework.boot.loader.launch.JarLauncher"]
