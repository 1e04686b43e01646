package io.driftwatch.collector.run;

import io.driftwatch.collector.aws.AccountScope;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.CollectorConfig;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRequest;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.ListingOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.driftwatch.events.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Collects one account: a STARTED marker, every item, then a COMPLETED marker with the outcome of
 * each (region, resource type) listing. A failed listing is recorded as FAILED with its error and
 * the run goes on; a failed AssumeRole fails the account. All records are keyed by account id,
 * so snapshot-diff reads them in order.
 */
@ApplicationScoped
public class AccountCollector {
    private static final Logger LOG = Logger.getLogger(AccountCollector.class);

    @Inject
    Instance<ResourceLister> listers;
    @Inject
    CollectorConfig config;
    @Inject
    AwsClients aws;
    @Inject
    CollectionRuns runs;
    @Inject
    MeterRegistry metrics;
    @Inject
    KafkaClientService kafka;

    /**
     * The configuration-items channel's own Kafka producer (configured in application.properties),
     * used directly: thread-safe and non-blocking for many concurrent listings, where an emitter
     * serialises every send behind one lock.
     */
    private Producer<String, byte[]> items() {
        return kafka.<String, byte[]>getProducer("configuration-items").unwrap();
    }

    /** Same as the consumer's max.poll.interval: a claim older than that belongs to a replica that is gone. */
    private static final java.time.Duration CLAIM_LEASE = java.time.Duration.ofMinutes(30);

    private ExecutorService listingPool;

    @PostConstruct
    void init() {
        AtomicInteger n = new AtomicInteger();
        listingPool = Executors.newFixedThreadPool(config.listingConcurrency(), r -> {
            Thread t = new Thread(r, "collector-listing-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void shutdown() {
        listingPool.shutdownNow();
    }

    public void collect(CollectionRequest request) {
        String account = request.getAccountId();
        String runId = request.getRunId();
        if (account.isEmpty() || runId.isEmpty()) {
            throw new IllegalArgumentException("collection request lacks run id or account id");
        }
        String self = System.getenv().getOrDefault("DRIFTWATCH_INSTANCE_ID", System.getenv().getOrDefault("HOSTNAME", "collector"));
        if (!runs.claim(runId, account, self, CLAIM_LEASE)) {
            LOG.debugf("account %s of %s is already claimed or done; redelivered request skipped", account, runId);
            return;
        }
        List<Future<RecordMetadata>> pending = Collections.synchronizedList(new ArrayList<>());
        send(account, CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder()
                .setRunId(runId).setAccountId(account).setPhase(CollectionRunMarker.Phase.STARTED)
                .setAt(Items.timestamp(Instant.now()))).build(), pending);

        List<ListingOutcome> outcomes = new ArrayList<>();
        AtomicLong count = new AtomicLong();
        String accountError = assumeRole(account);
        if (accountError == null) {
            List<String> regions = request.getRegionsList().isEmpty() ? config.aws().regions() : request.getRegionsList();
            List<Future<ListingOutcome>> listings = new ArrayList<>();
            for (ResourceLister lister : listers) {
                if (!request.getResourceTypesList().isEmpty() && !request.getResourceTypesList().contains(lister.resourceType())) {
                    continue;
                }
                for (String region : lister.global() ? List.of(ResourceLister.GLOBAL) : regions) {
                    listings.add(listingPool.submit(() -> list(lister, account, region, runId, pending, count)));
                }
            }
            for (Future<ListingOutcome> listing : listings) {
                outcomes.add(await(listing));
            }
            outcomes.sort(Comparator.comparing(ListingOutcome::getResourceType).thenComparing(ListingOutcome::getRegion));
        }
        CollectionRunMarker.Builder completed = CollectionRunMarker.newBuilder()
                .setRunId(runId).setAccountId(account).setPhase(CollectionRunMarker.Phase.COMPLETED)
                .setAt(Items.timestamp(Instant.now())).setItemsPublished(count.get());
        if (accountError != null) {
            completed.setAccountError(accountError); // no listing of this account is complete
        } else {
            completed.addAllListings(outcomes);
        }
        // Items must be acknowledged before the marker that lets snapshot-diff infer deletions.
        awaitAll(pending);
        List<Future<RecordMetadata>> last = new ArrayList<>();
        send(account, CollectionEvent.newBuilder().setMarker(completed).build(), last);
        awaitAll(last);
        runs.accountCompleted(runId, account, count.get(), outcomes, accountError);
        metrics.counter("driftwatch.collector.accounts", "outcome", accountError == null ? "completed" : "failed").increment();
    }

    /** Resolves the member-account credentials once up front: a denied AssumeRole fails the account, not each listing. */
    private String assumeRole(String account) {
        try {
            aws.accountCredentials(account).resolveCredentials();
            return null;
        } catch (RuntimeException e) {
            String code = errorCode(e);
            metrics.counter("driftwatch.collector.listing.failures", "reason", code).increment();
            LOG.warnf("account %s: AssumeRole failed (%s); account marked failed", account, code);
            return code + ": could not assume " + config.aws().roleName() + " in " + account;
        }
    }

    private ListingOutcome list(ResourceLister lister, String account, String region, String runId, List<Future<RecordMetadata>> pending,
                                AtomicLong count) {
        AtomicLong listed = new AtomicLong();
        ListingOutcome.Builder outcome = ListingOutcome.newBuilder().setRegion(region).setResourceType(lister.resourceType());
        try {
            AccountScope.run(account, () -> lister.list(account, region, item -> {
                send(account, CollectionEvent.newBuilder().setItem(item.toBuilder().setRunId(runId)).build(), pending);
                listed.incrementAndGet();
            }));
            outcome.setStatus(ListingOutcome.Status.COMPLETE);
        } catch (RuntimeException e) {
            String code = errorCode(e);
            outcome.setStatus(ListingOutcome.Status.FAILED).setErrorCode(code).setErrorMessage(errorMessage(e));
            metrics.counter("driftwatch.collector.listing.failures", "reason", code).increment();
            LOG.infof("account %s %s %s: listing failed (%s)", account, region, lister.resourceType(), code);
        }
        count.addAndGet(listed.get());
        metrics.counter("driftwatch.collector.items", "type", lister.resourceType()).increment(listed.get());
        return outcome.setItemCount(listed.get()).build();
    }

    private static ListingOutcome await(Future<ListingOutcome> listing) {
        try {
            return listing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("listing crashed", e.getCause());
        }
    }

    private void send(String account, CollectionEvent event, List<Future<RecordMetadata>> pending) {
        pending.add(items().send(new ProducerRecord<>(Topics.CONFIGURATION_ITEMS, account, event.toByteArray())));
    }

    private static void awaitAll(List<Future<RecordMetadata>> pending) {
        List<Future<RecordMetadata>> copy;
        synchronized (pending) {
            copy = new ArrayList<>(pending);
        }
        for (Future<RecordMetadata> sent : copy) {
            try {
                sent.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (ExecutionException | TimeoutException e) {
                // The request stays unacknowledged and is collected again on redelivery.
                throw new IllegalStateException("publishing configuration items failed: " + e.getMessage(), e);
            }
        }
        pending.clear();
    }

    static String errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    && aws.awsErrorDetails().errorCode() != null) {
                return aws.awsErrorDetails().errorCode();
            }
        }
        if (e instanceof SdkClientException) {
            return "ClientError";
        }
        return e.getClass().getSimpleName();
    }

    /** AWS error messages name resources but never carry credentials; clip them anyway. */
    static String errorMessage(Throwable e) {
        String message = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorMessage() : e.getMessage();
        if (message == null) {
            return "";
        }
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
