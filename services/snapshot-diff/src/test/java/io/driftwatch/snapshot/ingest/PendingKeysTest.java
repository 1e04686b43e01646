package io.driftwatch.snapshot.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.ConfigurationItem;
import org.junit.jupiter.api.Test;

class PendingKeysTest {
    private static Prepared.Item item(String id) {
        return (Prepared.Item) Prepared.of(CollectionEvent.newBuilder().setItem(ConfigurationItem.newBuilder()
                .setAccountId("123456789012").setAwsRegion("us-east-1").setResourceType("AWS::EC2::SecurityGroup")
                .setResourceId(id)).build());
    }

    @Test
    void theSameKeyTwiceIsRefusedUntilCleared() {
        BatchIngestor.PendingKeys keys = new BatchIngestor.PendingKeys(4);
        assertTrue(keys.add(item("sg-1")));
        assertTrue(keys.add(item("sg-2")));
        assertFalse(keys.add(item("sg-1")), "another item of the same resource");
        keys.clear();
        assertTrue(keys.add(item("sg-1")));
    }

    @Test
    void keysWithEqualHashCodesAreStillDifferentKeys() {
        Prepared.Item aa = item("sg-Aa");
        Prepared.Item bb = item("sg-BB");
        assertEquals(aa.keyHash(), bb.keyHash(), "\"Aa\" and \"BB\" have the same String hash code");
        BatchIngestor.PendingKeys keys = new BatchIngestor.PendingKeys(4);
        assertTrue(keys.add(aa));
        assertTrue(keys.add(bb));
        assertFalse(keys.add(item("sg-BB")));
        assertFalse(keys.add(item("sg-Aa")));
    }

    @Test
    void growsPastItsInitialSizeAndKeepsEveryKey() {
        BatchIngestor.PendingKeys keys = new BatchIngestor.PendingKeys(4);
        for (int i = 0; i < 50_000; i++) {
            assertTrue(keys.add(item("sg-" + i)));
        }
        for (int i = 0; i < 50_000; i += 997) {
            assertFalse(keys.add(item("sg-" + i)));
        }
        assertTrue(keys.add(item("sg-50000")));
    }
}
