package io.pacewatch.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ranking of the regions sharing a parent, for one indicator and one month, as bureaus publish
 * it: best first by the group's {@link RankBasis}; equal figures share a rank (并列) and the next rank
 * skips as many places (1, 2, 2, 4); regions without the figure are listed last and not ranked.
 * Only regions the catalogue puts under the parent take part: a region moved elsewhere drops out.
 *
 * @param entries ranked regions best first, then the unranked ones in catalogue order
 * @param ranked  how many regions are ranked: the "of N" of every rank
 */
public record PeerRanking(String parent, String indicator, int year, int month, String period, RankBasis basis,
                          int ranked, List<Entry> entries) {

    /** One region's line; {@code rank} and {@code value} are null for a region without the figure. */
    public record Entry(String region, String regionNameZh, String regionNameEn, Integer rank, boolean tied,
                        BigDecimal value, PaceStatus status) {

        @JsonIgnore
        public boolean isRanked() {
            return rank != null;
        }
    }

    public enum Order {
        /** Rank 1 first, as bureaus list. */
        BEST_FIRST,
        /** The weakest ranked region first, as a leader scanning for trouble reads; unranked still last. */
        WORST_FIRST
    }

    public PeerRanking {
        entries = List.copyOf(entries);
    }

    /**
     * @param standings the standings held for the group this month, by region; those of regions the
     *                  catalogue no longer puts under {@code parent} are ignored
     */
    public static PeerRanking rank(final RegionCatalogue regions, final String parent, final String indicator,
                                   final int year, final int month, final Map<String, PeerStanding> standings) {
        final Set<String> members = new LinkedHashSet<>();
        regions.childrenOf(parent).forEach(r -> members.add(r.code()));
        final List<PeerStanding> present = standings.values().stream()
                .filter(s -> members.contains(s.region()))
                .toList();
        final RankBasis basis = RankBasis.of(present);
        final List<PeerStanding> withFigure = present.stream()
                .filter(s -> basis.figureOf(s) != null)
                .sorted(Comparator.comparing((PeerStanding s) -> basis.figureOf(s), Comparator.reverseOrder())
                        .thenComparing(PeerStanding::region))
                .toList();

        final Map<BigDecimal, Long> sharing = withFigure.stream()
                .collect(Collectors.groupingBy(s -> basis.figureOf(s).stripTrailingZeros(), Collectors.counting()));
        final List<Entry> entries = new ArrayList<>();
        final Set<String> listed = new LinkedHashSet<>();
        for (int i = 0; i < withFigure.size(); i++) {
            final PeerStanding s = withFigure.get(i);
            final BigDecimal value = basis.figureOf(s);
            // Competition ranking: a region's rank is one more than the number of regions strictly ahead.
            final int rank = i > 0 && basis.figureOf(withFigure.get(i - 1)).compareTo(value) == 0
                    ? entries.get(i - 1).rank() : i + 1;
            entries.add(entry(regions, s.region(), rank, sharing.get(value.stripTrailingZeros()) > 1, value, s.status()));
            listed.add(s.region());
        }
        final Map<String, PeerStanding> byRegion = present.stream()
                .collect(Collectors.toMap(PeerStanding::region, Function.identity()));
        for (final String member : members) {
            if (!listed.contains(member)) {
                final PeerStanding standing = byRegion.get(member);
                entries.add(entry(regions, member, null, false, null, standing == null ? PaceStatus.NO_DATA : standing.status()));
            }
        }
        return new PeerRanking(parent, indicator, year, month, ReferencePeriod.cumulativeThrough(year, month).code(),
                basis, withFigure.size(), entries);
    }

    private static Entry entry(final RegionCatalogue regions, final String region, final Integer rank, final boolean tied,
                               final BigDecimal value, final PaceStatus status) {
        return new Entry(region, regions.nameZh(region), regions.nameEn(region), rank, tied, value, status);
    }

    /** The entries in the order asked for; unranked regions come last either way. */
    public List<Entry> inOrder(final Order order) {
        if (order == Order.BEST_FIRST) {
            return entries;
        }
        final List<Entry> worstFirst = new ArrayList<>(entries.subList(0, ranked));
        java.util.Collections.reverse(worstFirst);
        worstFirst.addAll(entries.subList(ranked, entries.size()));
        return List.copyOf(worstFirst);
    }

    /** The same ranking with its entries in {@code order}: what the API answers. */
    public PeerRanking ordered(final Order order) {
        return new PeerRanking(parent, indicator, year, month, period, basis, ranked, inOrder(order));
    }

    /** The region's rank in this group, if it is ranked. */
    public Optional<PeerRank> rankOf(final String region) {
        return entries.stream()
                .filter(e -> e.region().equals(region) && e.isRanked())
                .findFirst()
                .map(e -> new PeerRank(parent, e.rank(), ranked, e.tied()));
    }

    /** Every ranked region's rank, by region. */
    public Map<String, PeerRank> ranks() {
        final Map<String, PeerRank> ranks = new java.util.LinkedHashMap<>();
        entries.stream().filter(Entry::isRanked)
                .forEach(e -> ranks.put(e.region(), new PeerRank(parent, e.rank(), ranked, e.tied())));
        return ranks;
    }
}
