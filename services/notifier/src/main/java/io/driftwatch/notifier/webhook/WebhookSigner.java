package io.driftwatch.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries: {@code X-Driftwatch-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with the Unix timestamp in {@code X-Driftwatch-Timestamp}. Signing the timestamp lets receivers
 * reject replays older than their tolerance.
 */
public final class WebhookSigner {
    public static final String TIMESTAMP_HEADER = "X-Driftwatch-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Driftwatch-Signature";

    private final byte[] secret;

    public WebhookSigner(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("webhook signing secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a receiver does: constant-time comparison, and a bounded clock skew. */
    public boolean verify(String timestampHeader, String signatureHeader, String body, long nowSeconds, long toleranceSeconds) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - ts) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(sign(ts, body).getBytes(StandardCharsets.UTF_8),
                signatureHeader.getBytes(StandardCharsets.UTF_8));
    }
}
