package io.driftwatch.collector.aws;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/** Lock-free reads of the collector's per-call caches (clients, credentials, rate buckets). */
public final class Lookups {
    private Lookups() {
    }

    /**
     * {@code map.computeIfAbsent}, without its lock on the hot path: ConcurrentHashMap's
     * computeIfAbsent locks the hash bin whenever the key is not the bin's first node, and these
     * maps are read on every AWS call by hundreds of listing threads (measured with JFR: thousands
     * of blocked monitor entries per run).
     */
    public static <K, V> V getOrCompute(ConcurrentMap<K, V> map, K key, Function<? super K, ? extends V> create) {
        V value = map.get(key);
        return value != null ? value : map.computeIfAbsent(key, create);
    }
}
