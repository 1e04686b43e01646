package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.ConfigurationItem;
import org.junit.jupiter.api.Test;

class PreparedTest {

    private static Prepared.Item item(String configuration) {
        return item(sg().setConfiguration(configuration));
    }

    private static Prepared.Item item(ConfigurationItem.Builder item) {
        return (Prepared.Item) Prepared.of(CollectionEvent.newBuilder().setItem(item).build());
    }

    private static ConfigurationItem.Builder sg() {
        return ConfigurationItem.newBuilder().setAccountId("111111111111").setAwsRegion("us-east-1")
                .setResourceType("AWS::EC2::SecurityGroup").setResourceId("sg-1");
    }

    @Test
    void aConfigurationHoldingANulCharacterIsRefusedWithItsReason() {
        assertThatThrownBy(() -> item("{\"description\":\"a \\u0000 b\"}").canonical())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configuration contains the NUL character");
    }

    @Test
    void tagsHoldingANulCharacterAreRefusedWithTheirReason() {
        Prepared.Item item = item(sg().setConfiguration("{}").putTags("Name", "x\u0000"));
        assertThatThrownBy(item::versionJson).hasMessageContaining("tags contains the NUL character");
    }

    @Test
    void anEscapedBackslashFollowedByU0000IsText() {
        // JSON "a\\u0000": a backslash, then the characters u0000; no NUL.
        assertThat(item("{\"description\":\"a\\\\u0000\"}").canonical().text()).contains("\\\\u0000");
        assertThat(Prepared.requireNoNul("\"\\\\\\\\u0000\"", "x")).isEqualTo("\"\\\\\\\\u0000\"");
        assertThatThrownBy(() -> Prepared.requireNoNul("\"\\\\\\u0000\"", "x")).hasMessageContaining("NUL");
    }
}
