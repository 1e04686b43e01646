package io.driftwatch.events;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import java.io.IOException;

/**
 * A {@code CollectionEvent} whose configuration item is read, at first, only as far as snapshot-diff
 * needs to tell an unchanged item from the others: its identity (account, region, type, id), its run
 * and the configuration hash the collector claims. In the steady state 99 % of items are unchanged,
 * and for them the configuration, tags, relationships and the rest of the record are never decoded;
 * {@link #item()} parses the whole record on first use. Run markers are parsed whole at once.
 * <p>
 * The head is read with protobuf's own wire rules (last value of a field wins, unknown fields are
 * skipped, strings must be UTF-8), so it always equals what the full parse gives; a record that is not
 * a plain single item (markers, an item field repeated, which protobuf merges) is parsed whole.
 */
public final class LazyCollectionEvent {
    private static final int ITEM_TAG = stringTag(CollectionEvent.ITEM_FIELD_NUMBER);
    private static final int ACCOUNT_TAG = stringTag(ConfigurationItem.ACCOUNT_ID_FIELD_NUMBER);
    private static final int REGION_TAG = stringTag(ConfigurationItem.AWS_REGION_FIELD_NUMBER);
    private static final int TYPE_TAG = stringTag(ConfigurationItem.RESOURCE_TYPE_FIELD_NUMBER);
    private static final int ID_TAG = stringTag(ConfigurationItem.RESOURCE_ID_FIELD_NUMBER);
    private static final int HASH_TAG = stringTag(ConfigurationItem.CONFIGURATION_HASH_FIELD_NUMBER);
    private static final int RUN_TAG = stringTag(ConfigurationItem.RUN_ID_FIELD_NUMBER);

    private final byte[] bytes;
    private final CollectionEvent.EventCase eventCase;
    private final CollectionRunMarker marker;
    private final String accountId;
    private final String awsRegion;
    private final String resourceType;
    private final String resourceId;
    private final String configurationHash;
    private final String runId;
    private volatile ConfigurationItem item;

    private LazyCollectionEvent(byte[] bytes, CollectionEvent.EventCase eventCase, CollectionRunMarker marker, String accountId,
                                String awsRegion, String resourceType, String resourceId, String configurationHash, String runId,
                                ConfigurationItem item) {
        this.bytes = bytes;
        this.eventCase = eventCase;
        this.marker = marker;
        this.accountId = accountId;
        this.awsRegion = awsRegion;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.configurationHash = configurationHash;
        this.runId = runId;
        this.item = item;
    }

    /** An event already decoded (tests, in-process callers): nothing is left to parse. */
    public static LazyCollectionEvent of(CollectionEvent event) {
        return whole(null, event);
    }

    /** The head taken from a fully parsed event (an unset item reads as empty strings, like protobuf's defaults). */
    private static LazyCollectionEvent whole(byte[] bytes, CollectionEvent event) {
        ConfigurationItem i = event.getItem();
        return new LazyCollectionEvent(bytes, event.getEventCase(), event.hasMarker() ? event.getMarker() : null,
                i.getAccountId(), i.getAwsRegion(), i.getResourceType(), i.getResourceId(), i.getConfigurationHash(),
                i.getRunId(), event.hasItem() ? i : null);
    }

    /**
     * Reads the head of a record value.
     *
     * @throws EventCodec.UndecodableEventException if the bytes are not a CollectionEvent's wire format
     *         as far as they are read (a plain item's fields after the head are checked by {@link #item()})
     */
    public static LazyCollectionEvent parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return whole(bytes, EventCodec.COLLECTION_EVENT.decode(bytes)); // the codec says why it is not an event
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            int tag = in.readTag();
            if (tag == ITEM_TAG) {
                int length = in.readRawVarint32();
                int outer = in.pushLimit(length);
                String account = "";
                String region = "";
                String type = "";
                String id = "";
                String hash = "";
                String run = "";
                int t;
                while ((t = in.readTag()) != 0) {
                    if (t == ACCOUNT_TAG) {
                        account = in.readStringRequireUtf8();
                    } else if (t == REGION_TAG) {
                        region = in.readStringRequireUtf8();
                    } else if (t == TYPE_TAG) {
                        type = in.readStringRequireUtf8();
                    } else if (t == ID_TAG) {
                        id = in.readStringRequireUtf8();
                    } else if (t == HASH_TAG) {
                        hash = in.readStringRequireUtf8();
                    } else if (t == RUN_TAG) {
                        run = in.readStringRequireUtf8();
                    } else if (!in.skipField(t)) {
                        break; // an end-group tag: not an item's encoding, let the full parse say why
                    }
                }
                if (in.getBytesUntilLimit() == 0) {
                    in.popLimit(outer);
                    if (in.isAtEnd()) {
                        return new LazyCollectionEvent(bytes, CollectionEvent.EventCase.ITEM, null, account, region, type, id,
                                hash, run, null);
                    }
                }
            }
        } catch (IOException e) {
            throw new EventCodec.UndecodableEventException("CollectionEvent", e.getMessage());
        }
        // Markers, and anything but one plain item: parse it whole.
        return whole(bytes, EventCodec.COLLECTION_EVENT.decode(bytes));
    }

    public CollectionEvent.EventCase eventCase() {
        return eventCase;
    }

    /** The run marker; null unless {@link #eventCase()} is MARKER. */
    public CollectionRunMarker marker() {
        return marker;
    }

    public String accountId() {
        return accountId;
    }

    public String awsRegion() {
        return awsRegion;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    /** The collector's hash of the canonical configuration ("" when it claims none). */
    public String configurationHash() {
        return configurationHash;
    }

    public String runId() {
        return runId;
    }

    /** Whether {@link #item()} has yet to parse the record (for tests). */
    boolean itemPending() {
        return item == null;
    }

    /**
     * The whole configuration item, parsed on first call.
     *
     * @throws EventCodec.UndecodableEventException if the rest of the record is not valid
     */
    public ConfigurationItem item() {
        ConfigurationItem i = item;
        if (i == null) {
            if (eventCase != CollectionEvent.EventCase.ITEM) {
                throw new IllegalStateException("not an item event: " + eventCase);
            }
            i = EventCodec.COLLECTION_EVENT.decode(bytes).getItem();
            item = i;
        }
        return i;
    }

    private static int stringTag(int field) {
        return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED; // protobuf's tag: field number, then wire type
    }
}
