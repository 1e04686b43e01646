package io.driftwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.infra.WebhookReceiver;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.simulator.SimulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Driftwatch end to end on real parts: the packaged services in their own JVMs, a real Kafka
 * broker, a real PostgreSQL, the collector talking AWS SDK v2 over HTTP to the estate simulator,
 * and a webhook receiver that verifies signatures. The tests run in order on one stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    private static final String SECRET = "end-to-end-webhook-secret-42";
    private static Stack stack;
    private static StackClient client;
    private static WebhookReceiver webhook;
    /** Left by the first two tests for the snapshot API test: the two runs, and what changed between them. */
    private static String firstRun;
    private static String changedRun;
    private static String changedAccount;
    private static String changedGroup;
    private static String deletedInstance;
    private static String addedUser;

    @BeforeAll
    static void startStack() throws Exception {
        webhook = new WebhookReceiver(SECRET);
        Path root = Launcher.repositoryRoot();
        Path work = Files.createTempDirectory("driftwatch-e2e");
        stack = Stack.start(Stack.Options.ephemeral(root, work, SimulatorOptions.builder().seed(42).accountCount(10).build())
                        .withWebhooks(List.of(webhook.url()), SECRET)
                        .withCollectors(1, Map.of("DRIFTWATCH_COLLECTOR_AWS_MAX_ATTEMPTS", "2")),
                m -> System.out.println("[e2e] " + m));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    @Test
    @Order(1)
    void findingsEqualExactlyThePlantedMisconfigurations() {
        // The plain truth set covers the two original rules; AllRulesEndToEndTest checks every rule.
        List<String> planted = client.plantedMisconfigurations();
        assertThat(planted).hasSizeGreaterThanOrEqualTo(5);
        List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
        try (TopicTail alerts = new TopicTail(stack.kafkaBootstrapServers(), Topics.ALERTS)) {
            firstRun = client.collect(null);
            // Evaluation trails the collection: wait until every open finding has had its alert.
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int open = -1;
            while (System.nanoTime() < deadline) {
                published = alerts.drain(Duration.ofSeconds(2));
                int now = client.openFindingsOfAllRules().size();
                if (now == open && published.size() == now) {
                    break;
                }
                open = now;
            }
            assertThat(client.openFindings()).containsExactlyInAnyOrderElementsOf(planted);
            // One alert per finding: no more, no fewer.
            assertThat(published).hasSize(client.openFindingsOfAllRules().size());
            assertThat(alerts.drain(Duration.ofSeconds(2))).hasSize(published.size());
        }
        List<WebhookReceiver.Delivery> delivered = webhook.awaitAccepted(b -> true, published.size(), Duration.ofSeconds(60));
        assertThat(delivered).hasSize(published.size()).allSatisfy(d -> assertThat(d.signatureValid()).isTrue());
    }

    @Test
    @Order(2)
    void injectedChangesArriveAsChangesAndAlerts() {
        JsonNode estate = client.admin("GET", "/admin/estate", null);
        String account = null;
        JsonNode resources = null;
        for (JsonNode a : estate.get("accounts")) {
            if (a.get("status").asText().equals("ACTIVE") && !a.get("id").asText().equals(estate.get("managementAccountId").asText())) {
                account = a.get("id").asText();
                resources = client.admin("GET", "/admin/accounts/" + account + "/resources", null);
                break;
            }
        }
        String region = "us-east-1";
        String groupId = null;
        for (JsonNode sg : resources.at("/regions/" + region + "/securityGroups")) {
            String id = sg.get("groupId").asText();
            if (client.openFindingsOfAllRules().stream().noneMatch(p -> p.endsWith("|" + id))) {
                groupId = id;
                break;
            }
        }
        // An instance no rule flags, so that its deletion resolves nothing and the alerts are exactly two.
        Set<String> flagged = new HashSet<>();
        client.openFindingsOfAllRules().forEach(f -> flagged.add(f.substring(f.lastIndexOf('|') + 1)));
        String unflagged = "";
        for (JsonNode instance : resources.at("/regions/" + region + "/instances")) {
            if (!flagged.contains(instance.get("instanceId").asText())) {
                unflagged = instance.get("instanceId").asText();
                break;
            }
        }
        String instanceId = unflagged;
        assertThat(groupId).isNotNull();
        assertThat(instanceId).isNotEmpty();

        List<WebhookReceiver.Delivery> before = webhook.deliveries();
        try (TopicTail alerts = new TopicTail(stack.kafkaBootstrapServers(), Topics.ALERTS);
             TopicTail changes = new TopicTail(stack.kafkaBootstrapServers(), Topics.RESOURCE_CHANGES)) {
            client.admin("POST", "/admin/accounts/" + account + "/regions/" + region + "/security-groups/" + groupId + "/ingress",
                    "{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"cidrIp\":\"0.0.0.0/0\"}");
            client.admin("DELETE", "/admin/accounts/" + account + "/regions/" + region + "/instances/" + instanceId, null);
            String userId = client.admin("POST", "/admin/accounts/" + account + "/iam/users",
                    "{\"userName\":\"e2e-console-user\",\"consolePassword\":true,\"mfa\":false}").get("userId").asText();

            changedRun = client.collect(null);
            changedAccount = account;
            changedGroup = groupId;
            deletedInstance = instanceId;
            addedUser = userId;
            List<ResourceChange> seen = decode(changes.await(r -> true, 3, Duration.ofSeconds(60)));
            seen = decode(changes.drain(Duration.ofSeconds(3)));
            assertThat(seen).hasSize(3);
            String sg = groupId;
            assertThat(seen).anySatisfy(c -> {
                assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.MODIFIED);
                assertThat(c.getResourceId()).isEqualTo(sg);
                assertThat(c.getFieldChangesList()).anySatisfy(f -> assertThat(f.getPath()).contains("0.0.0.0/0"));
            });
            assertThat(seen).anySatisfy(c -> {
                assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.REMOVED);
                assertThat(c.getResourceId()).isEqualTo(instanceId);
            });
            assertThat(seen).anySatisfy(c -> {
                assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.ADDED);
                assertThat(c.getResourceId()).isEqualTo(userId);
            });

            List<JsonNode> newAlerts = json(alerts.await(r -> true, 2, Duration.ofSeconds(30)));
            newAlerts = json(alerts.drain(Duration.ofSeconds(3)));
            assertThat(newAlerts).hasSize(2);
            assertThat(newAlerts).extracting(a -> a.at("/resources/0/name").asText()).containsExactlyInAnyOrder(groupId, userId);
            assertThat(newAlerts).allSatisfy(a -> assertThat(a.get("class_uid").asInt()).isEqualTo(2003));
        }
        List<WebhookReceiver.Delivery> received = webhook.awaitAccepted(b -> true, before.size() + 2, Duration.ofSeconds(30));
        assertThat(received).hasSize(before.size() + 2).allSatisfy(d -> assertThat(d.signatureValid()).isTrue());
        assertThat(client.openFindings()).containsExactlyInAnyOrderElementsOf(client.plantedMisconfigurations());
    }

    @Test
    @Order(3)
    void snapshotApiAnswersOnTheDemoOrganization() {
        String account = changedAccount;
        String region = "us-east-1";
        String group = account + ":" + region + ":AWS::EC2::SecurityGroup:" + changedGroup;
        String instance = account + ":" + region + ":AWS::EC2::Instance:" + deletedInstance;

        // The account's snapshots, newest first: the run that saw the changes, then the first one.
        JsonNode snapshots = client.api("GET", "/snapshots?accountId=" + account, null).get("items");
        assertThat(snapshots.get(0).get("runId").asText()).isEqualTo(changedRun);
        assertThat(snapshots.get(1).get("runId").asText()).isEqualTo(firstRun);
        assertThat(snapshots.get(0).get("completeness").asText()).isEqualTo("COMPLETE");
        String before = firstRun + "/" + account;
        String after = changedRun + "/" + account;

        // The diff between the two snapshots: exactly the three injected changes, with field-level detail.
        JsonNode diff = client.api("GET", "/diff?from=" + before + "&to=" + after + "&accountId=" + account, null).get("items");
        List<String> changes = new ArrayList<>();
        diff.forEach(d -> changes.add(d.get("change").asText() + " " + d.get("resourceId").asText()));
        assertThat(changes).containsExactlyInAnyOrder("MODIFIED " + changedGroup, "REMOVED " + deletedInstance, "ADDED " + addedUser);
        JsonNode groupChange = find(diff, changedGroup);
        assertThat(groupChange.get("fieldChanges")).anySatisfy(f -> assertThat(f.get("path").asText())
                .isEqualTo("/ipPermissions[tcp|22|22]/ipRanges[0.0.0.0/0]"));

        // The group's timeline ends with that change.
        JsonNode timeline = client.api("GET", "/resources/" + group + "/timeline", null).get("items");
        JsonNode last = timeline.get(timeline.size() - 1);
        assertThat(last.get("change").asText()).isEqualTo("MODIFIED");
        assertThat(last.get("fieldChanges").get(0).get("path").asText()).contains("0.0.0.0/0");

        // The estate at the first snapshot still holds the deleted instance; now it does not.
        String completed = snapshots.get(1).get("completedAt").asText();
        assertThat(resourceIds(client.api("GET", "/inventory?at=" + completed + "&accountId=" + account
                + "&resourceType=AWS::EC2::Instance&limit=1000", null))).contains(deletedInstance);
        assertThat(resourceIds(client.api("GET", "/inventory?accountId=" + account
                + "&resourceType=AWS::EC2::Instance&limit=1000", null))).doesNotContain(deletedInstance).isNotEmpty();
        assertThat(client.api("GET", "/resources/" + instance + "/history", null).get("versions"))
                .extracting(v -> v.get("configurationItemStatus").asText()).containsExactly("ResourceDiscovered", "ResourceDeleted");

        // The first snapshot's inventory, exported as JSON Lines, one item per resource.
        JsonNode inventory = client.api("GET", "/snapshots/" + before + "/inventory?limit=1000", null);
        assertThat(inventory.get("nextCursor").isNull()).isTrue();
        List<String> lines = client.apiText("/snapshots/" + before + "/export").lines().toList();
        assertThat(lines).hasSize(inventory.get("items").size());
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"resourceId\":\"" + deletedInstance + "\""));

        // Delivered to S3 the way AWS Config delivers snapshots (the simulator's S3, SigV4-checked).
        String owner = client.admin("GET", "/admin/estate", null).get("managementAccountId").asText();
        String bucket = null;
        for (JsonNode item : client.admin("GET", "/admin/accounts/" + owner + "/resources", null).get("configurationItems")) {
            if (item.get("resourceType").asText().equals("AWS::S3::Bucket")) {
                bucket = item.get("resourceId").asText();
                break;
            }
        }
        assertThat(bucket).as("a bucket of the management account").isNotNull();
        JsonNode delivered = client.api("POST", "/snapshots/" + before + "/deliveries",
                "{\"bucket\":\"" + bucket + "\",\"prefix\":\"e2e\"}").get("objects");
        assertThat(delivered).isNotEmpty().allSatisfy(o -> assertThat(o.get("key").asText())
                .startsWith("e2e/AWSLogs/" + account + "/Config/"));
        JsonNode stored = client.admin("GET", "/admin/accounts/" + owner + "/s3/" + bucket + "/objects", null);
        int storedLines = 0;
        for (JsonNode o : stored) {
            if (o.get("key").asText().startsWith("e2e/AWSLogs/" + account + "/")) {
                storedLines += (int) o.get("body").asText().lines().count();
            }
        }
        assertThat(storedLines).isEqualTo(lines.size());

        // The first snapshot as the approved baseline: the three changes are drift; one is acknowledged.
        JsonNode baseline = client.apiAs("e2e-alice", "POST", "/baselines",
                "{\"scope\":{\"accountId\":\"" + account + "\"},\"snapshot\":{\"runId\":\"" + firstRun + "\",\"accountId\":\""
                        + account + "\"}}");
        assertThat(baseline.get("createdBy").asText()).isEqualTo("e2e-alice");
        String drift = "/baselines/" + baseline.get("id").asText() + "/drift";
        assertThat(resourceIds(client.api("GET", drift, null)))
                .containsExactlyInAnyOrder(changedGroup, deletedInstance, addedUser);
        JsonNode ack = client.apiAs("e2e-bob", "POST", drift + "/" + group + "/acknowledgements",
                "{\"comment\":\"approved in CHG-7\"}");
        assertThat(ack.get("acknowledgedBy").asText()).isEqualTo("e2e-bob");
        JsonNode items = client.api("GET", drift, null).get("items");
        assertThat(find(items, changedGroup).get("acknowledged").asBoolean()).isTrue();
        assertThat(find(items, changedGroup).at("/acknowledgement/comment").asText()).isEqualTo("approved in CHG-7");
        assertThat(find(items, deletedInstance).get("acknowledged").asBoolean()).isFalse();
    }

    private static JsonNode find(JsonNode items, String resourceId) {
        for (JsonNode item : items) {
            if (item.get("resourceId").asText().equals(resourceId)) {
                return item;
            }
        }
        throw new AssertionError(resourceId + " not in " + items);
    }

    private static List<String> resourceIds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("resourceId").asText()));
        return out;
    }

    @Test
    @Order(4)
    void unchangedEstateMakesNoChangeAndNoAlert() {
        int deliveries = webhook.deliveries().size();
        try (TopicTail alerts = new TopicTail(stack.kafkaBootstrapServers(), Topics.ALERTS);
             TopicTail changes = new TopicTail(stack.kafkaBootstrapServers(), Topics.RESOURCE_CHANGES)) {
            client.collect(null);
            assertThat(changes.drain(Duration.ofSeconds(5))).isEmpty();
            assertThat(alerts.drain(Duration.ofSeconds(1))).isEmpty();
        }
        assertThat(webhook.deliveries()).hasSize(deliveries);
    }

    @Test
    @Order(5)
    void gatewayServesEveryServiceAndProblems() {
        assertThat(client.api("GET", "/rules", null).size()).isGreaterThanOrEqualTo(2);
        assertThat(client.api("GET", "/alerts?limit=5", null).get("count").asInt()).isEqualTo(5);
        assertThat(client.api("GET", "/resources?resourceType=AWS::IAM::User", null).get("count").asInt()).isGreaterThan(0);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> client.api("GET", "/nothing-here", null)))
                .hasMessageContaining("404");
    }

    @Test
    @Order(6)
    void failedListingsNeverBecomeDeletions() {
        JsonNode estate = client.admin("GET", "/admin/estate", null);
        List<String> members = new ArrayList<>();
        estate.get("accounts").forEach(a -> {
            if (a.get("status").asText().equals("ACTIVE") && !a.get("id").asText().equals(estate.get("managementAccountId").asText())) {
                members.add(a.get("id").asText());
            }
        });
        client.admin("POST", "/admin/faults", """
                {"throttle":[{"account":"%s","action":"ec2:DescribeSecurityGroups","rate":1.0},
                             {"account":"%s","action":"iam:ListUsers","rate":1.0},
                             {"account":"%s","region":"eu-west-1","action":"*","rate":1.0}]}"""
                .formatted(members.get(0), members.get(1), members.get(2)));
        List<String> openBefore = client.openFindingsOfAllRules();
        try (TopicTail changes = new TopicTail(stack.kafkaBootstrapServers(), Topics.RESOURCE_CHANGES);
             TopicTail alerts = new TopicTail(stack.kafkaBootstrapServers(), Topics.ALERTS)) {
            String runId = client.collect(null);
            JsonNode progress = client.api("GET", "/collections/" + runId, null);
            assertThat(progress.at("/failuresByReason/RequestLimitExceeded").asInt()).isPositive();
            assertThat(progress.at("/failuresByReason/Throttling").asInt()).isPositive();
            assertThat(decode(changes.drain(Duration.ofSeconds(5))))
                    .as("a throttled listing must not turn into deletions").isEmpty();
            assertThat(alerts.drain(Duration.ofSeconds(1))).as("nor resolve findings").isEmpty();
        } finally {
            client.admin("DELETE", "/admin/faults", null);
        }
        assertThat(client.openFindingsOfAllRules()).containsExactlyInAnyOrderElementsOf(openBefore);
    }

    @Test
    @Order(7)
    void logsNeverContainCredentials() throws Exception {
        for (Path log : stack.serviceLogs().values()) {
            String text = Files.readString(log);
            assertThat(text).as(log.toString())
                    .doesNotContain(stack.simulator().managementSecretAccessKey())
                    .doesNotContain(SECRET)
                    .doesNotContainIgnoringCase("SessionToken")
                    .doesNotContainIgnoringCase("SecretAccessKey");
        }
    }

    private static List<ResourceChange> decode(List<ConsumerRecord<String, byte[]>> records) {
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

    private static List<JsonNode> json(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> CanonicalJson.parse(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }
}
