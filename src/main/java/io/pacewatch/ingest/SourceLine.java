package io.pacewatch.ingest;

/** One physical line of an input file, numbered from 1, or the reason it cannot be read as text. */
sealed interface SourceLine permits SourceLine.Text, SourceLine.Unreadable {

    int number();

    /** {@code lineBreak} is what ended the line ({@code "\n"}, {@code "\r\n"}, or empty at the end of the file). */
    record Text(int number, String text, String lineBreak) implements SourceLine {
    }

    record Unreadable(int number, Problem problem) implements SourceLine {
    }

    enum Problem {
        NOT_UTF8("the line is not valid UTF-8 (a file saved as GBK or GB18030? save it as UTF-8)"),
        TOO_LONG("the line is longer than " + LineReader.MAX_LINE_BYTES + " bytes");

        private final String description;

        Problem(final String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }
}
