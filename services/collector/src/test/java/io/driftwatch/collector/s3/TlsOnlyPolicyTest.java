package io.driftwatch.collector.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.CanonicalJson;
import org.junit.jupiter.api.Test;

class TlsOnlyPolicyTest {
    private static boolean tls(String json) {
        return TlsOnlyPolicy.requiresTls(CanonicalJson.parse(json));
    }

    @Test
    void theStandardDenyInsecureTransportStatement() {
        assertThat(tls("""
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""")).isTrue();
    }

    @Test
    void variantsAwsWritesToo() {
        assertThat(tls("""
                {"Statement":{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["s3:*"],
                 "Condition":{"BoolIfExists":{"aws:SecureTransport":false}}}}""")).isTrue();
        assertThat(tls("""
                {"Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*",
                 "Condition":{"Bool":{"aws:securetransport":["false"]}}}]}""")).isTrue();
    }

    @Test
    void partialOrMissingDeniesDoNotCount() {
        assertThat(tls("""
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""")).isFalse();
        assertThat(tls("""
                {"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""")).isFalse();
        assertThat(tls("""
                {"Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""")).isFalse();
        assertThat(tls("""
                {"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""")).isFalse();
        assertThat(tls("""
                {"Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}""")).isFalse();
        assertThat(TlsOnlyPolicy.requiresTls(null)).isFalse();
        assertThat(TlsOnlyPolicy.requiresTls(CanonicalJson.MAPPER.nullNode())).isFalse();
    }
}
