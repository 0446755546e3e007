package io.pacewatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.ingest.InputFormat;
import org.junit.jupiter.api.Test;

class IntakeMediaTypesTest {

    @Test
    void theFormatIsTheMediaType() {
        assertThat(IntakeMediaTypes.format("application/json")).isEqualTo(InputFormat.JSON);
        assertThat(IntakeMediaTypes.format("Application/JSON; charset=UTF-8")).isEqualTo(InputFormat.JSON);
        assertThat(IntakeMediaTypes.format("application/x-ndjson")).isEqualTo(InputFormat.JSONL);
        assertThat(IntakeMediaTypes.format("application/jsonl")).isEqualTo(InputFormat.JSONL);
        assertThat(IntakeMediaTypes.format("text/csv; charset=\"utf-8\"")).isEqualTo(InputFormat.CSV);
        assertThat(IntakeMediaTypes.format(IntakeMediaTypes.XLSX)).isEqualTo(InputFormat.XLSX);
    }

    @Test
    void anythingElseIs415() {
        assertThatThrownBy(() -> IntakeMediaTypes.format(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> IntakeMediaTypes.format("application/vnd.ms-excel")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> IntakeMediaTypes.format("text/csv; charset=GBK")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("UTF-8"));
    }
}
