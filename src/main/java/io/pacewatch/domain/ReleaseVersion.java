package io.pacewatch.domain;

import java.time.Instant;

/** Which published version of a figure an assessment used, so a reader can trace every number. */
public record ReleaseVersion(String period, Basis basis, Instant publishedAt, int revision, String source) {
}
