package io.driftwatch.collector.glacier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.collector.iam.PolicyDocuments;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.glacier.GlacierClient;
import software.amazon.awssdk.services.glacier.model.DescribeVaultOutput;
import software.amazon.awssdk.services.glacier.model.GetVaultLockResponse;
import software.amazon.awssdk.services.glacier.model.ResourceNotFoundException;

/**
 * Glacier vaults (no AWS Config type: {@value #TYPE}) with their access policy and vault lock. The
 * archive count, size and inventory date move with use and are left out: state, not configuration.
 */
@ApplicationScoped
public class VaultLister implements ResourceLister {
    public static final String TYPE = "Driftwatch::Glacier::Vault";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        GlacierClient glacier = clients.regional("glacier", accountId, region, GlacierClient::builder);
        for (DescribeVaultOutput vault : glacier.listVaultsPaginator(b -> b.accountId("-").limit("1000")).vaultList()) {
            String name = vault.vaultName();
            ObjectNode config = CanonicalJson.MAPPER.createObjectNode();
            config.put("vaultName", name);
            config.put("vaultARN", vault.vaultARN());
            config.put("creationDate", vault.creationDate());
            config.set("accessPolicy", orNull(() -> PolicyDocuments.decode(
                    glacier.getVaultAccessPolicy(b -> b.accountId("-").vaultName(name)).policy().policy())));
            config.set("vaultLock", orNull(() -> {
                GetVaultLockResponse lock = glacier.getVaultLock(b -> b.accountId("-").vaultName(name));
                ObjectNode l = CanonicalJson.MAPPER.createObjectNode();
                l.put("state", lock.state());
                l.put("creationDate", lock.creationDate());
                l.put("expirationDate", lock.expirationDate());
                l.set("policy", PolicyDocuments.decode(lock.policy()));
                return l;
            }));
            config.put("locked", "Locked".equals(config.path("vaultLock").path("state").asText(null)));
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, name, vault.vaultARN(), name, config);
            glacier.listTagsForVault(b -> b.accountId("-").vaultName(name)).tags().forEach(item::putTags);
            sink.accept(item.build());
        }
    }

    /** The read's result, or JSON null when Glacier says there is none (ResourceNotFoundException). */
    private static JsonNode orNull(Supplier<JsonNode> read) {
        try {
            return read.get();
        } catch (ResourceNotFoundException e) {
            return CanonicalJson.MAPPER.nullNode();
        }
    }
}
