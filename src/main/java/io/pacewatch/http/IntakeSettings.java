package io.pacewatch.http;

import java.nio.file.Path;

/**
 * The HTTP intake's configuration: the token file that enables it ({@code null}: the intake is off and
 * {@code POST} is refused as before) and the largest request body it reads.
 */
public record IntakeSettings(Path tokens, long maxBodyBytes) {

    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    public static final IntakeSettings OFF = new IntakeSettings(null, DEFAULT_MAX_BODY_BYTES);

    public IntakeSettings {
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the intake's largest body must be 1 byte to 2 GiB: " + maxBodyBytes);
        }
    }

    public boolean enabled() {
        return tokens != null;
    }
}
