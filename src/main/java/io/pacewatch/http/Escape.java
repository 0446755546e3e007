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
        final StringBuilder out = new StringBuilder();
        SafeText.excerpt(value).codePoints().forEach(cp -> {
            if (cp == '<' || cp == '>' || cp == '&' || cp == '"' || cp == '\'') {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
