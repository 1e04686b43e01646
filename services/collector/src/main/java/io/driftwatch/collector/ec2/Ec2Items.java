package io.driftwatch.collector.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.proto.v1.ConfigurationItem;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Tag;

/** EC2 resources are named by their "Name" tag (as in the console) and carry their tags on the item. */
final class Ec2Items {
    private Ec2Items() {
    }

    /** {@code arnResource} is the ARN's resource part, e.g. {@code subnet/subnet-0abc}. */
    static ConfigurationItem.Builder item(String accountId, String region, String type, String id, String arnResource,
                                          List<Tag> tags, JsonNode configuration) {
        String name = tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(id);
        ConfigurationItem.Builder item = Items.item(accountId, region, type, id,
                "arn:aws:ec2:" + region + ":" + accountId + ":" + arnResource, name, configuration);
        tags.forEach(t -> item.putTags(t.key(), t.value()));
        return item;
    }
}
