package io.driftwatch.collector.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UserDataScanTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsAKeyAndKeepsOnlyItsPrefix() {
        UserDataScan.Result r = UserDataScan.scanBase64(b64("""
                #!/bin/bash
                export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
                export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                """));
        assertThat(r.containsAwsAccessKey()).isTrue();
        assertThat(r.accessKeyIdPrefix()).isEqualTo("AKIAIOSF");
        assertThat(r.toString()).doesNotContain("wJalrXUtnFEMI").doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void sessionKeysCountToo() {
        assertThat(UserDataScan.scan("aws_access_key_id = ASIAY34FZKBOKMUTVV7A").accessKeyIdPrefix()).isEqualTo("ASIAY34F");
    }

    @Test
    void noKeyInOrdinaryUserData() {
        assertThat(UserDataScan.scanBase64(b64("#!/bin/bash\nyum install -y httpd\n"))).isEqualTo(UserDataScan.Result.NONE);
        assertThat(UserDataScan.scanBase64(null)).isEqualTo(UserDataScan.Result.NONE);
        assertThat(UserDataScan.scanBase64("")).isEqualTo(UserDataScan.Result.NONE);
        assertThat(UserDataScan.scanBase64("%%% not base64")).isEqualTo(UserDataScan.Result.NONE);
    }

    @Test
    void keyLikeStringsInsideLongerTokensAreNotKeys() {
        assertThat(UserDataScan.scan("XAKIAIOSFODNN7EXAMPLE").containsAwsAccessKey()).isFalse();
        assertThat(UserDataScan.scan("AKIAIOSFODNN7EXAMPLEX").containsAwsAccessKey()).isFalse();
        assertThat(UserDataScan.scan("AKIAshort").containsAwsAccessKey()).isFalse();
        assertThat(UserDataScan.scan("key=AKIAIOSFODNN7EXAMPLE;").containsAwsAccessKey()).isTrue();
    }

    @Test
    void binaryUserDataDoesNotBreakTheScan() {
        byte[] raw = {(byte) 0x1f, (byte) 0x8b, 0x08, 0x00, (byte) 0xff, 0x41, 0x4b};
        assertThat(UserDataScan.scanBase64(Base64.getEncoder().encodeToString(raw)).containsAwsAccessKey()).isFalse();
    }
}
