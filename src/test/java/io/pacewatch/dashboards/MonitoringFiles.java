package io.pacewatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The monitoring files of the repository (Grafana dashboards and provisioning, Prometheus rules
 * and their promtool tests, Alertmanager, docker-compose) as the tests read them.
 */
final class MonitoringFiles {

    /** The uid of the Prometheus datasource provisioned in grafana/provisioning/datasources. */
    static final String DATASOURCE_UID = "pacewatch-prometheus";

    /** The dashboards the README describes, by file name. */
    static final List<String> DASHBOARDS = List.of("overview.json", "indicator-detail.json", "pipeline-health.json",
            "peer-rankings.json");

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MonitoringFiles() {
    }

    /** The repository root: the nearest folder up from the working directory that holds pom.xml. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path path(final String relative) {
        return root().resolve(relative);
    }

    record Dashboard(Path file, JsonNode json) {
        String name() {
            return file.getFileName().toString();
        }

        String uid() {
            return json.path("uid").asText();
        }

        /** Every panel, those inside rows included; rows themselves are not returned. */
        List<JsonNode> panels() {
            final List<JsonNode> out = new ArrayList<>();
            collect(json.path("panels"), out);
            return out;
        }

        List<JsonNode> variables() {
            final List<JsonNode> out = new ArrayList<>();
            json.path("templating").path("list").forEach(out::add);
            return out;
        }

        private static void collect(final JsonNode panels, final List<JsonNode> out) {
            for (final JsonNode panel : panels) {
                if ("row".equals(panel.path("type").asText())) {
                    collect(panel.path("panels"), out);
                } else {
                    out.add(panel);
                }
            }
        }
    }

    /** Every JSON file in grafana/dashboards, parsed; a file that does not parse fails here. */
    static List<Dashboard> dashboards() {
        try (Stream<Path> files = Files.list(path("grafana/dashboards"))) {
            final List<Dashboard> out = new ArrayList<>();
            for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(new Dashboard(file, JSON.readTree(file.toFile())));
            }
            return out;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(final String relative) {
        try {
            return YAML.readTree(path(relative).toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException(relative + " does not parse as YAML", e);
        }
    }

    static List<Path> files(final String folder, final String suffix) {
        try (Stream<Path> files = Files.list(path(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a panel's query, or "" for a target without one. */
    static String expr(final JsonNode target) {
        return target.path("expr").asText("");
    }
}
