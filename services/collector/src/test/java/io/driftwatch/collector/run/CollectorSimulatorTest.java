package io.driftwatch.collector.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.ListingOutcome;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
@QuarkusTestResource(SimulatorTestResource.class)
class CollectorSimulatorTest {
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void clearFaults() throws Exception {
        admin("DELETE", "/admin/faults", null);
    }

    @Test
    void collectsEveryActiveAccountThroughTheSdk() throws Exception {
        JsonNode estate = admin("GET", "/admin/estate", null);
        List<String> active = new ArrayList<>();
        estate.get("accounts").forEach(a -> {
            if (a.get("status").asText().equals("ACTIVE")) {
                active.add(a.get("id").asText());
            }
        });
        try (TopicTail items = new TopicTail(kafka, Topics.CONFIGURATION_ITEMS)) {
            String runId = startCollection(Map.of());
            Map<String, Object> progress = awaitCompleted(runId);
            assertThat(progress.get("accountsTotal")).isEqualTo(active.size());
            assertThat(progress.get("accountsFailed")).isEqualTo(0);
            // Gauges are cached for 5 s; the scrape after that shows the completed run.
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                            .contains("driftwatch_collector_latest_run_accounts_total " + active.size() + ".0")
                            .contains("driftwatch_collector_latest_run_accounts_done " + active.size() + ".0")
                            .contains("driftwatch_collector_items_total"));

            List<CollectionEvent> events = decode(items.await(r -> true, 1, Duration.ofSeconds(1)));
            events = decode(items.drain(Duration.ofSeconds(2)));
            List<CollectionRunMarker> completed = events.stream().filter(CollectionEvent::hasMarker).map(CollectionEvent::getMarker)
                    .filter(m -> m.getRunId().equals(runId) && m.getPhase() == CollectionRunMarker.Phase.COMPLETED).toList();
            assertThat(completed).extracting(CollectionRunMarker::getAccountId).containsExactlyInAnyOrderElementsOf(active);

            for (String account : active) {
                JsonNode resources = admin("GET", "/admin/accounts/" + account + "/resources", null);
                Set<String> expected = new HashSet<>();
                resources.path("regions").forEach(region -> {
                    region.path("securityGroups").forEach(sg -> expected.add("AWS::EC2::SecurityGroup:" + sg.get("groupId").asText()));
                    region.path("instances").forEach(i -> expected.add("AWS::EC2::Instance:" + i.get("instanceId").asText()));
                });
                resources.path("iamUsers").forEach(u -> expected.add("AWS::IAM::User:" + u.get("userId").asText()));
                // Every other type the simulator serves, with the region each item must carry.
                resources.path("configurationItems").forEach(i -> expected.add(i.get("resourceType").asText() + ":"
                        + i.get("resourceId").asText() + "@" + i.get("region").asText()));
                expected.removeIf(e -> !e.contains("@") && expected.stream().anyMatch(x -> x.startsWith(e + "@")));
                assertThat(expected).as("simulator resources of %s", account).isNotEmpty();
                assertThat(expected).anyMatch(e -> e.startsWith("AWS::S3::Bucket:"));
                Set<String> collected = events.stream().filter(CollectionEvent::hasItem).map(CollectionEvent::getItem)
                        .filter(i -> i.getRunId().equals(runId) && i.getAccountId().equals(account))
                        .map(i -> i.getResourceType() + ":" + i.getResourceId() + "@" + i.getAwsRegion()).collect(Collectors.toSet());
                assertThat(collected).as("account %s", account).isEqualTo(expected);
            }
            ConfigurationItem user = events.stream().filter(CollectionEvent::hasItem).map(CollectionEvent::getItem)
                    .filter(i -> i.getResourceType().equals("AWS::IAM::User")).findFirst().orElseThrow();
            assertThat(user.getAwsRegion()).isEqualTo("global");
            JsonNode config = CanonicalJson.parse(user.getConfiguration());
            assertThat(config.has("mfaDevices")).isTrue();
            assertThat(config.has("loginProfile")).isTrue();
            assertThat(config.has("accessKeys")).isTrue();
            assertThat(config.has("groupList")).isTrue();
            // IAM entities come from GetAccountAuthorizationDetails: policies and memberships in AWS Config's shape.
            List<ConfigurationItem> iamItems = events.stream().filter(CollectionEvent::hasItem).map(CollectionEvent::getItem)
                    .filter(i -> i.getResourceType().startsWith("AWS::IAM::")).toList();
            for (ConfigurationItem i : iamItems) {
                JsonNode c = CanonicalJson.parse(i.getConfiguration());
                switch (i.getResourceType()) {
                    case "AWS::IAM::User" -> {
                        assertThat(i.getRelationshipsList()).filteredOn(r -> r.getResourceType().equals("AWS::IAM::Group"))
                                .hasSize(c.get("groupList").size());
                        assertThat(c.get("userPolicyList")).allMatch(p -> p.get("policyDocument").has("Statement"));
                    }
                    case "AWS::IAM::Role" -> {
                        assertThat(c.get("assumeRolePolicyDocument").has("Statement")).as("decoded trust policy").isTrue();
                        assertThat(c.get("rolePolicyList")).allMatch(p -> p.get("policyDocument").has("Statement"));
                        assertThat(c.has("attachedManagedPolicies")).isTrue();
                    }
                    case "AWS::IAM::Group" -> assertThat(c.has("groupPolicyList") && c.has("attachedManagedPolicies")).isTrue();
                    case "AWS::IAM::Policy" -> assertThat(c.get("policyVersionList")).singleElement()
                            .satisfies(v -> assertThat(v.get("document").has("Statement")).isTrue());
                    default -> throw new AssertionError("unexpected IAM type " + i.getResourceType());
                }
            }
            assertThat(iamItems).extracting(ConfigurationItem::getResourceType)
                    .contains("AWS::IAM::User", "AWS::IAM::Role", "AWS::IAM::Group", "AWS::IAM::Policy");
            assertThat(iamItems).anyMatch(i -> i.getResourceType().equals("AWS::IAM::Role")
                    && CanonicalJson.parse(i.getConfiguration()).get("attachedManagedPolicies").size() > 0);
            assertThat(iamItems).anyMatch(i -> i.getResourceType().equals("AWS::IAM::User")
                    && CanonicalJson.parse(i.getConfiguration()).get("groupList").size() > 0);
            // User data is scanned, never copied: no secret may leave the collector.
            assertThat(events).filteredOn(CollectionEvent::hasItem)
                    .noneMatch(e -> e.getItem().getConfiguration().contains("AWS_SECRET_ACCESS_KEY"));
            assertThat(user.getConfigurationHash()).isEqualTo(CanonicalJson.sha256(user.getConfiguration()));
            ConfigurationItem instance = events.stream().filter(CollectionEvent::hasItem).map(CollectionEvent::getItem)
                    .filter(i -> i.getResourceType().equals("AWS::EC2::Instance")).findFirst().orElseThrow();
            assertThat(instance.getRelationshipsList()).anyMatch(r -> r.getResourceType().equals("AWS::EC2::SecurityGroup"));
            assertThat(CanonicalJson.parse(instance.getConfiguration()).has("instanceId")).isTrue();
            assertThat(CanonicalJson.parse(instance.getConfiguration()).path("userDataScan").has("containsAwsAccessKey")).isTrue();
            ConfigurationItem bucket = events.stream().filter(CollectionEvent::hasItem).map(CollectionEvent::getItem)
                    .filter(i -> i.getResourceType().equals("AWS::S3::Bucket")).findFirst().orElseThrow();
            assertThat(bucket.getAwsRegion()).isNotEqualTo("global");
            assertThat(CanonicalJson.parse(bucket.getConfiguration()).path("bucketPolicy").has("tlsOnly")).isTrue();
            // Data stores, certificates, keys, listeners, patching and the Config recorder carry what the rules need.
            Map<String, String> fields = Map.ofEntries(
                    Map.entry("AWS::RDS::DBInstance", "storageEncrypted"),
                    Map.entry("AWS::RDS::DBSnapshot", "public"),
                    Map.entry("AWS::RDS::DBCluster", "storageEncrypted"),
                    Map.entry("AWS::Redshift::Cluster", "requireSsl"),
                    Map.entry("Driftwatch::Glacier::Vault", "accessPolicy"),
                    Map.entry("AWS::ACM::Certificate", "notAfter"),
                    Map.entry("AWS::KMS::Key", "keyRotationEnabled"),
                    Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", "scheme"),
                    Map.entry("AWS::ElasticLoadBalancingV2::Listener", "protocol"),
                    Map.entry("AWS::SSM::ManagedInstanceInventory", "pingStatus"),
                    Map.entry("AWS::SSM::PatchCompliance", "compliant"),
                    Map.entry("Driftwatch::DirectConnect::Connection", "connectionState"),
                    Map.entry("Driftwatch::DirectConnect::VirtualInterface", "virtualInterfaceState"),
                    Map.entry("Driftwatch::Config::RecorderStatus", "recording"));
            List<CollectionEvent> all = events;
            fields.forEach((type, field) -> {
                ConfigurationItem item = all.stream().filter(CollectionEvent::hasItem).map(CollectionEvent::getItem)
                        .filter(i -> i.getResourceType().equals(type)).findFirst()
                        .orElseThrow(() -> new AssertionError("no " + type + " collected"));
                assertThat(CanonicalJson.parse(item.getConfiguration()).has(field)).as("%s.%s", type, field).isTrue();
                assertThat(item.getAwsRegion()).isNotEqualTo("global");
            });
        }
    }

    @Test
    void failuresStayInTheirListingOrAccount() throws Exception {
        JsonNode estate = admin("GET", "/admin/estate", null);
        List<String> active = new ArrayList<>();
        estate.get("accounts").forEach(a -> {
            if (a.get("status").asText().equals("ACTIVE") && !a.get("id").asText().equals(estate.get("managementAccountId").asText())) {
                active.add(a.get("id").asText());
            }
        });
        String denied = active.get(0);
        String throttled = active.get(1);
        admin("POST", "/admin/faults", """
                {"assumeRoleDenied":["%s"],"throttle":{"account":"%s","region":"eu-west-1","action":"DescribeInstances","rate":1.0}}"""
                .formatted(denied, throttled));
        try (TopicTail items = new TopicTail(kafka, Topics.CONFIGURATION_ITEMS)) {
            String runId = startCollection(Map.of("accountIds", List.of(denied, throttled)));
            Map<String, Object> progress = awaitCompleted(runId);
            assertThat(progress.get("accountsFailed")).isEqualTo(1);
            @SuppressWarnings("unchecked")
            Map<String, Integer> reasons = (Map<String, Integer>) progress.get("failuresByReason");
            assertThat(reasons).containsEntry("AccessDenied", 1).containsEntry("RequestLimitExceeded", 1);

            List<CollectionEvent> events = decode(items.drain(Duration.ofSeconds(2)));
            CollectionRunMarker deniedMarker = completedMarker(events, runId, denied);
            assertThat(deniedMarker.getAccountError()).startsWith("AccessDenied");
            assertThat(deniedMarker.getListingsList()).isEmpty();
            CollectionRunMarker throttledMarker = completedMarker(events, runId, throttled);
            assertThat(throttledMarker.getAccountError()).isEmpty();
            assertThat(throttledMarker.getListingsList()).filteredOn(l -> l.getStatus() == ListingOutcome.Status.FAILED)
                    .singleElement().satisfies(l -> {
                        assertThat(l.getRegion()).isEqualTo("eu-west-1");
                        assertThat(l.getResourceType()).isEqualTo("AWS::EC2::Instance");
                        assertThat(l.getErrorCode()).isEqualTo("RequestLimitExceeded");
                    });
            // Every other listing completes: each regional type in both regions (instances only in
            // us-east-1), each global type once.
            long globalTypes = throttledMarker.getListingsList().stream().filter(l -> l.getRegion().equals("global")).count();
            long regionalTypes = throttledMarker.getListingsList().stream().filter(l -> !l.getRegion().equals("global"))
                    .map(ListingOutcome::getResourceType).distinct().count();
            assertThat(regionalTypes).isGreaterThanOrEqualTo(2);
            assertThat(throttledMarker.getListingsList()).filteredOn(l -> l.getStatus() == ListingOutcome.Status.COMPLETE)
                    .hasSize((int) (globalTypes + regionalTypes * 2 - 1));
        }
    }

    @Test
    void ec2StyleTokenBucketThrottlingIsAbsorbedByRetries() throws Exception {
        JsonNode estate = admin("GET", "/admin/estate", null);
        String account = null;
        for (JsonNode a : estate.get("accounts")) {
            if (a.get("status").asText().equals("ACTIVE") && !a.get("id").asText().equals(estate.get("managementAccountId").asText())) {
                account = a.get("id").asText();
            }
        }
        // Far tighter than AWS's own buckets (EC2: 100 burst, 20/s) and than the collector's own budget:
        // 1 call of burst per (account, region, API), 5 per second. Only the SDK's retries can absorb it.
        // (5 of burst and 20 per second never throttled once on a slow machine, where the collector's
        // calls of one API came less often than that: the assertion below then failed.)
        admin("POST", "/admin/faults", """
                {"throttle":{"account":"%s","region":"*","action":"*","burst":1,"refillPerSecond":5}}""".formatted(account));
        long throttledBefore = admin("GET", "/admin/stats", null).get("throttled").asLong();
        try (TopicTail items = new TopicTail(kafka, Topics.CONFIGURATION_ITEMS)) {
            String runId = startCollection(Map.of("accountIds", List.of(account)));
            Map<String, Object> progress = awaitCompleted(runId);
            assertThat(progress.get("accountsFailed")).isEqualTo(0);
            assertThat((Map<?, ?>) progress.get("failuresByReason")).isEmpty();
            CollectionRunMarker marker = completedMarker(decode(items.drain(Duration.ofSeconds(2))), runId, account);
            assertThat(marker.getListingsList()).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.getStatus()).as(l.getResourceType()).isEqualTo(ListingOutcome.Status.COMPLETE));
        }
        assertThat(admin("GET", "/admin/stats", null).get("throttled").asLong() - throttledBefore)
                .as("the buckets did throttle").isPositive();
    }

    @Test
    void badRequestsAreProblems() {
        given().contentType(ContentType.JSON).body("{\"accountIds\":[\"12\"]}").when().post("/api/v1/collections")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"resourceTypes\":[\"AWS::Nope::Thing\"]}").when().post("/api/v1/collections")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"accountIds\":[\"999999999999\"]}").when().post("/api/v1/collections")
                .then().statusCode(400);
        given().when().get("/api/v1/collections/run-none").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{not json").when().post("/api/v1/collections").then().statusCode(400);
    }

    private static CollectionRunMarker completedMarker(List<CollectionEvent> events, String runId, String account) {
        return events.stream().filter(CollectionEvent::hasMarker).map(CollectionEvent::getMarker)
                .filter(m -> m.getRunId().equals(runId) && m.getAccountId().equals(account)
                        && m.getPhase() == CollectionRunMarker.Phase.COMPLETED)
                .findFirst().orElseThrow();
    }

    private String startCollection(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/collections")
                .then().statusCode(202).extract().path("runId");
    }

    private Map<String, Object> awaitCompleted(String runId) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                "COMPLETED".equals(given().get("/api/v1/collections/" + runId).then().statusCode(200).extract().path("status")));
        return given().get("/api/v1/collections/" + runId).then().statusCode(200).body("runId", equalTo(runId))
                .extract().jsonPath().getMap("");
    }

    private JsonNode admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SimulatorTestResource.simulator.endpoint() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isLessThan(300);
        return response.body().isEmpty() ? null : CanonicalJson.parse(response.body());
    }

    private static List<CollectionEvent> decode(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<CollectionEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(CollectionEvent.parseFrom(r.value()));
        }
        return out;
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI serviceBase;

    @Test
    void servesHealthMetricsAndOpenApi() {
        assertThat(io.driftwatch.infra.PlatformEndpoints.problems(serviceBase, "jvm_memory_used_bytes")).isEmpty();
    }

    @Test
    void undecodableRequestGoesToDeadLetter() {
        try (TopicTail dlq = new TopicTail(kafka, Topics.DEAD_LETTER)) {
            String key = "bad-" + System.nanoTime();
            TopicTail.send(kafka, Topics.COLLECTION_REQUESTS, key, new byte[] {0x12, (byte) 0xff, 0x7f});
            var dead = dlq.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                    java.nio.charset.StandardCharsets.UTF_8)).contains("CollectionRequest");
        }
    }

    @Test
    void aRedeliveredRequestDoesNotCollectTheAccountAgain() throws Exception {
        String account = admin("GET", "/admin/estate", null).get("managementAccountId").asText();
        String runId = startCollection(Map.of("accountIds", List.of(account), "resourceTypes", List.of("AWS::EC2::SecurityGroup")));
        awaitCompleted(runId);
        try (TopicTail items = new TopicTail(kafka, Topics.CONFIGURATION_ITEMS)) {
            // What a consumer-group rebalance does: the same request once more.
            TopicTail.send(kafka, Topics.COLLECTION_REQUESTS, account, io.driftwatch.proto.v1.CollectionRequest.newBuilder()
                    .setRunId(runId).setAccountId(account).addResourceTypes("AWS::EC2::SecurityGroup").setReason("api")
                    .build().toByteArray());
            assertThat(decode(items.drain(Duration.ofSeconds(4)))).as("no second collection of %s in %s", account, runId)
                    .noneMatch(e -> e.hasMarker() && e.getMarker().getRunId().equals(runId));
        }
    }
}
