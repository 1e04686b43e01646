package io.driftwatch.simulator.rds;

import io.driftwatch.simulator.protocol.QueryParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RDS-style filters: {@code Filters.Filter.N.Name} and {@code Filters.Filter.N.Values.Value.M}. */
final class QueryFilters {
  private QueryFilters() {}

  static Map<String, List<String>> parse(QueryParams p) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 1; ; i++) {
      String name = p.get("Filters.Filter." + i + ".Name");
      if (name == null) {
        return out;
      }
      out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(p.list("Filters.Filter." + i + ".Values.Value"));
    }
  }
}
