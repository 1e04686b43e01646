package io.driftwatch.snapshot.ingest;

import io.driftwatch.proto.v1.Relationship;
import io.driftwatch.proto.v1.ResourceChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills {@code blast_radius}: the resources whose CURRENT version has a relationship to the changed
 * resource (for a security group: the instances and network interfaces "associated with" it).
 * One query per batch of changes, run on its own or as the last statement of the batch's writes. Relationship targets are matched within the source's account.
 */
final class BlastRadius {
    private BlastRadius() {
    }

    /** Query for the blast radius of changes: bind with {@link #bind}, read with {@link #apply}. */
    static final String SQL = """
            SELECT u.ord, r.resource_type, r.resource_id, rel.name
            FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u(acct, typ, rid, ord)
            JOIN resource_relationship rel ON rel.account_id = u.acct AND rel.target_type = u.typ AND rel.target_id = u.rid
            JOIN resource r ON r.id = rel.resource_pk AND NOT r.deleted
            ORDER BY u.ord, r.resource_type, r.resource_id, rel.name""";

    static List<ResourceChange> fill(Connection c, List<ResourceChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return changes;
        }
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            bind(c, ps, 1, changes);
            try (ResultSet rs = ps.executeQuery()) {
                return apply(rs, changes);
            }
        }
    }

    /** Binds the three parameters of {@link #SQL} from the given index on. */
    static void bind(Connection c, PreparedStatement ps, int index, List<ResourceChange> changes) throws SQLException {
        bindKeys(c, ps, index, changes.stream().map(ResourceChange::getAccountId).toList(),
                changes.stream().map(ResourceChange::getResourceType).toList(),
                changes.stream().map(ResourceChange::getResourceId).toList());
    }

    /** Binds the three parameters of {@link #SQL}: the changed resources' accounts, types and ids, in order. */
    static void bindKeys(Connection c, PreparedStatement ps, int index, List<String> accounts, List<String> types, List<String> ids)
            throws SQLException {
        ps.setArray(index, c.createArrayOf("text", accounts.toArray(String[]::new)));
        ps.setArray(index + 1, c.createArrayOf("text", types.toArray(String[]::new)));
        ps.setArray(index + 2, c.createArrayOf("text", ids.toArray(String[]::new)));
    }

    /** One row of {@link #SQL}: the resource at {@code ord} (from 1) in the bound list has this relationship pointing at it. */
    record Row(int ord, String resourceType, String resourceId, String name) {
    }

    static List<Row> read(ResultSet rs) throws SQLException {
        List<Row> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(new Row((int) rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
        return rows;
    }

    /** The changes with the blast radius read from the result of {@link #SQL}. */
    static List<ResourceChange> apply(ResultSet rs, List<ResourceChange> changes) throws SQLException {
        return apply(read(rs), changes);
    }

    /** The changes (bound in this order) with the blast radius of the given rows. */
    static List<ResourceChange> apply(List<Row> rows, List<ResourceChange> changes) {
        if (rows.isEmpty()) {
            return changes;
        }
        int n = changes.size();
        List<List<Relationship>> radius = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            radius.add(null);
        }
        for (Row row : rows) {
            int i = row.ord() - 1;
            if (radius.get(i) == null) {
                radius.set(i, new ArrayList<>());
            }
            radius.get(i).add(Relationship.newBuilder().setName(row.name())
                    .setResourceType(row.resourceType()).setResourceId(row.resourceId()).build());
        }
        List<ResourceChange> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(radius.get(i) == null ? changes.get(i) : changes.get(i).toBuilder().addAllBlastRadius(radius.get(i)).build());
        }
        return out;
    }
}
