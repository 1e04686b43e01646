package io.driftwatch.simulator.elb;

import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.ServicesModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.QueryXmlService;
import io.driftwatch.simulator.protocol.PageToken;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.QueryXml;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Elastic Load Balancing v2 over the Query protocol (2015-12-01, signing name
 * {@code elasticloadbalancing}): DescribeLoadBalancers and DescribeListeners, PageSize 1..400 with
 * Marker / NextMarker.
 */
public final class ElbV2Service extends QueryXmlService {
  public static final String XMLNS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

  private final Estate estate;

  public ElbV2Service(Estate estate) {
    super("elasticloadbalancing", XMLNS);
    this.estate = estate;
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    if (call.params().get("Version") != null && !"2015-12-01".equals(call.params().get("Version"))) {
      // Classic ELB (2012-06-01) shares the signing name; it is not simulated.
      throw AwsException.badRequest("InvalidAction", "Could not find operation " + call.action() + " for version "
          + call.params().get("Version"));
    }
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "DescribeLoadBalancers" -> describeLoadBalancers(call);
      case "DescribeListeners" -> describeListeners(call);
      default -> throw AwsException.badRequest("InvalidAction", "Could not find operation " + call.action() + " for version 2015-12-01");
    };
  }

  private static <T> PageToken.Page<T> page(QueryParams p, List<T> items, java.util.function.Function<T, String> key) {
    return QueryXml.page(p, "PageSize", "Marker", 1, 400, 400, items, key, "ValidationError");
  }

  private AwsResponse describeLoadBalancers(AwsCall call) {
    QueryParams p = call.params();
    List<String> arns = p.list("LoadBalancerArns.member");
    List<String> names = p.list("Names.member");
    List<ServicesModel.LoadBalancer> all = estate.services(call.caller().accountId(), call.region()).loadBalancers();
    List<ServicesModel.LoadBalancer> list = all.stream()
        .filter(lb -> arns.isEmpty() || arns.contains(lb.arn()))
        .filter(lb -> names.isEmpty() || names.contains(lb.name())).toList();
    for (String arn : arns) {
      if (list.stream().noneMatch(lb -> lb.arn().equals(arn))) {
        throw AwsException.badRequest("LoadBalancerNotFound", "One or more load balancers not found");
      }
    }
    for (String name : names) {
      if (list.stream().noneMatch(lb -> lb.name().equals(name))) {
        throw AwsException.badRequest("LoadBalancerNotFound", "Load balancers '[" + name + "]' not found");
      }
    }
    PageToken.Page<ServicesModel.LoadBalancer> page = page(p, list, ServicesModel.LoadBalancer::arn);
    XmlWriter w = QueryXml.result("DescribeLoadBalancers", XMLNS);
    w.start("LoadBalancers");
    for (ServicesModel.LoadBalancer lb : page.items()) {
      w.start("member")
          .element("LoadBalancerArn", lb.arn())
          .element("DNSName", (lb.scheme().equals("internal") ? "internal-" : "") + lb.dnsName(call.region()))
          .element("CanonicalHostedZoneId", lb.type().equals("network") ? "Z26RNL4JYFTOTI" : "Z35SXDOTRQ7X7K")
          .element("CreatedTime", lb.createdTime())
          .element("LoadBalancerName", lb.name())
          .element("Scheme", lb.scheme())
          .element("VpcId", lb.vpcId())
          .start("State").element("Code", "active").end()
          .element("Type", lb.type())
          .start("AvailabilityZones");
      for (int i = 0; i < lb.subnetIds().size(); i++) {
        w.start("member").element("ZoneName", lb.availabilityZones().get(i % lb.availabilityZones().size()))
            .element("SubnetId", lb.subnetIds().get(i)).end();
      }
      w.end().start("SecurityGroups");
      lb.securityGroups().forEach(sg -> w.element("member", sg));
      w.end().element("IpAddressType", "ipv4").end();
    }
    w.end().element("NextMarker", page.nextToken());
    return QueryXml.finish(w, call.requestId());
  }

  private AwsResponse describeListeners(AwsCall call) {
    QueryParams p = call.params();
    String lbArn = p.get("LoadBalancerArn");
    List<String> listenerArns = p.list("ListenerArns.member");
    if ((lbArn == null) == listenerArns.isEmpty()) {
      throw AwsException.badRequest("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
    }
    List<ServicesModel.LoadBalancer> all = estate.services(call.caller().accountId(), call.region()).loadBalancers();
    List<Object[]> listeners = new ArrayList<>();
    for (ServicesModel.LoadBalancer lb : all) {
      for (ServicesModel.Listener l : lb.listeners()) {
        if ((lbArn != null && lb.arn().equals(lbArn)) || listenerArns.contains(l.arn())) {
          listeners.add(new Object[] {lb, l});
        }
      }
    }
    if (lbArn != null && all.stream().noneMatch(lb -> lb.arn().equals(lbArn))) {
      throw AwsException.badRequest("LoadBalancerNotFound", "One or more load balancers not found");
    }
    if (!listenerArns.isEmpty() && listeners.size() != listenerArns.size()) {
      throw AwsException.badRequest("ListenerNotFound", "One or more listeners not found");
    }
    listeners.sort(java.util.Comparator.comparing(x -> ((ServicesModel.Listener) x[1]).arn()));
    PageToken.Page<Object[]> page = page(p, listeners, x -> ((ServicesModel.Listener) x[1]).arn());
    XmlWriter w = QueryXml.result("DescribeListeners", XMLNS);
    w.start("Listeners");
    for (Object[] x : page.items()) {
      ServicesModel.LoadBalancer lb = (ServicesModel.LoadBalancer) x[0];
      ServicesModel.Listener l = (ServicesModel.Listener) x[1];
      w.start("member")
          .element("ListenerArn", l.arn())
          .element("LoadBalancerArn", lb.arn())
          .element("Port", l.port())
          .element("Protocol", l.protocol());
      if (l.certificateArn() != null) {
        w.start("Certificates").start("member").element("CertificateArn", l.certificateArn()).end().end();
      }
      w.element("SslPolicy", l.sslPolicy()).start("DefaultActions").start("member").element("Type", l.defaultActionType());
      if (l.defaultActionType().equals("redirect")) {
        w.start("RedirectConfig").element("Protocol", l.redirectProtocol()).element("Port", "443").element("Host", "#{host}")
            .element("Path", "/#{path}").element("Query", "#{query}").element("StatusCode", "HTTP_301").end();
      } else {
        String tg = lb.arn().replace(":loadbalancer/" + (lb.type().equals("network") ? "net/" : "app/"), ":targetgroup/")
            .replaceFirst("/[0-9a-f]+$", "/" + Integer.toHexString(l.port() * 7919 + lb.name().hashCode() & 0xffffff));
        w.element("TargetGroupArn", tg);
      }
      w.element("Order", 1).end().end().end();
    }
    w.end().element("NextMarker", page.nextToken());
    return QueryXml.finish(w, call.requestId());
  }
}
