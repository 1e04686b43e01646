package io.driftwatch.snapshot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.LazyCollectionEvent;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.FieldChange;
import java.time.Instant;
import java.util.List;

/** A decoded, validated collection event, ready for {@link BatchIngestor}. */
public sealed interface Prepared permits Prepared.Item, Prepared.Marker {

    /**
     * A configuration item. Its head (identity, run, claimed hash) is at hand; the whole item is parsed
     * only when {@link #item()} is first called, which ingest does only for items that are not unchanged.
     */
    final class Item implements Prepared {
        private final LazyCollectionEvent event;
        private final ResourceKey key;
        private final String keyText;
        private final int keyHash;
        private String runId;
        private String accountId;
        private Instant captured;
        private volatile Canonical canonical; // made by the read-ahead thread or the worker, whichever comes first
        private volatile VersionJson versionJson; // likewise
        // What ResourceCache#peek found, kept here so the worker decides a hit reading this object only.
        private long peekSeq;
        private byte peekVerdict = ResourceCache.NOT_PEEKED;
        private long peekPk = -1;
        // Written by BeforeImagePrefetcher's thread while the item waits in the channel's queue.
        private volatile Before readAhead;

        private Item(LazyCollectionEvent event, ResourceKey key) {
            this.event = event;
            this.key = key;
            this.keyText = key.toString(); // made once: ingest uses it several times per item
            this.keyHash = keyText.hashCode();
            this.runId = event.runId();
            this.accountId = event.accountId();
        }

        /** The whole item (parsed on first call; throws if the rest of the record is not valid). */
        public ConfigurationItem item() {
            return event.item();
        }

        public ResourceKey key() {
            return key;
        }

        /** {@code key().toString()}. */
        public String keyText() {
            return keyText;
        }

        int keyHash() {
            return keyHash;
        }

        public String accountId() {
            return accountId;
        }

        public String runId() {
            return runId;
        }

        /** The hash the collector claims ("" when none): never trusted to declare a change. */
        public String claimedHash() {
            return event.configurationHash();
        }

        void peeked(long seq, byte verdict, long pk) {
            peekSeq = seq;
            peekVerdict = verdict;
            peekPk = pk;
        }

        long peekSeq() {
            return peekSeq;
        }

        byte peekVerdict() {
            return peekVerdict;
        }

        long peekPk() {
            return peekPk;
        }

        /**
         * Work done ahead, on the Kafka polling thread while the worker stores an earlier batch: the
         * cache lookup ({@link ResourceCache#peek}), which the worker uses only if it is still current.
         * Run and account ids equal to the previous item's become the same strings, so the worker's
         * grouping compares references, not characters. The canonical form of a likely change is made
         * off this thread, by {@link BeforeImagePrefetcher} (or by the worker): the polling thread bounds
         * the ingest rate once the worker has a queue of polls to take from.
         */
        public void lookAhead(ResourceCache cache, Item previous) {
            if (previous != null) {
                if (runId.equals(previous.runId)) {
                    runId = previous.runId;
                }
                if (accountId.equals(previous.accountId)) {
                    accountId = previous.accountId;
                }
            }
            cache.peek(this);
        }

        /**
         * The resource is cached with another hash than the one claimed: most likely a change, whose
         * before side {@link BeforeImagePrefetcher} may read ahead.
         */
        boolean likelyChange() {
            return peekVerdict == ResourceCache.OTHER_HASH && peekPk >= 0;
        }

        void readAhead(Before before) {
            readAhead = before;
        }

        /** The before side read ahead, if it is ready (else null): a hint the worker checks against the row it writes over. */
        Before readAhead() {
            return readAhead;
        }

        /**
         * The configuration in canonical form, with its text and hash (computed once; should two threads
         * ask at the same time, each computes the same value and either is kept).
         */
        Canonical canonical() {
            Canonical made = canonical;
            if (made == null) {
                JsonNode node = CanonicalJson.canonicalize(item().getResourceType(), CanonicalJson.parse(item().getConfiguration()));
                String text = requireNoNul(CanonicalJson.toCanonicalString(node), "configuration");
                made = new Canonical(node, text, CanonicalJson.sha256(text));
                canonical = made;
            }
            return made;
        }

