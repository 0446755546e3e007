package io.pacewatch.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * How a scrape is compressed for a scraper that accepts gzip (Prometheus does): at the fastest level.
 * At national size the text is tens of megabytes of highly repetitive lines; the default level took
 * about as long as writing the text itself, while the fastest still leaves the answer a small fraction
 * of the size goal (docs/benchmarks.md, read side).
 */
public final class ScrapeGzip {

    private ScrapeGzip() {
    }

    public static OutputStream around(final OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }
}
