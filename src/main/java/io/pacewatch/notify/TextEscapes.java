package io.pacewatch.notify;

import io.pacewatch.domain.SafeText;

/**
 * Makes text from the data (region names, indicator names, the alert lines) inert in each message
 * format, so that a name can neither format nor mention nor link anything.
 *
 * <p>WeCom and DingTalk robots render a Markdown dialect and neither documents a backslash escape;
 * WeCom also reads {@code <font …>} and {@code <@userid>} (a mention). So the characters that mean
 * something there (emphasis, code, tags, headings, tables, entities, a {@code ]} that would close a
 * link, list markers at the start) are replaced by their full-width forms, which look the same to a
 * reader and mean nothing to the renderer. Line breaks and other hidden characters become
 * {@code \\uXXXX} ({@link SafeText}), so data can never start a line of its own (headings, quotes).
 * Slack documents its escaping: {@code & < >} as HTML entities, which is what stops
 * {@code <!channel>} and {@code <https://…|links>}; everything else from the data goes into
 * {@code plain_text} objects, which Slack never formats.
 */
final class TextEscapes {

    private TextEscapes() {
    }

    /** For WeCom and DingTalk Markdown. */
    static String markdown(final String text) {
        if (text == null) {
            return "";
        }
        final String data = text.stripLeading();
        final StringBuilder out = new StringBuilder(data.length());
        final int[] cps = data.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            final int cp = cps[i];
            final int next = i + 1 < cps.length ? cps[i + 1] : -1;
            out.appendCodePoint(switch (cp) {
                case '\\' -> '＼';
                case '*' -> '＊';
                case '_' -> '＿';
                case '`' -> '｀';
                case '<' -> '＜';
                case '>' -> '＞';
                case '~' -> '～';
                case '#' -> '＃';
                case '|' -> '｜';
                case '&' -> '＆';
                // A link or image needs "](" (or "][" for a reference): "[WARNING]" may stay as written.
                case ']' -> next == '(' || next == '[' ? '］' : ']';
                // At the start of a line: list items and setext underlines.
                case '-', '+', '=' -> i == 0 ? fullWidth(cp) : cp;
                // "1." or "1)" at the start of a line is an ordered list.
                case '.', ')' -> leadingDigits(cps, i) ? fullWidth(cp) : cp;
                default -> cp;
            });
        }
        // Afterwards, so that the \\uXXXX of a hidden character keeps its plain backslash.
        return SafeText.escape(out.toString());
    }

    private static int fullWidth(final int ascii) {
        return ascii - 0x21 + 0xFF01;
    }

    private static boolean leadingDigits(final int[] cps, final int end) {
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (cps[i] < '0' || cps[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** Inside a Markdown code span: only a backtick could end it. */
    static String code(final String text) {
        return text == null ? "" : SafeText.escape(text).replace('`', '｀');
    }

    /** For Slack {@code mrkdwn} text (the top-level {@code text}): Slack's three control characters. */
    static String slack(final String text) {
        if (text == null) {
            return "";
        }
        return SafeText.escape(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** For plain-text fields (Slack {@code plain_text}, DingTalk's title): only hidden characters. */
    static String plain(final String text) {
        return text == null ? "" : SafeText.escape(text);
    }

    /** Cut to at most {@code maxCodePoints}, with an ellipsis when cut. */
    static String cut(final String text, final int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.max(0, maxCodePoints - 1))) + "…";
    }

    /** Cut so that the UTF-8 encoding takes at most {@code maxBytes}, with an ellipsis when cut. */
    static String cutBytes(final String text, final int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        final StringBuilder out = new StringBuilder();
        int used = 3; // the ellipsis
        for (int i = 0; i < text.length(); ) {
            final int cp = text.codePointAt(i);
            final int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + size > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    static int utf8Length(final String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            final int cp = text.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return bytes;
    }
}
