package io.driftwatch.snapshot.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this replica's consumers (one per channel copy) know of the resources of the partitions they
 * own: resource key → current configuration hash and resource pk. It is only a hint that lets an item
 * whose claimed hash equals the cached current hash skip the lookup statement (it is still recorded in
 * {@code run_seen}); any other item takes the database path, which stays authoritative.
 * <p>
 * It stays right because every write of a cached row's hash or existence is made by the consumer that
 * owns its partition: items are keyed by account, so only the owner of an account's partition ingests
 * it, deletions are inferred from that account's run markers on the same partition, and retention
 * pruning only removes rows of deleted resources, which are never cached. Updates are collected per
 * batch ({@link Batch}) and applied only after the batch's transaction committed, and only if the cache
 * was not cleared meanwhile: {@link #clear()} (partitions revoked or lost) starts a new generation, so
 * a batch still in flight during a rebalance cannot re-insert what it read before.
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

    /**
     * How many recent applies are remembered for peeks ({@link #peek}): a peek is at most as many polls
     * old as the channel queues (SmallRye: 2) plus one, times the channel copies that apply meanwhile (2).
     */
    private static final int RECENT = 16;

    /**
     * The keys one apply wrote ({@code null}: the cache was cleared), their hash codes sorted (checked
     * first, without touching the key strings), and the {@link #seq} it ended with.
     */
    private record Applied(long seq, Set<String> keys, int[] keyHashes) {
        boolean touched(int keyHash, String key) {
            return keys == null || (Arrays.binarySearch(keyHashes, keyHash) >= 0 && keys.contains(key));
        }
    }

    /** What a peek found ({@link #peek(Prepared.Item)}). */
    static final byte NOT_PEEKED = 0;
    static final byte UNCACHED = 1;
    static final byte SAME_HASH = 2;
    static final byte OTHER_HASH = 3;

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
        int[] hashes = keys == null ? null : keys.stream().mapToInt(String::hashCode).sorted().toArray();
        long next = seq + 1;
        Applied[] now = recent;
        Applied[] after = Arrays.copyOfRange(now, Math.max(0, now.length + 1 - RECENT), now.length + 1);
        after[after.length - 1] = new Applied(next, keys, hashes);
        recent = after;
        seq = next;
    }

    /**
     * Looks the item up ahead of the worker, on the Kafka polling thread while the previous batch is
     * being stored, and leaves the verdict in the item's own fields: the worker then decides a hit
     * reading only the item, and trusts the verdict only if no apply or clear since has touched the
     * key ({@link #unchangedPk(Batch, Prepared.Item)}). Safe from any thread.
     */
    void peek(Prepared.Item item) {
        long at = seq; // read before the map: an apply after this read is logged with a later seq
        Entry e = entries.get(item.keyText());
        if (e == null) {
            item.peeked(at, UNCACHED, -1);
        } else {
            long[] h = parse(item.claimedHash());
            item.peeked(at, h != null && e.sameHash(h) ? SAME_HASH : OTHER_HASH, e.pk());
        }
    }

    /** Whether no apply or clear since {@code since} wrote the key (false when that is no longer known). */
    private boolean untouchedSince(long since, int keyHash, String key) {
        if (since == seq) {
            return true;
        }
        Applied[] log = recent;
        if (log.length == 0 || log[0].seq() > since + 1) {
            return false;
        }
        for (Applied a : log) {
            if (a.seq() > since && a.touched(keyHash, key)) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #unchangedPk(Batch, String, String)}, from the item's peek where it is still current. */
    long unchangedPk(Batch batch, Prepared.Item item) {
        byte verdict = item.peekVerdict();
        if (verdict == NOT_PEEKED || !untouchedSince(item.peekSeq(), item.keyHash(), item.keyText())) {
            return unchangedPk(batch, item.keyText(), item.claimedHash());
        }
        if (verdict != SAME_HASH || batch.mayHave(item.keyHash(), item.keyText())) {
            return -1;
        }
        hits.increment();
        return item.peekPk();
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
        if (batch.mayHave(key.hashCode(), key)) {
            return -1; // written earlier in this transaction: only the database knows its state now
        }
        Entry e = entries.get(key);
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
        if (batch.updates.containsKey(key)) {
            return null;
        }
        Entry e = entries.get(key);
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
        /** One bit per key hash written (mod its size): most lookups are answered without hashing a key. */
        private long[] written;

        private Batch(long generation) {
            this.generation = generation;
        }

        /** Whether this batch wrote the key (whose hash code is {@code keyHash}). */
        boolean mayHave(int keyHash, String key) {
            if (written == null) {
                return false;
            }
            int bit = keyHash & (written.length * 64 - 1);
            return (written[bit >>> 6] & (1L << bit)) != 0 && updates.containsKey(key);
        }

        private void wrote(String key, Entry entry) {
            if (written == null) {
                written = new long[1024];
            }
            int bit = key.hashCode() & (written.length * 64 - 1);
            written[bit >>> 6] |= 1L << bit;
            updates.put(key, entry);
        }

        /** The resource's current hash is {@code hash} once this transaction commits. */
        void put(String key, String hash, long pk) {
            long[] h = parse(hash);
            wrote(key, h == null ? REMOVED : new Entry(h[0], h[1], h[2], h[3], pk));
        }

        /** The resource is deleted (or unknown) once this transaction commits. */
        void remove(String key) {
            wrote(key, REMOVED);
        }

        /** Call only after the transaction committed; a rolled-back batch is simply dropped. */
        public void committed() {
            apply(this);
        }
    }

    /** Nibble value of each lower-case hex digit, -1 for every other char below 128. */
    private static final byte[] NIBBLES = new byte[128];

    static {
        Arrays.fill(NIBBLES, (byte) -1);
        for (int d = 0; d < 16; d++) {
            NIBBLES["0123456789abcdef".charAt(d)] = (byte) d;
        }
    }

    /**
     * A 64-hex-digit SHA-256 as four longs, or null if it is not one (e.g. an empty, unclaimed hash).
     * Only lower-case digits: stored hashes are lower-case hex, so anything else never equals one in the
     * database. Every item's claimed hash is parsed on the polling thread: a table lookup per digit, with
     * one check per word, instead of a branch per digit (14 % of the polling thread's JFR samples).
     */
    static long[] parse(String hex) {
        if (hex == null || hex.length() != 64) {
            return null;
        }
        long[] out = new long[4];
        for (int w = 0; w < 4; w++) {
            long v = 0;
            int bad = 0;
            for (int i = w * 16, end = i + 16; i < end; i++) {
                char ch = hex.charAt(i);
                int d = NIBBLES[ch & 127];
                bad |= d | (127 - ch); // negative for a non-digit or a char beyond ASCII
                v = (v << 4) | (d & 15);
            }
            if (bad < 0) {
                return null;
            }
            out[w] = v;
        }
        return out;
    }
}
