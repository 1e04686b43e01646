package io.driftwatch.snapshot.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryFilterTest {
    @Test
    void tagIsKeyEqualsValueAndValueMayContainEquals() {
        InventoryFilter f = InventoryFilter.of(null, null, null, "env=prod=eu", null);
        assertThat(f.tagKey()).isEqualTo("env");
        assertThat(f.tagValue()).isEqualTo("prod=eu");
        assertThatThrownBy(() -> InventoryFilter.of(null, null, null, "env", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InventoryFilter.of(null, null, null, "=prod", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resourceTypesMustBeAwsConfigNames() {
        assertThat(InventoryFilter.of(null, null, List.of("AWS::EC2::SecurityGroup", "AWS::::Account", " "), null, null)
                .resourceTypes()).containsExactlyInAnyOrder("AWS::EC2::SecurityGroup", "AWS::::Account");
        for (String bad : List.of("SecurityGroup", "AWS::EC2", "aws::ec2::securitygroup", "AWS::EC2::Security Group", "AWS::EC2::")) {
            assertThatThrownBy(() -> InventoryFilter.of(null, null, List.of(bad), null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS::EC2::SecurityGroup").hasMessageContaining(bad);
        }
    }

    @Test
    void propertyIsAJsonPointerWithEscapes() {
        InventoryFilter f = InventoryFilter.of(null, null, null, null, "/metadataOptions/httpTokens=required");
        assertThat(f.propertyPath()).containsExactly("metadataOptions", "httpTokens");
        assertThat(f.propertyValue()).isEqualTo("required");
        assertThat(InventoryFilter.pointer("/a~1b/c~0d/0")).containsExactly("a/b", "c~d", "0");
        assertThat(InventoryFilter.of(null, null, null, null, "/name=").propertyValue()).isEmpty();
    }

    @Test
    void badPropertiesAreRefused() {
        assertThatThrownBy(() -> InventoryFilter.of(null, null, null, null, "instanceType=t3.micro"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InventoryFilter.of(null, null, null, null, "/instanceType"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InventoryFilter.of(null, null, null, null, "/a//b=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blanksAreNoFilterAndSqlIsParameterised() {
        InventoryFilter f = InventoryFilter.of(" ", "", List.of("", "AWS::EC2::Instance"), null, "/instanceType=t3.micro");
        assertThat(f.accountId()).isNull();
        assertThat(f.region()).isNull();
        assertThat(f.resourceTypes()).containsExactly("AWS::EC2::Instance");
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        f.appendTo(sql, params);
        assertThat(sql.toString()).isEqualTo(" AND r.resource_type = ANY(?::text[]) AND v.configuration #>> ?::text[] = ?");
        assertThat(params).hasSize(3);
        assertThat(params.get(2)).isEqualTo("t3.micro");
    }
}
