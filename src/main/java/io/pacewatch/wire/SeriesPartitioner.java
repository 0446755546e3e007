package io.pacewatch.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts every progress record of a series (the latest standing, key {@code region|indicator|year},
 * and each month's, key {@code region|indicator|year|period}) on the partition of the series key,
 * so one instance holds a series' whole pace curve and a key lookup can be routed to it.
 */
public final class SeriesPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(final String topic, final String key, final V value,
                                             final int numPartitions) {
        return Optional.of(Set.of(partitionOf(key, numPartitions)));
    }

    /** The default partitioner's murmur2 over the series part of the key. */
    static int partitionOf(final String key, final int numPartitions) {
        final byte[] series = seriesPart(key).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(series)) % numPartitions;
    }

    /** {@code region|indicator|year}: the key up to its third separator. */
    public static String seriesPart(final String key) {
        int separators = 0;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '|' && ++separators == 3) {
                return key.substring(0, i);
            }
        }
        return key;
    }

    /** True for the key of a series' latest standing, false for one month's record. */
    public static boolean isLatestKey(final String key) {
        return seriesPart(key).length() == key.length();
    }
}
