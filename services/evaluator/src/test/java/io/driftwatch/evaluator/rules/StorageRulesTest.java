package io.driftwatch.evaluator.rules;

import static io.driftwatch.evaluator.rules.IamRulesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** S3, EBS, RDS, Redshift, Glacier and KMS rules on configurations shaped like the collector's items. */
class StorageRulesTest {

    @Nested
    class S3 {
        /** BucketLister's shape with each part replaceable. */
        private static String bucket(String sse, String block, String policy, boolean tlsOnly) {
            return """
                    {"name":"acme-data-lake-123456789012","creationDate":"2024-03-01T10:00:00Z","bucketRegion":"eu-west-1",
                     "serverSideEncryptionConfiguration":%s,"publicAccessBlockConfiguration":%s,
                     "bucketPolicy":{"policyText":%s,"tlsOnly":%s},
                     "versioningConfiguration":{"status":"Enabled","mfaDelete":null},"loggingConfiguration":{}}"""
                    .formatted(sse, block, policy, tlsOnly);
        }

        private static final String SSE = """
                {"rules":[{"applyServerSideEncryptionByDefault":{"sseAlgorithm":"AES256"},"bucketKeyEnabled":false}]}""";
        private static final String BLOCKED = """
                {"blockPublicAcls":true,"ignorePublicAcls":true,"blockPublicPolicy":true,"restrictPublicBuckets":true}""";
        private static final String TLS_POLICY = """
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""";

        @Test
        void hardenedBucketPassesEveryRule() {
            String b = bucket(SSE, BLOCKED, TLS_POLICY, true);
            assertThat(new S3Rules.NoDefaultEncryption().evaluate(json(b)).compliant()).isTrue();
            assertThat(new S3Rules.PublicAccessNotBlocked().evaluate(json(b)).compliant()).isTrue();
            assertThat(new S3Rules.NotTlsOnly().evaluate(json(b)).compliant()).isTrue();
        }

        @Test
        void noDefaultEncryption() {
            Rule rule = new S3Rules.NoDefaultEncryption();
            assertThat(rule.evaluate(json(bucket("null", BLOCKED, TLS_POLICY, true))).compliant()).isFalse();
            assertThat(rule.evaluate(json(bucket("{\"rules\":[]}", BLOCKED, TLS_POLICY, true))).compliant()).isFalse();
            assertThat(rule.evaluate(json(bucket("""
                    {"rules":[{"applyServerSideEncryptionByDefault":{"sseAlgorithm":"aws:kms","kmsMasterKeyID":"arn:aws:kms:eu-west-1:1:key/k"}}]}""",
                    "null", "null", false))).compliant()).as("KMS default encryption, whatever else is wrong").isTrue();
        }

        @Test
        void publicAccessNotBlocked() {
            Rule rule = new S3Rules.PublicAccessNotBlocked();
            assertThat(rule.evaluate(json(bucket(SSE, "null", TLS_POLICY, true))).reason()).contains("no public access block");
            var partial = rule.evaluate(json(bucket(SSE, """
                    {"blockPublicAcls":true,"ignorePublicAcls":true,"blockPublicPolicy":false,"restrictPublicBuckets":false}""",
                    TLS_POLICY, true)));
            assertThat(partial.compliant()).isFalse();
            assertThat(partial.reason()).contains("blockPublicPolicy").contains("restrictPublicBuckets").doesNotContain("ignorePublicAcls");
            // Near miss: three of four is still not blocked.
            assertThat(rule.evaluate(json(bucket(SSE, """
                    {"blockPublicAcls":true,"ignorePublicAcls":true,"blockPublicPolicy":true,"restrictPublicBuckets":false}""",
                    TLS_POLICY, true))).compliant()).isFalse();
        }

        @Test
        void notTlsOnly() {
            Rule rule = new S3Rules.NotTlsOnly();
            assertThat(rule.evaluate(json(bucket(SSE, BLOCKED, "null", false))).compliant()).as("no policy").isFalse();
            assertThat(rule.evaluate(json(bucket(SSE, BLOCKED, """
                    {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                     "Resource":"arn:aws:s3:::b/*"}]}""", false))).compliant()).as("a policy, but no TLS deny").isFalse();
            assertThat(rule.evaluate(json(bucket(SSE, BLOCKED, TLS_POLICY, true))).compliant()).isTrue();
        }
    }

    @Nested
    class Ebs {
        @Test
        void volumeEncryption() {
            Rule rule = new EbsRules.VolumeUnencrypted();
            String volume = """
                    {"volumeId":"vol-0a1b2c3d4e5f60718","size":8,"availabilityZone":"us-east-1a","state":"in-use","volumeType":"gp3",
                     "encrypted":%s,"attachments":[{"instanceId":"i-0123456789abcdef0","device":"/dev/xvda","state":"attached"}]}""";
            assertThat(rule.evaluate(json(volume.formatted("false"))).compliant()).isFalse();
            assertThat(rule.evaluate(json(volume.formatted("true").replace("\"volumeType\"",
                    "\"kmsKeyId\":\"arn:aws:kms:us-east-1:1:key/k\",\"volumeType\""))).compliant()).isTrue();
        }

