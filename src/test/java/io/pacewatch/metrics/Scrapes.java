package io.pacewatch.metrics;

import java.util.Optional;

/** Reading samples out of a /metrics text scrape in the metrics tests. */
final class Scrapes {

    private Scrapes() {
    }

    /** The sample of the gauge for the luohu 2023 series of the indicator, if it has one. */
    static Optional<Double> value(final String scrape, final String gauge, final String indicator) {
        return scrape.lines()
                .filter(l -> l.startsWith(gauge + "{") && l.contains("indicator=\"" + indicator + "\"")
                        && l.contains("region=\"luohu\"") && l.contains("year=\"2023\""))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce((a, b) -> {
                    throw new AssertionError(gauge + " has two samples for " + indicator);
                });
    }
}
