package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;
import java.util.Set;

/** Shared responsibility 5 (data in transit) for ELBv2 listeners. */
public final class ElbRules {
    static final String LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
    /** Predefined ELBv2 security policies that still negotiate TLS 1.0 or 1.1. */
    static final Set<String> OLD_TLS_POLICIES = Set.of(
            "ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-2015-05",
            "ELBSecurityPolicy-TLS-1-0-2015-04",
            "ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-FS-2018-06",
            "ELBSecurityPolicy-FS-1-1-2019-08",
            "ELBSecurityPolicy-TLS13-1-0-2021-06",
            "ELBSecurityPolicy-TLS13-1-1-2021-06",
            "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-1-PQ-2025-09");

    private ElbRules() {
    }

    /** A plain HTTP listener that serves rather than only redirecting to HTTPS ({@code redirectsToHttps}). */
    public static final class HttpListener extends BaseRule {
        public HttpListener() {
            super("elb-http-listener", LISTENER, Severity.MEDIUM, "data-in-transit",
                    "Load balancer listener serves plain HTTP",
                    "An HTTP listener should only redirect to HTTPS; one that forwards requests carries data in clear text.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            if (!"HTTP".equals(Json.text(configuration, "protocol")) || Json.isTrue(configuration, "redirectsToHttps")) {
                return Evaluation.pass();
            }
            return Evaluation.fail("listener on port " + Json.text(configuration, "port")
                    + " serves HTTP instead of redirecting to HTTPS");
        }
    }

    /** An HTTPS or TLS listener whose security policy still accepts TLS 1.0 or 1.1. */
    public static final class OldTlsPolicy extends BaseRule {
        public OldTlsPolicy() {
            super("elb-old-tls-policy", LISTENER, Severity.MEDIUM, "data-in-transit",
                    "Load balancer listener allows TLS 1.0 or 1.1",
                    "TLS 1.0 and 1.1 are deprecated (RFC 8996); use a policy requiring TLS 1.2 or later, such as"
                            + " ELBSecurityPolicy-TLS13-1-2-2021-06.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            String policy = Json.text(configuration, "sslPolicy");
            return OLD_TLS_POLICIES.contains(policy)
                    ? Evaluation.fail("listener on port " + Json.text(configuration, "port") + " uses " + policy
                            + ", which accepts TLS 1.0/1.1")
                    : Evaluation.pass();
        }
    }
}
