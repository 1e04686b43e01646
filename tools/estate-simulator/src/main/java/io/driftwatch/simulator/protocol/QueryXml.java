package io.driftwatch.simulator.protocol;

import java.util.List;
import java.util.function.Function;

/** Shared shape of AWS Query responses: {@code <XResponse xmlns><XResult>..</XResult><ResponseMetadata>}. */
public final class QueryXml {
  private QueryXml() {}

  /** A writer positioned inside {@code <ActionResult>}. */
  public static XmlWriter result(String action, String xmlns) {
    return XmlWriter.document(action + "Response", xmlns).start(action + "Result");
  }

  /** Closes the result and appends the response metadata. */
  public static AwsResponse finish(XmlWriter w, String requestId) {
    w.end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", requestId).end().finish());
  }

  /** A page of {@code sorted} by {@code MaxRecords}/{@code Marker} (RDS, Redshift) within AWS's bounds. */
  public static <T> PageToken.Page<T> page(QueryParams p, String maxName, String markerName, int min, int max, int dflt,
                                           List<T> sorted, Function<T, String> key, String errorCode) {
    Integer n = p.intParam(maxName, min, max, errorCode);
    return PageToken.page(sorted, key, p.get(markerName), n == null ? dflt : n, errorCode);
  }

  /** Tags as RDS/Redshift write them: {@code <TagList><Tag><Key/><Value/></Tag></TagList>}. */
  public static void tags(XmlWriter w, String listName, java.util.Map<String, String> tags) {
    w.start(listName);
    new java.util.TreeMap<>(tags).forEach((k, v) -> w.start("Tag").element("Key", k).element("Value", v).end());
    w.end();
  }
}
