package io.driftwatch.collector.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.SdkJson;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.paginators.GetAccountAuthorizationDetailsIterable;
import software.amazon.awssdk.services.iam.model.PolicyDetail;

/**
 * IAM's {@code GetAccountAuthorizationDetails}: every user, group, role or customer-managed policy
 * of an account with its inline and attached policies in one paginated call, instead of 3–6
 * calls per entity. Each lister asks only for its own entity types.
 */
final class AuthorizationDetails {
    private AuthorizationDetails() {
    }

    static GetAccountAuthorizationDetailsIterable pages(IamClient iam, EntityType... types) {
        return iam.getAccountAuthorizationDetailsPaginator(b -> b.filter(types).maxItems(1000));
    }

    /** {@code [{policyName, policyDocument}]} with each document decoded to JSON. */
    static void putInlinePolicies(ObjectNode config, String field, List<PolicyDetail> policies) {
        ArrayNode inline = config.putArray(field);
        for (PolicyDetail p : policies) {
            inline.addObject().put("policyName", p.policyName()).set("policyDocument", PolicyDocuments.decode(p.policyDocument()));
        }
    }

    static void putAttachedPolicies(ObjectNode config, List<AttachedPolicy> policies) {
        ArrayNode attached = config.putArray("attachedManagedPolicies");
        policies.forEach(p -> attached.add(SdkJson.toJson(p)));
    }
}
