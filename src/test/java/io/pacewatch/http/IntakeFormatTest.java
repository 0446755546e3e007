package io.pacewatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.cli.publish.InputFormat;
import org.junit.jupiter.api.Test;

class IntakeFormatTest {

    @Test
    void theFormatIsTheMediaType() {
        assertThat(Intake.format("application/json")).isEqualTo(InputFormat.JSON);
        assertThat(Intake.format("Application/JSON; charset=UTF-8")).isEqualTo(InputFormat.JSON);
        assertThat(Intake.format("application/x-ndjson")).isEqualTo(InputFormat.JSONL);
        assertThat(Intake.format("application/jsonl")).isEqualTo(InputFormat.JSONL);
        assertThat(Intake.format("text/csv; charset=\"utf-8\"")).isEqualTo(InputFormat.CSV);
        assertThat(Intake.format(Intake.XLSX)).isEqualTo(InputFormat.XLSX);
    }

    @Test
    void anythingElseIs415() {
        assertThatThrownBy(() -> Intake.format(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> Intake.format("application/vnd.ms-excel")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> Intake.format("text/csv; charset=GBK")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("UTF-8"));
    }
}
