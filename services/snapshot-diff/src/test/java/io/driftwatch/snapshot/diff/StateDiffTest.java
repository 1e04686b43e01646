package io.driftwatch.snapshot.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.CanonicalJson;
import org.junit.jupiter.api.Test;

class StateDiffTest {
    private static final String SG = "AWS::EC2::SecurityGroup";

    private static StateDiff.Side side(String json) {
        String canonical = CanonicalJson.canonicalString(SG, json);
        return new StateDiff.Side(true, CanonicalJson.sha256(canonical), json, 1);
    }

    @Test
    void addedRemovedAndNothing() {
        assertThat(StateDiff.classify(SG, StateDiff.Side.ABSENT, side("{}")).kind()).isEqualTo(StateDiff.Kind.ADDED);
        assertThat(StateDiff.classify(SG, side("{}"), StateDiff.Side.ABSENT).kind()).isEqualTo(StateDiff.Kind.REMOVED);
        assertThat(StateDiff.classify(SG, StateDiff.Side.ABSENT, StateDiff.Side.ABSENT)).isNull();
    }

    @Test
    void sameHashIsNoDifferenceEvenIfChangedInBetween() {
        assertThat(StateDiff.classify(SG, side("{\"a\":1}"), side("{\"a\":1}"))).isNull();
    }

    @Test
    void reorderedListWithoutStoredHashIsStillNoDifference() {
        StateDiff.Side a = new StateDiff.Side(true, null, "{\"ipRanges\":[{\"cidrIp\":\"1.0.0.0/8\"},{\"cidrIp\":\"2.0.0.0/8\"}]}", 1);
        StateDiff.Side b = new StateDiff.Side(true, null, "{\"ipRanges\":[{\"cidrIp\":\"2.0.0.0/8\"},{\"cidrIp\":\"1.0.0.0/8\"}]}", 2);
        assertThat(StateDiff.classify(SG, a, b)).isNull();
    }

    @Test
    void modifiedCarriesFieldChanges() {
        StateDiff.Entry e = StateDiff.classify(SG, side("{\"groupName\":\"web\",\"description\":\"a\"}"),
                side("{\"groupName\":\"web\",\"description\":\"b\"}"));
        assertThat(e.kind()).isEqualTo(StateDiff.Kind.MODIFIED);
        assertThat(e.changes()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/description");
            assertThat(c.kind()).isEqualTo(ConfigurationDiffer.Change.Kind.CHANGED);
        });
        assertThat(StateDiff.toJson(e.changes()).get(0)).containsEntry("path", "/description").containsEntry("kind", "CHANGED");
    }
}
