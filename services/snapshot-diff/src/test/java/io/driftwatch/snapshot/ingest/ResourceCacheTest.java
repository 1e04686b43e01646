package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.CanonicalJson;
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

    // ---- peeks made ahead on the polling thread ----

    @Test
    void aPeekServesTheWorkerWhileNothingTouchedItsKey() {
        committed("k1", H1, 1);
        ResourceCache.Peek peek = cache.peek("k1");
        committed("k2", H1, 2); // another key changes between the peek and the worker's lookup

        assertThat(cache.unchangedPk(cache.begin(), "k1", H1, peek)).isEqualTo(1);
        assertThat(cache.known(cache.begin(), "k1", peek)).isEqualTo(new ResourceCache.Known(H1, 1));
    }

    @Test
    void aPeekIsNotTrustedOnceItsKeyChangedOrTheCacheWasCleared() {
        committed("k1", H1, 1);
        ResourceCache.Peek beforeChange = cache.peek("k1");
        ResourceCache.Peek beforeAdd = cache.peek("k2");
        committed("k1", H2, 1);
        committed("k2", H1, 2);
        assertThat(cache.unchangedPk(cache.begin(), "k1", H1, beforeChange)).as("stale hit").isEqualTo(-1);
        assertThat(cache.unchangedPk(cache.begin(), "k1", H2, beforeChange)).isEqualTo(1);
        assertThat(cache.unchangedPk(cache.begin(), "k2", H1, beforeAdd)).isEqualTo(2);

        ResourceCache.Peek beforeClear = cache.peek("k1");
        cache.clear();
        assertThat(cache.unchangedPk(cache.begin(), "k1", H2, beforeClear)).isEqualTo(-1);
        assertThat(cache.known(cache.begin(), "k1", beforeClear)).isNull();
    }

    @Test
    void aPeekOlderThanTheRememberedAppliesIsLookedUpAgain() {
        ResourceCache big = new ResourceCache(100);
        ResourceCache.Batch first = big.begin();
        first.put("k1", H1, 1);
        first.committed();
        ResourceCache.Peek old = big.peek("k1");
        ResourceCache.Batch change = big.begin();
        change.put("k1", H2, 1);
        change.committed();
        for (int i = 0; i < 40; i++) { // enough other batches to push the change out of the remembered ones
            ResourceCache.Batch other = big.begin();
            other.put("other" + i, H1, 100 + i);
            other.committed();
        }
        assertThat(big.unchangedPk(big.begin(), "k1", H1, old)).isEqualTo(-1);
        assertThat(big.unchangedPk(big.begin(), "k1", H2, old)).isEqualTo(1);
    }

    @Test
    void aPeekSaysWhenTheResourceIsKnownWithAnotherHash() {
        committed("k1", H1, 1);
        assertThat(cache.peek("k1").knownWithAnotherHash(H2)).isTrue();
        assertThat(cache.peek("k1").knownWithAnotherHash("")).isTrue();
        assertThat(cache.peek("k1").knownWithAnotherHash(H1)).isFalse();
        assertThat(cache.peek("k9").knownWithAnotherHash(H2)).as("new resource").isFalse();
    }
}
