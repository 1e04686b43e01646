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
 * One query per batch of changes. Relationship targets are matched within the source's account.
 */
final class BlastRadius {
    private BlastRadius() {
    }

    static List<ResourceChange> fill(Connection c, List<ResourceChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return changes;
        }
        int n = changes.size();
        String[] accounts = new String[n];
        String[] types = new String[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            accounts[i] = changes.get(i).getAccountId();
            types[i] = changes.get(i).getResourceType();
            ids[i] = changes.get(i).getResourceId();
        }
        List<List<Relationship>> radius = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            radius.add(null);
        }
        boolean any = false;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT u.ord, r.resource_type, r.resource_id, rel.name
                FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u(acct, typ, rid, ord)
                JOIN resource_relationship rel ON rel.account_id = u.acct AND rel.target_type = u.typ AND rel.target_id = u.rid
                JOIN resource r ON r.id = rel.resource_pk AND NOT r.deleted
                ORDER BY u.ord, r.resource_type, r.resource_id, rel.name""")) {
            ps.setArray(1, c.createArrayOf("text", accounts));
            ps.setArray(2, c.createArrayOf("text", types));
            ps.setArray(3, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) rs.getLong(1) - 1;
                    if (radius.get(i) == null) {
                        radius.set(i, new ArrayList<>());
                    }
                    radius.get(i).add(Relationship.newBuilder().setName(rs.getString(4))
                            .setResourceType(rs.getString(2)).setResourceId(rs.getString(3)).build());
                    any = true;
                }
            }
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