        private static String snapshot(boolean encrypted, boolean isPublic, String permissions) {
            return """
                    {"snapshotId":"snap-0123456789abcdef0","volumeId":"vol-0a1b2c3d4e5f60718","volumeSize":8,"state":"completed",
                     "ownerId":"123456789012","description":"backup","encrypted":%s,"startTime":"2025-10-01T00:00:00Z",
                     "createVolumePermissions":%s,"public":%s}""".formatted(encrypted, permissions, isPublic);
        }

        @Test
        void snapshotPublic() {
            Rule rule = new EbsRules.SnapshotPublic();
            assertThat(rule.evaluate(json(snapshot(true, true, "[{\"group\":\"all\"}]"))).compliant()).isFalse();
            // Near miss: shared with one account is not public.
            assertThat(rule.evaluate(json(snapshot(true, false, "[{\"userId\":\"100000000000\"}]"))).compliant()).isTrue();
        }

        @Test
        void snapshotEncryption() {
            Rule rule = new EbsRules.SnapshotUnencrypted();
            assertThat(rule.evaluate(json(snapshot(false, false, "[]"))).compliant()).isFalse();
            assertThat(rule.evaluate(json(snapshot(true, true, "[{\"group\":\"all\"}]"))).compliant())
                    .as("public is another rule's business").isTrue();
        }

        @Test
        void encryptionByDefault() {
            Rule rule = new EbsRules.EncryptionByDefaultOff();
            assertThat(rule.evaluate(json("{\"ebsEncryptionByDefault\":false}")).compliant()).isFalse();
            assertThat(rule.evaluate(json("{\"ebsEncryptionByDefault\":true}")).compliant()).isTrue();
        }
    }

    @Nested
    class Rds {
        private static String instance(boolean encrypted, boolean publiclyAccessible) {
            return """
                    {"dBInstanceIdentifier":"orders-db-1","dBInstanceClass":"db.t3.medium","engine":"postgres","engineVersion":"16.2",
                     "dbiResourceId":"db-ABCDEFGHIJKLMNOPQRSTUVWXYZ","storageEncrypted":%s,"publiclyAccessible":%s,"multiAZ":false,
                     "readReplicaDBInstanceIdentifiers":["orders-db-1-replica"],"vpcSecurityGroups":[{"vpcSecurityGroupId":"sg-1","status":"active"}],
                     "dBInstanceArn":"arn:aws:rds:us-east-1:123456789012:db:orders-db-1"}""".formatted(encrypted, publiclyAccessible);
        }

        @Test
        void instanceEncryption() {
            Rule rule = new RdsRules.InstanceUnencrypted();
            assertThat(rule.evaluate(json(instance(false, false))).compliant()).isFalse();
            assertThat(rule.evaluate(json(instance(false, false))).reason()).contains("orders-db-1");
            assertThat(rule.evaluate(json(instance(true, true))).compliant()).isTrue();
        }

        @Test
        void instancePublic() {
            Rule rule = new RdsRules.InstancePublic();
            assertThat(rule.evaluate(json(instance(true, true))).compliant()).isFalse();
            assertThat(rule.evaluate(json(instance(false, false))).compliant()).isTrue();
        }

        private static String snapshot(boolean encrypted, boolean isPublic, String restore) {
            return """
                    {"dBSnapshotIdentifier":"orders-db-1-before-upgrade","dBInstanceIdentifier":"orders-db-1","snapshotType":"manual",
                     "engine":"postgres","allocatedStorage":20,"encrypted":%s,"dbiResourceId":"db-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                     "restoreAttributeValues":%s,"public":%s}""".formatted(encrypted, restore, isPublic);
        }

        @Test
        void snapshotPublic() {
            Rule rule = new RdsRules.SnapshotPublic();
            assertThat(rule.evaluate(json(snapshot(true, true, "[\"all\"]"))).compliant()).isFalse();
            // Near miss: shared with the management account only.
            assertThat(rule.evaluate(json(snapshot(true, false, "[\"100000000000\"]"))).compliant()).isTrue();
        }

        @Test
        void snapshotEncryption() {
            Rule rule = new RdsRules.SnapshotUnencrypted();
            assertThat(rule.evaluate(json(snapshot(false, false, "[]"))).compliant()).isFalse();
            assertThat(rule.evaluate(json(snapshot(true, false, "[]"))).compliant()).isTrue();
        }

        @Test
        void clusterEncryption() {
            Rule rule = new RdsRules.ClusterUnencrypted();
            String cluster = """
                    {"dBClusterIdentifier":"ledger-aurora","dBClusterResourceId":"cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                     "engine":"aurora-postgresql","storageEncrypted":%s,"dBClusterMembers":[{"dBInstanceIdentifier":"ledger-aurora-instance-1"}]}""";
            assertThat(rule.evaluate(json(cluster.formatted(false))).compliant()).isFalse();
            assertThat(rule.evaluate(json(cluster.formatted(true))).compliant()).isTrue();
        }
    }

