package io.pacewatch.cli;

import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's feed, cut into the batches a bureau would publish each month. Lines stay exactly as
 * written (they are sent through the real {@code publish} command, which validates them); only the
 * publication month is read to group them.
 */
final class IllustrativeFeed {

    static final String BUNDLED_FEED = "/demo/illustrative-2023.jsonl";
    static final String BUNDLED_TARGETS = "/targets/luohu-2023.jsonl";
    /** Last year's budget revenue: the same-period benchmark the 2023 figures are shown against. */
    static final String BUNDLED_PRIOR_YEAR = "/demo/illustrative-2022.jsonl";
    /** The invented targets of the feed's invented sibling districts: demo data, kept apart from the seed's real targets. */
    static final String SIBLING_TARGETS = "/demo/illustrative-siblings-targets-2023.jsonl";

    private IllustrativeFeed() {
    }

    /** Publication month → the JSON lines published in it, in order. */
    static Map<YearMonth, List<String>> monthlyBatches(final List<String> lines) {
        final Map<YearMonth, List<String>> batches = new TreeMap<>();
        for (final String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                final ReleaseDraft draft = Json.MAPPER.readValue(line, ReleaseDraft.class);
                final YearMonth month = YearMonth.from(OffsetDateTime.parse(draft.publishedAt()));
                batches.computeIfAbsent(month, m -> new ArrayList<>()).add(line);
            } catch (final IOException | RuntimeException e) {
                throw new IllegalArgumentException("the demo feed has a line that cannot be dated: " + line, e);
            }
        }
        return batches;
    }

    static List<String> lines(final Path file) {
        try {
            return file == null ? bundled(BUNDLED_FEED) : Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the demo feed " + file, e);
        }
    }

    static List<String> bundled(final String resource) throws IOException {
        try (InputStream in = IllustrativeFeed.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The publish tools read files, so bundled data and monthly batches are written to a scratch folder. */
    static Path write(final Path folder, final String name, final List<String> lines) {
        try {
            return Files.write(folder.resolve(name), lines, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + name + " to " + folder, e);
        }
    }
}
