package io.driftwatch.snapshot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonDiff;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.LazyCollectionEvent;
import io.driftwatch.events.DecodedEvent;
import io.driftwatch.infra.KafkaBroker;
import io.driftwatch.infra.LocalInfra;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.ListingOutcome;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.diff.ConfigurationDiffer;
import io.driftwatch.snapshot.ingest.BatchIngestor;
import io.driftwatch.snapshot.ingest.BeforeImagePrefetcher;
import io.driftwatch.snapshot.ingest.Prepared;
import io.driftwatch.snapshot.ingest.PreparedEventDeserializer;
import io.driftwatch.snapshot.ingest.ResourceCache;
import io.driftwatch.snapshot.support.ScratchSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Snapshot-diff benchmark, one run, one machine (see docs/benchmarks.md):
 * <ul>
 * <li>(c) the configuration differ vs zjsonpatch on the same realistic pairs: speed and false changes
 *     on reordered lists;</li>
 * <li>(a) ingest throughput for N items (default 200,000) unchanged and with 1 % changed, through a
 *     real broker and PostgreSQL with the production {@link BatchIngestor}, as a ratio to a plain
 *     KafkaConsumer loop reading the same records;</li>
 * <li>(b) database size after S snapshots (default 30: the initial load, then 29 at 1 % churn; the
 *     unchanged measured snapshots come on top) vs after one snapshot.</li>
 * </ul>
 * Uses the Kafka broker and PostgreSQL of {@link LocalInfra} (started here, or the external ones
 * named by DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS / DRIFTWATCH_JDBC_URL). System properties:
 * bench.items, bench.snapshots, bench.accounts, bench.diff-pairs, bench.max-poll-records, bench.cache-max-entries,
 * bench.warmup-snapshots, bench.measured-rounds, bench.offset-commit, bench.commit-interval-ms, bench.pg-stats, bench.timestamps,
 * bench.queued-polls, bench.read-ahead.
 * <p>
 * Like the service, ingest is one long-lived consumer (one group on one topic, each snapshot read from
 * the group's committed offset) feeding one {@link BatchIngestor} whose cache stays warm from one
 * snapshot to the next; the raw loop is another long-lived consumer group reading the same records.
 * Both commit offsets as the service's channel does, and each window reports the CPU seconds spent by
 * the JVM, PostgreSQL and the broker ({@link CpuMeter}).
 */
public final class SnapshotBench {
    private static final int ITEMS = Integer.getInteger("bench.items", 200_000);
    private static final int SNAPSHOTS = Integer.getInteger("bench.snapshots", 30);
    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 20);
    private static final int DIFF_PAIRS = Integer.getInteger("bench.diff-pairs", 4_000);
    private static final double CHURN = 0.01;
    /**
     * How both loops commit offsets. By default as the service's channel does (SmallRye's "throttled"
     * strategy): asynchronously, the latest processed offsets every auto.commit.interval.ms (5 s), so
     * the worker never waits for a commit. {@code -Dbench.offset-commit=per-poll} makes both loops
     * wait for a synchronous commit after every poll instead (the figures of earlier reports).
     */
    private static final boolean PER_POLL_COMMIT = "per-poll".equals(System.getProperty("bench.offset-commit", "interval"));
    /** Snapshots at 1 % churn through both loops between the initial load and the measured ones. */
    private static final int WARMUP_SNAPSHOTS = Integer.getInteger("bench.warmup-snapshots", 20);
    /** {@code -Dbench.read-ahead=false} leaves out the service's {@link BeforeImagePrefetcher}. */
    private static final boolean READ_AHEAD = !"false".equals(System.getProperty("bench.read-ahead"));
    /** The service's {@code mp.messaging.incoming.configuration-items.concurrency}: channel copies, each with its consumer. */
    private static final int CONCURRENCY = Math.max(1, Integer.getInteger("bench.concurrency", 2));
    /**
     * Measured rounds, each a 1 % snapshot then an unchanged one through both loops: (a) reports every
     * round and the median ratio, since two runs of the same code on this machine differ by a third.
     */
    private static final int MEASURED_ROUNDS = Math.max(1, Integer.getInteger("bench.measured-rounds", 3));
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(Long.getLong("bench.commit-interval-ms", 5_000));
    private static final String SCHEMA = "snapshot_bench";

    private final Map<String, Object> results = new LinkedHashMap<>();
    /** (b)'s figures, reported after (a)'s. */
    private final Map<String, Object> storage = new LinkedHashMap<>();
    private long oneSnapshot;
    private final RealisticItems gen = new RealisticItems(42);
    private final int[] versions = new int[ITEMS];
    private String kafka;
    private PGSimpleDataSource ds;
    /** One topic for every snapshot, as in the service (driftwatch.configuration-items). */
    private final String topic = "bench.configuration-items." + UUID.randomUUID().toString().substring(0, 8);
    /** One ingestor and cache for the whole run, as in a long-lived service replica. */
    private final BatchIngestor ingestor = new BatchIngestor(new ResourceCache(Integer.getInteger("bench.cache-max-entries", 250_000)));
    private KafkaConsumer<String, byte[]> rawConsumer;
    /** {@link #CONCURRENCY} plain consumers in one group: the raw baseline with as many consumers as the ingest has. */
    private final List<KafkaConsumer<String, byte[]>> rawConsumers = new ArrayList<>();
    /** One consumer per channel copy, in one group. */
    private final List<KafkaConsumer<String, DecodedEvent<Prepared>>> ingestConsumers = new ArrayList<>();
    /** The ingest loop's producer of changes, long-lived as the service's (acks=all, linger.ms=0). */
    private KafkaProducer<String, byte[]> changesProducer;

    public static void main(String[] args) throws Exception {
        // Outside Quarkus nothing configures JBoss LogManager, whose loggers then report TRACE as enabled:
        // the Kafka clients formatted a trace message per record sent (JFR). The service logs at INFO.
        boolean traceBefore = org.slf4j.LoggerFactory.getLogger("org.apache.kafka.clients.producer.KafkaProducer").isTraceEnabled();
        org.jboss.logmanager.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        System.out.printf("logging: Kafka client TRACE enabled %s before, %s after setting INFO%n", traceBefore,
                org.slf4j.LoggerFactory.getLogger("org.apache.kafka.clients.producer.KafkaProducer").isTraceEnabled());
        new SnapshotBench().run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("snapshot-diff bench: items=%d snapshots=%d accounts=%d diff-pairs=%d, %d cores, %s%n", ITEMS, SNAPSHOTS,
                ACCOUNTS, DIFF_PAIRS, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        diffBench();
        kafka = LocalInfra.kafkaBootstrapServers();
        ds = ScratchSchema.migrated(SCHEMA);

        KafkaBroker.createTopics(kafka, List.of(topic), 6);
        rawConsumer = consumer("bench-raw-" + UUID.randomUUID(), null);
        String rawGroup = "bench-raw-parallel-" + UUID.randomUUID();
        for (int i = 0; i < CONCURRENCY && CONCURRENCY > 1; i++) {
            rawConsumers.add(consumer(rawGroup, null));
        }
        // Clears the cache on revocation, as PartitionCacheInvalidator does in the service.
        ConsumerRebalanceListener invalidator = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    System.out.println("  (ingest consumer: " + partitions.size() + " partitions revoked)");
                    ingestor.cache().clear();
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        };
        String ingestGroup = "bench-ingest-" + UUID.randomUUID();
        for (int i = 0; i < CONCURRENCY; i++) {
            ingestConsumers.add(consumer(ingestGroup, invalidator, new PreparedEventDeserializer(ingestor.cache()), READ_AHEAD ? Map.of(
                    // As in the service's channel (application.properties); the data source is the bench's.
                    ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, BeforeImagePrefetcher.class.getName(),
                    BeforeImagePrefetcher.DATA_SOURCE_CONFIG, ds) : Map.of()));
        }

        // Join both groups before the first snapshot: a consumer joining later would take partitions over in
        // the middle of a snapshot and re-read what the other had not committed yet.
        settle(ingestConsumers);
        if (!rawConsumers.isEmpty()) {
            settle(rawConsumers);
        }
        KafkaBroker.createTopics(kafka, List.of("bench.resource-changes"), 6);
        changesProducer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());

        // Snapshot 1: initial load (every item new).
        int snapshot = 1;
        produce(snapshot, Set.of());
        double raw1 = rawConsume();
        if (!rawConsumers.isEmpty()) {
            rawConsume(rawConsumers, "raw consume, parallel");
        }
        double load = ingest();
        oneSnapshot = dbSize();
        results.put("initial load: ingest items/s", round(load));
        results.put("initial load: raw consume records/s", round(raw1));

        // Warm-up snapshots at 1 % churn through both loops, not measured: a service replica runs warm,
        // and without them the JIT compiler still takes about half the JVM's CPU in the measured windows.
        int churned = 0;
        for (int w = 0; w < WARMUP_SNAPSHOTS; w++) {
            produce(++snapshot, churn());
            System.out.println("  (warm-up)");
            rawConsume();
            if (!rawConsumers.isEmpty()) {
                rawConsume(rawConsumers, "raw consume, parallel");
            }
            ingest();
            churned++;
            if (1 + churned == SNAPSHOTS) {
                measureStorage(1 + churned); // (b) counts S snapshots however long the warm-up runs
            }
        }

        // Measured rounds: 1 % changed (the steady state the warm-up ran in), then unchanged.
        List<Double> churnedRatios = new ArrayList<>();
        List<Double> unchangedRatios = new ArrayList<>();
        List<Double> churnedParallelRatios = new ArrayList<>();
        List<Double> unchangedParallelRatios = new ArrayList<>();
        for (int round = 1; round <= MEASURED_ROUNDS; round++) {
            produce(++snapshot, churn());
            churned++;
            System.out.println("  (measured, round " + round + ", 1 % changed)");
            double rawChurned = rawConsume();
            double rawChurnedParallel = rawConsumers.isEmpty() ? 0 : rawConsume(rawConsumers, "raw consume, parallel");
            double ingestChurned = ingest();
            produce(++snapshot, Set.of());
            System.out.println("  (measured, round " + round + ", unchanged)");
            double rawUnchanged = rawConsume();
            double rawUnchangedParallel = rawConsumers.isEmpty() ? 0 : rawConsume(rawConsumers, "raw consume, parallel");
            double ingestUnchanged = ingest();
            results.put("(a) round " + round + ", 1% changed: ingest vs raw consume records/s",
                    round(ingestChurned) + " vs " + round(rawChurned) + " = " + round2(ingestChurned / rawChurned));
            results.put("(a) round " + round + ", unchanged: ingest vs raw consume records/s",
                    round(ingestUnchanged) + " vs " + round(rawUnchanged) + " = " + round2(ingestUnchanged / rawUnchanged));
            churnedRatios.add(ingestChurned / rawChurned);
            unchangedRatios.add(ingestUnchanged / rawUnchanged);
            if (!rawConsumers.isEmpty()) {
                results.put("(a) round " + round + ", 1% changed: ingest vs raw consume with " + CONCURRENCY + " consumers records/s",
                        round(ingestChurned) + " vs " + round(rawChurnedParallel) + " = " + round2(ingestChurned / rawChurnedParallel));
                results.put("(a) round " + round + ", unchanged: ingest vs raw consume with " + CONCURRENCY + " consumers records/s",
                        round(ingestUnchanged) + " vs " + round(rawUnchangedParallel) + " = " + round2(ingestUnchanged / rawUnchangedParallel));
                churnedParallelRatios.add(ingestChurned / rawChurnedParallel);
                unchangedParallelRatios.add(ingestUnchanged / rawUnchangedParallel);
            }
        }
        rawConsumer.close();
        rawConsumers.forEach(KafkaConsumer::close);
        ingestConsumers.forEach(KafkaConsumer::close);
        changesProducer.close();
        results.put("(a) unchanged: ratio to raw consume, median of " + MEASURED_ROUNDS + " rounds", round2(median(unchangedRatios)));
        if (!rawConsumers.isEmpty()) {
            results.put("(a) unchanged: ratio to raw consume with " + CONCURRENCY + " consumers, median of " + MEASURED_ROUNDS + " rounds",
                    round2(median(unchangedParallelRatios)));
            results.put("(a) 1% changed: ratio to raw consume with " + CONCURRENCY + " consumers, median of " + MEASURED_ROUNDS + " rounds",
                    round2(median(churnedParallelRatios)));
        }
        results.put("(a) 1% changed: ratio to raw consume, median of " + MEASURED_ROUNDS + " rounds", round2(median(churnedRatios)));

        // Up to S snapshots (the initial load and S - 1 at 1 % churn), the rest fed to the same ingestor
        // directly (storage does not depend on the broker). The unchanged measured ones add no version.
        if (storage.isEmpty()) {
            while (1 + churned < SNAPSHOTS) {
                ingestDirect(++snapshot, churn());
                churned++;
            }
            measureStorage(1 + churned);
        }
        results.putAll(storage);

        System.out.println();
        System.out.println("RESULTS");
        results.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }

    /**
     * (b) once the store holds the initial load and {@code snapshots - 1} at 1 % churn: during the
     * warm-up when it runs that long (the measured rounds then run after this plain VACUUM, as a
     * service's would after autovacuum), else after the measured rounds.
     */
    private void measureStorage(int snapshots) throws SQLException {
        String counted = snapshots + " snapshots";
        long before = dbSize();
        vacuum();
        long after = dbSize();
        storage.put("(b) one snapshot: DB bytes", oneSnapshot);
        storage.put("(b) " + counted + ": DB bytes (before VACUUM)", before);
        storage.put("(b) " + counted + ": DB bytes (after plain VACUUM)", after);
        storage.put("(b) ratio " + counted + " / one (after VACUUM)", round2((double) after / oneSnapshot));
        storage.put("(b) per-table bytes", tableSizes());
        System.out.println("  (b) measured after " + counted);
    }

    // ---- (c) differ vs zjsonpatch ----

    private void diffBench() {
        List<JsonNode[]> reorderedOnly = new ArrayList<>();
        List<JsonNode[]> realChange = new ArrayList<>();
        for (int n = 0; n < DIFF_PAIRS; n++) {
            String type = RealisticItems.typeOf(n);
            JsonNode v0 = gen.configuration(type, n, 0);
            reorderedOnly.add(new JsonNode[] {v0, gen.reorder(v0)});
            realChange.add(new JsonNode[] {v0, gen.reorder(gen.configuration(type, n, 1))});
        }
        // Warm-up, then measure.
        for (int i = 0; i < 3; i++) {
            oursEndToEnd(realChange);
            zjsonpatch(realChange);
        }
        List<JsonNode[]> all = new ArrayList<>(reorderedOnly);
        all.addAll(realChange);
        long ours = best(() -> oursEndToEnd(all));
        long oursDiffOnly = bestDiffOnly(all);
        long theirs = best(() -> zjsonpatch(all));
        long oursFalse = oursEndToEnd(reorderedOnly);
        long theirsFalse = zjsonpatch(reorderedOnly);
        long oursReal = oursEndToEnd(realChange);
        long theirsReal = zjsonpatch(realChange);
        results.put("(c) pairs (half reordered only, half 1 real change + reordered)", all.size());
        results.put("(c) differ incl. canonicalisation of both sides: us/pair", round2(ours / 1000.0 / all.size()));
        results.put("(c) differ on stored canonical trees: us/pair", round2(oursDiffOnly / 1000.0 / all.size()));
        results.put("(c) zjsonpatch JsonDiff.asJson: us/pair", round2(theirs / 1000.0 / all.size()));
        results.put("(c) speed ratio zjsonpatch/differ (incl. canonicalisation)", round2((double) theirs / ours));
        results.put("(c) speed ratio zjsonpatch/differ (stored canonical trees)", round2((double) theirs / oursDiffOnly));
        results.put("(c) false changes on " + reorderedOnly.size() + " reordered-only pairs: differ", oursFalse);
        results.put("(c) false changes on " + reorderedOnly.size() + " reordered-only pairs: zjsonpatch ops", theirsFalse);
        results.put("(c) reported changes on " + realChange.size() + " real-change pairs: differ / zjsonpatch ops",
                oursReal + " / " + theirsReal);
        snapshotPairWorkload();
    }

    /**
     * Diffing two snapshots the way the service does: each version's canonical hash was computed once
     * at ingest, so a resource whose hash did not change is no difference without any tree walk, and
     * the differ runs on the stored canonical trees of the changed ones. The naive tool diffs every
     * pair of raw JSON documents (AWS reorders lists between two collections). 1 % of the resources
     * really changed.
     */
    private void snapshotPairWorkload() {
        int n = DIFF_PAIRS * 5;
        List<JsonNode[]> raw = new ArrayList<>(n);
        List<Object[]> stored = new ArrayList<>(n);
        int really = 0;
        for (int i = 0; i < n; i++) {
            String type = RealisticItems.typeOf(i);
            boolean change = i % 100 == 0;
            really += change ? 1 : 0;
            JsonNode before = gen.configuration(type, i, 0);
            JsonNode after = gen.reorder(gen.configuration(type, i, change ? 1 : 0));
            raw.add(new JsonNode[] {before, after});
            JsonNode cb = CanonicalJson.canonicalize(type, before);
            JsonNode ca = CanonicalJson.canonicalize(type, after);
            stored.add(new Object[] {type, cb, CanonicalJson.sha256(CanonicalJson.toCanonicalString(cb)), ca,
                    CanonicalJson.sha256(CanonicalJson.toCanonicalString(ca))});
        }
        long[] oursChanges = new long[1];
        long ours = best(() -> {
            long changes = 0;
            for (Object[] p : stored) {
                if (!p[2].equals(p[4])) {
                    changes += ConfigurationDiffer.diff((String) p[0], (JsonNode) p[1], (JsonNode) p[3]).size();
                }
            }
            oursChanges[0] = changes;
            return changes;
        });
        long[] theirOps = new long[1];
        long theirs = best(() -> {
            theirOps[0] = zjsonpatch(raw);
            return theirOps[0];
        });
        long theirsFalse = 0;
        for (int i = 0; i < n; i++) {
            if (i % 100 != 0) {
                theirsFalse += JsonDiff.asJson(raw.get(i)[0], raw.get(i)[1]).size();
            }
        }
        results.put("(c) snapshot-pair workload: resources / really changed", n + " / " + really);
        results.put("(c) snapshot-pair workload: service (stored hashes + differ on changed) ms", round2(ours / 1e6));
        results.put("(c) snapshot-pair workload: zjsonpatch on every raw pair ms", round2(theirs / 1e6));
        results.put("(c) snapshot-pair workload: speed ratio zjsonpatch/service", round2((double) theirs / ours));
        results.put("(c) snapshot-pair workload: reported changes service / zjsonpatch ops (false ops on unchanged)",
                oursChanges[0] + " / " + theirOps[0] + " (" + theirsFalse + ")");
    }

    private static long oursEndToEnd(List<JsonNode[]> pairs) {
        long changes = 0;
        for (JsonNode[] p : pairs) {
            String type = p[0].has("groupId") ? "AWS::EC2::SecurityGroup" : "AWS::EC2::Instance";
            JsonNode a = CanonicalJson.canonicalize(type, p[0]);
            JsonNode b = CanonicalJson.canonicalize(type, p[1]);
            changes += ConfigurationDiffer.diff(type, a, b).size();
        }
        return changes;
    }

    private static long bestDiffOnly(List<JsonNode[]> pairs) {
        List<JsonNode[]> canonical = new ArrayList<>();
        for (JsonNode[] p : pairs) {
            canonical.add(new JsonNode[] {CanonicalJson.canonicalize("x", p[0]), CanonicalJson.canonicalize("x", p[1])});
        }
        return best(() -> {
            long n = 0;
            for (JsonNode[] p : canonical) {
                n += ConfigurationDiffer.diff("x", p[0], p[1]).size();
            }
            return n;
        });
    }

    private static long zjsonpatch(List<JsonNode[]> pairs) {
        long ops = 0;
        for (JsonNode[] p : pairs) {
            ops += JsonDiff.asJson(p[0], p[1]).size();
        }
        return ops;
    }

    private interface Work {
        long run();
    }

    private static long best(Work w) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            w.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }

    // ---- (a) ingest vs raw consume ----

    private Set<Integer> churn() {
        Set<Integer> changed = new TreeSet<>();
        int target = (int) Math.round(ITEMS * CHURN);
        while (changed.size() < target) {
            changed.add(gen.random().nextInt(ITEMS));
        }
        for (int n : changed) {
            versions[n]++;
        }
        return changed;
    }

    private List<byte[]> snapshotEvents(int snapshot, int account) {
        String run = "bench-run-" + snapshot;
        String acct = RealisticItems.account(account);
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(snapshot));
        List<byte[]> out = new ArrayList<>();
        out.add(CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder().setRunId(run).setAccountId(acct)
                .setPhase(CollectionRunMarker.Phase.STARTED).setAt(ts(at))).build().toByteArray());
        for (int n = account; n < ITEMS; n += ACCOUNTS) {
            ConfigurationItem item = gen.item(acct, n, versions[n], run).toBuilder().setCaptureTime(ts(at.plusMillis(1))).build();
            out.add(CollectionEvent.newBuilder().setItem(item).build().toByteArray());
        }
        CollectionRunMarker.Builder done = CollectionRunMarker.newBuilder().setRunId(run).setAccountId(acct)
                .setPhase(CollectionRunMarker.Phase.COMPLETED).setAt(ts(at.plusSeconds(60)));
        for (String type : List.of("AWS::EC2::Instance", "AWS::EC2::SecurityGroup", "AWS::EC2::NetworkInterface")) {
            done.addListings(ListingOutcome.newBuilder().setRegion(RealisticItems.REGION).setResourceType(type)
                    .setStatus(ListingOutcome.Status.COMPLETE));
        }
        done.addListings(ListingOutcome.newBuilder().setRegion("global").setResourceType("AWS::IAM::Role")
                .setStatus(ListingOutcome.Status.COMPLETE));
        out.add(CollectionEvent.newBuilder().setMarker(done).build().toByteArray());
        return out;
    }

    private void produce(int snapshot, Set<Integer> changedNow) {
        long bytes = 0;
        long records = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int a = 0; a < ACCOUNTS; a++) {
                for (byte[] v : snapshotEvents(snapshot, a)) {
                    producer.send(new ProducerRecord<>(topic, RealisticItems.account(a), v));
                    bytes += v.length;
                    records++;
                }
            }
            producer.flush();
        }
        System.out.printf("snapshot %d: produced %d records (%d MB, avg %d B), %d changed items%n", snapshot, records,
                bytes >> 20, bytes / records, changedNow.size());
    }

    /** A long-lived consumer of the bench topic; each snapshot is read from the group's committed offset. */
    private KafkaConsumer<String, byte[]> consumer(String group, ConsumerRebalanceListener listener) {
        return consumer(group, listener, new ByteArrayDeserializer(), Map.of());
    }

    private <V> KafkaConsumer<String, V> consumer(String group, ConsumerRebalanceListener listener,
                                                   org.apache.kafka.common.serialization.Deserializer<V> values,
                                                   Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The service's channel setting (application.properties), for the raw loop as well.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.getInteger("bench.max-poll-records", 5000)));
        config.putAll(extra);
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        if (listener == null) {
            consumer.subscribe(List.of(topic));
        } else {
            consumer.subscribe(List.of(topic), listener);
        }
        return consumer;
    }

    /** Polls the (empty) topic with every consumer of a group until the group's 6 partitions are spread over all of them. */
    private static void settle(List<? extends KafkaConsumer<String, ?>> group) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            int assigned = 0;
            boolean everyOne = true;
            for (KafkaConsumer<String, ?> c : group) {
                if (!c.poll(Duration.ofMillis(50)).isEmpty()) {
                    throw new IllegalStateException("the bench topic is not empty before the first snapshot");
                }
                assigned += c.assignment().size();
                everyOne &= !c.assignment().isEmpty();
            }
            if (assigned == 6 && everyOne) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer group did not settle within 60 s");
            }
        }
    }

    /** The raw baseline: one plain consumer (see {@link #rawConsume(List, String)}). */
    private double rawConsume() throws InterruptedException {
        return rawConsume(List.of(rawConsumer), "raw consume");
    }

    /**
     * Plain consumer loops, one thread per consumer of one group, reading every record of the latest
     * snapshot: the ceiling. Each commits its offsets the way the ingest loop does ({@link #PER_POLL_COMMIT}),
     * the snapshot's last ones synchronously before the clock stops.
     */
    private double rawConsume(List<KafkaConsumer<String, byte[]>> consumers, String label) throws InterruptedException {
        long expected = (long) ITEMS + 2L * ACCOUNTS;
        SnapshotEnd end = new SnapshotEnd(consumers.get(0));
        AtomicReference<Exception> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong records = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        IngestClock clock = new IngestClock(false);
        List<Thread> threads = new ArrayList<>();
        for (KafkaConsumer<String, byte[]> consumer : consumers) {
            Thread t = new Thread(() -> {
                long lastCommit = System.nanoTime();
                long n = 0;
                long b = 0;
                try {
                    while (!end.complete()) {
                        ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(2));
                        if (polled.isEmpty()) {
                            continue;
                        }
                        clock.started();
                        for (ConsumerRecord<String, byte[]> r : polled) {
                            b += r.value().length;
                            n++;
                            end.saw(r);
                        }
                        if (PER_POLL_COMMIT) {
                            consumer.commitSync();
                        } else if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                            consumer.commitAsync((offsets, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                            lastCommit = System.nanoTime();
                        }
                    }
                    consumer.commitSync();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    end.abort();
                }
                records.addAndGet(n);
                bytes.addAndGet(b);
            }, "bench-raw-" + threads.size());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("raw loop failed", failure.get());
        }
        double rate = expected / ((System.nanoTime() - clock.start) / 1e9);
        end.report();
        System.out.printf("  %s: %d records (%d MB) at %.0f records/s over %d consumers; CPU: %s%n", label, records.get(),
                bytes.get() >> 20, rate, consumers.size(), clock.cpu.since());
        return rate;
    }

    /**
     * The production ingest path, shaped like the service's channel with {@code concurrency} copies
     * ({@link #CONCURRENCY}, the service's setting): one consumer per copy, in one group, each with a
     * polling thread whose {@link PreparedEventDeserializer} (the service's) decodes, validates and looks
     * ahead in the shared cache for each record there, and queues polls for the copy's worker
     * ({@link BatchPoller}) as SmallRye queues batches for the {@code @Blocking} method. Each worker checks the
     * records decoded, applies the batch with the shared BatchIngestor on its own connection, publishes the
     * changes (acks=all) and waits for their acks, commits the transaction, lets the cache learn the batch
     * (as SnapshotIngestor does after commit), then hands the batch's offsets to its polling thread, which
     * commits them as the service's channel does ({@link #PER_POLL_COMMIT}).
     */
    private double ingest() throws Exception {
        long expected = (long) ITEMS + 2L * ACCOUNTS;
        long hitsBefore = ingestor.cache().hits();
        long oneTripBefore = ingestor.knownChangeFlushes();
        long readAheadBefore = ingestor.readAheadUsed();
        long shortcutsBefore = ingestor.unseenCountShortcuts();
        pgStats("SELECT public.pg_stat_statements_reset()");
        SnapshotEnd end = new SnapshotEnd(ingestConsumers.get(0)); // before the polling threads own the consumers
        IngestClock clock = new IngestClock(true);
        List<BatchPoller> pollers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<IngestWorker> workers = new ArrayList<>();
        // Opened before and closed after the window: CpuMeter leaves out a PostgreSQL backend that exits in it.
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < ingestConsumers.size(); i++) {
            Connection c = ds.getConnection();
            c.setAutoCommit(false);
            connections.add(c);
        }
        for (int i = 0; i < ingestConsumers.size(); i++) {
            BatchPoller poller = new BatchPoller(ingestConsumers.get(i), end);
            pollers.add(poller);
            Thread polling = new Thread(poller, "bench-ingest-poller-" + i);
            polling.start();
            threads.add(polling);
            IngestWorker worker = new IngestWorker(poller, end, clock, connections.get(i));
            workers.add(worker);
        }
        List<Thread> workerThreads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Thread t = new Thread(workers.get(i), "bench-ingest-worker-" + i);
            t.start();
            workerThreads.add(t);
        }
        try {
            for (Thread t : workerThreads) {
                t.join(Duration.ofMinutes(21).toMillis());
            }
            for (IngestWorker w : workers) {
                if (w.failure != null) {
                    throw w.failure;
                }
            }
            // The snapshot's last offsets are committed synchronously before the clock stops, as in the raw loop.
            stop(pollers, threads);
            double total = (System.nanoTime() - clock.start) / 1e9;
            double rate = expected / total; // re-delivered records are work, not progress
            end.report();
            String cpuUsed = clock.cpu.since();
            long gc = gcMillis() - clock.gcStart;
            long jit = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - clock.jitStart;
            if (Boolean.getBoolean("bench.timestamps")) {
                System.out.println("  ingest ends at " + java.time.Instant.now());
            }
            long n = 0;
            long changes = 0;
            StringBuilder perWorker = new StringBuilder();
            double pollingCpu = 0;
            double workerCpu = 0;
            for (IngestWorker w : workers) {
                n += w.records;
                changes += w.changes;
                workerCpu += w.cpuNanos / 1e9;
                perWorker.append(String.format("%n      worker %s: %d records in %d polls, validate %.2f s, store %.2f s, publish %.2f s, commit %.2f s,"
                        + " waiting for a poll %.2f s", w.name, w.records, w.polls, w.decodeNs / 1e9, w.storeNs / 1e9, w.publishNs / 1e9,
                        w.commitNs / 1e9, total - (w.decodeNs + w.storeNs + w.publishNs + w.commitNs) / 1e9));
            }
            for (BatchPoller p : pollers) {
                pollingCpu += p.cpuNanos / 1e9;
            }
            System.out.printf("  ingest: %d records, %d changes, at %.0f records/s over %d consumers; cache: %d hits, %d entries;"
                    + " %d flushes stored their changes in one round trip (%d changes diffed from the before side read ahead);"
                    + " %d COMPLETED markers inferred no deletion from counts alone;%s%n"
                    + "    CPU: %s (in the JVM: worker threads %.2f s, polling threads %.2f s, GC %.2f s, JIT compiling %.2f s)%n", n,
                    changes, rate, workers.size(), ingestor.cache().hits() - hitsBefore, ingestor.cache().size(),
                    ingestor.knownChangeFlushes() - oneTripBefore, ingestor.readAheadUsed() - readAheadBefore,
                    ingestor.unseenCountShortcuts() - shortcutsBefore, perWorker, cpuUsed, workerCpu, pollingCpu, gc / 1e3, jit / 1e3);
            pgStats("""
                    SELECT calls, round(total_exec_time::numeric, 1), round((total_exec_time / calls)::numeric, 3),
                      regexp_replace(left(query, 90), '\\s+', ' ', 'g')
                    FROM public.pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 10""");
            return rate;
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            stop(pollers, threads);
        }
    }

    /** Stops the polling threads, which commit their last offsets synchronously; rethrows a poller's failure. */
    private static void stop(List<BatchPoller> pollers, List<Thread> threads) throws InterruptedException {
        for (BatchPoller p : pollers) {
            p.stop();
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        for (BatchPoller p : pollers) {
            if (p.failure != null) {
                throw p.failure; // for example records polled beyond the snapshot, which the next one would miss
            }
        }
    }

    /** When the first worker received its first poll: the ingest window starts there, with the meters. */
    private static final class IngestClock {
        private final boolean announce;
        private volatile long start;
        private volatile CpuMeter cpu;
        private volatile long gcStart;
        private volatile long jitStart;

        void started() {
            if (start == 0) {
                begin();
            }
        }

        private synchronized void begin() {
            if (start != 0) {
                return;
            }
            cpu = CpuMeter.start();
            gcStart = gcMillis();
            jitStart = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            if (announce && Boolean.getBoolean("bench.timestamps")) {
                System.out.println("  ingest starts at " + java.time.Instant.now());
            }
            start = System.nanoTime();
        }

        IngestClock(boolean announce) {
            this.announce = announce;
        }
    }

    /** The worker of one channel copy: the service's {@code @Blocking} batch method, on its own connection. */
    private final class IngestWorker implements Runnable {
        private final BatchPoller poller;
        private final SnapshotEnd end;
        private final IngestClock clock;
        private final Connection c;
        private String name;
        private long records;
        private long polls;
        private long changes;
        private long decodeNs;
        private long storeNs;
        private long publishNs;
        private long commitNs;
        private long cpuNanos;
        private volatile Exception failure;

        IngestWorker(BatchPoller poller, SnapshotEnd end, IngestClock clock, Connection c) {
            this.c = c;
            this.poller = poller;
            this.end = end;
            this.clock = clock;
        }

        @Override
        public void run() {
            name = Thread.currentThread().getName();
            long cpuStart = -1;
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            try {
                while (!end.complete()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("ingest read " + records + " records in 20 minutes");
                    }
                    // Short: when another copy stores the snapshot's last batch, this one stops at once.
                    ConsumerRecords<String, DecodedEvent<Prepared>> polled = poller.next(Duration.ofMillis(2));
                    if (polled == null) {
                        continue;
                    }
                    if (cpuStart < 0) {
                        clock.started();
                        cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    }
                    long t0 = System.nanoTime();
                    List<Prepared> events = new ArrayList<>(polled.count());
                    for (ConsumerRecord<String, DecodedEvent<Prepared>> r : polled) {
                        if (!r.value().decoded()) {
                            throw r.value().failure();
                        }
                        events.add(r.value().event());
                        end.saw(r);
                    }
                    // Per partition, as the service's connector tracks them (not a map entry per record).
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    for (TopicPartition tp : polled.partitions()) {
                        List<ConsumerRecord<String, DecodedEvent<Prepared>>> inPartition = polled.records(tp);
                        offsets.put(tp, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
                    }
                    long t1 = System.nanoTime();
                    ResourceCache.Batch batch = ingestor.cache().begin();
                    List<ResourceChange> out = ingestor.ingest(c, events, batch);
                    long t2 = System.nanoTime();
                    // As ChangePublisher: send every change, then wait for each one's acknowledgement.
                    List<java.util.concurrent.Future<?>> sends = new ArrayList<>(out.size());
                    for (ResourceChange ch : out) {
                        sends.add(changesProducer.send(new ProducerRecord<>("bench.resource-changes", ch.getResourceId(), ch.toByteArray())));
                    }
                    for (java.util.concurrent.Future<?> send : sends) {
                        send.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    long t3 = System.nanoTime();
                    c.commit();
                    batch.committed();
                    poller.processed(offsets);
                    decodeNs += t1 - t0;
                    storeNs += t2 - t1;
                    publishNs += t3 - t2;
                    commitNs += System.nanoTime() - t3;
                    records += polled.count();
                    polls++;
                    changes += out.size();
                }
            } catch (Exception e) {
                failure = e;
                end.abort();
            } finally {
                if (cpuStart >= 0) {
                    cpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
                }
            }
        }
    }

    /**
     * When a loop has read the whole snapshot: every partition's end offset, read before the loop
     * starts (nothing more is produced until the next snapshot). Counting records would not do: after
     * a rebalance the records since the last offset commit come again.
     */
    private static final class SnapshotEnd {
        private final Map<Integer, Long> ends = new HashMap<>();
        private final Map<Integer, Long> next = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong redelivered = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean aborted;

        SnapshotEnd(KafkaConsumer<String, ?> consumer) {
            List<TopicPartition> partitions = consumer.partitionsFor(consumerTopic(consumer)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.endOffsets(partitions).forEach((tp, offset) -> ends.put(tp.partition(), offset));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata committed = consumer.committed(Set.of(tp)).get(tp);
                next.put(tp.partition(), committed == null ? 0L : committed.offset());
            }
        }

        private static String consumerTopic(KafkaConsumer<String, ?> consumer) {
            return consumer.subscription().iterator().next();
        }

        void saw(ConsumerRecord<String, ?> r) {
            long n = next.getOrDefault(r.partition(), 0L);
            if (r.offset() < n) {
                redelivered.incrementAndGet();
            } else {
                next.put(r.partition(), r.offset() + 1);
            }
        }

        /** A worker failed: the others stop too. */
        void abort() {
            aborted = true;
        }

        boolean complete() {
            if (aborted) {
                return true;
            }
            for (Map.Entry<Integer, Long> e : ends.entrySet()) {
                if (next.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        boolean beyond(ConsumerRecord<String, ?> r) {
            return r.offset() >= ends.getOrDefault(r.partition(), 0L);
        }

        /** Says so when some records came twice. */
        void report() {
            if (redelivered.get() > 0) {
                System.out.printf("  (%d records came again after a rebalance and were stored again)%n", redelivered.get());
            }
        }
    }

    /**
     * Owns the ingest consumer on its own thread, like SmallRye's polling thread in batch mode
     * ({@code KafkaRecordStreamSubscription}): polls into a queue of at most {@link #QUEUED_POLLS} polls
     * ({@code max-queue-size-factor}, default 2, times one batch), stops polling when the queue is full
     * and starts again only once the worker has emptied it (SmallRye pauses the partitions at
     * {@code max.poll.records × factor} and resumes at half of it, which in batch mode is 0). Between
     * polls it commits the offsets the worker hands back (at once and synchronously with
     * {@code per-poll}, otherwise asynchronously every {@link #COMMIT_INTERVAL}), and the last ones
     * synchronously when stopped. Nothing is polled beyond the snapshot, since the topic holds nothing
     * more until the next one is produced.
     */
    private static final class BatchPoller implements Runnable {
        private final KafkaConsumer<String, DecodedEvent<Prepared>> consumer;
        /** SmallRye's default {@code max-queue-size-factor}; in batch mode each queued element is one poll. */
        private static final int QUEUED_POLLS = Integer.getInteger("bench.queued-polls", 2);
        private final java.util.concurrent.LinkedBlockingQueue<ConsumerRecords<String, DecodedEvent<Prepared>>> ready =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.BlockingQueue<Map<TopicPartition, OffsetAndMetadata>> commits =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.BlockingQueue<Object> committed = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Map<TopicPartition, OffsetAndMetadata> latest = new HashMap<>();
        private volatile boolean running = true;
        private volatile RuntimeException failure;
        /** CPU time of the polling thread while it ran (valid once stopped). */
        private volatile long cpuNanos;

        private final SnapshotEnd end;

        BatchPoller(KafkaConsumer<String, DecodedEvent<Prepared>> consumer, SnapshotEnd end) {
            this.consumer = consumer;
            this.end = end;
        }

        @Override
        public void run() {
            boolean paused = false;
            long lastCommit = System.nanoTime();
            try {
                while (running) {
                    Map<TopicPartition, OffsetAndMetadata> offsets;
                    while ((offsets = commits.poll()) != null) {
                        handOver(offsets);
                    }
                    if (!PER_POLL_COMMIT && !latest.isEmpty() && System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                        consumer.commitAsync(new HashMap<>(latest), (o, e) -> {
                            if (e != null) {
                                failure = new IllegalStateException("offset commit failed", e);
                            }
                        });
                        lastCommit = System.nanoTime();
                    }
                    int queued = ready.size();
                    if (queued >= QUEUED_POLLS) {
                        paused = true;
                    } else if (queued == 0) {
                        paused = false;
                    }
                    if (!paused) {
                        ConsumerRecords<String, DecodedEvent<Prepared>> polled = consumer.poll(Duration.ofMillis(5));
                        if (!polled.isEmpty()) {
                            ready.add(polled);
                        }
                    } else {
                        Map<TopicPartition, OffsetAndMetadata> next = commits.poll(1, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (next != null) {
                            handOver(next);
                        }
                    }
                }
                for (ConsumerRecords<String, DecodedEvent<Prepared>> left; (left = ready.poll()) != null; ) {
                    for (ConsumerRecord<String, DecodedEvent<Prepared>> r : left) {
                        if (end.beyond(r)) {
                            throw new IllegalStateException("polled records beyond the snapshot, which the next one would miss");
                        }
                    } // else re-delivered after a rebalance, and already stored
                }
                Map<TopicPartition, OffsetAndMetadata> offsets;
                while ((offsets = commits.poll()) != null) {
                    latest.putAll(offsets);
                }
                if (!latest.isEmpty()) {
                    consumer.commitSync(latest);
                }
                cpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
                committed.add(e); // a worker waiting for a commit fails at once
            }
        }

        /** A stored batch's offsets, in the order the worker handed them over. */
        private void handOver(Map<TopicPartition, OffsetAndMetadata> offsets) {
            latest.putAll(offsets);
            if (PER_POLL_COMMIT) {
                commitAndReport(offsets);
            }
        }

        private void commitAndReport(Map<TopicPartition, OffsetAndMetadata> offsets) {
            try {
                consumer.commitSync(offsets);
                committed.add(Boolean.TRUE);
            } catch (RuntimeException e) {
                committed.add(e);
            }
        }

        ConsumerRecords<String, DecodedEvent<Prepared>> next(Duration timeout) throws InterruptedException {
            return ready.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** Hands a stored batch's offsets to the polling thread; with per-poll commits, waits until they are committed. */
        void processed(Map<TopicPartition, OffsetAndMetadata> offsets) throws InterruptedException {
            commits.add(offsets);
            if (!PER_POLL_COMMIT) {
                if (failure != null) {
                    throw failure;
                }
                return;
            }
            Object outcome = committed.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            if (outcome instanceof RuntimeException e) {
                throw e;
            }
            if (outcome == null) {
                throw new IllegalStateException("offset commit did not complete within 60 s");
            }
        }

        void stop() {
            running = false;
        }
    }

    /** Time the JVM's collectors report (G1: young and mixed pauses plus concurrent cycles). */
    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * With {@code -Dbench.pg-stats=true} and a server that preloads pg_stat_statements: runs the query
     * and prints its rows (where PostgreSQL's own time goes during a measured ingest).
     */
    private void pgStats(String sql) {
        if (!Boolean.getBoolean("bench.pg-stats")) {
            return;
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA public");
        } catch (SQLException e) {
            System.out.println("    pg_stat_statements unavailable: " + e.getMessage());
            return;
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next() && columns > 1) {
                System.out.printf("    pg: %8s calls %10s ms total %8s ms mean  %s%n", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4));
            }
        } catch (SQLException e) {
            System.out.println("    pg_stat_statements unavailable: " + e.getMessage());
        }
    }

    private void ingestDirect(int snapshot, Set<Integer> changedNow) throws SQLException {
        long t = System.nanoTime();
        long changes = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int a = 0; a < ACCOUNTS; a++) {
                List<Prepared> batch = new ArrayList<>(1000);
                for (byte[] v : snapshotEvents(snapshot, a)) {
                    batch.add(Prepared.of(LazyCollectionEvent.parse(v)));
                    if (batch.size() == 1000) {
                        changes += ingestCommitted(c, batch);
                        batch.clear();
                    }
                }
                changes += ingestCommitted(c, batch);
            }
        }
        System.out.printf("snapshot %d (direct): %d changes (%d items churned) in %.1f s%n", snapshot, changes, changedNow.size(),
                (System.nanoTime() - t) / 1e9);
    }

    private long ingestCommitted(Connection c, List<Prepared> events) throws SQLException {
        ResourceCache.Batch batch = ingestor.cache().begin();
        int n = ingestor.ingest(c, events, batch).size();
        c.commit();
        batch.committed();
        return n;
    }

    // ---- (b) size ----

    private long dbSize() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + SCHEMA + "' AND c.relkind = 'r'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Long> tableSizes() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + SCHEMA + "' AND c.relkind = 'r' "
                     + "ORDER BY 2 DESC")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private void vacuum() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String t : tableSizes().keySet()) {
                s.execute("VACUUM " + SCHEMA + "." + t);
            }
        }
    }

    private static com.google.protobuf.Timestamp ts(Instant n) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
    }

    private static long round(double d) {
        return Math.round(d);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
