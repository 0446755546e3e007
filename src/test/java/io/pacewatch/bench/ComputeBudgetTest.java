package io.pacewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** What the ratio goal leaves for computing, and the public JSON work weighted per release. */
class ComputeBudgetTest {

    @Test
    void leavesTheGoalsTimePerReleaseLessTheFloorsTraffic() {
        // 25% of 100,000 records/s is 40 µs a release; a floor at 40,000/s spends 25 µs of it on traffic.
        assertThat(BenchReport.leftForComputing(100_000, 40_000)).isCloseTo(15.0, within(1e-9));
        // A floor slower than the goal's rate leaves less than nothing.
        assertThat(BenchReport.leftForComputing(100_000, 20_000)).isCloseTo(-10.0, within(1e-9));
    }

    @Test
    void weighsEachRecordKindByHowManyAReleaseWrites() {
        final ContractCodec.Cost cost = new ContractCodec.Cost(new ContractCodec.Work(10, 300, 3.0),
                new ContractCodec.Work(10, 1_200, 2.0), new ContractCodec.Work(10, 1_700, 4.0));
        assertThat(cost.perRelease(2.0, 0.25)).isCloseTo(3.0 + 2 * 2.0 + 0.25 * 4.0, within(1e-9));
    }
}
