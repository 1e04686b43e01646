package io.driftwatch.collector.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.GlobalResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * IAM users (global: once per account) with what the shared-responsibility checks need: MFA
 * devices, console login profile, access keys with age and last use, attached and inline
 * policies, group memberships. Shaped like AWS Config's AWS::IAM::User. Policies and groups come
 * with the users from GetAccountAuthorizationDetails; MFA, login profile and keys need a call
 * each, read fresh (the credential report would save them but can be four hours old).
 */
@ApplicationScoped
public class UserLister implements GlobalResourceLister {
    public static final String TYPE = "AWS::IAM::User";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        IamClient iam = aws.iam(accountId);
        List<UserDetail> users = new ArrayList<>();
        Map<String, String> groupIds = new HashMap<>();
        // Users with their policies and group names, and the groups for their ids, in one paginated call.
        for (var page : AuthorizationDetails.pages(iam, EntityType.USER, EntityType.GROUP)) {
            users.addAll(page.userDetailList());
            page.groupDetailList().forEach(g -> groupIds.put(g.groupName(), g.groupId()));
        }
        Instant now = Instant.now();
        for (UserDetail user : users) {
            String name = user.userName();
            ObjectNode config = SdkJson.toJson(user);
            ArrayNode mfa = config.putArray("mfaDevices");
            for (MFADevice device : iam.listMFADevicesPaginator(ListMfaDevicesRequest.builder().userName(name).build())
                    .mfaDevices()) {
                mfa.add(SdkJson.toJson(device));
            }
            LoginProfile profile = null;
            try {
                profile = iam.getLoginProfile(b -> b.userName(name)).loginProfile();
            } catch (NoSuchEntityException e) {
                // No console password: the expected answer for programmatic users.
            }
            if (profile == null) {
                config.putNull("loginProfile");
            } else {
                config.set("loginProfile", SdkJson.toJson(profile));
            }
            ArrayNode keys = config.putArray("accessKeys");
            for (AccessKeyMetadata key : iam.listAccessKeysPaginator(b -> b.userName(name)).accessKeyMetadata()) {
                ObjectNode k = keys.addObject();
                k.put("accessKeyId", key.accessKeyId());
                k.put("status", key.statusAsString());
                k.put("createDate", key.createDate() == null ? null : key.createDate().toString());
                AccessKeyLastUsed used = iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
                // Never-used keys have no date and "N/A" service/region.
                k.put("lastUsedDate", used == null || used.lastUsedDate() == null ? null : used.lastUsedDate().toString());
                k.put("lastUsedService", used == null ? null : used.serviceName());
                k.put("lastUsedRegion", used == null ? null : used.region());
                int inactive = KeyActivity.inactiveForAtLeastDays(used == null ? null : used.lastUsedDate(), key.createDate(), now);
                if (inactive >= 0) {
                    k.put("inactiveForAtLeastDays", inactive);
                }
            }
            AuthorizationDetails.putAttachedPolicies(config, user.attachedManagedPolicies());
            AuthorizationDetails.putInlinePolicies(config, "userPolicyList", user.userPolicyList());
            ArrayNode groups = config.putArray("groupList");
            user.groupList().forEach(groups::add);
            ConfigurationItem.Builder item = Items.item(accountId, GLOBAL, TYPE, user.userId(), user.arn(), name, config);
            if (user.createDate() != null) {
                item.setResourceCreationTime(Items.timestamp(user.createDate()));
            }
            user.tags().forEach(t -> item.putTags(t.key(), t.value()));
            for (String group : user.groupList()) {
                String groupId = groupIds.get(group);
                if (groupId != null) {
                    item.addRelationships(Items.relationship("Is attached to Group", GroupLister.TYPE, groupId));
                }
            }
            sink.accept(item.build());
        }
    }
}
