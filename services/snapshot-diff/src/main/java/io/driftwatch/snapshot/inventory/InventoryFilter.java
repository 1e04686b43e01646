package io.driftwatch.snapshot.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Filters of point-in-time reads. {@code tag=key=value} matches a tag exactly; {@code property}
 * is {@code /json/pointer=value} (RFC 6901 pointer into the configuration, compared as text, so
 * {@code /instanceType=t3.micro}, {@code /ebsOptimized=true}, {@code /ipPermissions/0/fromPort=22}).
 */
public record InventoryFilter(String accountId, String region, Set<String> resourceTypes, String tagKey, String tagValue,
                              List<String> propertyPath, String propertyValue) {

    public static InventoryFilter of(String accountId, String region, List<String> resourceTypes, String tag, String property) {
        String tagKey = null;
        String tagValue = null;
        if (tag != null && !tag.isBlank()) {
            int eq = tag.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("tag must be key=value, got: " + tag);
            }
            tagKey = tag.substring(0, eq);
            tagValue = tag.substring(eq + 1);
        }
        List<String> path = null;
        String value = null;
        if (property != null && !property.isBlank()) {
            int eq = property.indexOf('=');
            if (eq <= 0 || !property.startsWith("/")) {
                throw new IllegalArgumentException("property must be /json/pointer=value, got: " + property);
            }
            path = pointer(property.substring(0, eq));
            value = property.substring(eq + 1);
        }
        Set<String> types = resourceTypes == null ? Set.of()
                : Set.copyOf(resourceTypes.stream().filter(t -> t != null && !t.isBlank()).toList());
        types.forEach(t -> requireResourceType("resourceType", t));
        return new InventoryFilter(blankToNull(accountId), blankToNull(region), types, tagKey, tagValue, path, value);
    }

    private static final Pattern RESOURCE_TYPE = Pattern.compile("AWS::[A-Za-z0-9]*::[A-Za-z0-9]+");

    /**
     * Refuses what cannot be an AWS Config resource type name ({@code AWS::EC2::SecurityGroup}, or
     * {@code AWS::::Account}): a misspelt filter would otherwise match nothing and look like an empty estate.
     */
    public static String requireResourceType(String field, String type) {
        if (!RESOURCE_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(field + " must be an AWS Config resource type such as AWS::EC2::SecurityGroup, got: " + type);
        }
        return type;
    }

    /** RFC 6901: "/a~1b/c~0d" is ["a/b", "c~d"]. */
    static List<String> pointer(String pointer) {
        List<String> parts = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            parts.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("property pointer has an empty segment: " + pointer);
        }
        return parts;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Appends the WHERE conditions (r = resource, v = the version in force) and their parameters. */
    void appendTo(StringBuilder sql, List<Object> params) {
        if (accountId != null) {
            sql.append(" AND r.account_id = ?");
            params.add(accountId);
        }
        if (region != null) {
            sql.append(" AND r.aws_region = ?");
            params.add(region);
        }
        if (!resourceTypes.isEmpty()) {
            sql.append(" AND r.resource_type = ANY(?::text[])");
            params.add(resourceTypes.toArray(String[]::new));
        }
        if (tagKey != null) {
            sql.append(" AND v.tags ->> ? = ?");
            params.add(tagKey);
            params.add(tagValue);
        }
        if (propertyPath != null) {
            sql.append(" AND v.configuration #>> ?::text[] = ?");
            params.add(propertyPath.toArray(String[]::new));
            params.add(propertyValue);
        }
    }
}
