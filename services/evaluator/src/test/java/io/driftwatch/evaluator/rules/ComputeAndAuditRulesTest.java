package io.driftwatch.evaluator.rules;

import static io.driftwatch.evaluator.rules.IamRulesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** CloudTrail, EC2 instance, subnet, SSM and AWS Config recorder rules on collector-shaped items. */
class ComputeAndAuditRulesTest {

    @Nested
    class CloudTrail {
        /** TrailLister: the SDK's Trail plus isLogging and latestDeliveryError from GetTrailStatus. */
        private static String trail(boolean logging, boolean validation) {
            return """
                    {"name":"org-audit","s3BucketName":"cloudtrail-123456789012","includeGlobalServiceEvents":true,
                     "isMultiRegionTrail":true,"homeRegion":"us-east-1","trailARN":"arn:aws:cloudtrail:us-east-1:1:trail/org-audit",
                     "logFileValidationEnabled":%s,"hasCustomEventSelectors":false,"hasInsightSelectors":false,
                     "isOrganizationTrail":false,"isLogging":%s,"latestDeliveryError":null}""".formatted(validation, logging);
        }

        @Test
        void loggingOff() {
            Rule rule = new CloudTrailRules.LoggingOff();
            var e = rule.evaluate(json(trail(false, true)));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("org-audit");
            assertThat(rule.evaluate(json(trail(true, false))).compliant()).isTrue();
        }

        @Test
        void multiRegionTrailMustBeLogging() {
            Rule rule = new CloudTrailRules.NotAllRegions();
            String trail = "{\"name\":\"org-audit\",\"trailARN\":\"arn:aws:cloudtrail:us-east-1:1:trail/org-audit\","
                    + "\"homeRegion\":\"us-east-1\",\"isLogging\":%s}";
            assertThat(rule.resourceType()).isEqualTo("AWS::::Account");
            assertThat(rule.evaluate(json("{\"accountId\":\"1\",\"multiRegionTrails\":[" + trail.formatted(true)
                    + "],\"multiRegionTrailLogging\":true}")).compliant()).isTrue();
            var stopped = rule.evaluate(json("{\"accountId\":\"1\",\"multiRegionTrails\":[" + trail.formatted(false)
                    + "],\"multiRegionTrailLogging\":false}"));
            assertThat(stopped.compliant()).isFalse();
            assertThat(stopped.reason()).contains("is logging");
            var none = rule.evaluate(json("{\"accountId\":\"1\",\"multiRegionTrails\":[],\"multiRegionTrailLogging\":false}"));
            assertThat(none.compliant()).isFalse();
            assertThat(none.reason()).contains("no multi-region trail");
        }

        @Test
        void logFileValidation() {
            Rule rule = new CloudTrailRules.NoLogFileValidation();
            assertThat(rule.evaluate(json(trail(true, false))).compliant()).isFalse();
            assertThat(rule.evaluate(json(trail(false, true))).compliant()).isTrue();
        }
    }

    @Nested
    class Ec2 {
        /** InstanceLister: the SDK's Instance plus disableApiTermination and userDataScan. */
        private static String instance(String profile, String scan) {
            return """
                    {"instanceId":"i-0123456789abcdef0","instanceType":"t3.micro","state":{"code":16,"name":"running"},
                     "privateIpAddress":"172.31.3.4","subnetId":"subnet-1","vpcId":"vpc-1",
                     "securityGroups":[{"groupId":"sg-1","groupName":"web"}],%s
                     "metadataOptions":{"httpTokens":"required","httpEndpoint":"enabled"},
                     "disableApiTermination":false,"userDataScan":%s}""".formatted(profile, scan);
        }

        private static final String PROFILE = """
                "iamInstanceProfile":{"arn":"arn:aws:iam::123456789012:instance-profile/orders-app","id":"AIPAEXAMPLE"},""";

        @Test
        void userDataAccessKey() {
            Rule rule = new Ec2Rules.UserDataAccessKey();
            var e = rule.evaluate(json(instance(PROFILE, "{\"containsAwsAccessKey\":true,\"accessKeyIdPrefix\":\"AKIAIOSF\"}")));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("i-0123456789abcdef0").contains("AKIAIOSF");
            assertThat(rule.evaluate(json(instance("", "{\"containsAwsAccessKey\":false}"))).compliant())
                    .as("no key, even without a role").isTrue();
        }

