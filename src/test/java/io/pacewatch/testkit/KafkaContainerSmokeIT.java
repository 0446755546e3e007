package io.pacewatch.testkit;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The smoke scenario on a Testcontainers broker only, whatever {@code PACEWATCH_TEST_BROKER}
 * says, to keep the container path honest where Docker runs. Skipped (not failed) without a
 * Docker engine; the same scenario then still runs on the in-process broker in
 * {@link KafkaBrokerExtensionIT}.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerSmokeIT {

    @Container
    private static final KafkaContainer KAFKA =
            new KafkaContainer(DockerImageName.parse(KafkaBrokerExtension.DEFAULT_IMAGE));

    @Test
    void smokeScenario() throws Exception {
        try (KafkaTestBroker kafka = KafkaTestBroker.connect(KAFKA.getBootstrapServers())) {
            KafkaSmokeScenario.run(kafka);
        }
    }
}
