package io.driftwatch.events;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared comparison policy of every resource type (see docs/snapshot-diff.md): identity of
 * list elements, ordered lists, and fields ignored because they change without meaning.
 */
public final class ResourceTypePolicies {
    /** List identities shared by all types: AWS uses these field names consistently. */
    private static final Map<String, List<String>> COMMON_IDENTITIES = Map.ofEntries(
            Map.entry("ipPermissions", List.of("ipProtocol", "fromPort", "toPort")),
            Map.entry("ipPermissionsEgress", List.of("ipProtocol", "fromPort", "toPort")),
            Map.entry("ipRanges", List.of("cidrIp")),
            Map.entry("ipv6Ranges", List.of("cidrIpv6")),
            Map.entry("userIdGroupPairs", List.of("groupId")),
            Map.entry("prefixListIds", List.of("prefixListId")),
            Map.entry("tags", List.of("key")),
            Map.entry("securityGroups", List.of("groupId")),
            Map.entry("networkInterfaces", List.of("networkInterfaceId")),
            Map.entry("blockDeviceMappings", List.of("deviceName")),
            Map.entry("mfaDevices", List.of("serialNumber")),
            Map.entry("accessKeys", List.of("accessKeyId")),
            Map.entry("attachedManagedPolicies", List.of("policyArn")),
            Map.entry("attachedPolicies", List.of("policyArn")),
            Map.entry("inlinePolicies", List.of("policyName")),
            Map.entry("userPolicyList", List.of("policyName")),
            Map.entry("rolePolicyList", List.of("policyName")),
            Map.entry("groupPolicyList", List.of("policyName")),
            Map.entry("createVolumePermissions", List.of("group", "userId")),
            Map.entry("groupList", List.of()),
            Map.entry("Statement", List.of("Sid")),
            Map.entry("entries", List.of("ruleNumber", "egress")),
            Map.entry("associations", List.of("subnetId")),
            Map.entry("listeners", List.of("port", "protocol")),
            Map.entry("multiRegionTrails", List.of("trailARN")));

    private static final ResourceTypePolicy DEFAULT =
            new ResourceTypePolicy(COMMON_IDENTITIES, Set.of(), Set.of());

    private static final Map<String, ResourceTypePolicy> BY_TYPE = new HashMap<>();

    static {
        // Last-used timestamps move on every login or API call; no rule depends on their exact value
        // in the configuration (access-key age is evaluated from createDate).
        ignore("AWS::IAM::User", "passwordLastUsed", "lastUsedDate");
        ignore("AWS::IAM::Role", "roleLastUsed");
        // DescribeInstances reports these as the instance runs; they are state, not configuration.
        ignore("AWS::EC2::Instance", "launchTime", "usageOperationUpdateTime", "stateTransitionReason");
        // Entity counts (users, roles, policies...) move with every IAM change elsewhere; the root
        // MFA and root key flags the rules need are kept as top-level fields.
        ignore("Driftwatch::IAM::AccountSummary", "summaryMap");
    }

    private ResourceTypePolicies() {
    }

    private static void ignore(String type, String... fields) {
        BY_TYPE.put(type, new ResourceTypePolicy(COMMON_IDENTITIES, Set.of(), new HashSet<>(List.of(fields))));
    }

    public static ResourceTypePolicy forType(String resourceType) {
        return resourceType == null ? DEFAULT : BY_TYPE.getOrDefault(resourceType, DEFAULT);
    }

    /** For docs and the API: every type with a policy of its own. */
    public static Map<String, ResourceTypePolicy> declared() {
        return Map.copyOf(BY_TYPE);
    }
}
