package io.pacewatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Digests of the backfill's outputs recorded from the pipeline as it was before issue #11's changes
 * (commit fdb6729 with the bench's digest added), one per load: the bench's golden check compares a
 * run with the digest of the same load. A load with no recorded digest is reported as such, with its digest,
 * so that it can be recorded from a build one trusts.
 */
final class GoldenReference {

    private static final String RESOURCE = "golden-digests.properties";

    private GoldenReference() {
    }

    /** Everything the digest depends on: the load, and the partition count (dead letters name their partition). */
    static String loadId(final SyntheticLoad.Shape shape, final int partitions) {
        final SyntheticLoad.Disorder d = shape.disorder();
        return String.format(Locale.ROOT, "r%d.i%d.y%d.from%d.rev%s.bad%s.seed%d.ooo%s.late%s.tc%s.kl%s.p%d",
                shape.regions(), shape.indicators(), shape.years(), shape.firstYear(), shape.revisionRate(),
                shape.badRate(), shape.seed(), d.outOfOrderRate(), d.lateCopyRate(), d.targetChangeRate(),
                d.keylessRate(), partitions);
    }

    static Optional<String> recorded(final String loadId) {
        final Properties digests = new Properties();
        try (InputStream in = GoldenReference.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                digests.load(in);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(digests.getProperty(loadId));
    }
}
