package io.driftwatch.collector.elb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * ELBv2 listeners of every load balancer: protocol, port, TLS policy and certificates, default
 * actions. {@code redirectsToHttps} tells a plain HTTP listener that only redirects from one that serves.
 */
@ApplicationScoped
public class ListenerLister implements ResourceLister {
    public static final String TYPE = "AWS::ElasticLoadBalancingV2::Listener";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        ElasticLoadBalancingV2Client elb = LoadBalancerLister.elb(clients, accountId, region);
        for (LoadBalancer lb : elb.describeLoadBalancersPaginator(b -> b.pageSize(400)).loadBalancers()) {
            for (Listener listener : elb.describeListenersPaginator(b -> b.loadBalancerArn(lb.loadBalancerArn()).pageSize(400))
                    .listeners()) {
                ObjectNode config = SdkJson.toJson(listener);
                config.put("redirectsToHttps", !listener.defaultActions().isEmpty() && listener.defaultActions().stream()
                        .allMatch(ListenerLister::redirectsToHttps));
                ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, listener.listenerArn(),
                        listener.listenerArn(), lb.loadBalancerName() + ":" + listener.port(), config);
                item.addRelationships(Items.relationship("Is attached to LoadBalancer", LoadBalancerLister.TYPE, lb.loadBalancerArn()));
                listener.certificates().forEach(c -> item.addRelationships(
                        Items.relationship("Is associated with Certificate", "AWS::ACM::Certificate", c.certificateArn())));
                sink.accept(item.build());
            }
        }
    }

    private static boolean redirectsToHttps(Action action) {
        return action.type() == ActionTypeEnum.REDIRECT && action.redirectConfig() != null
                && "HTTPS".equalsIgnoreCase(action.redirectConfig().protocol());
    }
}
