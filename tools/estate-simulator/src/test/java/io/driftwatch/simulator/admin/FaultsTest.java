package io.driftwatch.simulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void bucketStartsFullRefillsContinuouslyAndCapsAtItsBurst() {
        Faults.Bucket bucket = new Faults.Bucket(3);
        long t = 5 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(3, 2, t)).as("burst call %d", i).isTrue();
        }
        assertThat(bucket.take(3, 2, t)).as("burst spent").isFalse();
        assertThat(bucket.take(3, 2, t + SECOND / 4)).as("half a token after 250 ms").isFalse();
        assertThat(bucket.take(3, 2, t + SECOND / 2)).as("a whole token after 500 ms in all").isTrue();
        assertThat(bucket.take(3, 2, t + SECOND / 2)).isFalse();
        // A long idle time refills only up to the burst.
        long later = t + 60 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(3, 2, later)).isTrue();
        }
        assertThat(bucket.take(3, 2, later)).isFalse();
    }

    @Test
    void matchingThrottlesUseOneBucketPerAccountRegionAndApi() {
        Faults faults = new Faults();
        faults.set(new Faults.Config(java.util.Set.of(),
                java.util.List.of(Faults.Throttle.bucket("*", "*", "*", 1, 0)), 0, 0));
        assertThat(faults.shouldThrottle("111111111111", "us-east-1", "ec2", "DescribeVpcs")).isFalse();
        assertThat(faults.shouldThrottle("111111111111", "us-east-1", "ec2", "DescribeVpcs")).isTrue();
        assertThat(faults.shouldThrottle("111111111111", "us-east-1", "ec2", "DescribeSubnets")).isFalse();
        assertThat(faults.shouldThrottle("111111111111", "eu-west-1", "ec2", "DescribeVpcs")).isFalse();
        assertThat(faults.shouldThrottle("222222222222", "us-east-1", "ec2", "DescribeVpcs")).isFalse();
        assertThat(faults.throttledCalls()).isEqualTo(1);
        // A new configuration starts with full buckets.
        faults.set(faults.config());
        assertThat(faults.shouldThrottle("111111111111", "us-east-1", "ec2", "DescribeVpcs")).isFalse();
    }
}
