package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 3 (roles, not keys, on EC2) and 7 (network configuration). */
public final class Ec2Rules {
    private Ec2Rules() {
    }

    /** The collector's user-data scan found an AWS access key id ({@code userDataScan.containsAwsAccessKey}). */
    public static final class UserDataAccessKey extends BaseRule {
        public UserDataAccessKey() {
            super("ec2-user-data-access-key", "AWS::EC2::Instance", Severity.CRITICAL, "roles-not-keys",
                    "EC2 instance user data contains an AWS access key",
                    "Anyone who can read the instance's user data (or reach its metadata service) gets the key; give the"
                            + " instance a role instead.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            JsonNode scan = configuration.path("userDataScan");
            if (!Json.isTrue(scan, "containsAwsAccessKey")) {
                return Evaluation.pass();
            }
            String prefix = Json.text(scan, "accessKeyIdPrefix");
            return Evaluation.fail("instance " + Json.text(configuration, "instanceId") + " user data contains an access key"
                    + (prefix.isEmpty() ? "" : " (" + prefix + "...)"));
        }
    }

    /** The instance has no instance profile, so software on it has no role to use and tends to get keys. */
    public static final class NoInstanceProfile extends BaseRule {
        public NoInstanceProfile() {
            super("ec2-no-instance-profile", "AWS::EC2::Instance", Severity.MEDIUM, "roles-not-keys",
                    "EC2 instance has no instance profile (role)",
                    "Applications on an instance should call AWS with the temporary credentials of an instance profile"
                            + " role, not with long-term access keys.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            JsonNode profile = configuration.path("iamInstanceProfile");
            return Json.isAbsent(profile)
                    ? Evaluation.fail("instance " + Json.text(configuration, "instanceId") + " has no instance profile")
                    : Evaluation.pass();
        }
    }

    /** The subnet gives every instance launched in it a public IPv4 address. */
    public static final class SubnetPublicIpOnLaunch extends BaseRule {
        public SubnetPublicIpOnLaunch() {
            super("vpc-subnet-public-ip-on-launch", "AWS::EC2::Subnet", Severity.LOW, "network",
                    "Subnet assigns public IP addresses on launch",
                    "With MapPublicIpOnLaunch every instance in the subnet is reachable from the internet unless its"
                            + " security groups say otherwise; public addresses should be a deliberate choice.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "mapPublicIpOnLaunch")
                    ? Evaluation.fail("subnet " + Json.text(configuration, "subnetId") + " maps a public IP on launch")
                    : Evaluation.pass();
        }
    }
}
