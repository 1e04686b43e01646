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
import software.amazon.awssdk.services.directconnect.model.Connection;

/** Direct Connect dedicated and hosted connections (AWS Config has no type for them: {@value #TYPE}). */
@ApplicationScoped
public class ConnectionLister implements ResourceLister {
    public static final String TYPE = "Driftwatch::DirectConnect::Connection";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    static DirectConnectClient dx(ServiceClients clients, String accountId, String region) {
        return clients.regional("directconnect", accountId, region, DirectConnectClient::builder);
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        DirectConnectClient dx = dx(clients, accountId, region);
        String token = null;
        do {
            String next = token;
            var page = dx.describeConnections(b -> b.maxResults(100).nextToken(next));
            for (Connection c : page.connections()) {
                ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, c.connectionId(),
                        "arn:aws:directconnect:" + region + ":" + accountId + ":dxcon/" + c.connectionId(), c.connectionName(),
                        SdkJson.toJson(c));
                c.tags().forEach(t -> item.putTags(t.key(), t.value() == null ? "" : t.value()));
                sink.accept(item.build());
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }
}
