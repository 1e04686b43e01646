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
        int n = changes.size();
        String[] accounts = new String[n];
        String[] types = new String[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            accounts[i] = changes.get(i).getAccountId();
            types[i] = changes.get(i).getResourceType();
            ids[i] = changes.get(i).getResourceId();
        }
        ps.setArray(index, c.createArrayOf("text", accounts));
        ps.setArray(index + 1, c.createArrayOf("text", types));
        ps.setArray(index + 2, c.createArrayOf("text", ids));
    }

    /** The changes with the blast radius read from the result of {@link #SQL}. */
    static List<ResourceChange> apply(ResultSet rs, List<ResourceChange> changes) throws SQLException {
        int n = changes.size();
        List<List<Relationship>> radius = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            radius.add(null);
        }
        boolean any = false;
        while (rs.next()) {
            int i = (int) rs.getLong(1) - 1;
            if (radius.get(i) == null) {
                radius.set(i, new ArrayList<>());
            }
            radius.get(i).add(Relationship.newBuilder().setName(rs.getString(4))
                    .setResourceType(rs.getString(2)).setResourceId(rs.getString(3)).build());
            any = true;
        }
        if (!any) {
            return changes;
        }
        List<ResourceChange> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(radius.get(i) == null ? changes.get(i) : changes.get(i).toBuilder().addAllBlastRadius(radius.get(i)).build());
        }
        return out;
    }
}
