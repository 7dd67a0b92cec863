# Sourced by the benchmarks that start the service jar. The JVM options a bare `java -jar` start gives the JVM that
# runs the service (dev.lrtune.VectorModuleRelaunch): the Vector API module, and transparent huge pages where Linux
# offers them. Given here on the command line, they keep the service in one process, whose threads the benchmarks
# read. A later -XX:-UseTransparentHugePages in the script's *_JAVA_OPTS turns the huge pages off.
service_jvm=(--add-modules=jdk.incubator.vector)
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
	service_jvm+=(-XX:+UseTransparentHugePages)
fi
