package io.driftwatch.snapshot.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.snapshot.ingest.ResourceKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineRequestTest {
    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");

    private BaselineRequest parse(String json) {
        return BaselineRequest.parse(CanonicalJson.parse(json), now);
    }

    @Test
    void defaultsToNow() {
        BaselineRequest r = parse("{\"scope\":{\"accountId\":\"123456789012\"}}");
        assertThat(r.at()).isEqualTo(now);
        assertThat(r.resourceTypes()).isEmpty();
        assertThat(parse("{\"scope\":{\"accountId\":\"123456789012\"},\"at\":\"now\"}").at()).isEqualTo(now);
    }

    @Test
    void snapshotOrInstant() {
        BaselineRequest s = parse("""
                {"scope":{"accountId":"123456789012","region":"us-east-1","resourceTypes":["AWS::EC2::SecurityGroup"]},
                 "snapshot":{"runId":"run-9","accountId":"123456789012"}}""");
        assertThat(s.snapshotRunId()).isEqualTo("run-9");
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.resourceTypes()).containsExactly("AWS::EC2::SecurityGroup");
        assertThat(parse("{\"scope\":{\"accountId\":\"123456789012\"},\"at\":\"2026-01-01T00:00:00Z\"}").at())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> parse("{}")).hasMessageContaining("scope.accountId");
        assertThatThrownBy(() -> parse("{\"scope\":{\"accountId\":\"12\"}}")).hasMessageContaining("12-digit");
        assertThatThrownBy(() -> parse("{\"scope\":{\"accountId\":\"123456789012\"},\"at\":\"2027-01-01T00:00:00Z\"}"))
                .hasMessageContaining("future");
        assertThatThrownBy(() -> parse("""
                {"scope":{"accountId":"123456789012"},"at":"now","snapshot":{"runId":"r"}}""")).hasMessageContaining("either");
        assertThatThrownBy(() -> parse("""
                {"scope":{"accountId":"123456789012"},"snapshot":{"runId":"r","accountId":"999999999999"}}"""))
                .hasMessageContaining("scope's account");
        assertThatThrownBy(() -> parse("{\"scope\":{\"accountId\":\"123456789012\",\"resourceTypes\":\"x\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("{\"scope\":{\"accountId\":\"123456789012\",\"resourceTypes\":[\"SecurityGroup\"]}}"))
                .hasMessageContaining("scope.resourceTypes must be an AWS Config resource type");
    }

    @Test
    void scope() {
        Baseline b = new Baseline(1, "123456789012", "us-east-1", List.of("AWS::EC2::SecurityGroup"), now, null, "me", now);
        assertThat(b.inScope(ResourceKey.parse("123456789012:us-east-1:AWS::EC2::SecurityGroup:sg-1"))).isTrue();
        assertThat(b.inScope(ResourceKey.parse("123456789012:eu-west-1:AWS::EC2::SecurityGroup:sg-1"))).isFalse();
        assertThat(b.inScope(ResourceKey.parse("123456789012:us-east-1:AWS::EC2::Instance:i-1"))).isFalse();
        assertThat(b.inScope(ResourceKey.parse("999999999999:us-east-1:AWS::EC2::SecurityGroup:sg-1"))).isFalse();
        assertThat(BaselineResource.who(null)).isEqualTo("anonymous");
        assertThat(BaselineResource.who(" alice ")).isEqualTo("alice");
    }
}
