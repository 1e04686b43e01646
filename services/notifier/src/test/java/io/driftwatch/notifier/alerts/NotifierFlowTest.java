package io.driftwatch.notifier.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.infra.WebhookReceiver;
import io.driftwatch.proto.v1.FindingEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
@QuarkusTestResource(WebhookTestResource.class)
class NotifierFlowTest {
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);

    @Test
    void findingBecomesOcsfAlertAndSignedWebhookWithRetries() {
        String findingId = UUID.randomUUID().toString();
        WebhookTestResource.receiver.failNext(2, findingId); // the receiver is down for two attempts
        try (TopicTail alerts = new TopicTail(kafka, Topics.ALERTS)) {
            FindingEvent event = finding(findingId, FindingEvent.Transition.NEW);
            TopicTail.send(kafka, Topics.FINDINGS, findingId, event.toByteArray());
            TopicTail.send(kafka, Topics.FINDINGS, findingId, event.toByteArray()); // re-delivery: no duplicate alert

            List<ConsumerRecord<String, byte[]>> published = alerts.await(r -> findingId.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(published).hasSize(1);
            JsonNode ocsf = CanonicalJson.parse(new String(published.get(0).value(), StandardCharsets.UTF_8));
            assertThat(ocsf.get("class_uid").asInt()).isEqualTo(2003);
            assertThat(ocsf.get("type_uid").asInt()).isEqualTo(200301);
            assertThat(ocsf.get("severity_id").asInt()).isEqualTo(4);
            assertThat(ocsf.at("/compliance/status").asText()).isEqualTo("Fail");
            assertThat(ocsf.at("/finding_info/uid").asText()).isEqualTo(findingId);
            assertThat(ocsf.at("/resources/0/type").asText()).isEqualTo("AWS::EC2::SecurityGroup");
            assertThat(ocsf.at("/cloud/account/uid").asText()).isEqualTo("123456789012");

            List<WebhookReceiver.Delivery> delivered = WebhookTestResource.receiver
                    .awaitAccepted(b -> b.contains(findingId), 1, Duration.ofSeconds(30));
            assertThat(delivered).singleElement().satisfies(d -> assertThat(d.signatureValid()).isTrue());
            List<WebhookReceiver.Delivery> attempts = WebhookTestResource.receiver.deliveries().stream()
                    .filter(d -> d.body().contains(findingId)).toList();
            assertThat(attempts).extracting(WebhookReceiver.Delivery::status).containsExactly(500, 500, 204);
            assertThat(alerts.drain(Duration.ofSeconds(2)).stream().filter(r -> findingId.equals(r.key()))).hasSize(1);
        }
        given().when().get("/api/v1/alerts/deliveries").then().statusCode(200).body("count", greaterThanOrEqualTo(1));
    }

    @Test
    void resolvedBecomesCloseActivity() {
        String findingId = UUID.randomUUID().toString();
        try (TopicTail alerts = new TopicTail(kafka, Topics.ALERTS)) {
            TopicTail.send(kafka, Topics.FINDINGS, findingId, finding(findingId, FindingEvent.Transition.RESOLVED).toByteArray());
            var published = alerts.await(r -> findingId.equals(r.key()), 1, Duration.ofSeconds(30));
            JsonNode ocsf = CanonicalJson.parse(new String(published.get(0).value(), StandardCharsets.UTF_8));
            assertThat(ocsf.get("type_uid").asInt()).isEqualTo(200303);
            assertThat(ocsf.get("status").asText()).isEqualTo("Resolved");
        }
    }

    @Test
    void undecodableFindingGoesToDeadLetter() {
        try (TopicTail dlq = new TopicTail(kafka, Topics.DEAD_LETTER)) {
            String key = "bad-" + UUID.randomUUID();
            TopicTail.send(kafka, Topics.FINDINGS, key, new byte[] {0x0a, (byte) 0xff});
            var dead = dlq.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("FindingEvent");
        }
        given().queryParam("limit", 0).when().get("/api/v1/alerts").then().statusCode(400).contentType("application/problem+json");
    }

    private static FindingEvent finding(String id, FindingEvent.Transition transition) {
        Instant now = Instant.now();
        return FindingEvent.newBuilder().setFindingId(id).setRuleId("sg-open-ssh").setRuleTitle("Security group allows SSH")
                .setTransition(transition).setSeverity(FindingEvent.Severity.HIGH).setAccountId("123456789012")
                .setAwsRegion("us-east-1").setResourceType("AWS::EC2::SecurityGroup").setResourceId("sg-1")
                .setArn("arn:aws:ec2:us-east-1:123456789012:security-group/sg-1").setReason("ingress 0.0.0.0/0 to tcp/22")
                .setControlArea("network").setChangeId("c-" + id)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond())).build();
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI serviceBase;

    @Test
    void servesHealthMetricsAndOpenApi() {
        assertThat(io.driftwatch.infra.PlatformEndpoints.problems(serviceBase, "jvm_memory_used_bytes")).isEmpty();
    }
}
