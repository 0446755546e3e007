package io.pacewatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pacewatch.brief.HtmlBrief;
import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefBuilder;
import io.pacewatch.domain.brief.BriefFixture;
import io.pacewatch.domain.brief.BriefSchedule;
import io.pacewatch.domain.brief.RowExtras;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brief's HTML printed by a real browser (Debian's headless Chromium, {@code --print-to-pdf}):
 * one page, A4 landscape, even with every optional column (rank, same-period share and gap) shown, the statuses
 * marked with their benchmark (a seasonal target, one judged on last year's share) and each benchmark footnoted.
 */
class BriefPrintIT {

    private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page[^s]");
    private static final Pattern MEDIA_BOX = Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*]");

    @TempDir
    Path dir;

    @Test
    @DisplayName("the brief prints on exactly one A4 landscape page")
    void onePageA4Landscape() throws Exception {
        assumeTrue(HeadlessChromium.available(), HeadlessChromium.BINARY + " is not installed");
        final RowExtras everything = new RowExtras() {
            @Override
            public Optional<PeerRank> peer(final Progress progress) {
                return Optional.of(new PeerRank("shenzhen", 3, 10, true));
            }

            @Override
            public Optional<BigDecimal> priorYearShare(final Progress progress) {
                return Optional.of(new BigDecimal("0.583333"));
            }

            @Override
            public Optional<BigDecimal> priorYearGapPp(final Progress progress) {
                return Optional.of(new BigDecimal("-11.25"));
            }

            @Override
            public boolean priorYearFallback(final Progress progress) {
                // the amount targets (the only ones that may ask for last year's pace) footnoted as well, but
                // for those judged on another benchmark with last year known: they cannot have fallen back
                return progress.targetKind() == TargetKind.AMOUNT && progress.linearTimeProgress() == null;
            }
        };
        final Brief brief = new BriefBuilder(BriefFixture.CATALOGUE, BriefSchedule.DEFAULT, everything)
                .build("luohu", "罗湖区", "Luohu District", 2023, null, BriefFixture.firstHalfJudgedOnLastYear());
        final Path html = dir.resolve("brief.html");
        Files.writeString(html, HtmlBrief.render(brief), StandardCharsets.UTF_8);
        final Path pdf = dir.resolve("brief.pdf");

        final Process chromium = new ProcessBuilder(HeadlessChromium.BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("profile"), "--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("Chromium printed within 90 s").isTrue();

        final String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(PAGE.matcher(text).results().count()).as("pages").isEqualTo(1);
        final Matcher box = MEDIA_BOX.matcher(text);
        assertThat(box.find()).isTrue();
        // A4 landscape is 297 × 210 mm = 841.9 × 595.3 points
        assertThat(Double.parseDouble(box.group(1))).isBetween(840.0, 843.0);
        assertThat(Double.parseDouble(box.group(2))).isBetween(594.0, 597.0);
    }
}
