package io.pacewatch.ingest;

/** A validated record and the 1-based line of the file it was read from. */
public record Numbered<T>(int line, T value) {
}
