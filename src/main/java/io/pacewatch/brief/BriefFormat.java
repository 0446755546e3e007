package io.pacewatch.brief;

import io.pacewatch.domain.brief.Brief;
import io.pacewatch.wire.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The forms a brief is given in, with their media types and file extensions. */
public enum BriefFormat {
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    HTML("text/html; charset=utf-8", "html"),
    MD("text/markdown; charset=utf-8", "md"),
    /** The brief's model as JSON: what a program (the notifier) reads. */
    JSON("application/json; charset=utf-8", "json");

    private final String mediaType;
    private final String extension;

    BriefFormat(final String mediaType, final String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public byte[] render(final Brief brief) {
        return switch (this) {
            case XLSX -> XlsxBrief.render(brief);
            case HTML -> HtmlBrief.render(brief).getBytes(StandardCharsets.UTF_8);
            case MD -> MarkdownBrief.render(brief).getBytes(StandardCharsets.UTF_8);
            case JSON -> {
                try {
                    yield Json.MAPPER.writeValueAsBytes(brief);
                } catch (final JsonProcessingException e) {
                    throw new UncheckedIOException("cannot write the brief as JSON", e);
                }
            }
        };
    }

    /** The file name a download gets: brief-luohu-2023-06.xlsx. */
    public String fileName(final Brief brief) {
        return "brief-" + brief.region() + "-" + brief.year() + "-" + (brief.month() < 10 ? "0" : "") + brief.month()
                + "." + extension;
    }

    public static Optional<BriefFormat> parse(final String text) {
        return Arrays.stream(values()).filter(f -> f.extension.equals(text.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(BriefFormat::extension).collect(Collectors.joining("|"));
    }
}
