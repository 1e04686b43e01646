package io.driftwatch.collector.clients;

import io.driftwatch.collector.aws.AccountScope;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Lookups;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * SDK clients for the services {@link AwsClients} does not build, with the same settings: member
 * account credentials from AssumeRole (shared with AwsClients, so one session per account),
 * standard retries with jittered backoff, call and attempt timeouts, the endpoint override, rate
 * budgets. One client per (service, region), shared by every account (see {@link AccountScope}).
 */
@ApplicationScoped
public class ServiceClients {
    @Inject
    AwsClients aws;

    private final ConcurrentHashMap<String, SdkAutoCloseable> clients = new ConcurrentHashMap<>();

    /** The cached client under {@code key}, built by {@code factory} on first use. */
    @SuppressWarnings("unchecked")
    public <C extends SdkAutoCloseable> C client(String key, Supplier<C> factory) {
        return (C) Lookups.getOrCompute(clients, key, k -> factory.get());
    }

    /**
     * The client of {@code service} for one account and region, e.g.
     * {@code clients.regional("kms", account, region, KmsClient::builder)}.
     */
    public <C extends SdkAutoCloseable, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C regional(
            String service, String accountId, String region, Supplier<B> builder) {
        AccountScope.require(accountId);
        return client(service + "/" + region, () -> configure(builder.get(), region).build());
    }

    /**
     * Applies the collector's settings (one shared HTTP client, retries, timeouts, endpoint, rate
     * budget); the client signs with the credentials of the account in {@link AccountScope}.
     */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region) {
        builder.httpClient(aws.http());
        return aws.configure(builder, region, aws.scopedCredentials(), null);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(SdkAutoCloseable::close);
    }
}
