package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.DecodedEvent;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.snapshot.support.Estate;
import org.junit.jupiter.api.Test;

/** What the polling thread does with each record: decode, validate, look ahead; never throw. */
class PreparedEventDeserializerTest {
    private final Estate e = new Estate(null);
    private final ResourceCache cache = new ResourceCache(100);
    private final PreparedEventDeserializer deserializer = new PreparedEventDeserializer(cache);

    private ConfigurationItem collected(ConfigurationItem item) {
        return Estate.canonical(item).toBuilder().setRunId(e.runId("r")).build();
    }

    private void cached(ConfigurationItem item, long pk) {
        ResourceCache.Batch b = cache.begin();
        b.put(e.key(item.getResourceType(), item.getResourceId()), item.getConfigurationHash(), pk);
        b.committed();
    }

    private static byte[] bytes(ConfigurationItem item) {
        return CollectionEvent.newBuilder().setItem(item).build().toByteArray();
    }

    @Test
    void aKnownResourceWithAnotherHashArrivesPeekedAsALikelyChange() {
        ConfigurationItem before = collected(e.sg("sg-p1", "10.0.0.0/8"));
        ConfigurationItem after = collected(e.sg("sg-p1", "0.0.0.0/0"));
        cached(before, 41);

        DecodedEvent<Prepared> decoded = deserializer.deserialize("t", bytes(after));

        assertThat(decoded.decoded()).isTrue();
        Prepared.Item item = (Prepared.Item) decoded.event();
        assertThat(item.peekVerdict()).isEqualTo(ResourceCache.OTHER_HASH);
        assertThat(item.peekPk()).isEqualTo(41);
        assertThat(item.likelyChange()).isTrue();
        assertThat(item.canonical().hash()).isEqualTo(after.getConfigurationHash());
        assertThat(cache.unchangedPk(cache.begin(), item)).isEqualTo(-1);
    }

    @Test
    void anUnchangedResourceIsAHitThroughItsPeek() {
        ConfigurationItem same = collected(e.sg("sg-p2", "10.0.0.0/8"));
        cached(same, 42);

        Prepared.Item item = (Prepared.Item) deserializer.deserialize("t", bytes(same)).event();

        assertThat(item.peekVerdict()).isEqualTo(ResourceCache.SAME_HASH);
        assertThat(cache.unchangedPk(cache.begin(), item)).isEqualTo(42);
    }

    @Test
    void consecutiveItemsOfOneRunAndAccountShareTheirIdStrings() {
        Prepared.Item first = (Prepared.Item) deserializer.deserialize("t", bytes(collected(e.sg("sg-p5", "10.0.0.0/8")))).event();
        Prepared.Item second = (Prepared.Item) deserializer.deserialize("t", bytes(collected(e.sg("sg-p6", "10.0.0.0/8")))).event();
        assertThat(second.runId()).isSameAs(first.runId());
        assertThat(second.accountId()).isSameAs(first.accountId());
    }

    @Test
    void aRestThatDoesNotParseIsLeftToTheWorkerToFailInsideItsBatch() {
        ConfigurationItem item = collected(e.sg("sg-p3", "10.0.0.0/8"));
        cached(item.toBuilder().setConfigurationHash(CanonicalJson.sha256("older")).build(), 43); // predicted change

        DecodedEvent<Prepared> decoded = deserializer.deserialize("t", Estate.invalidAfterTheHead(item));

        assertThat(decoded.decoded()).as("the head reads well").isTrue();
        assertThatThrownBy(() -> ((Prepared.Item) decoded.event()).item()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void undecodableAndInvalidRecordsArriveAsFailuresWithTheirReasonAndBytes() {
        byte[] garbage = {(byte) 0xff, 0x01, 0x02};
        DecodedEvent<Prepared> undecodable = deserializer.deserialize("t", garbage);
        assertThat(undecodable.decoded()).isFalse();
        assertThat(undecodable.bytes()).isEqualTo(garbage);

        byte[] noId = bytes(collected(e.sg("sg-p4", "10.0.0.0/8")).toBuilder().clearResourceId().build());
        DecodedEvent<Prepared> invalid = deserializer.deserialize("t", noId);
        assertThat(invalid.decoded()).isFalse();
        assertThat(invalid.failure()).hasMessageContaining("resource id");
        assertThat(invalid.bytes()).isEqualTo(noId);
    }
}
