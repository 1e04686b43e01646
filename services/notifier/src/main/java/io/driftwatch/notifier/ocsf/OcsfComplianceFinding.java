package io.driftwatch.notifier.ocsf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.FindingEvent;

/**
 * Maps a finding transition to an OCSF 1.1 Compliance Finding (class_uid 2003, category 2
 * "Findings"): activity Create for NEW, Close for RESOLVED.
 */
public final class OcsfComplianceFinding {
    public static final int CLASS_UID = 2003;
    public static final int CATEGORY_UID = 2;
    public static final String OCSF_VERSION = "1.1.0";

    private OcsfComplianceFinding() {
    }

    public static ObjectNode from(FindingEvent event) {
        boolean opened = event.getTransition() == FindingEvent.Transition.NEW;
        int activityId = opened ? 1 : 3;
        long timeMillis = event.getOccurredAt().getSeconds() * 1000 + event.getOccurredAt().getNanos() / 1_000_000;

        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        root.put("class_uid", CLASS_UID);
        root.put("class_name", "Compliance Finding");
        root.put("category_uid", CATEGORY_UID);
        root.put("category_name", "Findings");
        root.put("activity_id", activityId);
        root.put("activity_name", opened ? "Create" : "Close");
        root.put("type_uid", CLASS_UID * 100 + activityId);
        root.put("type_name", "Compliance Finding: " + (opened ? "Create" : "Close"));
        root.put("time", timeMillis);
        root.put("severity_id", event.getSeverity().getNumber());
        root.put("severity", capitalised(event.getSeverity().name()));
        root.put("status_id", opened ? 1 : 4);
        root.put("status", opened ? "New" : "Resolved");
        root.put("message", event.getRuleTitle() + ": " + event.getReason());

        ObjectNode metadata = root.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.put("uid", event.getFindingId() + ":" + event.getTransition().name() + ":" + timeMillis);
        ObjectNode product = metadata.putObject("product");
        product.put("name", "Driftwatch");
        product.put("vendor_name", "Driftwatch");

        ObjectNode finding = root.putObject("finding_info");
        finding.put("uid", event.getFindingId());
        finding.put("title", event.getRuleTitle());
        finding.put("desc", event.getReason());
        finding.putArray("types").add(event.getControlArea());
        finding.put(opened ? "created_time" : "modified_time", timeMillis);

        ObjectNode compliance = root.putObject("compliance");
        compliance.put("control", event.getRuleId());
        compliance.put("status_id", opened ? 3 : 1);
        compliance.put("status", opened ? "Fail" : "Pass");
        compliance.putArray("standards").add("AWS Shared Responsibility Model (customer side)");

        ObjectNode cloud = root.putObject("cloud");
        cloud.put("provider", "AWS");
        cloud.put("region", event.getAwsRegion());
        cloud.putObject("account").put("uid", event.getAccountId()).put("type", "AWS Account").put("type_id", 10);

        ObjectNode resource = root.putArray("resources").addObject();
        resource.put("uid", event.getArn().isEmpty() ? event.getResourceId() : event.getArn());
        resource.put("name", event.getResourceId());
        resource.put("type", event.getResourceType());
        resource.put("region", event.getAwsRegion());
        resource.put("cloud_partition", "aws");
        resource.putObject("account").put("uid", event.getAccountId());

        ObjectNode unmapped = root.putObject("unmapped");
        unmapped.put("driftwatch_rule_id", event.getRuleId());
        unmapped.put("driftwatch_change_id", event.getChangeId());
        return root;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.charAt(0) + s.substring(1).toLowerCase();
    }
}
