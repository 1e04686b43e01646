package io.driftwatch.snapshot.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationDifferTest {
    private static final String SG = "AWS::EC2::SecurityGroup";

    private static JsonNode canon(String type, String json) {
        return CanonicalJson.canonicalize(type, CanonicalJson.parse(json));
    }

    private static List<ConfigurationDiffer.Change> diff(String type, String before, String after) {
        return ConfigurationDiffer.diff(type, canon(type, before), canon(type, after));
    }

    @Test
    void reorderedListsAndKeysAreNotAChange() {
        String a = """
                {"groupId":"sg-1","ipPermissions":[
                  {"ipProtocol":"tcp","fromPort":443,"toPort":443,"ipRanges":[{"cidrIp":"0.0.0.0/0"},{"cidrIp":"10.0.0.0/8"}]},
                  {"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":[{"cidrIp":"10.0.0.0/8"}]}],
                 "tags":[{"key":"a","value":"1"},{"key":"b","value":"2"}]}""";
        String b = """
                {"tags":[{"value":"2","key":"b"},{"key":"a","value":"1"}],
                 "ipPermissions":[
                  {"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":[{"cidrIp":"10.0.0.0/8"}]},
                  {"toPort":443,"fromPort":443,"ipProtocol":"tcp","ipRanges":[{"cidrIp":"10.0.0.0/8"},{"cidrIp":"0.0.0.0/0"}]}],
                 "groupId":"sg-1"}""";
        assertThat(diff(SG, a, b)).isEmpty();
        assertThat(CanonicalJson.sha256(CanonicalJson.canonicalString(SG, a)))
                .isEqualTo(CanonicalJson.sha256(CanonicalJson.canonicalString(SG, b)));
    }

    @Test
    void openingSshIsReportedAtTheRuleThatChanged() {
        String before = """
                {"ipPermissions":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":[{"cidrIp":"10.0.0.0/8"}]}]}""";
        String after = """
                {"ipPermissions":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":[{"cidrIp":"10.0.0.0/8"},{"cidrIp":"0.0.0.0/0"}]}]}""";
        List<ConfigurationDiffer.Change> changes = diff(SG, before, after);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).path()).isEqualTo("/ipPermissions[tcp|22|22]/ipRanges[0.0.0.0/0]");
        assertThat(changes.get(0).kind()).isEqualTo(ConfigurationDiffer.Change.Kind.ADDED);
        assertThat(changes.get(0).after().get("cidrIp").asText()).isEqualTo("0.0.0.0/0");
    }

    @Test
    void scalarChangesAddedAndRemovedFields() {
        List<ConfigurationDiffer.Change> changes = diff("AWS::EC2::Instance",
                """
                {"instanceType":"t3.micro","monitoring":{"state":"disabled"},"old":1}""",
                """
                {"instanceType":"t3.large","monitoring":{"state":"disabled"},"new":true}""");
        assertThat(changes).extracting(ConfigurationDiffer.Change::path, ConfigurationDiffer.Change::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/instanceType", ConfigurationDiffer.Change.Kind.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("/new", ConfigurationDiffer.Change.Kind.ADDED),
                        org.assertj.core.groups.Tuple.tuple("/old", ConfigurationDiffer.Change.Kind.REMOVED));
    }

    @Test
    void numbersAndTimestampsAreNormalised() {
        assertThat(diff("AWS::EC2::Volume",
                """
                {"size":8.0,"createTime":"2024-01-02T03:04:05.000+00:00"}""",
                """
                {"size":8,"createTime":"2024-01-02T03:04:05Z"}""")).isEmpty();
    }

    @Test
    void declaredMeaninglessFieldsAreIgnored() {
        assertThat(diff("AWS::IAM::User",
                """
                {"userName":"alice","passwordLastUsed":"2024-01-01T00:00:00Z"}""",
                """
                {"userName":"alice","passwordLastUsed":"2024-06-01T00:00:00Z"}""")).isEmpty();
        // ...but only for the type that declares them.
        assertThat(diff("AWS::EC2::Instance",
                """
                {"passwordLastUsed":"2024-01-01T00:00:00Z"}""",
                """
                {"passwordLastUsed":"2024-06-01T00:00:00Z"}""")).hasSize(1);
    }

    @Test
    void undeclaredListsAreSetsOfValues() {
        List<ConfigurationDiffer.Change> changes = diff("AWS::S3::Bucket",
                """
                {"names":["a","b","c"]}""",
                """
                {"names":["c","d","a"]}""");
        assertThat(changes).extracting(ConfigurationDiffer.Change::path)
                .containsExactlyInAnyOrder("/names[b]", "/names[d]");
    }

    @Test
    void duplicateIdentitiesAreAMultiset() {
        List<ConfigurationDiffer.Change> changes = diff("AWS::S3::Bucket",
                """
                {"names":["a","a"]}""",
                """
                {"names":["a"]}""");
        assertThat(changes).extracting(ConfigurationDiffer.Change::path).containsExactly("/names[a#2]");
    }

    @Test
    void removedPermissionIsReportedWhole() {
        List<ConfigurationDiffer.Change> changes = diff(SG,
                """
                {"ipPermissions":[{"ipProtocol":"-1","ipRanges":[{"cidrIp":"0.0.0.0/0"}]}]}""",
                """
                {"ipPermissions":[]}""");
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/ipPermissions[-1||]");
            assertThat(c.kind()).isEqualTo(ConfigurationDiffer.Change.Kind.REMOVED);
        });
    }
}
