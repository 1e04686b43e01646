package io.driftwatch.collector.ec2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans instance user data for AWS access keys. The result keeps only the fact and the key id's
 * first eight characters (e.g. {@code AKIAIOSF}): never the secret, never the user data itself,
 * which must not reach Kafka, the database or logs.
 */
public final class UserDataScan {
    /** AKIA (long-term) / ASIA (session) followed by 16 upper-case base32 characters, not inside a longer token. */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])");
    private static final int PREFIX = 8;

    public record Result(boolean containsAwsAccessKey, String accessKeyIdPrefix) {
        public static final Result NONE = new Result(false, null);
    }

    private UserDataScan() {
    }

    /** Scans base64 user data as DescribeInstanceAttribute returns it; null or undecodable input is "no key". */
    public static Result scanBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            return Result.NONE;
        }
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return Result.NONE;
        }
        return scan(new String(raw, StandardCharsets.ISO_8859_1));
    }

    /** ISO-8859-1 keeps every byte as one char, so gzip or binary user data cannot break the scan. */
    public static Result scan(String userData) {
        if (userData == null) {
            return Result.NONE;
        }
        Matcher m = ACCESS_KEY_ID.matcher(userData);
        if (!m.find()) {
            return Result.NONE;
        }
        return new Result(true, m.group(1).substring(0, PREFIX));
    }
}
