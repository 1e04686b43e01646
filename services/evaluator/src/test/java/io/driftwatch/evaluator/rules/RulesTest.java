package io.driftwatch.evaluator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.CanonicalJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesTest {
    private final SecurityGroupOpenSshRule ssh = new SecurityGroupOpenSshRule();
    private final ConsoleUserWithoutMfaRule mfa = new ConsoleUserWithoutMfaRule();

    @ParameterizedTest(name = "{0} {1}-{2} from {3}: compliant={4}")
    @CsvSource({
            "tcp, 22, 22, 0.0.0.0/0, false",
            "tcp, 0, 65535, 0.0.0.0/0, false",
            "tcp, 20, 23, 0.0.0.0/0, false",
            "-1, , , 0.0.0.0/0, false",
            "tcp, 22, 22, 10.0.0.0/8, true",
            "tcp, 443, 443, 0.0.0.0/0, true",
            "udp, 22, 22, 0.0.0.0/0, true",
            "tcp, 23, 65535, 0.0.0.0/0, true",
            "-1, , , 192.168.0.0/16, true",
    })
    void securityGroupIngress(String protocol, Integer from, Integer to, String cidr, boolean compliant) {
        String ports = from == null ? "" : ",\"fromPort\":%d,\"toPort\":%d".formatted(from, to);
        String json = """
                {"ipPermissions":[{"ipProtocol":"%s"%s,"ipRanges":[{"cidrIp":"%s"}]}]}""".formatted(protocol, ports, cidr);
        assertThat(ssh.evaluate(CanonicalJson.parse(json)).compliant()).isEqualTo(compliant);
    }

    @ParameterizedTest
    @CsvSource({"::/0, false", "2001:db8::/32, true"})
    void securityGroupIpv6(String cidr, boolean compliant) {
        String json = """
                {"ipPermissions":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipv6Ranges":[{"cidrIpv6":"%s"}]}]}""".formatted(cidr);
        assertThat(ssh.evaluate(CanonicalJson.parse(json)).compliant()).isEqualTo(compliant);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"userName\":\"a\",\"loginProfile\":{\"createDate\":\"2024-01-01T00:00:00Z\"},\"mfaDevices\":[]} | false",
            "{\"userName\":\"a\",\"loginProfile\":{\"createDate\":\"2024-01-01T00:00:00Z\"},\"mfaDevices\":[{\"serialNumber\":\"arn:x\"}]} | true",
            "{\"userName\":\"a\",\"loginProfile\":null,\"mfaDevices\":[]} | true",
            "{\"userName\":\"a\",\"mfaDevices\":[]} | true",
    })
    void consoleUserWithoutMfa(String json, boolean compliant) {
        assertThat(mfa.evaluate(CanonicalJson.parse(json)).compliant()).isEqualTo(compliant);
    }
}
