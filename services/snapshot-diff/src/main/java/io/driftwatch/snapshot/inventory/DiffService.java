package io.driftwatch.snapshot.inventory;

import io.driftwatch.snapshot.api.Cursor;
import io.driftwatch.snapshot.api.Page;
import io.driftwatch.snapshot.diff.StateDiff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resources added, removed or modified between two moments, with field-level changes computed by
 * the configuration differ from the two stored versions. A page scans {@code limit} changed
 * resources; those whose change was reverted in between are dropped, so a page may be shorter.
 */
@ApplicationScoped
public class DiffService {
    @Inject
    StateReader reader;

    public record Difference(StateReader.Transition transition, StateDiff.Entry entry) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            VersionState a = transition.after();
            m.put("key", transition.key());
            m.put("accountId", a.accountId());
            m.put("awsRegion", a.region());
            m.put("resourceType", a.resourceType());
            m.put("resourceId", a.resourceId());
            m.put("change", entry.kind().name());
            m.put("before", side(transition.before()));
            m.put("after", side(a));
            m.put("fieldChanges", StateDiff.toJson(entry.changes()));
            return m;
        }

        private static Map<String, Object> side(VersionState v) {
            if (v == null) {
                return null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("configurationStateId", v.stateId());
            m.put("configurationItemStatus", v.status());
            m.put("configurationHash", v.hash());
            m.put("validFrom", v.validFrom().toString());
            return m;
        }
    }

    public Page<Difference> diff(Instant from, Instant to, InventoryFilter filter, String cursor, int limit) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        List<String> after = Cursor.decode("diff", cursor, 1);
        List<StateReader.Transition> rows = reader.transitions(from, to, filter, after == null ? null : after.get(0), limit);
        List<Difference> out = new ArrayList<>();
        for (StateReader.Transition t : rows) {
            StateDiff.Entry e = StateDiff.classify(t.resourceType(), ItemViews.side(t.before()), ItemViews.side(t.after()));
            if (e != null) {
                out.add(new Difference(t, e));
            }
        }
        String next = rows.size() == limit ? Cursor.encode("diff", List.of(rows.get(limit - 1).key())) : null;
        return new Page<>(out, next);
    }
}
