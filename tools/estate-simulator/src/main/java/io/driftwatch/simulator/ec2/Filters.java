package io.driftwatch.simulator.ec2;

import io.driftwatch.simulator.protocol.AwsException;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/** EC2 filter semantics: AND across filter names, OR across a name's values; {@code tag:Key} filters on tags. */
final class Filters {
  private Filters() {}

  static <T> boolean matches(Map<String, List<String>> filters, Map<String, BiPredicate<T, String>> supported, T item,
                             Function<T, Map<String, String>> tags) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      String name = f.getKey();
      BiPredicate<T, String> test;
      if (name.startsWith("tag:")) {
        String key = name.substring(4);
        test = (t, v) -> v.equals(tags.apply(t).get(key));
      } else if (name.equals("tag-key")) {
        test = (t, v) -> tags.apply(t).containsKey(v);
      } else {
        test = supported.get(name);
        if (test == null) {
          throw AwsException.badRequest("InvalidParameterValue", "The filter '" + name + "' is invalid");
        }
      }
      BiPredicate<T, String> t = test;
      if (f.getValue().stream().noneMatch(v -> t.test(item, v))) {
        return false;
      }
    }
    return true;
  }
}
