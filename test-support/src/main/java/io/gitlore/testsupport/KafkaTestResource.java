package io.gitlore.testsupport;

import java.util.Map;

import io.gitlore.local.kafka.EmbeddedKafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Starts a real Kafka broker (KRaft, in-process, no Docker) for a {@code @QuarkusTest}, points the service's
 * {@code kafka.bootstrap.servers} at it, and injects a {@link KafkaCompanion} into {@code @InjectKafkaCompanion}
 * fields (Quarkus' own companion resource needs Docker).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafka kafka;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        companion = new KafkaCompanion(kafka.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
