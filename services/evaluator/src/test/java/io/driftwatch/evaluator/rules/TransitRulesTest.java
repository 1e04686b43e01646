package io.driftwatch.evaluator.rules;

import static io.driftwatch.evaluator.rules.IamRulesTest.CLOCK;
import static io.driftwatch.evaluator.rules.IamRulesTest.NOW;
import static io.driftwatch.evaluator.rules.IamRulesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ACM certificate and ELBv2 listener rules (data in transit) on collector-shaped items. */
class TransitRulesTest {

    @Nested
    class Certificates {
        /** CertificateLister: DescribeCertificate's detail plus inUse. */
        private static String certificate(Instant notAfter, String keyAlgorithm) {
            return """
                    {"certificateArn":"arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab",
                     "domainName":"orders.acme.example.com","subjectAlternativeNames":["orders.acme.example.com"],
                     "status":"ISSUED","type":"IMPORTED","keyAlgorithm":"%s","notBefore":"%s","notAfter":"%s",
                     "inUseBy":["arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/orders-alb-1/0123456789abcdef"],
                     "inUse":true}""".formatted(keyAlgorithm, notAfter.minus(Duration.ofDays(365)), notAfter);
        }

        @Test
        void expired() {
            Rule rule = new AcmRules.Expired(CLOCK);
            var e = rule.evaluate(json(certificate(NOW.minus(Duration.ofDays(3)), "RSA_2048")));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("orders.acme.example.com").contains("expired");
            assertThat(rule.evaluate(json(certificate(NOW.plus(Duration.ofDays(5)), "RSA_2048"))).compliant())
                    .as("expiring is not expired").isTrue();
            assertThat(rule.evaluate(json(certificate(NOW.minusSeconds(1), "RSA_2048"))).compliant()).isFalse();
        }

        @Test
        void expiring() {
            Rule rule = new AcmRules.Expiring(CLOCK);
            var e = rule.evaluate(json(certificate(NOW.plus(Duration.ofDays(10)), "RSA_2048")));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("in 10 days");
            assertThat(rule.evaluate(json(certificate(NOW.plus(Duration.ofDays(29)), "EC_prime256v1"))).compliant()).isFalse();
            // Near misses: 30 days or more left, or already expired (the expired rule's business).
            assertThat(rule.evaluate(json(certificate(NOW.plus(Duration.ofDays(30)), "RSA_2048"))).compliant()).isTrue();
            assertThat(rule.evaluate(json(certificate(NOW.plus(Duration.ofDays(200)), "RSA_2048"))).compliant()).isTrue();
            assertThat(rule.evaluate(json(certificate(NOW.minus(Duration.ofDays(1)), "RSA_2048"))).compliant()).isTrue();
        }

        @Test
        void expiryFollowsTheClock() {
            String cert = certificate(NOW.plus(Duration.ofDays(40)), "RSA_2048");
            assertThat(new AcmRules.Expiring(CLOCK).evaluate(json(cert)).compliant()).isTrue();
            java.time.Clock later = java.time.Clock.offset(CLOCK, Duration.ofDays(15));
            assertThat(new AcmRules.Expiring(later).evaluate(json(cert)).compliant()).isFalse();
            java.time.Clock muchLater = java.time.Clock.offset(CLOCK, Duration.ofDays(41));
            assertThat(new AcmRules.Expired(muchLater).evaluate(json(cert)).compliant()).isFalse();
        }

        @Test
        void pendingCertificateWithoutValidityIsNotJudged() {
            String pending = """
                    {"certificateArn":"arn:aws:acm:us-east-1:1:certificate/x","domainName":"new.example.com",
                     "status":"PENDING_VALIDATION","type":"AMAZON_ISSUED","keyAlgorithm":"RSA_2048","inUseBy":[],"inUse":false}""";
            assertThat(new AcmRules.Expired(CLOCK).evaluate(json(pending)).compliant()).isTrue();
            assertThat(new AcmRules.Expiring(CLOCK).evaluate(json(pending)).compliant()).isTrue();
        }

        @Test
        void weakKey() {
            Rule rule = new AcmRules.WeakKey();
            assertThat(rule.evaluate(json(certificate(NOW.plus(Duration.ofDays(100)), "RSA_1024"))).compliant()).isFalse();
            assertThat(rule.evaluate(json(certificate(NOW.plus(Duration.ofDays(100)), "RSA_2048"))).compliant()).isTrue();
            assertThat(rule.evaluate(json(certificate(NOW.plus(Duration.ofDays(100)), "EC_prime256v1"))).compliant()).isTrue();
        }
    }

    @Nested
    class Listeners {
        /** ListenerLister: the SDK's Listener plus redirectsToHttps. */
        private static String listener(int port, String protocol, String sslPolicy, String actions, boolean redirects) {
            return """
                    {"listenerArn":"arn:aws:elasticloadbalancing:us-east-1:1:listener/app/orders-alb-1/0123456789abcdef/fedcba9876543210",
                     "loadBalancerArn":"arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/orders-alb-1/0123456789abcdef",
                     "port":%d,"protocol":"%s",%s"defaultActions":%s,"redirectsToHttps":%s}"""
                    .formatted(port, protocol, sslPolicy == null ? "" : "\"sslPolicy\":\"" + sslPolicy + "\",\"certificates\":"
                            + "[{\"certificateArn\":\"arn:aws:acm:us-east-1:1:certificate/c\"}],", actions, redirects);
        }

        private static final String FORWARD = "[{\"type\":\"forward\",\"targetGroupArn\":\"arn:aws:elasticloadbalancing:tg\"}]";
        private static final String REDIRECT = """
                [{"type":"redirect","redirectConfig":{"protocol":"HTTPS","port":"443","statusCode":"HTTP_301"}}]""";

        @Test
        void plainHttp() {
            Rule rule = new ElbRules.HttpListener();
            var e = rule.evaluate(json(listener(80, "HTTP", null, FORWARD, false)));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("port 80");
            assertThat(rule.evaluate(json(listener(80, "HTTP", null, REDIRECT, true))).compliant()).as("redirects").isTrue();
            assertThat(rule.evaluate(json(listener(443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", FORWARD, false)))
                    .compliant()).isTrue();
        }

        @Test
        void oldTlsPolicy() {
            Rule rule = new ElbRules.OldTlsPolicy();
            var e = rule.evaluate(json(listener(443, "HTTPS", "ELBSecurityPolicy-2016-08", FORWARD, false)));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("ELBSecurityPolicy-2016-08");
            assertThat(rule.evaluate(json(listener(443, "TLS", "ELBSecurityPolicy-TLS-1-0-2015-04", FORWARD, false))).compliant())
                    .isFalse();
            // Near misses: a TLS 1.2+ policy, and plain HTTP (no policy: the HTTP rule's business).
            assertThat(rule.evaluate(json(listener(443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", FORWARD, false)))
                    .compliant()).isTrue();
            assertThat(rule.evaluate(json(listener(443, "HTTPS", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", FORWARD, false)))
                    .compliant()).isTrue();
            assertThat(rule.evaluate(json(listener(80, "HTTP", null, FORWARD, false))).compliant()).isTrue();
        }
    }
}
