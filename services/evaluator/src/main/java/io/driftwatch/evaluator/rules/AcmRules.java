package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Shared responsibility 5 (data in transit: TLS certificates valid). Expiry is judged from
 * {@code notAfter} against an injectable clock; the configuration itself does not change as days pass,
 * so a certificate is re-judged whenever its item changes.
 */
public final class AcmRules {
    static final String CERTIFICATE = "AWS::ACM::Certificate";
    /** A certificate expiring within this window is "expiring". */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private AcmRules() {
    }

    private static String name(JsonNode configuration) {
        String domain = Json.text(configuration, "domainName");
        return "certificate " + (domain.isEmpty() ? Json.text(configuration, "certificateArn") : domain);
    }

    /** notAfter is in the past. */
    public static final class Expired extends BaseRule {
        private final Clock clock;

        public Expired(Clock clock) {
            super("acm-certificate-expired", CERTIFICATE, Severity.HIGH, "data-in-transit",
                    "ACM certificate has expired",
                    "Clients refuse an expired certificate: TLS connections fail or users learn to click through warnings.");
            this.clock = clock;
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            Optional<Instant> notAfter = Json.instant(configuration, "notAfter");
            return notAfter.isPresent() && notAfter.get().isBefore(clock.instant())
                    ? Evaluation.fail(name(configuration) + " expired at " + notAfter.get())
                    : Evaluation.pass();
        }
    }

    /** notAfter is not yet past but within 30 days. */
    public static final class Expiring extends BaseRule {
        private final Clock clock;

        public Expiring(Clock clock) {
            super("acm-certificate-expiring", CERTIFICATE, Severity.MEDIUM, "data-in-transit",
                    "ACM certificate expires within 30 days",
                    "A certificate that expires within " + EXPIRY_WARNING.toDays() + " days must be renewed or replaced"
                            + " before TLS connections start failing.");
            this.clock = clock;
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            Optional<Instant> notAfter = Json.instant(configuration, "notAfter");
            Instant now = clock.instant();
            if (notAfter.isEmpty() || notAfter.get().isBefore(now) || !notAfter.get().isBefore(now.plus(EXPIRY_WARNING))) {
                return Evaluation.pass();
            }
            long days = Duration.between(now, notAfter.get()).toDays();
            return Evaluation.fail(name(configuration) + " expires at " + notAfter.get() + " (in " + days + " days)");
        }
    }

    /** The key is RSA 1024 bits, which no longer resists factoring by well-funded attackers. */
    public static final class WeakKey extends BaseRule {
        public WeakKey() {
            super("acm-certificate-weak-key", CERTIFICATE, Severity.HIGH, "data-in-transit",
                    "ACM certificate has a weak (RSA 1024) key",
                    "RSA keys under 2048 bits are deprecated (NIST SP 800-131A); reissue the certificate with RSA 2048"
                            + " or an ECDSA key.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return "RSA_1024".equals(Json.text(configuration, "keyAlgorithm"))
                    ? Evaluation.fail(name(configuration) + " uses an RSA 1024-bit key")
                    : Evaluation.pass();
        }
    }
}
