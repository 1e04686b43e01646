package io.driftwatch.collector.directconnect;

import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.directconnect.DirectConnectClient;
import software.amazon.awssdk.services.directconnect.model.VirtualInterface;

/** Direct Connect virtual interfaces (private, public, transit) with their BGP peers. */
@ApplicationScoped
public class VirtualInterfaceLister implements ResourceLister {
    public static final String TYPE = "Driftwatch::DirectConnect::VirtualInterface";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        DirectConnectClient dx = ConnectionLister.dx(clients, accountId, region);
        String token = null;
        do {
            String next = token;
            var page = dx.describeVirtualInterfaces(b -> b.maxResults(100).nextToken(next));
            for (VirtualInterface v : page.virtualInterfaces()) {
                var config = SdkJson.toJson(v);
                config.remove("customerRouterConfig");
                config.remove("authKey"); // the BGP MD5 key is a secret: never leaves the collector
                config.withArray("bgpPeers").forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("authKey"));
                ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, v.virtualInterfaceId(),
                        "arn:aws:directconnect:" + region + ":" + accountId + ":dxvif/" + v.virtualInterfaceId(),
                        v.virtualInterfaceName(), config);
                v.tags().forEach(t -> item.putTags(t.key(), t.value() == null ? "" : t.value()));
                if (v.connectionId() != null) {
                    item.addRelationships(Items.relationship("Is attached to Connection", ConnectionLister.TYPE, v.connectionId()));
                }
                sink.accept(item.build());
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }
}
