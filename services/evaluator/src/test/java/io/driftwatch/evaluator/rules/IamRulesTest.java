package io.driftwatch.evaluator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** IAM rules on configurations shaped like the collector's items (UserLister, PolicyLister, RoleLister...). */
class IamRulesTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static JsonNode json(String text) {
        return CanonicalJson.parse(text);
    }

    @Nested
    class RootAccessKeys {
        private final Rule rule = new IamRules.RootAccessKeys();

        @Test
        void rootKeysPresentFail() {
            Rule.Evaluation e = rule.evaluate(json("""
                    {"accountMFAEnabled":true,"accountAccessKeysPresent":true,"accountSigningCertificatesPresent":false}"""));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("root");
        }

        @Test
        void noRootKeysPass() {
            assertThat(rule.evaluate(json("""
                    {"accountMFAEnabled":false,"accountAccessKeysPresent":false,"accountSigningCertificatesPresent":true}""")).compliant())
                    .as("signing certificates and root MFA are other questions").isTrue();
        }
    }

    @Nested
    class RootWithoutMfa {
        private final Rule rule = new IamRules.RootWithoutMfa();

        @Test
        void rootWithoutMfaFails() {
            assertThat(rule.evaluate(json("""
                    {"accountMFAEnabled":false,"accountAccessKeysPresent":false,"accountSigningCertificatesPresent":false}""")).compliant())
                    .isFalse();
        }

        @Test
        void rootWithMfaPassesEvenWithKeys() {
            assertThat(rule.evaluate(json("""
                    {"accountMFAEnabled":true,"accountAccessKeysPresent":true,"accountSigningCertificatesPresent":false}""")).compliant())
                    .isTrue();
        }
    }

    @Nested
    class WeakPasswordPolicy {
        private final Rule rule = new IamRules.WeakPasswordPolicy();

        @Test
        void missingPolicyFails() {
            Rule.Evaluation e = rule.evaluate(json("{\"exists\":false}"));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("no password policy");
        }

        @Test
        void shortMinimumFails() {
            assertThat(rule.evaluate(json(policy(8))).compliant()).isFalse();
            assertThat(rule.evaluate(json(policy(13))).compliant()).as("one short of 14").isFalse();
        }

        @Test
        void fourteenOrMorePasses() {
            assertThat(rule.evaluate(json(policy(14))).compliant()).isTrue();
            assertThat(rule.evaluate(json(policy(16))).compliant()).isTrue();
        }

        private static String policy(int length) {
            return """
                    {"minimumPasswordLength":%d,"requireSymbols":true,"requireNumbers":true,"requireUppercaseCharacters":true,
                     "requireLowercaseCharacters":true,"allowUsersToChangePassword":true,"expirePasswords":true,
                     "maxPasswordAge":90,"passwordReusePrevention":24,"hardExpiry":false,"exists":true}""".formatted(length);
        }
    }

    @Nested
    class StaleAccessKey {
        private final Rule rule = new IamRules.StaleAccessKey(CLOCK);

        private String user(String keys) {
            return """
                    {"userName":"svc-batch","userId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/svc-batch","path":"/",
                     "createDate":"2023-01-01T00:00:00Z","mfaDevices":[],"loginProfile":null,"accessKeys":[%s],
                     "attachedManagedPolicies":[],"userPolicyList":[],"groupList":[]}""".formatted(keys);
        }

        private static String key(String status, String created, String lastUsed, String service) {
            return """
                    {"accessKeyId":"AKIAEXAMPLE%s","status":"%s","createDate":"%s","lastUsedDate":%s,"lastUsedService":"%s",
                     "lastUsedRegion":"%s"}""".formatted(Math.abs((created + lastUsed).hashCode()) % 100000, status, created,
                    lastUsed == null ? "null" : "\"" + lastUsed + "\"", service, service.equals("N/A") ? "N/A" : "us-east-1");
        }

        @Test
        void activeKeyLastUsedOverNinetyDaysAgoFails() {
            Rule.Evaluation e = rule.evaluate(json(user(key("Active", "2025-01-01T00:00:00Z", "2025-01-20T00:00:00Z", "s3"))));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("svc-batch").contains("last used 2025-01-20T00:00:00Z");
        }

        @Test
        void activeKeyNeverUsedAndOldFails() {
            Rule.Evaluation e = rule.evaluate(json(user(key("Active", "2025-09-01T00:00:00Z", null, "N/A"))));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("never used");
        }

        @Test
        void oldKeyUsedRecentlyPasses() {
            assertThat(rule.evaluate(json(user(key("Active", "2024-01-01T00:00:00Z", "2026-05-31T10:00:00Z", "ec2")))).compliant())
                    .isTrue();
        }

        @Test
        void nearMisses() {
            // 89 days unused: not yet stale.
            assertThat(rule.evaluate(json(user(key("Active", "2025-01-01T00:00:00Z", "2026-03-04T12:00:00Z", "s3")))).compliant())
                    .isTrue();
            // A never-used key created 10 days ago.
            assertThat(rule.evaluate(json(user(key("Active", "2026-05-22T00:00:00Z", null, "N/A")))).compliant()).isTrue();
            // Stale but inactive: not a usable credential.
            assertThat(rule.evaluate(json(user(key("Inactive", "2024-01-01T00:00:00Z", null, "N/A")))).compliant()).isTrue();
            // No keys at all.
            assertThat(rule.evaluate(json(user(""))).compliant()).isTrue();
        }

        @Test
        void usedKeyWhoseLastUseDateWasDroppedIsNotJudged() {
            // snapshot-diff's canonical form drops lastUsedDate (ResourceTypePolicies): a used key's age is unknown.
            String key = """
                    {"accessKeyId":"AKIAEXAMPLE1","status":"Active","createDate":"2024-01-01T00:00:00Z","lastUsedService":"s3",
                     "lastUsedRegion":"us-east-1"}""";
            assertThat(rule.evaluate(json(user(key))).compliant()).isTrue();
        }

        @Test
        void usedKeyIsJudgedByTheCollectorsInactivityStepWhenTheDateWasDropped() {
            // What the evaluator receives: lastUsedDate dropped by the canonical form, the step kept.
            String stale = """
                    {"accessKeyId":"AKIAEXAMPLE2","status":"Active","createDate":"2024-01-01T00:00:00Z","lastUsedService":"s3",
                     "lastUsedRegion":"us-east-1","inactiveForAtLeastDays":180}""";
            Rule.Evaluation e = rule.evaluate(json(user(stale)));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("AKIAEXAMPLE2").contains("unused for at least 180 days");

            String recent = stale.replace("180", "30");
            assertThat(rule.evaluate(json(user(recent))).compliant()).isTrue();
            assertThat(rule.evaluate(json(user(stale.replace("180", "90")))).compliant()).isFalse();
            assertThat(rule.evaluate(json(user(stale.replace("\"Active\"", "\"Inactive\"")))).compliant()).isTrue();
        }

        @Test
        void theExactDateWinsOverTheStepWhenBothArePresent() {
            String key = """
                    {"accessKeyId":"AKIAEXAMPLE3","status":"Active","createDate":"2024-01-01T00:00:00Z",
                     "lastUsedDate":"2026-05-30T00:00:00Z","lastUsedService":"s3","lastUsedRegion":"us-east-1",
                     "inactiveForAtLeastDays":365}""";
            assertThat(rule.evaluate(json(user(key))).compliant()).isTrue();
        }

        @Test
        void oneStaleKeyAmongFreshOnesFails() {
            String keys = key("Active", "2026-01-01T00:00:00Z", "2026-05-30T00:00:00Z", "ec2") + ","
                    + key("Active", "2024-06-01T00:00:00Z", null, "N/A");
            assertThat(rule.evaluate(json(user(keys))).compliant()).isFalse();
        }
    }

    @Nested
    class AdminPolicy {
        private final Rule rule = new IamRules.AdminPolicy();

        private static String policy(String document) {
            return """
                    {"policyName":"break-glass-admin","policyId":"ANPAEXAMPLE","arn":"arn:aws:iam::123456789012:policy/break-glass-admin",
                     "path":"/","defaultVersionId":"v2","attachmentCount":1,"isAttachable":true,
                     "policyVersionList":[{"versionId":"v2","isDefaultVersion":true,"createDate":"2025-01-01T00:00:00Z",
                     "document":%s}]}""".formatted(document);
        }

        @Test
        void allowStarOnStarFails() {
            Rule.Evaluation e = rule.evaluate(json(policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("break-glass-admin").contains("v2");
        }

        @Test
        void listFormsAndSingleStatementObjectFail() {
            assertThat(rule.evaluate(json(policy("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["*"],"Resource":["*"]}}"""))).compliant())
                    .isFalse();
        }

        @Test
        void nearMisses() {
            // Every action on some resources, and some actions on every resource.
            assertThat(rule.evaluate(json(policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::team-*"},
                     {"Effect":"Allow","Action":["ecr:GetAuthorizationToken","ecs:UpdateService"],"Resource":"*"}]}"""))).compliant())
                    .isTrue();
            // Deny * on *.
            assertThat(rule.evaluate(json(policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"""))).compliant()).isTrue();
            // Service wildcard is not the admin wildcard.
            assertThat(rule.evaluate(json(policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"""))).compliant()).isTrue();
        }

        @Test
        void onlyTheDefaultVersionCounts() {
            String config = """
                    {"policyName":"p","policyVersionList":[
                     {"versionId":"v1","isDefaultVersion":false,"document":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}},
                     {"versionId":"v2","isDefaultVersion":true,"document":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}]}""";
            assertThat(rule.evaluate(json(config)).compliant()).isTrue();
        }
    }

    @Nested
    class RoleTrustsAnyone {
        private final Rule rule = new IamRules.RoleTrustsAnyone();

        private static String role(String principal) {
            return """
                    {"roleName":"vendor-access","roleId":"AROAEXAMPLE","arn":"arn:aws:iam::123456789012:role/vendor-access","path":"/",
                     "maxSessionDuration":3600,"assumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[
                     {"Effect":"Allow","Principal":%s,"Action":"sts:AssumeRole"}]},
                     "attachedManagedPolicies":[{"policyName":"ReadOnlyAccess","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}],
                     "rolePolicyList":[]}""".formatted(principal);
        }

        @Test
        void awsStarFails() {
            Rule.Evaluation e = rule.evaluate(json(role("{\"AWS\":\"*\"}")));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("vendor-access");
            assertThat(rule.evaluate(json(role("\"*\""))).compliant()).isFalse();
            assertThat(rule.evaluate(json(role("{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"*\"]}"))).compliant()).isFalse();
        }

        @Test
        void nearMisses() {
            assertThat(rule.evaluate(json(role("{\"AWS\":\"arn:aws:iam::100000000000:root\"}"))).compliant()).isTrue();
            assertThat(rule.evaluate(json(role("{\"Service\":\"ec2.amazonaws.com\"}"))).compliant()).isTrue();
            String deny = """
                    {"roleName":"r","assumeRolePolicyDocument":{"Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}}""";
            assertThat(rule.evaluate(json(deny)).compliant()).isTrue();
        }
    }
}
