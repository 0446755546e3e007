package io.pacewatch.domain;

import java.util.regex.Pattern;

/**
 * Rules for the free text and codes carried by records. Codes are restricted so that they can be
 * keys, label values and URL segments without escaping; free text may be any language but may not
 * hide control or bidirectional-override characters (they make a source name lie about itself).
 */
final class TextRules {

    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}_.-]{1,64}");
    private static final int MAX_TEXT_LENGTH = 200;

    private TextRules() {
    }

    static String requireCode(final String field, final String value) {
        final String present = requirePresent(field, value);
        if (!CODE.matcher(present).matches()) {
            throw new InvalidInputException(RejectionReason.INVALID_TEXT, field + " " + SafeText.quote(present)
                    + " must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        return present;
    }

    static String requireText(final String field, final String value) {
        final String present = requirePresent(field, value);
        if (present.isBlank() || present.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException(RejectionReason.INVALID_TEXT,
                    field + " must be 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        if (present.codePoints().anyMatch(SafeText::isHidden)) {
            throw new InvalidInputException(RejectionReason.INVALID_TEXT, field + " " + SafeText.quote(present)
                    + " contains control or bidirectional-formatting characters");
        }
        return present;
    }

    static String requirePresent(final String field, final String value) {
        if (value == null) {
            throw new InvalidInputException(RejectionReason.MISSING_FIELD, field + " is required");
        }
        return value;
    }
}