    @Nested
    class Redshift {
        private static String cluster(boolean encrypted, boolean publiclyAccessible, String requireSsl) {
            return """
                    {"clusterIdentifier":"analytics-1234","nodeType":"ra3.xlplus","numberOfNodes":2,"encrypted":%s,
                     "publiclyAccessible":%s,"clusterParameterGroups":[{"parameterGroupName":"default.redshift-1.0",
                     "parameterApplyStatus":"in-sync"}],"vpcId":"vpc-1","requireSsl":%s}""".formatted(encrypted, publiclyAccessible, requireSsl);
        }

        @Test
        void encryption() {
            Rule rule = new RedshiftRules.ClusterUnencrypted();
            assertThat(rule.evaluate(json(cluster(false, false, "true"))).compliant()).isFalse();
            assertThat(rule.evaluate(json(cluster(true, true, "false"))).compliant()).isTrue();
        }

        @Test
        void publicAccess() {
            Rule rule = new RedshiftRules.ClusterPublic();
            assertThat(rule.evaluate(json(cluster(true, true, "true"))).compliant()).isFalse();
            assertThat(rule.evaluate(json(cluster(false, false, "false"))).compliant()).isTrue();
        }

        @Test
        void requireSsl() {
            Rule rule = new RedshiftRules.RequireSslOff();
            assertThat(rule.evaluate(json(cluster(true, false, "false"))).compliant()).as("AWS's default group").isFalse();
            assertThat(rule.evaluate(json(cluster(true, false, "null"))).compliant()).as("no parameter group read").isFalse();
            assertThat(rule.evaluate(json(cluster(false, true, "true"))).compliant()).isTrue();
        }
    }

    @Nested
    class Glacier {
        private final Rule rule = new GlacierRules.VaultPublicPolicy();

        private static String vault(String policy) {
            return """
                    {"vaultName":"compliance-archive","vaultARN":"arn:aws:glacier:us-east-1:123456789012:vaults/compliance-archive",
                     "creationDate":"2024-01-01T00:00:00.000Z","accessPolicy":%s,"vaultLock":null,"locked":false}""".formatted(policy);
        }

        @Test
        void allowForAnyoneFails() {
            var e = rule.evaluate(json(vault("""
                    {"Version":"2012-10-17","Statement":[{"Sid":"public-read","Effect":"Allow","Principal":"*",
                     "Action":["glacier:InitiateJob","glacier:GetJobOutput"],"Resource":"arn:aws:glacier:us-east-1:1:vaults/v"}]}""")));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("compliance-archive");
            assertThat(rule.evaluate(json(vault("""
                    {"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"glacier:*","Resource":"*"}]}"""))).compliant())
                    .isFalse();
        }

        @Test
        void nearMisses() {
            // A Deny for everyone protects the vault; it does not open it.
            assertThat(rule.evaluate(json(vault("""
                    {"Version":"2012-10-17","Statement":[{"Sid":"deny-delete","Effect":"Deny","Principal":"*",
                     "Action":"glacier:DeleteArchive","Resource":"arn:aws:glacier:us-east-1:1:vaults/v"}]}"""))).compliant()).isTrue();
            assertThat(rule.evaluate(json(vault("""
                    {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"glacier:*"}]}""")))
                    .compliant()).isTrue();
            assertThat(rule.evaluate(json(vault("null"))).compliant()).as("no policy").isTrue();
        }
    }

    @Nested
    class Kms {
        private final Rule rule = new KmsRules.RotationOff();

        private static String key(String state, String rotation) {
            return """
                    {"awsAccountId":"123456789012","keyId":"1234abcd-12ab-34cd-56ef-1234567890ab","arn":"arn:aws:kms:us-east-1:1:key/k",
                     "creationDate":"2024-01-01T00:00:00Z","enabled":%s,"keyUsage":"ENCRYPT_DECRYPT","keyState":"%s","origin":"AWS_KMS",
                     "keyManager":"CUSTOMER","keySpec":"SYMMETRIC_DEFAULT","keyRotationEnabled":%s}"""
                    .formatted(state.equals("Enabled"), state, rotation);
        }

        @Test
        void enabledKeyWithoutRotationFails() {
            var e = rule.evaluate(json(key("Enabled", "false")));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("1234abcd-12ab-34cd-56ef-1234567890ab");
        }

        @Test
        void nearMisses() {
            assertThat(rule.evaluate(json(key("Enabled", "true"))).compliant()).isTrue();
            assertThat(rule.evaluate(json(key("Disabled", "false"))).compliant()).as("disabled keys encrypt nothing new").isTrue();
            assertThat(rule.evaluate(json(key("Enabled", "null"))).compliant()).as("rotation not applicable").isTrue();
            assertThat(rule.evaluate(json(key("Enabled", "false").replace("\"CUSTOMER\"", "\"AWS\""))).compliant()).isTrue();
        }
    }
}
