package io.driftwatch.simulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.StorageModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.AwsService;
import io.driftwatch.simulator.protocol.WireErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CloudTrail over JSON 1.1. A multi-region trail shows in every region's DescribeTrails (a
 * "shadow trail", with its home region) unless includeShadowTrails is false, as in AWS.
 */
public final class CloudTrailService implements AwsService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Estate estate;

  public CloudTrailService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "cloudtrail";
  }

  @Override
  public Wire wire() {
    return Wire.JSON_11;
  }

  @Override
  public AwsResponse error(AwsException e, String requestId) {
    return WireErrors.json(e);
  }

  @Override
  public AwsException throttled() {
    return AwsException.badRequest("ThrottlingException", "Rate exceeded");
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "DescribeTrails" -> describeTrails(call);
      case "GetTrailStatus" -> getTrailStatus(call);
      default -> throw AwsException.badRequest("UnknownOperationException", null);
    };
  }

  private List<StorageModel.Trail> visible(AwsCall call, boolean shadows) {
    List<StorageModel.Trail> out = new ArrayList<>();
    for (StorageModel.Trail t : estate.trails(call.caller().accountId())) {
      if (t.homeRegion().equals(call.region()) || (shadows && t.multiRegion())) {
        out.add(t);
      }
    }
    return out;
  }

  private AwsResponse describeTrails(AwsCall call) {
    JsonNode req = call.json();
    boolean shadows = !req.has("includeShadowTrails") || req.get("includeShadowTrails").asBoolean(true);
    List<String> names = new ArrayList<>();
    req.path("trailNameList").forEach(n -> names.add(n.asText()));
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("trailList");
    for (StorageModel.Trail t : visible(call, shadows)) {
      if (!names.isEmpty() && !names.contains(t.name()) && !names.contains(t.arn())) {
        continue;
      }
      ObjectNode n = list.addObject();
      n.put("Name", t.name());
      n.put("S3BucketName", t.s3BucketName());
      n.put("IncludeGlobalServiceEvents", t.includeGlobalServiceEvents());
      n.put("IsMultiRegionTrail", t.multiRegion());
      n.put("HomeRegion", t.homeRegion());
      n.put("TrailARN", t.arn());
      n.put("LogFileValidationEnabled", t.logFileValidation());
      if (t.cloudWatchLogsLogGroupArn() != null) {
        n.put("CloudWatchLogsLogGroupArn", t.cloudWatchLogsLogGroupArn());
        n.put("CloudWatchLogsRoleArn", t.cloudWatchLogsRoleArn());
      }
      if (t.kmsKeyId() != null) {
        n.put("KmsKeyId", t.kmsKeyId());
      }
      n.put("HasCustomEventSelectors", false);
      n.put("HasInsightSelectors", false);
      n.put("IsOrganizationTrail", t.organizationTrail());
    }
    return AwsResponse.json(out.toString());
  }

  private AwsResponse getTrailStatus(AwsCall call) {
    String name = call.json().path("Name").asText(null);
    if (name == null || name.isEmpty()) {
      throw AwsException.badRequest("InvalidTrailNameException", "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).");
    }
    StorageModel.Trail t = visible(call, true).stream().filter(x -> x.name().equals(name) || x.arn().equals(name)).findFirst()
        .orElseThrow(() -> AwsException.badRequest("TrailNotFoundException",
            "Unknown trail: " + name + " for the user: " + call.caller().accountId()));
    ObjectNode out = JSON.createObjectNode();
    out.put("IsLogging", t.logging());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    if (t.logging()) {
      // JSON 1.1 timestamps are epoch seconds.
      out.put("LatestDeliveryTime", BigDecimal.valueOf(now.minusSeconds(300).getEpochSecond()));
      out.put("StartLoggingTime", BigDecimal.valueOf(now.minusSeconds(86_400 * 30).getEpochSecond()));
    } else {
      out.put("StopLoggingTime", BigDecimal.valueOf(now.minusSeconds(86_400 * 3).getEpochSecond()));
    }
    return AwsResponse.json(out.toString());
  }
}
