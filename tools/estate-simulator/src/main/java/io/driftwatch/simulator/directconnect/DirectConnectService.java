package io.driftwatch.simulator.directconnect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.ServicesModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.Json11Service;
import io.driftwatch.simulator.protocol.PageToken;
import java.util.List;
import java.util.Objects;

/**
 * Direct Connect over JSON 1.1 ({@code OvertureService.*}, camelCase members): DescribeConnections
 * and DescribeVirtualInterfaces, everything at once unless maxResults (1..100) / nextToken ask for
 * pages. Every client-side error is a {@code DirectConnectClientException}, as in AWS.
 */
public final class DirectConnectService extends Json11Service {
  private static final String CLIENT_ERROR = "DirectConnectClientException";

  private final Estate estate;

  public DirectConnectService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "directconnect";
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "DescribeConnections" -> describeConnections(call);
      case "DescribeVirtualInterfaces" -> describeVirtualInterfaces(call);
      default -> throw unknown();
    };
  }

  private <T> PageToken.Page<T> paged(JsonNode req, List<T> list, java.util.function.Function<T, String> key) {
    Integer max = intMember(req, "maxResults", 1, 100, CLIENT_ERROR);
    return page(list, key, text(req, "nextToken"), max, Integer.MAX_VALUE, CLIENT_ERROR);
  }

  private AwsResponse describeConnections(AwsCall call) {
    JsonNode req = call.json();
    String acct = call.caller().accountId();
    String wanted = text(req, "connectionId");
    List<ServicesModel.DxConnection> list = estate.services(acct, call.region()).dxConnections().stream()
        .filter(c -> wanted == null || c.connectionId().equals(wanted)).toList();
    if (wanted != null && list.isEmpty()) {
      throw AwsException.badRequest(CLIENT_ERROR, "Connection ID " + wanted + " has non-existent or deleted connection.");
    }
    PageToken.Page<ServicesModel.DxConnection> page = paged(req, list, ServicesModel.DxConnection::connectionId);
    ObjectNode out = object();
    ArrayNode items = out.putArray("connections");
    for (ServicesModel.DxConnection c : page.items()) {
      ObjectNode n = items.addObject();
      n.put("ownerAccount", acct);
      n.put("connectionId", c.connectionId());
      n.put("connectionName", c.name());
      n.put("connectionState", c.state());
      n.put("region", call.region());
      n.put("location", c.location());
      n.put("bandwidth", c.bandwidth());
      if (c.vlan() > 0) {
        n.put("vlan", c.vlan());
      }
      put(n, "partnerName", c.partnerName());
      time(n, "loaIssueTime", c.loaIssueTime());
      n.put("awsDevice", c.awsDevice());
      n.put("jumboFrameCapable", true);
      n.put("awsDeviceV2", c.awsDevice());
      n.put("awsLogicalDeviceId", c.awsDevice() + "-logical");
      n.put("hasLogicalRedundancy", "unknown");
      n.putArray("tags").addObject().put("key", "Name").put("value", c.name());
      n.put("macSecCapable", false);
      n.put("encryptionMode", "no_encrypt");
    }
    put(out, "nextToken", page.nextToken());
    return ok(out);
  }

  private AwsResponse describeVirtualInterfaces(AwsCall call) {
    JsonNode req = call.json();
    String acct = call.caller().accountId();
    String connection = text(req, "connectionId");
    String wanted = text(req, "virtualInterfaceId");
    ServicesModel.Regional s = estate.services(acct, call.region());
    if (connection != null && s.dxConnections().stream().noneMatch(c -> c.connectionId().equals(connection))) {
      throw AwsException.badRequest(CLIENT_ERROR, "Connection ID " + connection + " has non-existent or deleted connection.");
    }
    List<ServicesModel.VirtualInterface> list = s.virtualInterfaces().stream()
        .filter(v -> connection == null || v.connectionId().equals(connection))
        .filter(v -> wanted == null || v.virtualInterfaceId().equals(wanted)).toList();
    if (wanted != null && list.isEmpty()) {
      throw AwsException.badRequest(CLIENT_ERROR, "Virtual interface " + wanted + " does not exist.");
    }
    PageToken.Page<ServicesModel.VirtualInterface> page = paged(req, list, ServicesModel.VirtualInterface::virtualInterfaceId);
    ObjectNode out = object();
    ArrayNode items = out.putArray("virtualInterfaces");
    for (ServicesModel.VirtualInterface v : page.items()) {
      ObjectNode n = items.addObject();
      n.put("ownerAccount", acct);
      n.put("virtualInterfaceId", v.virtualInterfaceId());
      n.put("location", v.location());
      n.put("connectionId", v.connectionId());
      n.put("virtualInterfaceType", v.type());
      n.put("virtualInterfaceName", v.name());
      n.put("vlan", v.vlan());
      n.put("asn", (int) v.asn());
      n.put("asnLong", v.asn());
      n.put("amazonSideAsn", v.amazonSideAsn());
      n.put("amazonAddress", v.amazonAddress());
      n.put("customerAddress", v.customerAddress());
      n.put("addressFamily", "ipv4");
      n.put("virtualInterfaceState", v.state());
      n.put("mtu", 1500);
      n.put("jumboFrameCapable", true);
      put(n, "virtualGatewayId", v.virtualGatewayId());
      put(n, "directConnectGatewayId", v.directConnectGatewayId());
      n.putArray("routeFilterPrefixes");
      ObjectNode peer = n.putArray("bgpPeers").addObject();
      peer.put("bgpPeerId", "dxpeer-" + v.virtualInterfaceId().substring(6));
      peer.put("asn", (int) v.asn());
      peer.put("addressFamily", "ipv4");
      peer.put("amazonAddress", v.amazonAddress());
      peer.put("customerAddress", v.customerAddress());
      peer.put("bgpPeerState", "available");
      peer.put("bgpStatus", "up");
      n.put("region", call.region());
      n.putArray("tags");
      n.put("siteLinkEnabled", false);
    }
    put(out, "nextToken", page.nextToken());
    return ok(out);
  }
}
