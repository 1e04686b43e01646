package io.driftwatch.snapshot.support;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Timestamp;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.Topics;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.ListingOutcome;
import io.driftwatch.proto.v1.Relationship;
import io.driftwatch.proto.v1.ResourceChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test support: one random account whose collection runs are published to the real broker. */
public final class Estate {
    public static final String REGION = "us-east-1";
    public static final String SG = "AWS::EC2::SecurityGroup";
    public static final String INSTANCE = "AWS::EC2::Instance";
    public static final String ENI = "AWS::EC2::NetworkInterface";

    public final String account = String.valueOf(ThreadLocalRandom.current().nextLong(100000000000L, 999999999999L));
    private final String kafka;

    public Estate(String kafka) {
        this.kafka = kafka;
    }

    public String key(String type, String id) {
        return account + ":" + REGION + ":" + type + ":" + id;
    }

    public String runId(String name) {
        return name + "-" + account;
    }

    /** The item with its configuration in canonical form and that form's hash, as the collector publishes it. */
    public static ConfigurationItem canonical(ConfigurationItem item) {
        String canonical = CanonicalJson.canonicalString(item.getResourceType(), item.getConfiguration());
        return item.toBuilder().setConfiguration(canonical).setConfigurationHash(CanonicalJson.sha256(canonical)).build();
    }

    /** {@link #canonical} in run {@code run} ({@link #runId}), captured now: for tests that give items to the ingest directly. */
    public ConfigurationItem published(ConfigurationItem item, String run) {
        return canonical(item).toBuilder().setRunId(runId(run)).setCaptureTime(ts(Instant.now())).build();
    }

    /** Publishes STARTED, the items, COMPLETED (all listings COMPLETE unless given), all at {@code at}. */
    public void run(String name, Instant at, List<ConfigurationItem> items, List<ListingOutcome> listings) {
        String run = runId(name);
        List<byte[]> events = new ArrayList<>();
        events.add(CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder().setRunId(run).setAccountId(account)
                .setPhase(CollectionRunMarker.Phase.STARTED).setAt(ts(at))).build().toByteArray());
        for (ConfigurationItem item : items) {
            // Like the collector: canonical configuration and its hash, so the unchanged fast path is exercised.
            events.add(CollectionEvent.newBuilder().setItem(canonical(item).toBuilder().setRunId(run).setCaptureTime(ts(at)))
                    .build().toByteArray());
        }
        events.add(CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder().setRunId(run).setAccountId(account)
                .setPhase(CollectionRunMarker.Phase.COMPLETED).setAt(ts(at.plusMillis(1))).addAllListings(listings)
                .setItemsPublished(items.size())).build().toByteArray());
        sendRaw(events);
    }

    public void sendRaw(List<byte[]> values) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(Topics.CONFIGURATION_ITEMS, account, v));
            }
            producer.flush();
        }
    }

    public static List<ListingOutcome> complete(String... types) {
        List<ListingOutcome> out = new ArrayList<>();
        for (String t : types) {
            out.add(ListingOutcome.newBuilder().setRegion(REGION).setResourceType(t).setStatus(ListingOutcome.Status.COMPLETE).build());
        }
        return out;
    }

    public ConfigurationItem item(String type, String id, String configuration) {
        return ConfigurationItem.newBuilder().setAccountId(account).setAwsRegion(REGION).setResourceType(type)
                .setResourceId(id).setArn("arn:aws:ec2:" + REGION + ":" + account + ":" + id).setConfiguration(configuration).build();
    }

    public ConfigurationItem sg(String id, String... cidrs) {
        StringBuilder ranges = new StringBuilder();
        for (String c : cidrs) {
            ranges.append(ranges.length() == 0 ? "" : ",").append("{\"cidrIp\":\"").append(c).append("\"}");
        }
        return item(SG, id, """
                {"groupId":"%s","groupName":"web","ipPermissions":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":[%s]}]}"""
                .formatted(id, ranges));
    }

    public ConfigurationItem instance(String id, String type, String env, String... groups) {
        StringBuilder sgs = new StringBuilder();
        ConfigurationItem.Builder b = item(INSTANCE, id, "").toBuilder().putTags("env", env);
        for (String g : groups) {
            sgs.append(sgs.length() == 0 ? "" : ",").append("{\"groupId\":\"").append(g).append("\"}");
            b.addRelationships(Relationship.newBuilder().setName("Is associated with SecurityGroup").setResourceType(SG).setResourceId(g));
        }
        return b.setConfiguration("""
                {"instanceId":"%s","instanceType":"%s","securityGroups":[%s],"metadataOptions":{"httpTokens":"required"}}"""
                .formatted(id, type, sgs)).build();
    }

    public ConfigurationItem eni(String id, String group) {
        return item(ENI, id, """
                {"networkInterfaceId":"%s","groups":[{"groupId":"%s"}]}""".formatted(id, group)).toBuilder()
                .addRelationships(Relationship.newBuilder().setName("Is associated with SecurityGroup").setResourceType(SG).setResourceId(group))
                .build();
    }

    /** A tail on a topic from its current end (see {@link io.driftwatch.infra.TopicTail}). */
    public static io.driftwatch.infra.TopicTail tail(String kafka, String topic) {
        return new io.driftwatch.infra.TopicTail(kafka, topic);
    }

    public boolean mine(ConsumerRecord<String, byte[]> r) {
        return r.key() != null && r.key().startsWith(account + ":");
    }

    public static List<ResourceChange> decode(List<ConsumerRecord<String, byte[]>> records) {
        List<ResourceChange> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                out.add(ResourceChange.parseFrom(r.value()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    public static Timestamp ts(Instant n) {
        return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
    }

    /**
     * The item as a collection event whose head reads well but whose rest does not: its configuration
     * field is repeated at the end with bytes that are not UTF-8.
     */
    public static byte[] invalidAfterTheHead(ConfigurationItem item) {
        try {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(rest);
            out.writeByteArray(ConfigurationItem.CONFIGURATION_FIELD_NUMBER, new byte[] {(byte) 0xc3, (byte) 0x28});
            out.flush();
            ByteArrayOutputStream event = new ByteArrayOutputStream();
            out = CodedOutputStream.newInstance(event);
            out.writeBytes(CollectionEvent.ITEM_FIELD_NUMBER, item.toByteString().concat(ByteString.copyFrom(rest.toByteArray())));
            out.flush();
            return event.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
