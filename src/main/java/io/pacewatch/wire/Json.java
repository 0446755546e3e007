package io.pacewatch.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The one JSON dialect pacewatch speaks. Strict on input (no coercion of "60" into 60, no duplicate
 * or unknown fields, bounded nesting and number length) because a lenient reader silently turns a
 * bureau's typo into a figure; plain decimals and ISO-8601 instants on output.
 * <p>
 * The only place pacewatch configures Jackson: {@link #MAPPER} is the public dialect, {@link #INTERNAL}
 * and {@link #SMILE} are derived from the same data model for what only pacewatch reads. Serdes over
 * these mappers come from {@link WireSerdes}.
 */
public final class Json {

    /** Nesting a release or target never needs; deeper is an attack or a bug. */
    static final int MAX_NESTING_DEPTH = 16;
    static final int MAX_NUMBER_LENGTH = 64;

    public static final ObjectMapper MAPPER = build();
    /**
     * The same dialect with instants as epoch seconds and nanos ({@code 1686879000.000000000}) for
     * state and repartition topics: parsing ISO-8601 text was a tenth of the stream thread's time in
     * the benchmark. It reads the ISO form too, so state written before the change still loads.
     */
    public static final ObjectMapper INTERNAL = MAPPER.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The public dialect leaving absent optional fields out, as a bureau's own tools may (the benchmark's feed). */
    public static final ObjectMapper OMITTING_NULLS = MAPPER.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * {@link #INTERNAL}'s data model over Smile, Jackson's binary JSON, for state stores and repartition
     * topics: repeated names and short strings written once per value. It leaves out the JSON text
     * parser's guards (duplicates, trailing tokens, coercion), which only matter for what others write.
     */
    static final ObjectMapper SMILE = dataModel(SmileMapper.builder(
                    SmileFactory.builder().enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build()))
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    /**
     * The public dialect for a reader of pacewatch's own output that a newer pacewatch may have extended:
     * unknown fields are skipped and unknown enum constants read as null, instead of failing.
     */
    public static ObjectReader tolerantReaderFor(final Class<?> type) {
        return MAPPER.readerFor(type)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    }

    private static ObjectMapper build() {
        final JsonMapper mapper = dataModel(JsonMapper.builder())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        return mapper;
    }

    /** What every pacewatch mapper shares, JSON or Smile: the records' shape, decimals, instants. */
    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B dataModel(final B builder) {
        return builder.addModule(new JavaTimeModule())
                .addModule(new BlackbirdModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }
}
