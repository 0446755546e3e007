package io.pacewatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stack test's copies of the repository's {@code prometheus/} and {@code alertmanager/} folders:
 * the same files, with only the compose host names rewritten to loopback ({@link Loopback}) and the
 * durations shortened ({@link Timings}). Rule expressions, labels, annotations, routes, matchers and
 * inhibitions are copied as they are.
 */
final class MonitoringCopies {

    private static final List<String> ROUTE_TIMINGS = List.of("group_wait", "group_interval", "repeat_interval");

    private MonitoringCopies() {
    }

    /** Copies {@code from} (prometheus/) to {@code to}; returns the copy of prometheus.yml. */
    static Path prometheus(final Path from, final Path to, final Loopback loopback) throws IOException {
        copyFolder(from, to);
        final Path config = to.resolve("prometheus.yml");
        final ObjectNode yml = (ObjectNode) Deployment.YAML.readTree(config.toFile());
        final ObjectNode global = yml.withObjectProperty("global");
        global.put("scrape_interval", Timings.INTERVAL);
        global.put("scrape_timeout", Timings.INTERVAL);
        global.put("evaluation_interval", Timings.INTERVAL);
        for (final JsonNode job : yml.path("scrape_configs")) {
            ((ObjectNode) job).remove(List.of("scrape_interval", "scrape_timeout"));
            rewriteTargets(job.path("static_configs"), loopback);
        }
        for (final JsonNode alertmanagers : yml.path("alerting").path("alertmanagers")) {
            rewriteTargets(alertmanagers.path("static_configs"), loopback);
        }
        Deployment.YAML.writeValue(config.toFile(), yml);
        for (final JsonNode pattern : yml.path("rule_files")) {
            final Path glob = to.resolve(pattern.asText());
            try (DirectoryStream<Path> files = Files.newDirectoryStream(glob.getParent(), glob.getFileName().toString())) {
                for (final Path file : files) {
                    shortenRules(file);
                }
            }
        }
        return config;
    }

    /** Copies {@code from} (alertmanager/) to {@code to}; every webhook goes to {@code receiver}. Returns alertmanager.yml's copy. */
    static Path alertmanager(final Path from, final Path to, final AlertReceiver receiver) throws IOException {
        copyFolder(from, to);
        final Path config = to.resolve("alertmanager.yml");
        final ObjectNode yml = (ObjectNode) Deployment.YAML.readTree(config.toFile());
        if (yml.path("global").has("resolve_timeout")) {
            shorten((ObjectNode) yml.path("global"), "resolve_timeout");
        }
        shortenRoute((ObjectNode) yml.path("route"));
        for (final JsonNode named : yml.path("receivers")) {
            for (final JsonNode webhook : named.path("webhook_configs")) {
                final URI placeholder = URI.create(webhook.path("url").asText());
                ((ObjectNode) webhook).put("url", receiver.url(placeholder.getPath()).toString());
            }
        }
        Deployment.YAML.writeValue(config.toFile(), yml);
        return config;
    }

    /** A field of an alerting rule ({@code for}, {@code keep_firing_for}) as the copy in {@code rulesFolder} has it. */
    static String ruleField(final Path rulesFolder, final String alert, final String field) throws IOException {
        try (Stream<Path> files = Files.list(rulesFolder)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                for (final JsonNode group : Deployment.YAML.readTree(file.toFile()).path("groups")) {
                    for (final JsonNode rule : group.path("rules")) {
                        if (alert.equals(rule.path("alert").asText()) && rule.has(field)) {
                            return rule.path(field).asText();
                        }
                    }
                }
            }
        }
        throw new AssertionError("no alerting rule " + alert + " with " + field + " in " + rulesFolder);
    }

    private static void rewriteTargets(final JsonNode staticConfigs, final Loopback loopback) {
        for (final JsonNode staticConfig : staticConfigs) {
            final ArrayNode targets = (ArrayNode) staticConfig.path("targets");
            for (int i = 0; i < targets.size(); i++) {
                targets.set(i, targets.textNode(loopback.address(targets.get(i).asText())));
            }
        }
    }

    private static void shortenRules(final Path file) throws IOException {
        final JsonNode rules = Deployment.YAML.readTree(file.toFile());
        for (final JsonNode group : rules.path("groups")) {
            if (group.has("interval")) {
                shorten((ObjectNode) group, "interval");
            }
            for (final JsonNode rule : group.path("rules")) {
                for (final String field : List.of("for", "keep_firing_for")) {
                    if (rule.has(field)) {
                        shorten((ObjectNode) rule, field);
                    }
                }
            }
        }
        Deployment.YAML.writeValue(file.toFile(), rules);
    }

    private static void shortenRoute(final ObjectNode route) {
        for (final String field : ROUTE_TIMINGS) {
            if (route.has(field)) {
                shorten(route, field);
            }
        }
        route.path("routes").forEach(child -> shortenRoute((ObjectNode) child));
    }

    private static void shorten(final ObjectNode node, final String field) {
        node.put(field, Timings.shorten(node.path(field).asText()));
    }

    private static void copyFolder(final Path from, final Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (final Path source : all.toList()) {
                final Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