        @Test
        void instanceProfile() {
            Rule rule = new Ec2Rules.NoInstanceProfile();
            assertThat(rule.evaluate(json(instance("", "{\"containsAwsAccessKey\":false}"))).compliant()).isFalse();
            assertThat(rule.evaluate(json(instance("\"iamInstanceProfile\":null,", "{\"containsAwsAccessKey\":false}"))).compliant())
                    .isFalse();
            assertThat(rule.evaluate(json(instance(PROFILE, "{\"containsAwsAccessKey\":true}"))).compliant())
                    .as("a key in user data is another rule's business").isTrue();
        }

        @Test
        void subnetPublicIp() {
            Rule rule = new Ec2Rules.SubnetPublicIpOnLaunch();
            String subnet = """
                    {"subnetId":"subnet-0123456789abcdef0","vpcId":"vpc-1","cidrBlock":"172.31.0.0/20","availabilityZone":"us-east-1a",
                     "availableIpAddressCount":4091,"defaultForAz":true,"mapPublicIpOnLaunch":%s,"state":"available"}""";
            var e = rule.evaluate(json(subnet.formatted(true)));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("subnet-0123456789abcdef0");
            assertThat(rule.evaluate(json(subnet.formatted(false))).compliant()).as("default subnet, no public IPs").isTrue();
        }
    }

    @Nested
    class Operations {
        /** PatchComplianceLister: the SDK's InstancePatchState (times removed) plus compliant. */
        private static String patch(int missing, int failed, int pendingReboot, Boolean compliant) {
            return """
                    {"instanceId":"i-0123456789abcdef0","patchGroup":"production","baselineId":"pb-0123456789abcdef0",
                     "installedCount":250,"installedOtherCount":3,"installedPendingRebootCount":%d,"missingCount":%d,
                     "failedCount":%d,"notApplicableCount":120,"operation":"Scan"%s}"""
                    .formatted(pendingReboot, missing, failed, compliant == null ? "" : ",\"compliant\":" + compliant);
        }

        @Test
        void patchCompliance() {
            Rule rule = new OperationsRules.PatchNonCompliant();
            var e = rule.evaluate(json(patch(4, 1, 0, false)));
            assertThat(e.compliant()).isFalse();
            assertThat(e.reason()).contains("4 missing").contains("1 failed");
            assertThat(rule.evaluate(json(patch(0, 0, 0, true))).compliant()).isTrue();
            // Without the collector's summary the counts decide; a pending reboot alone is enough.
            assertThat(rule.evaluate(json(patch(0, 0, 2, null))).compliant()).isFalse();
            assertThat(rule.evaluate(json(patch(0, 0, 0, null))).compliant()).isTrue();
        }

        @Test
        void configRecorder() {
            Rule rule = new OperationsRules.ConfigRecorderOff();
            String recording = """
                    {"configurationRecorders":[{"name":"default","roleARN":"arn:aws:iam::1:role/config",
                     "recordingGroup":{"allSupported":true,"includeGlobalResourceTypes":true}}],
                     "configurationRecordersStatus":[{"name":"default","recording":true,"lastStatus":"SUCCESS"}],
                     "recorderExists":true,"recording":true,"allSupported":true,"includeGlobalResourceTypes":true}""";
            assertThat(rule.evaluate(json(recording)).compliant()).isTrue();
            var stopped = rule.evaluate(json(recording.replace("\"recording\":true", "\"recording\":false")));
            assertThat(stopped.compliant()).isFalse();
            assertThat(stopped.reason()).contains("stopped");
            var none = rule.evaluate(json("""
                    {"configurationRecorders":[],"configurationRecordersStatus":[],"recorderExists":false,"recording":false,
                     "allSupported":false,"includeGlobalResourceTypes":false}"""));
            assertThat(none.compliant()).isFalse();
            assertThat(none.reason()).contains("no AWS Config recorder");
        }
    }
}
