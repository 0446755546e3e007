package io.pacewatch.hostile;

import java.util.Map;

/**
 * Corpus cases that showed a bug when the corpus was written, with the bug. They were fixed; they
 * stay out of the main runs and are exercised one by one by the {@code knownBugCases} and
 * {@code deadLetterMessagesOfKnownBugsAreEscaped} tests, which assert the correct behaviour.
 */
final class KnownBugs {

    private KnownBugs() {
    }

    private static final String UTF8 = "InputCodec hands the bytes to Jackson, whose UTF-8 decoder is lenient; the"
            + " stream accepts (or refuses for another reason) what publish's strict LineReader refuses as malformed_json";
    private static final String FAR_INSTANT = "ReleaseValidator accepts date-times with years beyond 9999 (the schema"
            + " allows four digits)";

    /** Through the topic ({@link HostileInputIT}). */
    static final Map<String, String> STREAM = Map.of(
            "negative-huge-exponent", "ReleaseValidator.amount spells the refused value out with toPlainString():"
                    + " 1e999999999 digits (about 30 s of CPU and a 1 GB message)",
            "overlong-utf8-slash", UTF8 + " (C0 AF is read as '/', the record is accepted)",
            "utf8-encoded-surrogate", UTF8 + " (invalid_text instead of malformed_json)",
            "utf8-beyond-u10ffff", UTF8 + " (invalid_text instead of malformed_json)",
            "utf16-encoded", UTF8 + " (UTF-16 is detected and accepted although the topic is UTF-8 JSON)",
            "published-at-year-999999999", FAR_INSTANT + "; it then counts as embargoed and the judge fails with"
                    + " ArithmeticException (toEpochMilli) on every later record of the series",
            "published-at-year-10000", FAR_INSTANT + "; the series then counts as embargoed until the year 10000",
            "embargo-year-999999999", FAR_INSTANT + "; the judge fails with ArithmeticException (toEpochMilli) on"
                    + " every later record of the series");

    /** Through {@code publish} ({@link HostilePublishTest}). */
    static final Map<String, String> PUBLISH = Map.of(
            "negative-huge-exponent", STREAM.get("negative-huge-exponent"),
            "published-at-year-999999999", FAR_INSTANT + "; alone in a file, publish then fails with"
                    + " 'java.lang.ArithmeticException: long overflow' and a stack trace, exit code 1",
            "published-at-year-10000", FAR_INSTANT,
            "embargo-year-999999999", FAR_INSTANT);

    /**
     * Correctly dead-lettered, but {@code __streams.errors.message} (and the WARN log line of
     * DeadLetterHandlers) echo the hostile value raw: IndicatorCatalogue.require, AmountUnit.parse,
     * ReferencePeriod and KeyCheck do not go through SafeText.
     */
    static final Map<String, String> UNESCAPED_MESSAGE = Map.of(
            "indicator-with-script-and-escape", "IndicatorCatalogue.require echoes the indicator raw",
            "unit-with-bidi-override", "AmountUnit.parse echoes the unit raw",
            "period-with-terminal-escape", "ReferencePeriod echoes the period raw",
            "key-with-terminal-escape", "KeyCheck.mismatch echoes the key raw");
}
