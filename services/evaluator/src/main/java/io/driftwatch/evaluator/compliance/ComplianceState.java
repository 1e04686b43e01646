package io.driftwatch.evaluator.compliance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** The last known compliance of one (rule, resource) pair. */
@Entity
@Table(name = "compliance_state")
public class ComplianceState extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "resource_key")
    public String resourceKey;
    @Column(name = "finding_id")
    public String findingId;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "aws_region")
    public String awsRegion;
    @Column(name = "resource_type")
    public String resourceType;
    @Column(name = "resource_id")
    public String resourceId;
    public String arn;
    public String compliance;
    public String severity;
    public String reason;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "evaluated_at")
    public Instant evaluatedAt;
    @Column(name = "state_id")
    public long stateId;

    public static Optional<ComplianceState> find(String ruleId, String resourceKey) {
        return find("ruleId = ?1 and resourceKey = ?2", ruleId, resourceKey).firstResultOptional();
    }
}
