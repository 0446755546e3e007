package io.pacewatch.domain.brief;

import java.time.Instant;
import java.util.List;

/**
 * The monthly brief (主要经济指标完成情况) of one region and year as of one month: the table's rows in
 * catalogue order, the headline, and the footnotes that say what the data are as of.
 *
 * @param complete every row has its figures for the month in (the brief may go out early)
 * @param cutoff   when this brief goes out at the latest, per its {@link BriefSchedule}
 */
public record Brief(
        String region,
        String regionNameZh,
        String regionNameEn,
        int year,
        int month,
        String periodLabelZh,
        String periodLabelEn,
        Instant cutoff,
        Instant previousCutoff,
        List<BriefRow> rows,
        Headline headline,
        List<String> footnotesZh,
        List<String> footnotesEn,
        boolean complete) {

    public Brief {
        rows = List.copyOf(rows);
        footnotesZh = List.copyOf(footnotesZh);
        footnotesEn = List.copyOf(footnotesEn);
    }

    public String titleZh() {
        return regionNameZh + year + "年" + periodLabelZh + "主要经济指标完成情况";
    }

    public String titleEn() {
        return regionNameEn + ": main economic indicators, " + periodLabelEn;
    }

    public List<BriefRow> overdueRows() {
        return rows.stream().filter(BriefRow::overdue).toList();
    }

    public List<BriefRow> revisedRows() {
        return rows.stream().filter(r -> !r.revised().isEmpty()).toList();
    }
}
