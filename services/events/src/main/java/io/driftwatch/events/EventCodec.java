package io.driftwatch.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRequest;
import io.driftwatch.proto.v1.FindingEvent;
import io.driftwatch.proto.v1.ResourceChange;

/**
 * Decodes Driftwatch's protobuf events. Consumers read raw bytes and decode here (or, for
 * configuration items, get them decoded by {@link CollectionEventDeserializer}, which never throws), so
 * that an undecodable record fails inside the consumer method and takes the dead-letter path with its
 * reason, instead of failing inside the Kafka client.
 */
public final class EventCodec<T extends Message> {
    public static final EventCodec<CollectionRequest> COLLECTION_REQUEST =
            new EventCodec<>("CollectionRequest", CollectionRequest.parser());
    public static final EventCodec<CollectionEvent> COLLECTION_EVENT =
            new EventCodec<>("CollectionEvent", CollectionEvent.parser());
    public static final EventCodec<ResourceChange> RESOURCE_CHANGE =
            new EventCodec<>("ResourceChange", ResourceChange.parser());
    public static final EventCodec<FindingEvent> FINDING_EVENT =
            new EventCodec<>("FindingEvent", FindingEvent.parser());

    private final String typeName;
    private final Parser<T> parser;

    private EventCodec(String typeName, Parser<T> parser) {
        this.typeName = typeName;
        this.parser = parser;
    }

    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UndecodableEventException(typeName, "empty record value");
        }
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new UndecodableEventException(typeName, e.getMessage());
        }
    }

    /** Thrown when a record is not a valid encoding of the expected event type. */
    public static final class UndecodableEventException extends RuntimeException {
        public UndecodableEventException(String typeName, String detail) {
            super("not a valid driftwatch.v1." + typeName + ": " + detail);
        }
    }
}
