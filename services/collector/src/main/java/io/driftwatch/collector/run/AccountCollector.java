package io.driftwatch.collector.run;

import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.CollectorConfig;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRequest;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.ListingOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
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
    CollectionRuns runs;
    @Inject
    MeterRegistry metrics;
    @Inject
    @Channel("configuration-items")
    MutinyEmitter<Record<String, byte[]>> items;

    public void collect(CollectionRequest request) {
        String account = request.getAccountId();
        String runId = request.getRunId();
        if (account.isEmpty() || runId.isEmpty()) {
            throw new IllegalArgumentException("collection request lacks run id or account id");
        }
        runs.accountStarted(runId, account, System.getenv().getOrDefault("HOSTNAME", "collector"));
        List<Uni<Void>> pending = new ArrayList<>();
        send(account, CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder()
                .setRunId(runId).setAccountId(account).setPhase(CollectionRunMarker.Phase.STARTED)
                .setAt(Items.timestamp(Instant.now()))).build(), pending);

        List<String> regions = request.getRegionsList().isEmpty() ? config.aws().regions() : request.getRegionsList();
        List<ListingOutcome> outcomes = new ArrayList<>();
        AtomicLong count = new AtomicLong();
        String accountError = null;
        for (ResourceLister lister : listers) {
            if (!request.getResourceTypesList().isEmpty() && !request.getResourceTypesList().contains(lister.resourceType())) {
                continue;
            }
            List<String> listingRegions = lister.global() ? List.of(ResourceLister.GLOBAL) : regions;
            for (String region : listingRegions) {
                AtomicLong listed = new AtomicLong();
                ListingOutcome.Builder outcome = ListingOutcome.newBuilder().setRegion(region).setResourceType(lister.resourceType());
                try {
                    lister.list(account, region, item -> {
                        send(account, CollectionEvent.newBuilder().setItem(item.toBuilder().setRunId(runId)).build(), pending);
                        listed.incrementAndGet();
                    });
                    outcome.setStatus(ListingOutcome.Status.COMPLETE);
                } catch (RuntimeException e) {
                    String code = errorCode(e);
                    outcome.setStatus(ListingOutcome.Status.FAILED).setErrorCode(code).setErrorMessage(errorMessage(e));
                    metrics.counter("driftwatch.collector.listing.failures", "reason", code).increment();
                    if (isAssumeRoleFailure(e)) {
                        accountError = code + ": could not assume " + config.aws().roleName() + " in " + account;
                        LOG.warnf("account %s: AssumeRole failed (%s); account marked failed", account, code);
                    } else {
                        LOG.infof("account %s %s %s: listing failed (%s)", account, region, lister.resourceType(), code);
                    }
                }
                outcome.setItemCount(listed.get());
                outcomes.add(outcome.build());
                count.addAndGet(listed.get());
                metrics.counter("driftwatch.collector.items", "type", lister.resourceType()).increment(listed.get());
                if (accountError != null) {
                    break;
                }
            }
            runs.accountProgress(runId, account, count.get());
            if (accountError != null) {
                break;
            }
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
        List<Uni<Void>> last = new ArrayList<>();
        send(account, CollectionEvent.newBuilder().setMarker(completed).build(), last);
        awaitAll(last);
        runs.accountCompleted(runId, account, count.get(), accountError == null ? outcomes : List.of(), accountError);
        metrics.counter("driftwatch.collector.accounts", "outcome", accountError == null ? "completed" : "failed").increment();
    }

    private void send(String account, CollectionEvent event, List<Uni<Void>> pending) {
        pending.add(items.send(Record.of(account, event.toByteArray())).memoize().indefinitely());
        pending.get(pending.size() - 1).subscribe().with(x -> { }, e -> { });
    }

    private static void awaitAll(List<Uni<Void>> pending) {
        for (Uni<Void> u : pending) {
            u.await().atMost(Duration.ofSeconds(60));
        }
        pending.clear();
    }

    static boolean isAssumeRoleFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof software.amazon.awssdk.services.sts.model.StsException) {
                return true;
            }
        }
        return false;
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