        /** The JSON of the version columns besides the configuration (computed once, like {@link #canonical()}). */
        VersionJson versionJson() {
            VersionJson made = versionJson;
            if (made == null) {
                ConfigurationItem i = item();
                made = new VersionJson(requireNoNul(ItemJson.supplementary(i), "supplementary configuration"),
                        requireNoNul(ItemJson.tags(i), "tags"), requireNoNul(ItemJson.relationships(i), "relationships"));
                versionJson = made;
            }
            return made;
        }

        /** When the collector read the item (now, if it did not say). */
        public Instant captured() {
            if (captured == null) {
                ConfigurationItem i = item();
                captured = i.hasCaptureTime() ? BatchIngestor.toInstant(i.getCaptureTime()) : Instant.now();
            }
            return captured;
        }
    }

    /**
     * The JSON text, unless it holds an escaped NUL character (backslash, {@code u0000}). Versions are stored as
     * json (V11), which would accept it, but PostgreSQL cannot turn it into text: every inventory query
     * filtering by a property of that version would fail. The item is dead-lettered with this reason instead.
     */
    static String requireNoNul(String json, String what) {
        for (int i = json.indexOf("\\u0000"); i >= 0; i = json.indexOf("\\u0000", i + 1)) {
            int backslashes = 0;
            for (int j = i; j >= 0 && json.charAt(j) == '\\'; j--) {
                backslashes++;
            }
            if (backslashes % 2 == 1) { // an escape, not an escaped backslash followed by "u0000"
                throw new IllegalArgumentException(what + " contains the NUL character (\\u0000), which PostgreSQL cannot store");
            }
        }
        return json;
    }

    record Marker(CollectionRunMarker marker) implements Prepared {
    }

    /**
     * A stored version of an item's resource (state id and configuration hash), the field-level changes
     * from it to the item, and whether the item has the version's relationships, computed ahead
     * ({@link BeforeImagePrefetcher}).
     */
    record Before(long stateId, String hash, List<FieldChange> fields, boolean sameRelationships) {
    }

    /** An item's supplementary configuration, tags and relationships as stored in its version ({@link ItemJson}). */
    record VersionJson(String supplementary, String tags, String relationships) {
    }

    /** An item's configuration in canonical form, its canonical text and that text's SHA-256. */
    record Canonical(JsonNode node, String text, String hash) {
    }

    /** Cheap validation only; the configuration JSON is parsed later, and only if it changed. */
    static Prepared of(CollectionEvent event) {
        return of(LazyCollectionEvent.of(event));
    }

    /** As {@link #of(CollectionEvent)}, reading no more of an item than its head. */
    static Prepared of(LazyCollectionEvent event) {
        switch (event.eventCase()) {
            case ITEM -> {
                if (event.accountId().isEmpty() || event.resourceType().isEmpty() || event.resourceId().isEmpty()) {
                    throw new IllegalArgumentException("configuration item lacks account id, resource type or resource id");
                }
                return new Item(event, new ResourceKey(event.accountId(), event.awsRegion(), event.resourceType(),
                        event.resourceId()));
            }
            case MARKER -> {
                CollectionRunMarker m = event.marker();
                if (m.getPhase() != CollectionRunMarker.Phase.STARTED && m.getPhase() != CollectionRunMarker.Phase.COMPLETED) {
                    throw new IllegalArgumentException("run marker without a phase");
                }
                if (m.getRunId().isEmpty() || m.getAccountId().isEmpty()) {
                    throw new IllegalArgumentException("run marker lacks run id or account id");
                }
                return new Marker(m);
            }
            default -> throw new IllegalArgumentException("collection event carries neither an item nor a marker");
        }
    }
}
