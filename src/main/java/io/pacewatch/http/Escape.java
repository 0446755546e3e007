package io.pacewatch.http;

import io.pacewatch.domain.SafeText;

/**
 * Echoes caller-supplied text in JSON error messages: hidden characters escaped as everywhere
 * (SafeText), and markup characters too, since an error body may end up inside a web page.
 */
final class Escape {

    private Escape() {
    }

    static String text(final String value) {
        return markup(SafeText.excerpt(value));
    }

    /** Without shortening: for text the caller needs whole, such as why a row of theirs was refused. */
    static String whole(final String value) {
        return markup(SafeText.escape(value));
    }

    private static String markup(final String value) {
        final StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (cp == '<' || cp == '>' || cp == '&' || cp == '"' || cp == '\'') {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
