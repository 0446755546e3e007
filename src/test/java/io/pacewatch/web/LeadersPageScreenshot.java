package io.pacewatch.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Takes the screenshot kept in {@code docs/leaders-page.png}: run {@code ./pacewatch demo}, wait for
 * the end of the feed, then
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.pacewatch.web.LeadersPageScreenshot \
 *     http://localhost:8080/ docs/leaders-page.png 1920x1080 dark
 * </pre>
 */
public final class LeadersPageScreenshot {

    private LeadersPageScreenshot() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LeadersPageScreenshot URL OUT.png [WIDTHxHEIGHT] [dark|light]");
            System.exit(2);
        }
        final String[] size = (args.length > 2 ? args[2] : "1920x1080").split("x");
        final int width = Integer.parseInt(size[0]);
        final int height = Integer.parseInt(size[1]);
        try (HeadlessChromium chromium = HeadlessChromium.launch(Duration.ofSeconds(30))) {
            final HeadlessChromium.Tab tab = chromium.newTab(width, height);
            tab.prefersColorScheme(args.length > 3 ? args[3] : "dark");
            tab.navigate(args[0], Duration.ofSeconds(20));
            tab.waitFor("document.querySelectorAll('.card .pace').length > 0 && !document.body.classList.contains('stale')",
                    v -> v.asBoolean(), Duration.ofSeconds(30), "the indicators to show");
            Thread.sleep(500);
            final byte[] png = tab.screenshot();
            final Path out = Path.of(args[1]);
            Files.write(out, png);
            System.out.println(out + ": " + png.length + " bytes; page problems: " + chromium.problems());
        }
    }
}
