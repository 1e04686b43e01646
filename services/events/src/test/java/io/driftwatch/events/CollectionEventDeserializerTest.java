package io.driftwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.ConfigurationItem;
import org.junit.jupiter.api.Test;

class CollectionEventDeserializerTest {
    private final CollectionEventDeserializer deserializer = new CollectionEventDeserializer();

    @Test
    void aValidValueIsDecodedAndKeepsItsBytes() {
        byte[] bytes = CollectionEvent.newBuilder()
                .setItem(ConfigurationItem.newBuilder().setAccountId("123456789012").setResourceId("sg-1")).build().toByteArray();
        DecodedEvent<LazyCollectionEvent> decoded = deserializer.deserialize("t", bytes);
        assertThat(decoded.decoded()).isTrue();
        assertThat(decoded.event().resourceId()).isEqualTo("sg-1");
        assertThat(decoded.event().item().getResourceId()).isEqualTo("sg-1");
        assertThat(new CollectionEventSerializer().serialize("t", decoded)).isSameAs(bytes);
    }

    @Test
    void badValuesArriveAsFailuresWithTheirReasonNeverAsExceptions() {
        byte[] garbage = {(byte) 0xff, 0x01, 0x02};
        DecodedEvent<LazyCollectionEvent> decoded = deserializer.deserialize("t", garbage);
        assertThat(decoded.decoded()).isFalse();
        assertThat(decoded.failure()).isInstanceOf(EventCodec.UndecodableEventException.class)
                .hasMessageContaining("driftwatch.v1.CollectionEvent");
        assertThat(new CollectionEventSerializer().serialize("t", decoded)).isSameAs(garbage);

        assertThat(deserializer.deserialize("t", null).failure()).hasMessageContaining("empty record value");
        assertThat(deserializer.deserialize("t", new byte[0]).decoded()).isFalse();
    }
}
