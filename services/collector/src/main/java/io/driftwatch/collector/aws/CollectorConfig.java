package io.driftwatch.collector.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Collector settings; every key is documented in docs/configuration.md. */
@ConfigMapping(prefix = "driftwatch.collector")
public interface CollectorConfig {
    Aws aws();

    /** Quartz-style cron of scheduled full collections; "off" disables them. */
    String cron();

    /** Account collections running at once in one collector replica. */
    @WithDefault("32")
    int accountConcurrency();

    /** Listings (one resource type in one region) running at once in one replica, across its accounts. */
    @WithDefault("128")
    int listingConcurrency();

    interface Aws {
        /** Send every AWS call here instead of AWS's endpoints (the estate simulator). */
        Optional<URI> endpointOverride();

        /** Region of the management-account calls (Organizations, STS). */
        @WithDefault("us-east-1")
        String homeRegion();

        /** Regions collected in every account. */
        @WithDefault("us-east-1")
        List<String> regions();

        /** Role assumed in every member account. */
        @WithDefault("DriftwatchReadOnly")
        String roleName();

        /** External id required by the member role's trust policy, if any. */
        Optional<String> externalId();

        /**
         * Static credentials, for the local simulator only. In Kubernetes leave them unset: the
         * default provider chain takes the pod's web identity (IRSA).
         */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Upper bound of one API call, retries included. */
        @WithDefault("60s")
        Duration apiCallTimeout();

        /** Upper bound of one HTTP attempt. */
        @WithDefault("15s")
        Duration apiCallAttemptTimeout();

        @WithDefault("8")
        int maxAttempts();

        /** Sustained HTTP attempts per second per (account, region, service): EC2's documented refill rate. */
        @WithDefault("20")
        double ratePerSecond();

        /** Burst of the same budget. */
        @WithDefault("100")
        double rateBurst();
    }
}
