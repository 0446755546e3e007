package io.pacewatch.app;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** One March 2023 retail-sales release for each of {@code count} regions named {@code <prefix>-<i>}, spread over partitions. */
final class RetailReleases {

    private RetailReleases() {
    }

    static List<KeyValue<String, String>> forRegions(final String prefix, final int count) {
        final List<KeyValue<String, String>> releases = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            final String region = prefix + "-" + r;
            releases.add(KeyValue.pair(region + "|RETAIL_SALES|2023", "{\"region\":\"" + region
                    + "\",\"indicator\":\"RETAIL_SALES\",\"period\":\"2023-03\",\"growthPercent\":" + (3 + r * 0.25)
                    + ",\"publishedAt\":\"2023-04-15T09:00:00+08:00\",\"source\":\"bureau\"}"));
        }
        return releases;
    }
}
