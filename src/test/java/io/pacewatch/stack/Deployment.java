package io.pacewatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's deployment as docker compose would start it: a service's environment (the image's
 * {@code ENV} settings of pacewatch, then the compose file's), its command, and its volumes. Read from
 * docker-compose.yml and the Dockerfile as they ship.
 */
final class Deployment {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Pattern ENV_SETTING = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");
    /** Compose's variable syntax: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $$. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{(\\w+)(?:(:?[-?])([^}]*))?}");

    private final Path root;
    private final JsonNode compose;

    private Deployment(final Path root) {
        this.root = root;
        try {
            this.compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read docker-compose.yml", e);
        }
    }

    /** The repository's deployment; Maven runs the tests in the repository's folder (as target/ says). */
    static Deployment ofRepository() {
        return new Deployment(Path.of("").toAbsolutePath());
    }

    Path file(final String relative) {
        return root.resolve(relative);
    }

    private JsonNode service(final String name) {
        final JsonNode service = compose.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return service;
    }

    /**
     * The environment the service's container gets: for a service built from the Dockerfile its
     * {@code PACEWATCH_*} {@code ENV} settings (the JVM options there are the test's business), then the
     * compose file's {@code environment}, which wins.
     */
    Map<String, String> environment(final String name) {
        final JsonNode service = service(name);
        final Map<String, String> environment = new LinkedHashMap<>();
        if (service.has("build")) {
            imageEnvironment().forEach((key, value) -> {
                if (key.startsWith("PACEWATCH_")) {
                    environment.put(key, value);
                }
            });
        }
        final JsonNode declared = service.path("environment");
        if (declared.isArray()) {
            declared.forEach(entry -> {
                final String[] pair = entry.asText().split("=", 2);
                environment.put(pair[0], interpolate(pair.length > 1 ? pair[1] : ""));
            });
        } else {
            declared.fields().forEachRemaining(e -> environment.put(e.getKey(), interpolate(e.getValue().asText())));
        }
        return environment;
    }

    /**
     * A value with compose's variables replaced as {@code docker compose up} does where none is set (the
     * test must not depend on the machine's): a default where the file gives one, else empty; a
     * required variable ({@code ?}) fails.
     */
    static String interpolate(final String value) {
        return VARIABLE.matcher(value).replaceAll(variable -> {
            if (variable.group().equals("$$")) {
                return "\\$";
            }
            final String operator = variable.group(2);
            if (operator != null && operator.endsWith("?")) {
                throw new AssertionError("the compose file requires ${" + variable.group(1) + "}: " + variable.group(3));
            }
            return Matcher.quoteReplacement(operator == null ? "" : variable.group(3));
        });
    }

    /** The service's {@code command}, one argument an item. */
    List<String> command(final String name) {
        final List<String> command = new ArrayList<>();
        service(name).path("command").forEach(arg -> command.add(interpolate(arg.asText())));
        return command;
    }

    /** The service's volumes: container path to source (a named volume, or a folder of the repository). */
    private Map<String, String> volumes(final String name) {
        final Map<String, String> volumes = new LinkedHashMap<>();
        service(name).path("volumes").forEach(volume -> {
            final String[] parts = volume.asText().split(":");
            volumes.put(parts[1], parts[0]);
        });
        return volumes;
    }

    /**
     * Where the service's volumes are on this machine, container path to host folder: a named volume is a
     * folder of that name under {@code volumesDir}; a folder of the repository ({@code ./prometheus}) is
     * mounted from the test's copy of it in {@code copies}, by its compose source.
     */
    Map<String, Path> mounts(final String name, final Path volumesDir, final Map<String, Path> copies) {
        final Map<String, Path> mounts = new LinkedHashMap<>();
        volumes(name).forEach((inside, source) -> {
            if (source.startsWith(".")) {
                final Path copy = copies.get(source);
                if (copy == null) {
                    throw new AssertionError(name + " mounts " + source + ", of which the stack test has no copy");
                }
                mounts.put(inside, copy);
            } else {
                mounts.put(inside, volumesDir.resolve(source));
            }
        });
        return mounts;
    }

    /**
     * {@code value} (an absolute path, or an option {@code --name=/path}) as a path on this machine: under
     * one of {@code mounts} it is in the mounted folder, elsewhere it is in the container's own file system,
     * here the folder {@code containerRoot}. Anything else is kept.
     */
    static String onHost(final String value, final Map<String, Path> mounts, final Path containerRoot) {
        final int equals = value.startsWith("--") ? value.indexOf('=') : -1;
        final String path = value.substring(equals + 1);
        if (!path.startsWith("/")) {
            return value;
        }
        for (final Map.Entry<String, Path> mount : mounts.entrySet()) {
            final String inside = mount.getKey();
            if (path.equals(inside) || path.startsWith(inside + "/")) {
                return value.substring(0, equals + 1) + mount.getValue() + path.substring(inside.length());
            }
        }
        return value.substring(0, equals + 1) + containerRoot + path;
    }

    /** The Dockerfile's {@code ENV} settings (of every stage; the runtime stage is the only one with any). */
    private Map<String, String> imageEnvironment() {
        final String dockerfile;
        try {
            dockerfile = Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the Dockerfile", e);
        }
        final Map<String, String> environment = new LinkedHashMap<>();
        for (final String instruction : dockerfile.replace("\\\n", " ").split("\n")) {
            if (instruction.startsWith("ENV ")) {
                final Matcher setting = ENV_SETTING.matcher(instruction.substring(4));
                while (setting.find()) {
                    environment.put(setting.group(1), setting.group(2).replaceAll("^\"|\"$", ""));
                }
            }
        }
        return environment;
    }
}
