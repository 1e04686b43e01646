package io.driftwatch.collector.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {
    @Test
    void decodesIamUrlEncodedDocuments() {
        String encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
                + "%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
        assertThat(PolicyDocuments.decode(encoded).path("Statement").get(0).path("Principal").path("Service").asText())
                .isEqualTo("ec2.amazonaws.com");
    }

    @Test
    void keepsLiteralPlusAndSpaces() {
        String encoded = "%7B%22Sid%22%3A%22a+b%20c%22%7D";
        assertThat(PolicyDocuments.decode(encoded).path("Sid").asText()).isEqualTo("a+b c");
    }

    @Test
    void plainJsonAndGarbage() {
        assertThat(PolicyDocuments.decode("{\"Version\":\"2012-10-17\"}").path("Version").asText()).isEqualTo("2012-10-17");
        assertThat(PolicyDocuments.decode("not json").asText()).isEqualTo("not json");
        assertThat(PolicyDocuments.decode(null).isNull()).isTrue();
    }
}
