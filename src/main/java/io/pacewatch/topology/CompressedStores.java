package io.pacewatch.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * LZ4 for every store's files. Kafka Streams leaves RocksDB uncompressed; the progress view holds
 * every progress record as the JSON on the topic (a series' latest standing and each of its months),
 * which compresses several times over, for a small cost in CPU when files are written and read.
 */
public final class CompressedStores implements RocksDBConfigSetter {

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // nothing was allocated
    }
}
