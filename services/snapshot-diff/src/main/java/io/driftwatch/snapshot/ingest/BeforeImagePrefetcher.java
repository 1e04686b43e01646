package io.driftwatch.snapshot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.DecodedEvent;
import io.driftwatch.proto.v1.FieldChange;
import jakarta.enterprise.inject.spi.CDI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Reads ahead the "before" side of the likely changes of each poll, off the worker's critical path.
 * A Kafka {@link ConsumerInterceptor}: the client calls it inside {@code poll()}, on the polling thread,
 * with the poll's decoded records, while the worker is still storing an earlier poll. It hands the
 * poll's likely changes (items the ingest cache holds with another hash: {@link Prepared.Item#lookAhead})
 * to its own thread, which reads their current versions on its own connection, makes the canonical
 * form of both sides and the JSON of the item's other version columns (the item keeps them for the
 * worker), computes the field-level diff and whether the relationships stay the same, and leaves that
 * on the item ({@link Prepared.Item#readAhead()}).
 * <p>
 * It is only a hint. The worker uses it if it is ready when the worker stores the item, and only if the
 * row it writes over is still that version (same state id and hash); otherwise it reads the configuration
 * itself under the lock, as without this class. Nothing waits for it: {@code onConsume} returns at once,
 * and a poll whose read-ahead cannot be queued (the thread is behind) is simply not read ahead.
 */
public class BeforeImagePrefetcher implements ConsumerInterceptor<String, DecodedEvent<Prepared>> {
    /** Consumer property holding the {@link DataSource} (an object, not a string); else the CDI bean is used. */
    public static final String DATA_SOURCE_CONFIG = "driftwatch.before-images.data-source";

    private static final Logger LOG = Logger.getLogger(BeforeImagePrefetcher.class);
    /** Polls whose read-ahead may wait for the thread: as many as the channel queues (SmallRye: 2). */
    private static final int QUEUED_POLLS = 2;

    private static final String CURRENT_VERSIONS = """
            SELECT v.resource_pk, v.state_id, v.configuration_hash, v.configuration::text, v.relationships::text
            FROM resource_version v WHERE v.resource_pk = ANY(?::bigint[]) AND v.valid_to IS NULL""";

    private DataSource dataSource;
    private ThreadPoolExecutor thread;
    private Connection connection; // the read-ahead thread's only
    private final LongAdder readAhead = new LongAdder();

    /** As the Kafka client creates it from {@code interceptor.classes}; {@link #configure} finds the data source. */
    public BeforeImagePrefetcher() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object given = configs.get(DATA_SOURCE_CONFIG);
        dataSource = given instanceof DataSource ds ? ds : CDI.current().select(DataSource.class).get();
        thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED_POLLS), r -> {
            Thread t = new Thread(r, "driftwatch-before-images");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        LOG.info("reading ahead the stored configuration of likely changes (own thread and database connection)");
    }

    /** Items whose before side was read ahead (for tests and the bench). */
    public long readAhead() {
        return readAhead.sum();
    }

    @Override
    public ConsumerRecords<String, DecodedEvent<Prepared>> onConsume(ConsumerRecords<String, DecodedEvent<Prepared>> records) {
        List<Prepared.Item> likelyChanges = null;
        for (ConsumerRecord<String, DecodedEvent<Prepared>> r : records) {
            DecodedEvent<Prepared> value = r.value();
            if (value != null && value.decoded() && value.event() instanceof Prepared.Item item && item.likelyChange()) {
                if (likelyChanges == null) {
                    likelyChanges = new ArrayList<>();
                }
                likelyChanges.add(item);
            }
        }
        if (likelyChanges != null && thread != null) {
            List<Prepared.Item> items = likelyChanges;
            try {
                thread.execute(() -> read(items));
            } catch (RejectedExecutionException e) {
                // the thread is behind: this poll's changes are read under the worker's lock
            }
        }
        return records;
    }

    private void read(List<Prepared.Item> items) {
        Map<Long, Prepared.Item> byPk = new HashMap<>(items.size() * 2);
        for (Prepared.Item it : items) {
            byPk.put(it.peekPk(), it); // one item per resource: a repeat in the poll is left to the worker
        }
        try {
            if (connection == null || connection.isClosed()) {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement ps = connection.prepareStatement(CURRENT_VERSIONS)) {
                ps.setArray(1, connection.createArrayOf("bigint", byPk.keySet().toArray(Long[]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Prepared.Item item = byPk.get(rs.getLong(1));
                        String text = rs.getString(4);
                        if (item != null && text != null) {
                            try {
                                item.readAhead(before(item, rs.getLong(2), rs.getString(3), text, rs.getString(5)));
                                readAhead.increment();
                            } catch (RuntimeException e) {
                                // an item whose rest does not parse: the worker fails it where it can dead-letter it
                            }
                        }
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Only a hint: the worker reads what it needs under its lock. A broken connection is reopened next time.
            LOG.debugf("reading ahead %d configurations failed: %s", items.size(), e.getMessage());
            closeConnection();
        }
    }

    /**
     * The field-level changes from the stored version's canonical form to the item's, and whether the
     * item keeps the version's relationships (the same list, in the same order).
     */
    static Prepared.Before before(Prepared.Item item, long stateId, String hash, String storedConfiguration,
                                  String storedRelationships) {
        String type = item.item().getResourceType();
        JsonNode before = CanonicalJson.canonicalize(type, CanonicalJson.parse(storedConfiguration));
        List<FieldChange> fields = BatchIngestor.fieldChanges(type, before, item.canonical().node());
        String relationships = item.versionJson().relationships();
        // Stored as written (json, V11): the same text is the common case and needs no parse.
        boolean sameRelationships = storedRelationships != null && (storedRelationships.equals(relationships)
                || CanonicalJson.parse(storedRelationships).equals(CanonicalJson.parse(relationships)));
        return new Prepared.Before(stateId, hash, List.copyOf(fields), sameRelationships);
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        closeConnection();
    }
}
