package io.pacewatch.wire;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** A topic's name with the serdes of its keys and values, so wiring cannot pair them wrongly. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde).withName(name + "-source");
    }

    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde).withName(name + "-sink");
    }

    public Produced<K, V> produced(final StreamPartitioner<? super K, ? super V> partitioner) {
        return Produced.with(keySerde, valueSerde, partitioner).withName(name + "-sink");
    }
}
