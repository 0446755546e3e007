package io.pacewatch.notify;

import io.pacewatch.domain.Alert;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a chat message speaks to its reader: times in the reader's zone ("7月12日 09:30", not an
 * ISO instant in UTC) and an absolute link to the series for people to open.
 *
 * <p>{@code publicUrl} means what {@code PACEWATCH_PUBLIC_URL} means for the whole stack: the
 * address people reach the host at, without port or path. The leaders' page is on {@code :8080} and
 * Grafana on {@code :3000} of it, as docker-compose.yml publishes them and as the Prometheus rules
 * build their links. Without it, messages carry no link: a guessed one would not open.
 */
public record ReaderView(ZoneId zone, URI publicUrl, LinkTo linkTo) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final ReaderView DEFAULT = new ReaderView(DEFAULT_ZONE, null, LinkTo.LEADERS_PAGE);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.ROOT);

    /** Where a message's link points. */
    public enum LinkTo {
        /** The leaders' page of the series' region and year. */
        LEADERS_PAGE,
        /** Grafana's indicator detail dashboard of the series. */
        GRAFANA,
        /** No link, even with a public URL. */
        NONE
    }

    public ReaderView {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(linkTo, "linkTo");
        if (publicUrl != null) {
            publicUrl = checked(publicUrl);
        }
    }

    /** The instant in the reader's zone, as a Chinese bulletin writes it: {@code 7月12日 09:30}. */
    String time(final Instant at) {
        return TIME.format(at.atZone(zone));
    }

    /** The page showing the alert's series, when a public URL is known and links are wanted. */
    Optional<URI> link(final Alert alert) {
        if (publicUrl == null || linkTo == LinkTo.NONE) {
            return Optional.empty();
        }
        final String region = encode(alert.region());
        return Optional.of(URI.create(switch (linkTo) {
            case LEADERS_PAGE -> publicUrl + ":8080/?region=" + region + "&year=" + alert.year();
            case GRAFANA -> publicUrl + ":3000/d/pacewatch-indicator?var-region=" + region + "&var-year=" + alert.year()
                    + "&var-indicator=" + encode(alert.indicator());
            case NONE -> throw new IllegalStateException("no link");
        }));
    }

    private static URI checked(final URI url) {
        final String text = url.toString().endsWith("/") ? url.toString().substring(0, url.toString().length() - 1)
                : url.toString();
        final URI trimmed = URI.create(text);
        if (!"http".equals(trimmed.getScheme()) && !"https".equals(trimmed.getScheme()) || trimmed.getHost() == null) {
            throw new IllegalArgumentException("the public URL must be an absolute http or https address, not " + url);
        }
        if (trimmed.getPort() != -1 || !trimmed.getRawPath().isEmpty() || trimmed.getRawQuery() != null
                || trimmed.getRawFragment() != null || trimmed.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the public URL is the host's address without port, path or query "
                    + "(e.g. https://pacewatch.example.gov.cn), as PACEWATCH_PUBLIC_URL is for the whole stack; not " + url);
        }
        return trimmed;
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
