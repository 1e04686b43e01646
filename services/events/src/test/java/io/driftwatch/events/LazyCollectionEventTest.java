package io.driftwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Timestamp;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.Relationship;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LazyCollectionEventTest {
    private static final ConfigurationItem ITEM = ConfigurationItem.newBuilder()
            .setAccountId("123456789012").setAwsRegion("eu-west-1").setResourceType("AWS::EC2::SecurityGroup")
            .setResourceId("sg-0abc").setArn("arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc")
            .setResourceName("web").setCaptureTime(Timestamp.newBuilder().setSeconds(1_700_000_000))
            .setConfiguration("{\"groupId\":\"sg-0abc\",\"ipPermissions\":[]}").putTags("env", "prod")
            .addRelationships(Relationship.newBuilder().setName("Is associated with Vpc").setResourceType("AWS::EC2::VPC")
                    .setResourceId("vpc-1"))
            .setConfigurationHash("ab".repeat(32)).setRunId("run-1").build();

    @Test
    void anItemsHeadIsReadWithoutParsingTheRestAndTheWholeItemOnDemandEqualsTheFullParse() {
        LazyCollectionEvent e = LazyCollectionEvent.parse(CollectionEvent.newBuilder().setItem(ITEM).build().toByteArray());
        assertThat(e.eventCase()).isEqualTo(CollectionEvent.EventCase.ITEM);
        assertThat(e.accountId()).isEqualTo("123456789012");
        assertThat(e.awsRegion()).isEqualTo("eu-west-1");
        assertThat(e.resourceType()).isEqualTo("AWS::EC2::SecurityGroup");
        assertThat(e.resourceId()).isEqualTo("sg-0abc");
        assertThat(e.configurationHash()).isEqualTo("ab".repeat(32));
        assertThat(e.runId()).isEqualTo("run-1");
        assertThat(e.itemPending()).isTrue();
        assertThat(e.item()).isEqualTo(ITEM);
        assertThat(e.itemPending()).isFalse();
        assertThat(e.marker()).isNull();
    }

    @Test
    void missingFieldsReadAsEmptyLikeProtobufsDefaults() {
        LazyCollectionEvent e = LazyCollectionEvent.parse(CollectionEvent.newBuilder()
                .setItem(ConfigurationItem.newBuilder().setResourceId("i-1")).build().toByteArray());
        assertThat(e.accountId()).isEmpty();
        assertThat(e.configurationHash()).isEmpty();
        assertThat(e.resourceId()).isEqualTo("i-1");
    }

    @Test
    void aFieldRepeatedInsideTheItemTakesItsLastValueAsProtobufDoes() throws IOException {
        // Concatenated encodings of a message are its merge: the last value of a scalar field wins.
        ConfigurationItem later = ConfigurationItem.newBuilder().setAccountId("210987654321").setConfigurationHash("cd".repeat(32))
                .build();
        ByteString itemBytes = ITEM.toByteString().concat(later.toByteString());
        byte[] bytes = event(itemBytes, null);
        LazyCollectionEvent e = LazyCollectionEvent.parse(bytes);
        ConfigurationItem full = CollectionEvent.parseFrom(bytes).getItem();
        assertThat(e.accountId()).isEqualTo(full.getAccountId()).isEqualTo("210987654321");
        assertThat(e.configurationHash()).isEqualTo(full.getConfigurationHash()).isEqualTo("cd".repeat(32));
        assertThat(e.resourceId()).isEqualTo(full.getResourceId()).isEqualTo("sg-0abc");
        assertThat(e.item()).isEqualTo(full);
    }

    @Test
    void anItemFieldGivenTwiceIsMergedByTheFullParse() throws IOException {
        ConfigurationItem second = ConfigurationItem.newBuilder().setResourceId("sg-0def").build();
        byte[] bytes = event(ITEM.toByteString(), second.toByteString());
        LazyCollectionEvent e = LazyCollectionEvent.parse(bytes);
        assertThat(e.resourceId()).isEqualTo("sg-0def");
        assertThat(e.accountId()).isEqualTo("123456789012");
        assertThat(e.itemPending()).isFalse();
    }

    @Test
    void unknownFieldsAreSkipped() throws IOException {
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(extra);
        out.writeString(99, "from a newer collector");
        out.writeInt64(98, 7);
        out.flush();
        byte[] bytes = event(ITEM.toByteString().concat(ByteString.copyFrom(extra.toByteArray())), null);
        LazyCollectionEvent e = LazyCollectionEvent.parse(bytes);
        assertThat(e.resourceId()).isEqualTo("sg-0abc");
        assertThat(e.runId()).isEqualTo("run-1");
        assertThat(e.item().getResourceId()).isEqualTo("sg-0abc");
    }

    @Test
    void markersAreParsedWhole() {
        CollectionRunMarker marker = CollectionRunMarker.newBuilder().setRunId("run-1").setAccountId("123456789012")
                .setPhase(CollectionRunMarker.Phase.COMPLETED).setItemsPublished(3).build();
        LazyCollectionEvent e = LazyCollectionEvent.parse(CollectionEvent.newBuilder().setMarker(marker).build().toByteArray());
        assertThat(e.eventCase()).isEqualTo(CollectionEvent.EventCase.MARKER);
        assertThat(e.marker()).isEqualTo(marker);
        assertThatThrownBy(e::item).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTruncatedRecordIsRejectedAtOnce() {
        byte[] bytes = CollectionEvent.newBuilder().setItem(ITEM).build().toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 10);
        assertThatThrownBy(() -> LazyCollectionEvent.parse(truncated))
                .isInstanceOf(EventCodec.UndecodableEventException.class).hasMessageContaining("driftwatch.v1.CollectionEvent");
        assertThatThrownBy(() -> LazyCollectionEvent.parse(new byte[] {(byte) 0xff, 0x01}))
                .isInstanceOf(EventCodec.UndecodableEventException.class);
        assertThatThrownBy(() -> LazyCollectionEvent.parse(new byte[0]))
                .isInstanceOf(EventCodec.UndecodableEventException.class).hasMessageContaining("empty record value");
    }

    @Test
    void invalidUtf8InTheHeadIsRejectedAtOnceAndInTheRestWhenTheItemIsRead() throws IOException {
        byte[] badUtf8 = {(byte) 0xc3, (byte) 0x28};
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(headBytes);
        out.writeByteArray(ConfigurationItem.RESOURCE_ID_FIELD_NUMBER, badUtf8);
        out.flush();
        assertThatThrownBy(() -> LazyCollectionEvent.parse(event(ByteString.copyFrom(headBytes.toByteArray()), null)))
                .isInstanceOf(EventCodec.UndecodableEventException.class);

        ByteArrayOutputStream restBytes = new ByteArrayOutputStream();
        out = CodedOutputStream.newInstance(restBytes);
        out.writeByteArray(ConfigurationItem.CONFIGURATION_FIELD_NUMBER, badUtf8);
        out.flush();
        LazyCollectionEvent e = LazyCollectionEvent.parse(event(ITEM.toByteString().concat(ByteString.copyFrom(restBytes.toByteArray())), null));
        assertThat(e.resourceId()).isEqualTo("sg-0abc");
        assertThatThrownBy(e::item).isInstanceOf(EventCodec.UndecodableEventException.class);
    }

    /** A CollectionEvent with the item field once, or twice when {@code second} is given. */
    private static byte[] event(ByteString first, ByteString second) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeBytes(CollectionEvent.ITEM_FIELD_NUMBER, first);
        if (second != null) {
            out.writeBytes(CollectionEvent.ITEM_FIELD_NUMBER, second);
        }
        out.flush();
        return bytes.toByteArray();
    }
}
