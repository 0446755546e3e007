package io.pacewatch.domain;

/**
 * Makes text from a file, a topic or a request safe to echo in a message or on a terminal. Control characters (ESC starts a
 * terminal escape sequence), bidirectional overrides (they reorder what is displayed, so a region
 * name could appear to say something else) and other invisible formatting characters become
 * {@code \\uXXXX}; everything else, HTML included, is printed as written, since a terminal does not
 * interpret markup.
 */
public final class SafeText {

    /** Enough to recognise a value in an error message without flooding the terminal. */
    static final int MAX_QUOTED_CODE_POINTS = 80;

    private SafeText() {
    }

    public static String escape(final String text) {
        if (text == null) {
            return "null";
        }
        final StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> append(out, cp));
        return out.toString();
    }

    /** A value echoed inside a message: escaped, cut after {@value #MAX_QUOTED_CODE_POINTS} code points, quoted. */
    public static String quote(final String value) {
        return value == null ? "null" : "'" + excerpt(value) + "'";
    }

    /** Escaped and cut after {@value #MAX_QUOTED_CODE_POINTS} code points, with an ellipsis when cut. */
    public static String excerpt(final String value) {
        final StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_QUOTED_CODE_POINTS).forEach(cp -> append(out, cp));
        if (value.codePointCount(0, value.length()) > MAX_QUOTED_CODE_POINTS) {
            out.append('…');
        }
        return out.toString();
    }

    public static boolean isHidden(final int codePoint) {
        return switch (Character.getType(codePoint)) {
            // A surrogate here is unpaired (pairs arrive as one code point): not text, and it garbles output.
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    private static void append(final StringBuilder out, final int codePoint) {
        if (!isHidden(codePoint)) {
            out.appendCodePoint(codePoint);
        } else if (codePoint <= 0xFFFF) {
            out.append(String.format("\\u%04X", codePoint));
        } else {
            out.append(String.format("\\u{%X}", codePoint));
        }
    }
}
