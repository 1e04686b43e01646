package io.driftwatch.collector.run;

import io.driftwatch.collector.aws.CollectorConfig;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.organization.OrganizationAccounts;
import io.driftwatch.proto.v1.CollectionRequest;
import io.driftwatch.events.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Starts a collection run: discovers the organization's active accounts and publishes one
 * collection request per account, keyed by account id, so collector replicas share the work.
 */
@ApplicationScoped
public class CollectionStarter {
    private static final Pattern ACCOUNT_ID = Pattern.compile("^[0-9]{12}$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]$");

    @Inject
    OrganizationAccounts organization;
    @Inject
    CollectionRuns runs;
    @Inject
    CollectorConfig config;
    @Inject
    Instance<ResourceLister> listers;
    @Inject
    KafkaClientService kafka;

    public record Started(String runId, List<String> accountIds, List<String> regions, List<String> resourceTypes) {
    }

    public Started start(String reason, List<String> onlyAccounts, List<String> regions, List<String> resourceTypes) {
        List<String> supported = listers.stream().map(ResourceLister::resourceType).sorted().toList();
        for (String account : onlyAccounts) {
            if (!ACCOUNT_ID.matcher(account).matches()) {
                throw new IllegalArgumentException("account id must be 12 digits: " + account);
            }
        }
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("not an AWS region name: " + region);
            }
        }
        for (String type : resourceTypes) {
            if (!supported.contains(type)) {
                throw new IllegalArgumentException("unsupported resource type " + type + "; supported: " + supported);
            }
        }
        List<String> active = organization.activeAccountIds();
        List<String> accounts = onlyAccounts.isEmpty() ? active
                : active.stream().filter(onlyAccounts::contains).toList();
        if (!onlyAccounts.isEmpty() && accounts.size() != onlyAccounts.size()) {
            throw new IllegalArgumentException("not active accounts of the organization: "
                    + onlyAccounts.stream().filter(a -> !active.contains(a)).toList());
        }
        List<String> effectiveRegions = regions.isEmpty() ? config.aws().regions() : regions;
        List<String> effectiveTypes = resourceTypes.isEmpty() ? supported : resourceTypes;
        String runId = "run-" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        runs.create(runId, reason, now, accounts, effectiveRegions, effectiveTypes);
        // The channel's own producer: thousands of requests go out in one batch, acknowledged together.
        Producer<String, byte[]> producer = kafka.<String, byte[]>getProducer("collection-requests-out").unwrap();
        List<Future<RecordMetadata>> sends = accounts.stream().map(account -> producer.send(new ProducerRecord<>(
                Topics.COLLECTION_REQUESTS, account, CollectionRequest.newBuilder()
                .setRunId(runId).setAccountId(account).addAllRegions(effectiveRegions).addAllResourceTypes(resourceTypes)
                .setReason(reason).setRequestedAt(Items.timestamp(now)).setAccountsInRun(accounts.size())
                .build().toByteArray()))).toList();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while requesting collections", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("publishing collection requests failed: " + e.getMessage(), e);
            }
        }
        return new Started(runId, accounts, effectiveRegions, effectiveTypes);
    }
}
