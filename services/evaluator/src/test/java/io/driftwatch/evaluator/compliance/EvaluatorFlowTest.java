package io.driftwatch.evaluator.compliance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.FindingEvent;
import io.driftwatch.proto.v1.ResourceChange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
class EvaluatorFlowTest {
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final String account = String.valueOf(ThreadLocalRandom.current().nextLong(100000000000L, 999999999999L));

    @Test
    void publishesOnlyTransitions() throws Exception {
        try (TopicTail findings = new TopicTail(kafka, Topics.FINDINGS)) {
            send(sgChange(1, ResourceChange.ChangeType.ADDED, "0.0.0.0/0"));
            send(sgChange(1, ResourceChange.ChangeType.ADDED, "0.0.0.0/0")); // re-delivered: no second NEW
            send(sgChange(2, ResourceChange.ChangeType.MODIFIED, "0.0.0.0/0")); // still open: silent
            List<FindingEvent> events = decode(findings.await(this::mine, 1, Duration.ofSeconds(30)));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.getTransition()).isEqualTo(FindingEvent.Transition.NEW);
                assertThat(e.getRuleId()).isEqualTo("sg-open-ssh");
                assertThat(e.getReason()).isEqualTo("ingress 0.0.0.0/0 to tcp/22");
            });

            given().queryParam("accountId", account).when().get("/api/v1/findings")
                    .then().statusCode(200).body("count", equalTo(1)).body("items[0].ruleId", equalTo("sg-open-ssh"));

            send(sgChange(3, ResourceChange.ChangeType.MODIFIED, "10.0.0.0/8"));
            events = decode(findings.await(this::mine, 2, Duration.ofSeconds(30)));
            assertThat(events).extracting(FindingEvent::getTransition)
                    .containsExactly(FindingEvent.Transition.NEW, FindingEvent.Transition.RESOLVED);
            assertThat(decode(findings.drain(Duration.ofSeconds(2)).stream().filter(this::mine).toList())).hasSize(2);
            given().queryParam("accountId", account).when().get("/api/v1/findings")
                    .then().statusCode(200).body("count", equalTo(0));
        }
    }

    @Test
    void deletionResolvesOpenFindings() throws Exception {
        try (TopicTail findings = new TopicTail(kafka, Topics.FINDINGS)) {
            send(sgChange(1, ResourceChange.ChangeType.ADDED, "::/0"));
            send(ResourceChange.newBuilder().setChangeId("del").setChangeType(ResourceChange.ChangeType.REMOVED)
                    .setAccountId(account).setAwsRegion("us-east-1").setResourceType("AWS::EC2::SecurityGroup")
                    .setResourceId("sg-9").setConfigurationStateId(2)
                    .setItem(ConfigurationItem.newBuilder().setStatus(ConfigurationItem.Status.RESOURCE_DELETED)).build());
            List<FindingEvent> events = decode(findings.await(this::mine, 2, Duration.ofSeconds(30)));
            assertThat(events).extracting(FindingEvent::getTransition)
                    .containsExactly(FindingEvent.Transition.NEW, FindingEvent.Transition.RESOLVED);
            assertThat(events.get(1).getReason()).isEqualTo("resource deleted");
        }
    }

    @Test
    void rulesCatalogueAndDeadLetters() {
        given().when().get("/api/v1/rules").then().statusCode(200).body("id", hasItem("iam-console-no-mfa"));
        given().queryParam("status", "bogus").when().get("/api/v1/findings")
                .then().statusCode(400).contentType("application/problem+json");
        try (TopicTail dlq = new TopicTail(kafka, Topics.DEAD_LETTER)) {
            TopicTail.send(kafka, Topics.RESOURCE_CHANGES, "bad-" + account, new byte[] {(byte) 0xff, 0x01, 0x02});
            var dead = dlq.await(r -> ("bad-" + account).equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("not a valid driftwatch.v1.ResourceChange");
        }
    }

    private boolean mine(ConsumerRecord<String, byte[]> r) {
        try {
            return FindingEvent.parseFrom(r.value()).getAccountId().equals(account);
        } catch (Exception e) {
            return false;
        }
    }

    private static List<FindingEvent> decode(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<FindingEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(FindingEvent.parseFrom(r.value()));
        }
        return out;
    }

    private void send(ResourceChange change) {
        TopicTail.send(kafka, Topics.RESOURCE_CHANGES, account, change.toByteArray());
    }

    private ResourceChange sgChange(long stateId, ResourceChange.ChangeType type, String cidr) {
        String id = cidr.equals("::/0") ? "sg-9" : "sg-1";
        String ranges = cidr.contains(":") ? "\"ipv6Ranges\":[{\"cidrIpv6\":\"" + cidr + "\"}]" : "\"ipRanges\":[{\"cidrIp\":\"" + cidr + "\"}]";
        String config = "{\"groupId\":\"" + id + "\",\"ipPermissions\":[{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22," + ranges + "}]}";
        return ResourceChange.newBuilder().setChangeId("c" + stateId).setChangeType(type).setAccountId(account)
                .setAwsRegion("us-east-1").setResourceType("AWS::EC2::SecurityGroup").setResourceId(id)
                .setArn("arn:aws:ec2:us-east-1:" + account + ":security-group/" + id).setConfigurationStateId(stateId)
                .setItem(ConfigurationItem.newBuilder().setConfiguration(config)).build();
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI serviceBase;

    @Test
    void servesHealthMetricsAndOpenApi() {
        assertThat(io.driftwatch.infra.PlatformEndpoints.problems(serviceBase, "jvm_memory_used_bytes")).isEmpty();
    }
}
