package io.driftwatch.snapshot.history;

import io.driftwatch.events.rest.ProblemDetails;
import io.driftwatch.snapshot.api.Cursor;
import io.driftwatch.snapshot.api.Page;
import io.driftwatch.snapshot.diff.StateDiff;
import io.driftwatch.snapshot.ingest.ResourceKey;
import io.driftwatch.snapshot.inventory.ItemViews;
import io.driftwatch.snapshot.inventory.StateReader;
import io.driftwatch.snapshot.inventory.VersionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A resource's versions, oldest first, each with the field changes from the version before it. */
@ApplicationScoped
public class Timeline {
    @Inject
    StateReader reader;

    public Page<Map<String, Object>> timeline(ResourceKey key, String cursor, int limit) {
        List<String> after = Cursor.decode("timeline", cursor, 1);
        long lastShown = after == null ? 0 : parseLong(after.get(0));
        // Fetch the last shown version again: it is the "before" of this page's first entry.
        List<VersionState> versions = reader.versions(key.toString(), Math.max(lastShown, 0), limit + 1);
        if (versions.isEmpty() && after == null) {
            throw ProblemDetails.notFound("no resource " + key);
        }
        VersionState previous = null;
        List<Map<String, Object>> items = new ArrayList<>();
        for (VersionState v : versions) {
            if (after != null && v.stateId() == lastShown) {
                previous = v;
                continue;
            }
            if (items.size() == limit) {
                break;
            }
            Map<String, Object> entry = ItemViews.item(v, true);
            StateDiff.Entry diff = previous == null ? null
                    : StateDiff.classify(v.resourceType(), ItemViews.side(previous), ItemViews.side(v));
            entry.put("change", previous == null ? (v.present() ? "ADDED" : "REMOVED")
                    : diff == null ? "UNCHANGED" : diff.kind().name());
            entry.put("fieldChanges", diff == null ? List.of() : StateDiff.toJson(diff.changes()));
            items.add(entry);
            previous = v;
        }
        boolean more = versions.stream().filter(v -> after == null || v.stateId() != lastShown).count() > limit;
        String next = more ? Cursor.encode("timeline", List.of(Long.toString(previous.stateId()))) : null;
        return new Page<>(items, next);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cursor");
        }
    }
}
