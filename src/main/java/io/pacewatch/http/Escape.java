package io.pacewatch.http;

/** Echoes caller-supplied text in error messages without letting it carry markup or control characters. */
final class Escape {

    private static final int MAX_ECHO = 80;

    private Escape() {
    }

    static String text(final String value) {
        final StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_ECHO).forEach(cp -> {
            final int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || cp == '<' || cp == '>' || cp == '&'
                    || cp == '"' || cp == '\'') {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return value.length() > MAX_ECHO ? out + "…" : out.toString();
    }
}
