package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceKeyTest {
    @Test
    void parsesRegionalGlobalAndAccountLevelKeys() {
        assertThat(ResourceKey.parse("123456789012:us-east-1:AWS::EC2::SecurityGroup:sg-0abc"))
                .isEqualTo(new ResourceKey("123456789012", "us-east-1", "AWS::EC2::SecurityGroup", "sg-0abc"));
        // Ids may hold colons (ARNs); the type's own "::" must not swallow them.
        ResourceKey listener = ResourceKey.parse("123456789012:eu-west-1:AWS::ElasticLoadBalancingV2::Listener:"
                + "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/a/1/2");
        assertThat(listener.resourceType()).isEqualTo("AWS::ElasticLoadBalancingV2::Listener");
        assertThat(listener.resourceId()).startsWith("arn:aws:elasticloadbalancing:");
        ResourceKey account = ResourceKey.parse("123456789012:global:AWS::::Account:123456789012");
        assertThat(account).isEqualTo(new ResourceKey("123456789012", "global", "AWS::::Account", "123456789012"));
        assertThat(ResourceKey.parse(account.toString())).isEqualTo(account);
    }

    @Test
    void rejectsMalformedKeys() {
        for (String bad : new String[] {null, "", "12345:us-east-1:AWS::EC2::VPC:vpc-1", "123456789012:us-east-1:EC2:vpc-1",
                "123456789012:US-EAST-1:AWS::EC2::VPC:vpc-1", "123456789012:us-east-1:AWS::EC2::VPC:"}) {
            assertThatThrownBy(() -> ResourceKey.parse(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
