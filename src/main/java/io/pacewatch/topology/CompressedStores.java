package io.pacewatch.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * Zstandard in 16 KB blocks for every store's files. Kafka Streams leaves RocksDB uncompressed; the
 * progress view holds every progress record as the JSON on the topic (a series' latest standing and
 * each of its months), whose field names and shapes repeat from record to record. LZ4 in RocksDB's
 * default 4 KB blocks took the state directory to 7.5 KB per series in the benchmark; Zstandard over
 * blocks four times as large, which give it more repetition to find, to 3.4 KB, with no loss of
 * throughput measurable there (docs/benchmarks.md). The cost is CPU when files are flushed and
 * compacted, and a larger block read for each lookup that misses the block cache.
 */
public final class CompressedStores implements RocksDBConfigSetter {

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        options.setCompressionType(CompressionType.ZSTD_COMPRESSION);
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockSize(16 * 1024L);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // nothing was allocated
    }
}
