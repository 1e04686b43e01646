package io.driftwatch.events;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How configurations of one resource type are compared. Lists are unordered (AWS returns them in
 * arbitrary order) unless named in {@code orderedLists}; {@code identityKeys} names, per list field,
 * the element fields that identify an element so that a change inside it is reported as a
 * modification of that element; {@code ignoredFields} change without meaning and are dropped.
 */
public record ResourceTypePolicy(
        Map<String, List<String>> identityKeys, Set<String> orderedLists, Set<String> ignoredFields) {

    public List<String> identityKeys(String listField) {
        return listField == null ? List.of() : identityKeys.getOrDefault(listField, List.of());
    }

    public boolean isOrdered(String listField) {
        return orderedLists.contains(listField);
    }

    public boolean isIgnored(String field) {
        return ignoredFields.contains(field);
    }
}
