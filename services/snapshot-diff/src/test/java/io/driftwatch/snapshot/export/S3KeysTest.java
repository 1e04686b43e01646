package io.driftwatch.snapshot.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3KeysTest {
    @Test
    void keyFollowsAwsConfigLayoutWithUnpaddedMonthAndDay() {
        String id = S3Keys.snapshotId("run-1", "123456789012");
        String key = S3Keys.key("/config/", "123456789012", "eu-west-1", Instant.parse("2026-03-04T05:06:07Z"), id);
        assertThat(key).isEqualTo("config/AWSLogs/123456789012/Config/eu-west-1/2026/3/4/ConfigSnapshot/"
                + "123456789012_Config_eu-west-1_ConfigSnapshot_20260304T050607Z_" + id + ".json");
    }

    @Test
    void noPrefixAndStableSnapshotId() {
        String key = S3Keys.key(null, "123456789012", "global", Instant.parse("2026-12-31T23:59:59Z"), "x");
        assertThat(key).startsWith("AWSLogs/123456789012/Config/global/2026/12/31/ConfigSnapshot/");
        assertThat(S3Keys.snapshotId("run-1", "123456789012")).isEqualTo(S3Keys.snapshotId("run-1", "123456789012"))
                .isNotEqualTo(S3Keys.snapshotId("run-2", "123456789012"));
    }
}
