package io.driftwatch.snapshot.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Object keys of delivered snapshots, laid out like AWS Config's:
 * {@code [prefix/]AWSLogs/<account>/Config/<region>/<yyyy>/<M>/<d>/ConfigSnapshot/<account>_Config_<region>_ConfigSnapshot_<yyyyMMddTHHmmssZ>_<snapshot id>.json}
 * (month and day unpadded, as AWS Config writes them). The snapshot id is derived from run and
 * account, so delivering the same snapshot twice overwrites the same objects.
 */
public final class S3Keys {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private S3Keys() {
    }

    public static String snapshotId(String runId, String accountId) {
        return UUID.nameUUIDFromBytes((runId + "/" + accountId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String key(String prefix, String accountId, String region, Instant completedAt, String snapshotId) {
        ZonedDateTime t = completedAt.atZone(ZoneOffset.UTC);
        String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        return (p.isEmpty() ? "" : p + "/") + "AWSLogs/" + accountId + "/Config/" + region + "/" + t.getYear() + "/"
                + t.getMonthValue() + "/" + t.getDayOfMonth() + "/ConfigSnapshot/" + accountId + "_Config_" + region
                + "_ConfigSnapshot_" + STAMP.format(t) + "_" + snapshotId + ".json";
    }
}
