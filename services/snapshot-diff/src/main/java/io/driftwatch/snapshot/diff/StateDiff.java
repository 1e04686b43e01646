package io.driftwatch.snapshot.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies a resource between two moments: ADDED (absent before, present after), REMOVED,
 * MODIFIED (both present, canonical hashes differ; with field-level changes), or no difference
 * (null) — for example a change that was reverted in between.
 */
public final class StateDiff {
    public enum Kind { ADDED, REMOVED, MODIFIED }

    /** The two sides: presence, canonical hash and configuration JSON text (null when absent). */
    public record Side(boolean present, String hash, String configuration, long stateId) {
        public static final Side ABSENT = new Side(false, null, null, 0);
    }

    public record Entry(Kind kind, List<ConfigurationDiffer.Change> changes) {
    }

    private StateDiff() {
    }

    public static Entry classify(String resourceType, Side before, Side after) {
        if (!before.present() && !after.present()) {
            return null;
        }
        if (!before.present()) {
            return new Entry(Kind.ADDED, List.of());
        }
        if (!after.present()) {
            return new Entry(Kind.REMOVED, List.of());
        }
        if (before.hash() != null && before.hash().equals(after.hash())) {
            return null;
        }
        JsonNode b = CanonicalJson.canonicalize(resourceType, CanonicalJson.parse(before.configuration()));
        JsonNode a = CanonicalJson.canonicalize(resourceType, CanonicalJson.parse(after.configuration()));
        List<ConfigurationDiffer.Change> changes = ConfigurationDiffer.diff(resourceType, b, a);
        return changes.isEmpty() ? null : new Entry(Kind.MODIFIED, changes);
    }

    /** JSON view of field changes: {path, kind, before, after}. */
    public static List<Map<String, Object>> toJson(List<ConfigurationDiffer.Change> changes) {
        List<Map<String, Object>> out = new ArrayList<>(changes.size());
        for (ConfigurationDiffer.Change c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", c.path());
            m.put("kind", c.kind().name());
            m.put("before", c.before());
            m.put("after", c.after());
            out.add(m);
        }
        return out;
    }
}
