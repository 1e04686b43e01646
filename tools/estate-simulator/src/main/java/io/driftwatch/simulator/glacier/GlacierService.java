package io.driftwatch.simulator.glacier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.ServicesModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.AwsService;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.WireErrors;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Glacier over REST-JSON (2012-06-01): {@code GET /{accountId}/vaults} (limit 1..1000, default 10;
 * marker = the ARN of the last vault returned, as in AWS), DescribeVault, GetVaultAccessPolicy,
 * GetVaultLock and ListTagsForVault. The account id in the path is {@code -} (the caller's account)
 * or the caller's own id; another account's id is {@code AccessDeniedException}.
 */
public final class GlacierService implements AwsService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Estate estate;

  public GlacierService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "glacier";
  }

  @Override
  public Wire wire() {
    return Wire.REST_JSON;
  }

  @Override
  public AwsResponse error(AwsException e, String requestId) {
    return WireErrors.restJson(e);
  }

  @Override
  public AwsException throttled() {
    return AwsException.badRequest("ThrottlingException", "Rate exceeded");
  }

  /** Path segments after the leading slash: [accountId, "vaults", name?, subresource?]. */
  private static String[] segments(String rawPath) {
    String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    String[] parts = p.split("/");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
    }
    return parts;
  }

  @Override
  public String restAction(String method, String rawPath, QueryParams query) {
    String[] s = segments(rawPath);
    if (s.length < 2 || !s[1].equals("vaults") || s.length > 4) {
      throw new AwsException("ResourceNotFoundException", "The resource " + rawPath + " was not found.", 404);
    }
    if (!"GET".equals(method)) {
      throw new AwsException("MethodNotAllowed", "The method " + method + " is not allowed on " + rawPath + ".", 405);
    }
    if (s.length == 2) {
      return "ListVaults";
    }
    if (s.length == 3) {
      return "DescribeVault";
    }
    return switch (s[3]) {
      case "access-policy" -> "GetVaultAccessPolicy";
      case "lock-policy" -> "GetVaultLock";
      case "tags" -> "ListTagsForVault";
      default -> throw new AwsException("ResourceNotFoundException", "The resource " + rawPath + " was not found.", 404);
    };
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    String[] s = segments(call.path());
    String acct = call.caller().accountId();
    if (!s[0].equals("-") && !s[0].equals(acct)) {
      throw AwsException.forbidden("AccessDeniedException", "Access denied to account " + s[0] + ".");
    }
    List<ServicesModel.Vault> vaults = estate.services(acct, call.region()).vaults();
    if (Objects.equals(call.action(), "ListVaults")) {
      return listVaults(call, acct, vaults);
    }
    ServicesModel.Vault v = vaults.stream().filter(x -> x.name().equals(s[2])).findFirst()
        .orElseThrow(() -> new AwsException("ResourceNotFoundException", "Vault not found for ARN: arn:aws:glacier:"
            + call.region() + ":" + acct + ":vaults/" + s[2], 404));
    ObjectNode out = JSON.createObjectNode();
    switch (call.action()) {
      case "DescribeVault" -> vault(out, v, call.region(), acct);
      case "GetVaultAccessPolicy" -> {
        if (v.accessPolicy() == null) {
          throw new AwsException("ResourceNotFoundException", "No vault access policy is set for: " + v.arn(call.region(), acct), 404);
        }
        out.put("Policy", v.accessPolicy());
      }
      case "GetVaultLock" -> {
        if (v.lockState() == null) {
          throw new AwsException("ResourceNotFoundException", "No vault lock policy found for vault: " + v.arn(call.region(), acct), 404);
        }
        out.put("Policy", v.lockPolicy());
        out.put("State", v.lockState());
        out.put("CreationDate", XmlWriter.timestamp(v.lockCreationDate()));
      }
      case "ListTagsForVault" -> {
        ObjectNode tags = out.putObject("Tags");
        new TreeMap<>(v.tags()).forEach(tags::put);
      }
      default -> throw new AwsException("ResourceNotFoundException", "Unknown operation.", 404);
    }
    return AwsResponse.restJson(out.toString());
  }

  private static void vault(ObjectNode n, ServicesModel.Vault v, String region, String acct) {
    n.put("VaultARN", v.arn(region, acct));
    n.put("VaultName", v.name());
    n.put("CreationDate", XmlWriter.timestamp(v.creationDate()));
    if (v.numberOfArchives() > 0) {
      n.put("LastInventoryDate", XmlWriter.timestamp(v.creationDate().plusSeconds(86_400L * 30)));
    }
    n.put("NumberOfArchives", v.numberOfArchives());
    n.put("SizeInBytes", v.sizeInBytes());
  }

  private AwsResponse listVaults(AwsCall call, String acct, List<ServicesModel.Vault> vaults) {
    String limitRaw = call.params().get("limit");
    int limit = 10;
    if (limitRaw != null) {
      try {
        limit = Integer.parseInt(limitRaw);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 1000) {
        throw AwsException.badRequest("InvalidParameterValueException", "Invalid limit: " + limitRaw + ".");
      }
    }
    int from = 0;
    String marker = call.params().get("marker");
    if (marker != null && !marker.isEmpty()) {
      from = -1;
      for (int i = 0; i < vaults.size(); i++) {
        if (vaults.get(i).arn(call.region(), acct).equals(marker)) {
          from = i + 1;
        }
      }
      if (from < 0) {
        throw AwsException.badRequest("InvalidParameterValueException", "Invalid marker: " + marker + ".");
      }
    }
    int to = Math.min(vaults.size(), from + limit);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("VaultList");
    for (ServicesModel.Vault v : vaults.subList(from, to)) {
      vault(list.addObject(), v, call.region(), acct);
    }
    if (to < vaults.size()) {
      out.put("Marker", vaults.get(to - 1).arn(call.region(), acct));
    }
    return AwsResponse.restJson(out.toString());
  }
}
