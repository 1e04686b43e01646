package io.driftwatch.snapshot.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies a resource across the organization: {@code account:region:type:id}, for example
 * {@code 123456789012:us-east-1:AWS::EC2::SecurityGroup:sg-0abc}. Global resources use region {@code global}.
 */
public record ResourceKey(String accountId, String region, String resourceType, String resourceId) {
    /** The service part may be empty: AWS Config's account-level type is {@code AWS::::Account}. */
    private static final Pattern FORMAT =
            Pattern.compile("^([0-9]{12}):([a-z0-9-]+):([A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+):(.+)$");

    public static ResourceKey parse(String key) {
        Matcher m = FORMAT.matcher(key == null ? "" : key);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "resource key must look like 123456789012:us-east-1:AWS::EC2::SecurityGroup:sg-0abc, got: " + key);
        }
        return new ResourceKey(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    @Override
    public String toString() {
        return accountId + ":" + region + ":" + resourceType + ":" + resourceId;
    }
}
