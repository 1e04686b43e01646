package io.driftwatch.evaluator.rules;

import java.time.Clock;
import java.util.List;

/**
 * Every rule the evaluator runs, in the order of the brief's shared-responsibility areas (1 IAM,
 * 2 audit trail, 3 roles not keys, 4 MFA, 5 customer data in transit and at rest, 6 patching,
 * 7 network, 9 config recording, 10 advisor checks); docs/rules.md describes each. Rule ids are
 * the estate simulator's misconfiguration kinds.
 */
public final class RuleCatalogue {
    private static final List<Rule> RULES = rules(Clock.systemUTC());

    private RuleCatalogue() {
    }

    /** The catalogue with time-dependent rules (key staleness, certificate expiry) reading {@code clock}. */
    public static List<Rule> rules(Clock clock) {
        return List.of(
                // 1 IAM user management, least privilege; root unused
                new IamRules.RootAccessKeys(),
                new IamRules.AdminPolicy(),
                new IamRules.RoleTrustsAnyone(),
                new IamRules.StaleAccessKey(clock),
                new IamRules.WeakPasswordPolicy(),
                // 2 audit trail
                new CloudTrailRules.LoggingOff(),
                new CloudTrailRules.NoLogFileValidation(),
                new CloudTrailRules.NotAllRegions(),
                // 3 roles, not keys, on EC2
                new Ec2Rules.UserDataAccessKey(),
                new Ec2Rules.NoInstanceProfile(),
                // 4 MFA for all users, root included
                new ConsoleUserWithoutMfaRule(),
                new IamRules.RootWithoutMfa(),
                // 5 customer data in transit
                new AcmRules.Expired(clock),
                new AcmRules.Expiring(clock),
                new AcmRules.WeakKey(),
                new ElbRules.HttpListener(),
                new ElbRules.OldTlsPolicy(),
                new S3Rules.NotTlsOnly(),
                new RedshiftRules.RequireSslOff(),
                // 5 customer data at rest
                new S3Rules.NoDefaultEncryption(),
                new EbsRules.EncryptionByDefaultOff(),
                new EbsRules.VolumeUnencrypted(),
                new EbsRules.SnapshotUnencrypted(),
                new RdsRules.InstanceUnencrypted(),
                new RdsRules.ClusterUnencrypted(),
                new RdsRules.SnapshotUnencrypted(),
                new RedshiftRules.ClusterUnencrypted(),
                new KmsRules.RotationOff(),
                // 6 guest OS patching
                new OperationsRules.PatchNonCompliant(),
                // 7 network configuration
                new SecurityGroupOpenSshRule(),
                new Ec2Rules.SubnetPublicIpOnLaunch(),
                // 9 configuration recording
                new OperationsRules.ConfigRecorderOff(),
                // 10 advisor: data exposed to anyone
                new S3Rules.PublicAccessNotBlocked(),
                new EbsRules.SnapshotPublic(),
                new RdsRules.SnapshotPublic(),
                new RdsRules.InstancePublic(),
                new RedshiftRules.ClusterPublic(),
                new GlacierRules.VaultPublicPolicy());
    }

    public static List<Rule> all() {
        return RULES;
    }

    public static List<Rule> forType(String resourceType) {
        return RULES.stream().filter(r -> r.resourceType().equals(resourceType)).toList();
    }
}
