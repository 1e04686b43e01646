package io.driftwatch.events;

/**
 * A record value as {@link CollectionEventDeserializer} hands it over: the decoded event, or why the
 * bytes are not one. The original bytes are kept either way, so a record that fails later can still
 * be dead-lettered exactly as it arrived.
 */
public record DecodedEvent<T>(T event, byte[] bytes, RuntimeException failure) {
    public boolean decoded() {
        return failure == null;
    }
}
