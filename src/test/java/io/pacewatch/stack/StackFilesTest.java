package io.pacewatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the stack test turns the deployment's files into its own: durations, variables, paths, addresses. */
class StackFilesTest {

    @Test
    void durationsAreSixtyTimesShorter() {
        assertThat(Timings.shorten("15m")).isEqualTo("15s");
        assertThat(Timings.shorten("30s")).isEqualTo("500ms");
        assertThat(Timings.shorten("1h")).isEqualTo("1m");
        assertThat(Timings.shorten("1h30m")).isEqualTo("90s");
        assertThat(Timings.shorten("24h")).isEqualTo("24m");
        assertThat(Timings.shorten("0s")).isEqualTo("0s");
        assertThatThrownBy(() -> Timings.parse("15")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timings.parse("5m garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void composeVariablesTakeTheirDefaultsAsWhereNoneIsSet() {
        assertThat(Deployment.interpolate("${PUBLIC_URL:-http://localhost}/x")).isEqualTo("http://localhost/x");
        assertThat(Deployment.interpolate("${PUBLIC_URL-}")).isEmpty();
        assertThat(Deployment.interpolate("a${PUBLIC_URL}b")).isEqualTo("ab");
        assertThat(Deployment.interpolate("cost $$5")).isEqualTo("cost $5");
        assertThatThrownBy(() -> Deployment.interpolate("${PASSWORD:?set it}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("set it");
    }

    @Test
    void containerPathsLandInTheTestsFolders() {
        final Map<String, Path> mounts = Map.of("/etc/prometheus", Path.of("/w/prometheus"),
                "/prometheus", Path.of("/w/volumes/prometheus-data"));
        final Path root = Path.of("/w/prometheus-root");
        assertThat(Deployment.onHost("--config.file=/etc/prometheus/prometheus.yml", mounts, root))
                .isEqualTo("--config.file=/w/prometheus/prometheus.yml");
        assertThat(Deployment.onHost("--storage.tsdb.path=/prometheus", mounts, root))
                .isEqualTo("--storage.tsdb.path=/w/volumes/prometheus-data");
        assertThat(Deployment.onHost("/prometheus-other/x", mounts, root)).isEqualTo("/w/prometheus-root/prometheus-other/x");
        assertThat(Deployment.onHost("--storage.tsdb.retention.time=800d", mounts, root))
                .isEqualTo("--storage.tsdb.retention.time=800d");
        assertThat(Deployment.onHost("kafka:9092", mounts, root)).isEqualTo("kafka:9092");
    }

    @Test
    void composeAddressesBecomeLoopbackOnes() {
        final Loopback loopback = new Loopback(Map.of("kafka:9092", "127.0.0.1:40001",
                "pacewatch:8080", "127.0.0.1:40002"));
        assertThat(loopback.rewrite("pacewatch", "kafka:9092")).isEqualTo("127.0.0.1:40001");
        assertThat(loopback.rewrite("pacewatch", "pacewatch")).isEqualTo("127.0.0.1");
        assertThat(loopback.rewrite("pacewatch", "8080")).isEqualTo("40002");
        assertThat(loopback.rewrite("grafana", "8080")).isEqualTo("8080");
        assertThat(loopback.rewrite("pacewatch", "/var/lib/pacewatch/state")).isEqualTo("/var/lib/pacewatch/state");
        assertThatThrownBy(() -> loopback.address("grafana:3000")).isInstanceOf(AssertionError.class);
    }
}
