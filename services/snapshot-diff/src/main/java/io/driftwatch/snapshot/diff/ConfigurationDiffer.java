package io.driftwatch.snapshot.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.ResourceTypePolicies;
import io.driftwatch.events.ResourceTypePolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Structural, field-level diff of two canonical configurations. Unordered lists are matched by
 * the identity their resource type declares, so a reordered list is not a change, and a change
 * inside a list element is reported at that element's path (for example
 * {@code /ipPermissions[tcp|22|22]/ipRanges[0.0.0.0/0]}).
 */
public final class ConfigurationDiffer {

    public record Change(String path, Kind kind, JsonNode before, JsonNode after) {
        public enum Kind { ADDED, REMOVED, CHANGED }
    }

    private ConfigurationDiffer() {
    }

    /** Both arguments must already be canonical (see {@link CanonicalJson#canonicalize}). */
    public static List<Change> diff(String resourceType, JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        diff(ResourceTypePolicies.forType(resourceType), null, "", before, after, changes);
        return changes;
    }

    private static void diff(ResourceTypePolicy policy, String fieldName, String path, JsonNode before, JsonNode after,
                             List<Change> out) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode b = before.get(name);
                JsonNode a = after.get(name);
                String childPath = path + "/" + name;
                if (b == null) {
                    out.add(new Change(childPath, Change.Kind.ADDED, null, a));
                } else if (a == null) {
                    out.add(new Change(childPath, Change.Kind.REMOVED, b, null));
                } else {
                    diff(policy, name, childPath, b, a, out);
                }
            }
        } else if (before.isArray() && after.isArray()) {
            if (fieldName != null && policy.isOrdered(fieldName)) {
                diffOrdered(policy, fieldName, path, before, after, out);
            } else {
                diffUnordered(policy, fieldName, path, before, after, out);
            }
        } else {
            out.add(new Change(path, Change.Kind.CHANGED, before, after));
        }
    }

    private static void diffOrdered(ResourceTypePolicy policy, String fieldName, String path, JsonNode before,
                                    JsonNode after, List<Change> out) {
        int common = Math.min(before.size(), after.size());
        for (int i = 0; i < common; i++) {
            diff(policy, fieldName, path + "[" + i + "]", before.get(i), after.get(i), out);
        }
        for (int i = common; i < after.size(); i++) {
            out.add(new Change(path + "[" + i + "]", Change.Kind.ADDED, null, after.get(i)));
        }
        for (int i = common; i < before.size(); i++) {
            out.add(new Change(path + "[" + i + "]", Change.Kind.REMOVED, before.get(i), null));
        }
    }

    private static void diffUnordered(ResourceTypePolicy policy, String fieldName, String path, JsonNode before,
                                      JsonNode after, List<Change> out) {
        List<String> keys = policy.identityKeys(fieldName);
        Map<Object, List<JsonNode>> b = byIdentity(keys, before);
        Map<Object, List<JsonNode>> a = byIdentity(keys, after);
        for (Map.Entry<Object, List<JsonNode>> e : b.entrySet()) {
            List<JsonNode> matches = a.getOrDefault(e.getKey(), List.of());
            List<JsonNode> olds = e.getValue();
            for (int i = 0; i < olds.size(); i++) {
                String elementPath = path + "[" + label(e.getKey(), i) + "]";
                if (i >= matches.size()) {
                    out.add(new Change(elementPath, Change.Kind.REMOVED, olds.get(i), null));
                } else {
                    diff(policy, fieldName, elementPath, olds.get(i), matches.get(i), out);
                }
            }
        }
        for (Map.Entry<Object, List<JsonNode>> e : a.entrySet()) {
            int already = b.getOrDefault(e.getKey(), List.of()).size();
            List<JsonNode> news = e.getValue();
            for (int i = already; i < news.size(); i++) {
                out.add(new Change(path + "[" + label(e.getKey(), i) + "]", Change.Kind.ADDED, null, news.get(i)));
            }
        }
    }

    /**
     * Groups elements by identity: the declared key fields joined (a string), or, for lists without a
     * declared identity, the element itself (JsonNode equality is structural), so that no element
     * is serialised unless a change at its path is reported. Duplicates form a multiset, matched in
     * canonical order.
     */
    private static Map<Object, List<JsonNode>> byIdentity(List<String> keys, JsonNode array) {
        Map<Object, List<JsonNode>> map = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            Object id = !keys.isEmpty() && element.isObject() ? CanonicalJson.identityOf(keys, element)
                    : element.isValueNode() ? element.asText() : element;
            map.computeIfAbsent(id, k -> new ArrayList<>(1)).add(element);
        }
        return map;
    }

    private static String label(Object id, int occurrence) {
        String text = shorten(id instanceof JsonNode node ? CanonicalJson.toCanonicalString(node) : (String) id);
        return occurrence == 0 ? text : text + "#" + (occurrence + 1);
    }

    /** Keeps element paths readable when the identity is a whole JSON object. */
    private static String shorten(String id) {
        if (id.length() <= 80) {
            return id;
        }
        return "#" + CanonicalJson.sha256(id).substring(0, 12);
    }
}
