package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.ConfigurationItem;
import org.junit.jupiter.api.Test;

/** The pure logic of {@link ResourceCache}: hits, updates after commit only, the limit, invalidation. */
class ResourceCacheTest {
    private static final String H1 = CanonicalJson.sha256("one");
    private static final String H2 = CanonicalJson.sha256("two");

    private final ResourceCache cache = new ResourceCache(3);

    private void committed(String key, String hash, long pk) {
        ResourceCache.Batch b = cache.begin();
        b.put(key, hash, pk);
        b.committed();
    }

    private long lookup(String key, String claim) {
        return cache.unchangedPk(cache.begin(), key, claim);
    }

    @Test
    void hitOnlyWhenTheClaimedHashIsTheCachedOne() {
        committed("k1", H1, 7);

        assertThat(lookup("k1", H1)).isEqualTo(7);
        assertThat(lookup("k1", H2)).isEqualTo(-1);
        assertThat(lookup("k2", H1)).isEqualTo(-1);
        assertThat(lookup("k1", "")).isEqualTo(-1);
        assertThat(lookup("k1", H1.toUpperCase())).isEqualTo(-1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void updatesApplyOnlyOnceCommitted() {
        ResourceCache.Batch b = cache.begin();
        b.put("k1", H1, 7);
        assertThat(lookup("k1", H1)).isEqualTo(-1);

        b.committed();
        assertThat(lookup("k1", H1)).isEqualTo(7);

        ResourceCache.Batch rolledBack = cache.begin();
        rolledBack.put("k1", H2, 7);
        rolledBack.remove("k1");
        // never committed: nothing changes
        assertThat(lookup("k1", H1)).isEqualTo(7);
    }

    @Test
    void aKeyWrittenEarlierInTheBatchIsNeverAHit() {
        committed("k1", H1, 7);
        ResourceCache.Batch b = cache.begin();
        b.put("k1", H2, 7);

        assertThat(cache.unchangedPk(b, "k1", H1)).isEqualTo(-1);
        assertThat(cache.unchangedPk(b, "k1", H2)).isEqualTo(-1);
    }

    @Test
    void newVersionsReplaceAndDeletionsRemove() {
        committed("k1", H1, 7);
        committed("k1", H2, 7);
        assertThat(lookup("k1", H1)).isEqualTo(-1);
        assertThat(lookup("k1", H2)).isEqualTo(7);

        ResourceCache.Batch b = cache.begin();
        b.remove("k1");
        b.committed();
        assertThat(lookup("k1", H2)).isEqualTo(-1);
        assertThat(cache.size()).isZero();
    }

    @Test
    void beyondTheLimitNewKeysAreNotCachedButKnownOnesStillChange() {
        committed("k1", H1, 1);
        committed("k2", H1, 2);
        committed("k3", H1, 3);
        committed("k4", H1, 4);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(lookup("k4", H1)).isEqualTo(-1);
        committed("k3", H2, 3);
        assertThat(lookup("k3", H2)).isEqualTo(3);
        ResourceCache.Batch b = cache.begin();
        b.remove("k1");
        b.committed();
        committed("k4", H1, 4);
        assertThat(lookup("k4", H1)).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void zeroEntriesDisablesIt() {
        ResourceCache off = new ResourceCache(0);
        ResourceCache.Batch b = off.begin();
        b.put("k1", H1, 1);
        b.committed();
        assertThat(off.size()).isZero();
        assertThat(off.unchangedPk(off.begin(), "k1", H1)).isEqualTo(-1);
    }

    @Test
    void clearingForgetsEverythingAndDropsBatchesInFlight() {
        committed("k1", H1, 1);
        ResourceCache.Batch inFlight = cache.begin();
        inFlight.put("k2", H1, 2);

        cache.clear(); // partitions revoked while the batch ran
        inFlight.committed();

        assertThat(lookup("k1", H1)).isEqualTo(-1);
        assertThat(lookup("k2", H1)).isEqualTo(-1);
        assertThat(cache.size()).isZero();
        committed("k2", H1, 2); // batches begun after the clear update it again
        assertThat(lookup("k2", H1)).isEqualTo(2);
    }

    @Test
    void invalidHashesAreNotCached() {
        committed("k1", "not-a-sha", 1);
        assertThat(cache.size()).isZero();
        assertThat(ResourceCache.parse(H1)).hasSize(4);
        assertThat(ResourceCache.parse("")).isNull();
    }

    @Test
    void hashesParseAsTheirFourBigEndianWordsAndOnlyLowerCaseHexIsAccepted() {
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 1000; n++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            String hex = java.util.HexFormat.of().formatHex(digest);
            java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(digest);
            assertThat(ResourceCache.parse(hex)).containsExactly(words.getLong(), words.getLong(), words.getLong(), words.getLong());
            int at = random.nextInt(64);
            for (char bad : new char[] {'g', 'A', 'F', '/', ':', '`', ' ', '\u00e9', '\u0130', (char) ('0' + 128), (char) ('a' + 256)}) {
                String broken = hex.substring(0, at) + bad + hex.substring(at + 1);
                assertThat(ResourceCache.parse(broken)).as("%s with %s at %d", hex, bad, at).isNull();
            }
        }
        assertThat(ResourceCache.parse("0".repeat(63))).isNull();
        assertThat(ResourceCache.parse("f".repeat(64))).containsExactly(-1L, -1L, -1L, -1L);
    }

    // ---- peeks made ahead on the polling thread ----

    /** An item of resource {@code id} claiming {@code hash}, looked up ahead as the polling thread does. */
    private static Prepared.Item peeked(ResourceCache in, String id, String hash) {
        Prepared.Item item = (Prepared.Item) Prepared.of(CollectionEvent.newBuilder().setItem(ConfigurationItem.newBuilder()
                .setAccountId("123456789012").setAwsRegion("us-east-1").setResourceType("AWS::EC2::SecurityGroup")
                .setResourceId(id).setConfigurationHash(hash)).build());
        in.peek(item);
        return item;
    }

    private static String key(String id) {
        return "123456789012:us-east-1:AWS::EC2::SecurityGroup:" + id;
    }

    @Test
    void aPeekServesTheWorkerWhileNothingTouchedItsKey() {
        committed(key("sg-1"), H1, 1);
        Prepared.Item same = peeked(cache, "sg-1", H1);
        Prepared.Item changed = peeked(cache, "sg-1", H2);
        committed(key("sg-2"), H1, 2); // another key changes between the peek and the worker's lookup

        assertThat(same.peekVerdict()).isEqualTo(ResourceCache.SAME_HASH);
        assertThat(changed.peekVerdict()).isEqualTo(ResourceCache.OTHER_HASH);
        assertThat(cache.unchangedPk(cache.begin(), same)).isEqualTo(1);
        assertThat(cache.unchangedPk(cache.begin(), changed)).isEqualTo(-1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void aPeekIsNotTrustedOnceItsKeyChangedOrTheCacheWasCleared() {
        committed(key("sg-1"), H1, 1);
        Prepared.Item staleHit = peeked(cache, "sg-1", H1);
        Prepared.Item staleMiss = peeked(cache, "sg-1", H2);
        Prepared.Item beforeAdd = peeked(cache, "sg-2", H1);
        committed(key("sg-1"), H2, 1);
        committed(key("sg-2"), H1, 2);
        assertThat(cache.unchangedPk(cache.begin(), staleHit)).as("stale hit").isEqualTo(-1);
        assertThat(cache.unchangedPk(cache.begin(), staleMiss)).isEqualTo(1);
        assertThat(cache.unchangedPk(cache.begin(), beforeAdd)).isEqualTo(2);

        Prepared.Item beforeClear = peeked(cache, "sg-1", H2);
        cache.clear();
        assertThat(cache.unchangedPk(cache.begin(), beforeClear)).isEqualTo(-1);
    }

    @Test
    void aPeekDoesNotHideWhatTheBatchItselfWrote() {
        committed(key("sg-1"), H1, 1);
        Prepared.Item item = peeked(cache, "sg-1", H1);
        ResourceCache.Batch b = cache.begin();
        b.put(key("sg-1"), H2, 1);
        assertThat(cache.unchangedPk(b, item)).isEqualTo(-1);
    }

    @Test
    void aPeekOlderThanTheRememberedAppliesIsLookedUpAgain() {
        ResourceCache big = new ResourceCache(100);
        ResourceCache.Batch first = big.begin();
        first.put(key("sg-1"), H1, 1);
        first.committed();
        Prepared.Item old = peeked(big, "sg-1", H1);
        Prepared.Item oldMiss = peeked(big, "sg-1", H2);
        ResourceCache.Batch change = big.begin();
        change.put(key("sg-1"), H2, 1);
        change.committed();
        for (int i = 0; i < 40; i++) { // enough other batches to push the change out of the remembered ones
            ResourceCache.Batch other = big.begin();
            other.put("other" + i, H1, 100 + i);
            other.committed();
        }
        assertThat(big.unchangedPk(big.begin(), old)).isEqualTo(-1);
        assertThat(big.unchangedPk(big.begin(), oldMiss)).isEqualTo(1);
    }
}
