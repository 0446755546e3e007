package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScrapeGzipTest {

    @Test
    @DisplayName("a scrape gzipped at the fastest level reads back as the same text, much smaller")
    void roundTrip() throws Exception {
        final StringBuilder text = new StringBuilder();
        for (int r = 0; r < 2000; r++) {
            text.append("pacewatch_completion_ratio{indicator=\"SYN01\",region=\"r").append(r)
                    .append("\",year=\"2023\"} 0.").append(r % 97).append('\n');
        }
        final byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (OutputStream out = ScrapeGzip.around(wire)) {
            out.write(plain);
        }
        assertThat(wire.size()).isLessThan(plain.length / 5);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(wire.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
    }
}
