package io.driftwatch.collector.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.GlobalResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The account password policy. "No policy" is a finding in itself, so it is an item too:
 * NoSuchEntity becomes {@code {"exists":false}} rather than a missing resource.
 */
@ApplicationScoped
public class PasswordPolicyLister implements GlobalResourceLister {
    public static final String TYPE = "Driftwatch::IAM::PasswordPolicy";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        ObjectNode config;
        try {
            config = SdkJson.toJson(aws.iam(accountId).getAccountPasswordPolicy().passwordPolicy());
            config.put("exists", true);
        } catch (NoSuchEntityException e) {
            config = CanonicalJson.MAPPER.createObjectNode().put("exists", false);
        }
        sink.accept(Items.item(accountId, GLOBAL, TYPE, accountId, "arn:aws:iam::" + accountId + ":root",
                "PasswordPolicy", config).build());
    }
}
