package io.driftwatch.simulator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.ServicesModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.Json11Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The customer's own AWS Config, over JSON 1.1 ({@code StarlingDoveService.*}):
 * DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus. A region where no recorder
 * was ever created answers with an empty list; a named recorder that does not exist is
 * {@code NoSuchConfigurationRecorderException}.
 */
public final class ConfigService extends Json11Service {
  private final Estate estate;

  public ConfigService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "config";
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "DescribeConfigurationRecorders" -> recorders(call, false);
      case "DescribeConfigurationRecorderStatus" -> recorders(call, true);
      default -> throw unknown();
    };
  }

  private AwsResponse recorders(AwsCall call, boolean status) {
    JsonNode req = call.json();
    List<String> names = new ArrayList<>();
    req.path("ConfigurationRecorderNames").forEach(n -> names.add(n.asText()));
    String acct = call.caller().accountId();
    ServicesModel.ConfigRecorder r = estate.services(acct, call.region()).recorder();
    for (String name : names) {
      if (r == null || !r.name().equals(name)) {
        throw AwsException.badRequest("NoSuchConfigurationRecorderException",
            "Cannot find configuration recorder with the specified name '" + name + "'.");
      }
    }
    ObjectNode out = object();
    ArrayNode list = out.putArray(status ? "ConfigurationRecordersStatus" : "ConfigurationRecorders");
    if (r != null) {
      ObjectNode n = list.addObject();
      n.put("name", r.name());
      if (status) {
        time(n, "lastStartTime", r.lastStartTime());
        time(n, "lastStopTime", r.lastStopTime());
        n.put("recording", r.recording());
        n.put("lastStatus", r.lastStatus());
        time(n, "lastStatusChangeTime", r.recording() ? r.lastStartTime() : r.lastStopTime());
      } else {
        n.put("roleARN", r.roleArn());
        ObjectNode group = n.putObject("recordingGroup");
        group.put("allSupported", r.allSupported());
        group.put("includeGlobalResourceTypes", r.includeGlobalResourceTypes());
        group.putArray("resourceTypes");
        group.putObject("exclusionByResourceTypes").putArray("resourceTypes");
        group.putObject("recordingStrategy").put("useOnly", "ALL_SUPPORTED_RESOURCE_TYPES");
        n.putObject("recordingMode").put("recordingFrequency", "CONTINUOUS").putArray("recordingModeOverrides");
      }
    }
    return ok(out);
  }
}
