package io.pacewatch.wire;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.ReleaseValidator;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.TargetDraft;
import io.pacewatch.domain.TargetValidator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads release and target messages: bytes → draft → validated domain record. Every failure becomes
 * an {@link InvalidInputException} with a reason a publisher can act on; the stream's serdes and the
 * {@code publish} command both go through here, so they accept and refuse exactly the same records.
 */
public final class InputCodec {

    /** Far above any real release (a few hundred bytes); the broker's own limit is 1 MiB. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private static final ObjectReader RELEASE_READER = Json.MAPPER.readerFor(ReleaseDraft.class);
    private static final ObjectReader TARGET_READER = Json.MAPPER.readerFor(TargetDraft.class);

    private final ReleaseValidator releaseValidator;
    private final TargetValidator targetValidator;

    public InputCodec(final IndicatorCatalogue catalogue) {
        this.releaseValidator = new ReleaseValidator(catalogue);
        this.targetValidator = new TargetValidator(catalogue);
    }

    public Release release(final byte[] json) {
        return releaseValidator.validate(releaseDraft(json));
    }

    public Target target(final byte[] json) {
        return targetValidator.validate(targetDraft(json));
    }

    /** The message read strictly but not yet validated, for a caller that completes it first (the HTTP intake's source). */
    public ReleaseDraft releaseDraft(final byte[] json) {
        return read(RELEASE_READER, json, ReleaseDraft.class);
    }

    public TargetDraft targetDraft(final byte[] json) {
        return read(TARGET_READER, json, TargetDraft.class);
    }

    public Release release(final ReleaseDraft draft) {
        return releaseValidator.validate(draft);
    }

    public Target target(final TargetDraft draft) {
        return targetValidator.validate(draft);
    }

    private static <T> T read(final ObjectReader reader, final byte[] json, final Class<T> type) {
        if (json == null || json.length == 0) {
            throw new InvalidInputException(RejectionReason.MALFORMED_JSON, "the message is empty");
        }
        if (json.length > MAX_MESSAGE_BYTES) {
            throw new InvalidInputException(RejectionReason.OVERSIZE,
                    "the message is " + json.length + " bytes; at most " + MAX_MESSAGE_BYTES + " are accepted");
        }
        try {
            final T draft = reader.readValue(strictUtf8(json));
            if (draft == null) {
                throw new InvalidInputException(RejectionReason.MALFORMED_JSON, "the message is JSON null");
            }
            return draft;
        } catch (final IOException e) {
            throw classify(e, type);
        }
    }

    /**
     * The topics carry UTF-8 JSON. Jackson's own decoder is lenient (overlong forms, surrogates,
     * UTF-16 detection), so the bytes are decoded strictly first, as {@code publish} reads files.
     */
    private static String strictUtf8(final byte[] json) {
        try {
            final String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (final CharacterCodingException e) {
            throw new InvalidInputException(RejectionReason.MALFORMED_JSON, "the message is not valid UTF-8", e);
        }
    }

    /** Maps Jackson's many exceptions onto the few reasons a publisher needs to tell apart. */
    static InvalidInputException classify(final IOException e, final Class<?> type) {
        final String message = firstLine(e instanceof com.fasterxml.jackson.core.JacksonException je
                ? je.getOriginalMessage() : e.getMessage());
        final Function<RejectionReason, InvalidInputException> as = r -> new InvalidInputException(r, message, e);
        if (e instanceof StreamConstraintsException) {
            return as.apply(RejectionReason.OVERSIZE);
        }
        if (e instanceof JsonParseException) {
            if (message.contains("'NaN'") || message.contains("Infinity")) {
                return new InvalidInputException(RejectionReason.NOT_A_NUMBER,
                        "NaN and Infinity are not figures: " + message, e);
            }
            if (message.contains("Duplicate field")) {
                return as.apply(RejectionReason.DUPLICATE_FIELD);
            }
            return as.apply(RejectionReason.MALFORMED_JSON);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new InvalidInputException(RejectionReason.UNKNOWN_FIELD, "field '" + unknown.getPropertyName()
                    + "' is not part of a " + type.getSimpleName().replace("Draft", "").toLowerCase() + " message", e);
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidInputException invalid) {
            return invalid;
        }
        if (message.startsWith("Trailing token")) {
            return new InvalidInputException(RejectionReason.MALFORMED_JSON,
                    "one message holds exactly one JSON object: " + message, e);
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            final String path = ((MismatchedInputException) e).getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("message");
            if (message.contains("No content") || message.contains("end-of-input")) {
                return new InvalidInputException(RejectionReason.MALFORMED_JSON, "the message is truncated: " + message, e);
            }
            return new InvalidInputException(RejectionReason.WRONG_TYPE, path + " has the wrong type: " + message, e);
        }
        return as.apply(RejectionReason.MALFORMED_JSON);
    }

    private static String firstLine(final String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
