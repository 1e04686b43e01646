package io.driftwatch.evaluator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCatalogueTest {
    private static final Set<String> AREAS = Set.of("iam", "audit-trail", "roles-not-keys", "mfa", "data-in-transit",
            "data-at-rest", "patching", "network", "connectivity", "config", "advisor");

    @Test
    void everyRuleIsDescribedAndUnique() {
        List<Rule> rules = RuleCatalogue.all();
        assertThat(rules).extracting(Rule::id).doesNotHaveDuplicates().hasSize(38);
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.id()).matches("[a-z0-9]+(-[a-z0-9]+)+");
            assertThat(r.title()).isNotBlank();
            assertThat(r.description()).isNotBlank();
            assertThat(r.severity()).isNotNull();
            assertThat(r.controlArea()).isIn(AREAS);
            assertThat(r.resourceType()).matches("(AWS|Driftwatch)::[A-Za-z0-9]+::[A-Za-z0-9]+|AWS::::Account");
        });
    }

    @Test
    void forTypeSelectsTheTypesRules() {
        assertThat(RuleCatalogue.forType("AWS::ACM::Certificate")).extracting(Rule::id)
                .containsExactly("acm-certificate-expired", "acm-certificate-expiring", "acm-certificate-weak-key");
        assertThat(RuleCatalogue.forType("AWS::IAM::User")).extracting(Rule::id)
                .containsExactlyInAnyOrder("iam-stale-access-key", "iam-console-no-mfa");
        assertThat(RuleCatalogue.forType("AWS::EC2::VPC")).isEmpty();
    }

    @Test
    void aCatalogueBuiltOnAnotherClockHasTheSameRules() {
        assertThat(RuleCatalogue.rules(Clock.systemUTC())).extracting(Rule::id)
                .containsExactlyElementsOf(RuleCatalogue.all().stream().map(Rule::id).toList());
    }

    /** docs/rules.md has one row per rule, with the code's type, severity and area. */
    @Test
    void docsListEveryRuleAsTheCodeDefinesIt() throws IOException {
        Path doc = Path.of("../../docs/rules.md");
        String text = Files.readString(doc);
        List<String> rows = text.lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(rows).hasSize(RuleCatalogue.all().size());
        for (Rule r : RuleCatalogue.all()) {
            assertThat(rows).as(r.id()).anySatisfy(row -> assertThat(row)
                    .startsWith("| `" + r.id() + "` | `" + r.resourceType() + "` | " + r.severity().name() + " | ")
                    .contains("`" + r.controlArea() + "`"));
        }
    }
}
