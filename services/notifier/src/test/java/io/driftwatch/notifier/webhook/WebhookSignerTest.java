package io.driftwatch.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    private final WebhookSigner signer = new WebhookSigner("0123456789abcdef-secret");

    @Test
    void signatureMatchesKnownVector() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac '0123456789abcdef-secret'
        assertThat(signer.sign(1700000000L, "{\"a\":1}"))
                .isEqualTo("v1=" + hmac("0123456789abcdef-secret", "1700000000.{\"a\":1}"));
    }

    @Test
    void verifyRejectsTamperingAndReplays() {
        String sig = signer.sign(1000, "body");
        assertThat(signer.verify("1000", sig, "body", 1010, 300)).isTrue();
        assertThat(signer.verify("1000", sig, "body!", 1010, 300)).isFalse();
        assertThat(signer.verify("1001", sig, "body", 1010, 300)).isFalse();
        assertThat(signer.verify("1000", sig, "body", 2000, 300)).isFalse();
        assertThat(signer.verify(null, sig, "body", 1000, 300)).isFalse();
        assertThat(signer.verify("x", sig, "body", 1000, 300)).isFalse();
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new WebhookSigner("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffGrowsWithJitterAndIsCapped() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), 5);
        for (int i = 0; i < 50; i++) {
            assertThat(policy.delayAfter(1).toMillis()).isBetween(50L, 100L);
            assertThat(policy.delayAfter(3).toMillis()).isBetween(200L, 400L);
            assertThat(policy.delayAfter(10).toMillis()).isBetween(500L, 1000L);
        }
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    private static String hmac(String key, String data) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
