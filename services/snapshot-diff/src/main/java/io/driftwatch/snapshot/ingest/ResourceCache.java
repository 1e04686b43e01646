package io.driftwatch.snapshot.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this consumer knows of the resources of the partitions it owns: resource key → current
 * configuration hash and resource pk. It is only a hint that lets an item whose claimed hash equals
 * the cached current hash skip the lookup statement (it is still recorded in {@code run_seen}); any
 * other item takes the database path, which stays authoritative.
 * <p>
 * It stays right because every write of a cached row's hash or existence is made by this consumer:
 * items are keyed by account, so only the owner of an account's partition ingests it, deletions are
 * inferred from that account's run markers on the same partition, and retention pruning only removes
 * rows of deleted resources, which are never cached. Updates are collected per batch ({@link Batch}) and
 * applied only after the batch's transaction committed, and only if the cache was not cleared meanwhile:
 * {@link #clear()} (partitions revoked or lost) starts a new generation, so a batch still in flight
 * during a rebalance cannot re-insert what it read before.
 * <p>
 * Bounded: beyond {@code maxEntries} new keys are not cached (they stay on the database path); keys
 * already cached are still updated or removed.
 */
public final class ResourceCache {
    /** SHA-256 as four longs (not a 64-char string: about 100 bytes less per entry), and the resource pk. */
    private record Entry(long h0, long h1, long h2, long h3, long pk) {
        boolean sameHash(long[] h) {
            return h0 == h[0] && h1 == h[1] && h2 == h[2] && h3 == h[3];
        }
    }

    private static final Entry REMOVED = new Entry(0, 0, 0, 0, -1);

    /** How many recent applies are remembered for {@link Peek}s: a peek is at most a poll or two old. */
    private static final int RECENT = 16;

    /** The keys one apply wrote ({@code null}: the cache was cleared), and the {@link #seq} it ended with. */
    private record Applied(long seq, Set<String> keys) {
    }

    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private long generation; // guarded by this
    /** Bumped after the map writes of every apply that wrote something and of every clear. */
    private volatile long seq;
    /** The last {@link #RECENT} applies and clears, oldest first, with consecutive seqs; replaced, never changed. */
    private volatile Applied[] recent = new Applied[0];

    public ResourceCache(int maxEntries) {
        this.maxEntries = Math.max(0, maxEntries);
    }

    public int size() {
        return entries.size();
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Items that skipped the lookup statement so far. */
    public long hits() {
        return hits.sum();
    }

    /** Forgets everything; batches begun before do not update the cache any more. */
    public synchronized void clear() {
        generation++;
        entries.clear();
        published(null);
    }

    /** Logs an apply or a clear, then publishes its seq: a peek that read the older seq will see it logged. */
    private void published(Set<String> keys) {
        long next = seq + 1;
        Applied[] now = recent;
        Applied[] after = Arrays.copyOfRange(now, Math.max(0, now.length + 1 - RECENT), now.length + 1);
        after[after.length - 1] = new Applied(next, keys);
        recent = after;
        seq = next;
    }

    /**
     * A lookup made ahead of the worker, on the Kafka polling thread while the previous batch is being
     * stored. The worker trusts it only if no apply or clear since has touched the key
     * ({@link #unchangedPk(Batch, String, String, Peek)}); otherwise it looks again.
     */
    public static final class Peek {
        private final long seq;
        private final Entry entry;

        private Peek(long seq, Entry entry) {
            this.seq = seq;
            this.entry = entry;
        }

        /**
         * Whether the cache held the resource with another hash than {@code claimedHash} when peeked: the
         * item is then likely a change, worth canonicalising ahead too.
         */
        boolean knownWithAnotherHash(String claimedHash) {
            long[] h = parse(claimedHash);
            return entry != null && (h == null || !entry.sameHash(h));
        }
    }

    /** Safe from any thread; see {@link Peek}. */
    public Peek peek(String key) {
        long at = seq; // read before the map: an apply after this read is logged with a later seq
        return new Peek(at, entries.get(key));
    }

    /** The cached entry of {@code key}: the peek's if nothing touched the key since it was made. */
    private Entry current(String key, Peek peek) {
        if (peek != null) {
            long now = seq;
            if (peek.seq == now) {
                return peek.entry;
            }
            Applied[] log = recent;
            if (log.length > 0 && log[0].seq() <= peek.seq + 1) {
                boolean touched = false;
                for (Applied a : log) {
                    if (a.seq() > peek.seq && (a.keys() == null || a.keys().contains(key))) {
                        touched = true;
                        break;
                    }
                }
                if (!touched) {
                    return peek.entry;
                }
            }
        }
        return entries.get(key);
    }

    /** Starts collecting the updates of one transaction. */
    public synchronized Batch begin() {
        return new Batch(generation);
    }

    /**
     * The pk of the resource if the cache knows its current hash to be {@code claimedHash} and the
     * batch has not written it yet, else -1 (take the database path).
     */
    long unchangedPk(Batch batch, String key, String claimedHash) {
        return unchangedPk(batch, key, claimedHash, null);
    }

    /** As {@link #unchangedPk(Batch, String, String)}, trusting {@code peek} (may be null) where it is still current. */
    long unchangedPk(Batch batch, String key, String claimedHash, Peek peek) {
        if (!batch.updates.isEmpty() && batch.updates.containsKey(key)) {
            return -1; // written earlier in this transaction: only the database knows its state now
        }
        Entry e = current(key, peek);
        if (e == null) {
            return -1;
        }
        long[] h = parse(claimedHash);
        if (h == null || !e.sameHash(h)) {
            return -1;
        }
        hits.increment();
        return e.pk();
    }

    /** What the cache knows of a resource: its current hash (64 hex digits) and pk. */
    record Known(String hash, long pk) {
    }

    /**
     * The current hash and pk of the resource, if cached and not written earlier by the batch, else null.
     * Unlike {@link #unchangedPk} it does not count as a hit: the item still has to be compared.
     */
    Known known(Batch batch, String key) {
        return known(batch, key, null);
    }

    /** As {@link #known(Batch, String)}, trusting {@code peek} (may be null) where it is still current. */
    Known known(Batch batch, String key, Peek peek) {
        if (batch.updates.containsKey(key)) {
            return null;
        }
        Entry e = current(key, peek);
        return e == null ? null : new Known(HexFormat.of().toHexDigits(e.h0()) + HexFormat.of().toHexDigits(e.h1())
                + HexFormat.of().toHexDigits(e.h2()) + HexFormat.of().toHexDigits(e.h3()), e.pk());
    }

    private synchronized void apply(Batch b) {
        if (b.generation != generation) {
            return; // cleared while the batch ran: its reads may belong to a partition no longer owned
        }
        if (b.updates.isEmpty()) {
            return; // nothing written: peeks made meanwhile stay current
        }
        for (Map.Entry<String, Entry> u : b.updates.entrySet()) {
            if (u.getValue() == REMOVED) {
                entries.remove(u.getKey());
            } else if (entries.size() < maxEntries || entries.containsKey(u.getKey())) {
                entries.put(u.getKey(), u.getValue());
            }
        }
        published(Set.copyOf(b.updates.keySet()));
    }

    /** The cache updates of one transaction; {@link #committed()} applies them, once it has committed. */
    public final class Batch {
        private final long generation;
        private final Map<String, Entry> updates = new HashMap<>();

        private Batch(long generation) {
            this.generation = generation;
        }

        /** The resource's current hash is {@code hash} once this transaction commits. */
        void put(String key, String hash, long pk) {
            long[] h = parse(hash);
            updates.put(key, h == null ? REMOVED : new Entry(h[0], h[1], h[2], h[3], pk));
        }

        /** The resource is deleted (or unknown) once this transaction commits. */
        void remove(String key) {
            updates.put(key, REMOVED);
        }

        /** Call only after the transaction committed; a rolled-back batch is simply dropped. */
        public void committed() {
            apply(this);
        }
    }

    /** A 64-hex-digit SHA-256 as four longs, or null if it is not one (e.g. an empty, unclaimed hash). */
    static long[] parse(String hex) {
        if (hex == null || hex.length() != 64) {
            return null;
        }
        long[] out = new long[4];
        for (int w = 0; w < 4; w++) {
            long v = 0;
            for (int i = w * 16, end = i + 16; i < end; i++) {
                char ch = hex.charAt(i);
                int d;
                if (ch >= '0' && ch <= '9') {
                    d = ch - '0';
                } else if (ch >= 'a' && ch <= 'f') {
                    d = ch - 'a' + 10;
                } else {
                    return null; // stored hashes are lower-case hex: anything else never equals one in the database
                }
                v = (v << 4) | d;
            }
            out[w] = v;
        }
        return out;
    }
}
