package io.driftwatch.snapshot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.DecodedEvent;
import io.driftwatch.events.LazyCollectionEvent;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.snapshot.bench.RealisticItems;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-record work snapshot-diff adds on the Kafka polling thread ({@link PreparedEventDeserializer}),
 * without Kafka: the records of one snapshot of {@code bench.items} items (the shapes of
 * {@link RealisticItems}), 1 % of them changed, decoded against a warm cache, best of several passes.
 * It isolates what the end-to-end bench ({@code SnapshotBench}) cannot measure apart from the Kafka
 * client's own decompression on the same thread. {@code -Dbench.canonical-parts=true} also splits the
 * canonical form of the changed items into its steps. Run with
 * {@code ./mvnw -pl services/snapshot-diff -Pbench test -DskipTests -Dbench.main=io.driftwatch.snapshot.ingest.PollingPathBench}.
 */
public final class PollingPathBench {
    /** Where the canonical form of the changed items' configurations goes: parse, canonicalise, write, hash. */
    private static void canonicalParts(List<byte[]> records) {
        List<ConfigurationItem> changed = new ArrayList<>();
        for (int n = 0; n < records.size(); n += 100) {
            changed.add(LazyCollectionEvent.parse(records.get(n)).item());
        }
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int pass = 0; pass < 20; pass++) {
            long[] t = new long[4];
            for (ConfigurationItem i : changed) {
                long a = System.nanoTime();
                JsonNode parsed = CanonicalJson.parse(i.getConfiguration());
                long b = System.nanoTime();
                JsonNode canon = CanonicalJson.canonicalize(i.getResourceType(), parsed);
                long c = System.nanoTime();
                String text = CanonicalJson.toCanonicalString(canon);
                long d = System.nanoTime();
                CanonicalJson.sha256(text);
                long e = System.nanoTime();
                t[0] += b - a;
                t[1] += c - b;
                t[2] += d - c;
                t[3] += e - d;
            }
            for (int k = 0; k < 4; k++) {
                best[k] = Math.min(best[k], t[k]);
            }
        }
        System.out.printf("  canonical form of %d changed items, us/item: parse %.1f, canonicalize %.1f, write %.1f, sha256 %.1f%n",
                changed.size(), best[0] / 1e3 / changed.size(), best[1] / 1e3 / changed.size(), best[2] / 1e3 / changed.size(),
                best[3] / 1e3 / changed.size());
    }

    public static void main(String[] args) {
        int items = Integer.getInteger("bench.items", 200_000);
        int accounts = 20;
        RealisticItems gen = new RealisticItems(42);
        ResourceCache cache = new ResourceCache(250_000);
        ResourceCache.Batch fill = cache.begin();
        List<byte[]> records = new ArrayList<>(items);
        long bytes = 0;
        for (int n = 0; n < items; n++) {
            String account = RealisticItems.account(n % accounts);
            ConfigurationItem item = gen.item(account, n, 0, "run-2");
            String key = new ResourceKey(item.getAccountId(), item.getAwsRegion(), item.getResourceType(), item.getResourceId()).toString();
            if (n % 100 == 0) {
                fill.put(key, gen.item(account, n, 1, "run-1").getConfigurationHash(), n + 1); // changed since
            } else {
                fill.put(key, item.getConfigurationHash(), n + 1);
            }
            byte[] value = CollectionEvent.newBuilder().setItem(item).build().toByteArray();
            records.add(value);
            bytes += value.length;
        }
        fill.committed();
        System.out.printf("polling-path bench: %d records (%d MB), cache %d entries, %d cores, %s%n", items, bytes >> 20, cache.size(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        long headBest = Long.MAX_VALUE;
        long preparedBest = Long.MAX_VALUE;
        long fullBest = Long.MAX_VALUE;
        long otherHash = 0;
        long sink = 0; // printed at the end, so the JIT cannot drop the decoding it sums
        for (int pass = 0; pass < 15; pass++) {
            long t0 = System.nanoTime();
            for (byte[] r : records) {
                sink += LazyCollectionEvent.parse(r).resourceId().length();
            }
            long t1 = System.nanoTime();
            PreparedEventDeserializer noCache = new PreparedEventDeserializer(null);
            for (byte[] r : records) {
                sink += ((Prepared.Item) noCache.deserialize("t", r).event()).keyHash();
            }
            long t1b = System.nanoTime();
            PreparedEventDeserializer deserializer = new PreparedEventDeserializer(cache);
            long others = 0;
            for (byte[] r : records) {
                DecodedEvent<Prepared> d = deserializer.deserialize("t", r);
                if (((Prepared.Item) d.event()).peekVerdict() == ResourceCache.OTHER_HASH) {
                    others++;
                }
            }
            long t2 = System.nanoTime();
            if (pass >= 5) {
                headBest = Math.min(headBest, t1 - t0);
                preparedBest = Math.min(preparedBest, t1b - t1);
                fullBest = Math.min(fullBest, t2 - t1b);
            }
            otherHash = others;
        }
        System.out.printf("  head decode only (LazyCollectionEvent.parse): %.0f ns/record%n", (double) headBest / items);
        System.out.printf("  decode and validation, no cache (PreparedEventDeserializer without look-ahead): %.0f ns/record%n",
                (double) preparedBest / items);
        System.out.printf("  polling-thread work (PreparedEventDeserializer with its cache look-ahead):"
                + " %.0f ns/record, %.3f s per snapshot; %d items seen as changed%n", (double) fullBest / items, fullBest / 1e9, otherHash);
        List<Prepared.Item> prepared = new ArrayList<>(items);
        PreparedEventDeserializer noLookAhead = new PreparedEventDeserializer(null);
        for (byte[] r : records) {
            prepared.add((Prepared.Item) noLookAhead.deserialize("t", r).event());
        }
        long peekBest = Long.MAX_VALUE;
        for (int pass = 0; pass < 15; pass++) {
            long t0 = System.nanoTime();
            for (Prepared.Item it : prepared) {
                cache.peek(it);
            }
            peekBest = Math.min(peekBest, System.nanoTime() - t0);
        }
        System.out.printf("  the cache lookup alone (ResourceCache.peek) on items decoded earlier, no longer in CPU caches: %.0f ns/record%n",
                (double) peekBest / items);
        System.out.printf("  (checksum %d)%n", sink);
        if (Boolean.getBoolean("bench.canonical-parts")) {
            canonicalParts(records);
        }
        System.exit(0);
    }
}
