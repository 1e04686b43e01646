package io.driftwatch.collector.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.GlobalResourceLister;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The account's IAM summary (GetAccountSummary): the only read-only view of the root user's MFA
 * and access keys. One item per account, id = account id.
 */
@ApplicationScoped
public class AccountSummaryLister implements GlobalResourceLister {
    public static final String TYPE = "Driftwatch::IAM::AccountSummary";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        Map<String, Integer> summary = aws.iam(accountId).getAccountSummary().summaryMapAsStrings();
        ObjectNode config = CanonicalJson.MAPPER.createObjectNode();
        config.put("accountMFAEnabled", summary.getOrDefault("AccountMFAEnabled", 0) == 1);
        config.put("accountAccessKeysPresent", summary.getOrDefault("AccountAccessKeysPresent", 0) == 1);
        config.put("accountSigningCertificatesPresent", summary.getOrDefault("AccountSigningCertificatesPresent", 0) == 1);
        ObjectNode counts = config.putObject("summaryMap");
        summary.forEach(counts::put);
        sink.accept(Items.item(accountId, GLOBAL, TYPE, accountId, "arn:aws:iam::" + accountId + ":root",
                "AccountSummary", config).build());
    }
}
