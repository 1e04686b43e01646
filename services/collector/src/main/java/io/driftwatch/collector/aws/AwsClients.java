package io.driftwatch.collector.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Builds the AWS SDK v2 clients: one shared HTTP client, the SDK's standard retry mode (jittered
 * exponential backoff that also backs off on throttling), call and attempt timeouts, regional
 * STS endpoints, and per-account credentials from AssumeRole, cached and refreshed before expiry
 * by the SDK's provider.
 */
@ApplicationScoped
public class AwsClients {
    @Inject
    CollectorConfig config;

    private volatile SdkHttpClient http;

    /**
     * The HTTP client every SDK client shares. A pooled client sized to the listings running at
     * once, so every concurrent call reuses a kept-alive connection (the JDK's URLConnection keeps
     * only 5 idle connections per host and reconnected for most calls).
     */
    public SdkHttpClient http() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = ApacheHttpClient.builder()
                            .maxConnections(config.listingConcurrency() + config.accountConcurrency() + 8)
                            .tcpKeepAlive(true)
                            .build();
                }
            }
        }
        return http;
    }
    private final ConcurrentHashMap<String, StsAssumeRoleCredentialsProvider> accountCredentials = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, IamClient> iam = new ConcurrentHashMap<>();
    private volatile StsClient sts;
    private volatile AwsCredentialsProvider baseCredentials;

    private volatile RateBudget budget;

    private RateBudget budget() {
        if (budget == null) {
            synchronized (this) {
                if (budget == null) {
                    budget = new RateBudget(config.aws().ratePerSecond(), config.aws().rateBurst());
                }
            }
        }
        return budget;
    }

    public AwsCredentialsProvider baseCredentials() {
        if (baseCredentials == null) {
            CollectorConfig.Aws aws = config.aws();
            baseCredentials = aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId().get(), aws.secretAccessKey().get()))
                    : DefaultCredentialsProvider.builder().build();
        }
        return baseCredentials;
    }

    /**
     * Applies the collector's settings to any SDK client builder: region, credentials, retries,
     * timeouts, the endpoint override and the rate budget in that region of {@code budgetAccount}
     * (null: of the account in {@link AccountScope} at each request).
     */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region, AwsCredentialsProvider credentials,
                                                          String budgetAccount) {
        CollectorConfig.Aws aws = config.aws();
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(new RateBudgetInterceptor(budget(), budgetAccount, region))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(aws.maxAttempts())
                                // The SDK's retry quota (circuit breaker) is per client, and one client
                                // serves every account: a throttled account would stop the retries of all
                                // the others. Politeness comes from the per-account rate budgets instead.
                                .circuitBreakerEnabled(false)
                                // Throttled calls back off from 500 ms, doubling up to 20 s, full jitter:
                                // enough for a bucket refilling at a few calls per second to recover.
                                .throttlingBackoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy
                                        .exponentialDelay(java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(20)))
                                .build())
                        .apiCallTimeout(aws.apiCallTimeout())
                        .apiCallAttemptTimeout(aws.apiCallAttemptTimeout())
                        .build());
        aws.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    public OrganizationsClient organizations() {
        return configure(OrganizationsClient.builder().httpClient(http()), config.aws().homeRegion(), baseCredentials(), "management").build();
    }

    private StsClient sts() {
        if (sts == null) {
            synchronized (this) {
                if (sts == null) {
                    // Regional STS endpoint (the SDK v2 default): no dependency on us-east-1.
                    sts = configure(StsClient.builder().httpClient(http()), config.aws().homeRegion(), baseCredentials(), "management").build();
                }
            }
        }
        return sts;
    }

    public String roleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + config.aws().roleName();
    }

    /** Credentials inside one member account; the SDK refreshes them before they expire. */
    public AwsCredentialsProvider accountCredentials(String accountId) {
        return Lookups.getOrCompute(accountCredentials, accountId, id -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts())
                .asyncCredentialUpdateEnabled(false)
                .prefetchTime(java.time.Duration.ofMinutes(5))
                .staleTime(java.time.Duration.ofMinutes(2))
                .refreshRequest(() -> {
                    AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                            .roleArn(roleArn(id)).roleSessionName("driftwatch-collector").durationSeconds(3600);
                    config.aws().externalId().ifPresent(request::externalId);
                    return request.build();
                })
                .build());
    }

    /**
     * Credentials of the account in {@link AccountScope}: lets one client per (service, region)
     * serve every member account.
     */
    public AwsCredentialsProvider scopedCredentials() {
        return scopedCredentials;
    }

    private final AwsCredentialsProvider scopedCredentials =
            () -> accountCredentials(AccountScope.current()).resolveCredentials();

    public Ec2Client ec2(String accountId, String region) {
        AccountScope.require(accountId);
        return Lookups.getOrCompute(ec2, region,
                k -> configure(Ec2Client.builder().httpClient(http()), region, scopedCredentials, null).build());
    }

    public IamClient iam(String accountId) {
        AccountScope.require(accountId);
        // IAM is global; its endpoint lives in us-east-1 (aws-global).
        return Lookups.getOrCompute(iam, "global",
                k -> configure(IamClient.builder().httpClient(http()), "aws-global", scopedCredentials, null).build());
    }

    @PreDestroy
    void close() {
        ec2.values().forEach(Ec2Client::close);
        iam.values().forEach(IamClient::close);
        accountCredentials.values().forEach(StsAssumeRoleCredentialsProvider::close);
        if (sts != null) {
            sts.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
