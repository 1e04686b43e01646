package io.driftwatch.snapshot.ingest;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one record of a batch to driftwatch.dead-letter with the same headers SmallRye's
 * dead-letter-queue strategy writes ({@code dead-letter-reason}, {@code dead-letter-cause},
 * {@code dead-letter-exception-class-name}, {@code dead-letter-topic}, {@code dead-letter-partition},
 * {@code dead-letter-offset}), so the other records of the batch are not lost with it.
 */
@ApplicationScoped
public class DeadLetters {
    @Inject
    @Channel("dead-letters")
    MutinyEmitter<byte[]> emitter;

    /** {@code value} is the record's value as it arrived (the record itself may hold it decoded). */
    public void send(ConsumerRecord<String, ?> record, byte[] value, Throwable failure) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", utf8(String.valueOf(failure.getMessage())));
        if (failure.getCause() != null) {
            headers.add("dead-letter-cause", utf8(String.valueOf(failure.getCause().getMessage())));
        }
        headers.add("dead-letter-exception-class-name", utf8(failure.getClass().getName()));
        headers.add("dead-letter-topic", utf8(record.topic()));
        headers.add("dead-letter-partition", utf8(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", utf8(Long.toString(record.offset())));
        Message<byte[]> message = Message.of(value == null ? new byte[0] : value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build());
        emitter.sendMessage(message).await().atMost(Duration.ofSeconds(30));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
