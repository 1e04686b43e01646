package io.driftwatch.collector.aws;

import io.driftwatch.proto.v1.ConfigurationItem;
import java.util.function.Consumer;

/** Lists every resource of one type in one account and region, as configuration items. */
public interface ResourceLister {
    String GLOBAL = "global";

    /** AWS Config's type name, e.g. {@code AWS::EC2::SecurityGroup}. */
    String resourceType();

    /** Global resources (IAM) are listed once per account, with region {@value #GLOBAL}; the rest once per region. */
    default boolean global() {
        return false;
    }

    /**
     * Emits every item; throws (an AWS SDK exception) when the listing cannot be completed, in
     * which case the listing is reported as failed and no deletion is inferred from it.
     */
    void list(String accountId, String region, Consumer<ConfigurationItem> sink);
}
