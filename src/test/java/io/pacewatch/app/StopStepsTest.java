package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StopStepsTest {

    @Test
    @DisplayName("a step that throws does not keep the later steps, the last of which releases awaitStop, from running")
    void everyStepRunsAfterAFailure() {
        // given
        final List<String> ran = new ArrayList<>();
        final IllegalStateException jettyFailed = new IllegalStateException("Jetty did not stop");

        // when
        final List<RuntimeException> failures = StopSteps.run(
                new StopSteps.Step("HTTP", () -> {
                    ran.add("HTTP");
                    throw jettyFailed;
                }),
                new StopSteps.Step("Kafka Streams", () -> ran.add("Kafka Streams")),
                new StopSteps.Step("release awaitStop", () -> ran.add("release awaitStop")));

        // then
        assertThat(ran).containsExactly("HTTP", "Kafka Streams", "release awaitStop");
        assertThat(failures).containsExactly(jettyFailed);
    }
}
