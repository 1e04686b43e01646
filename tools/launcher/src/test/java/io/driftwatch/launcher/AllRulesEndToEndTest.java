package io.driftwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every evaluator rule against the estate simulator's full truth set, end to end on its own stack:
 * one collection of the demo organization, then the evaluator's open findings must equal
 * {@code GET /admin/misconfigurations?all=true} exactly (ruleId|account|region|type|id) for the rule
 * kinds the evaluator implements. That includes {@code iam-stale-access-key} for keys last used long
 * ago: the canonical form drops their exact {@code lastUsedDate}, and the rule judges them by the
 * collector's {@code inactiveForAtLeastDays} step.
 * <p>
 * The truth set is also restricted to ACTIVE accounts: the simulator reports
 * {@code iam-weak-password-policy} and {@code cloudtrail-not-all-regions} for SUSPENDED accounts,
 * whose default IAM settings have no password policy, but those accounts hold no resources, deny
 * AssumeRole and are never collected (the collector lists ACTIVE accounts only).
 */
class AllRulesEndToEndTest {
    /** Planted kinds without a rule: none (kept so a kind added to the simulator fails loudly until it has one). */
    private static final Set<String> NO_RULE = Set.of();

    private static Stack stack;
    private static StackClient client;

    @BeforeAll
    static void startStack() throws Exception {
        Path root = Launcher.repositoryRoot();
        Path work = Files.createTempDirectory("driftwatch-all-rules-e2e");
        // Seed 7 with 16 accounts plants every kind of misconfiguration the rules know in ACTIVE accounts.
        stack = Stack.start(Stack.Options.ephemeral(root, work, SimulatorOptions.builder().seed(7).accountCount(16).build())
                        .withCollectors(1, Map.of("DRIFTWATCH_COLLECTOR_AWS_MAX_ATTEMPTS", "2")),
                m -> System.out.println("[all-rules-e2e] " + m));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void openFindingsEqualTheFullTruthSetForEveryImplementedRule() {
        Set<String> implemented = new TreeSet<>();
        client.api("GET", "/rules", null).forEach(r -> implemented.add(r.get("id").asText()));
        Set<String> active = new TreeSet<>();
        client.admin("GET", "/admin/estate", null).get("accounts").forEach(a -> {
            if (a.get("status").asText().equals("ACTIVE")) {
                active.add(a.get("id").asText());
            }
        });
        List<String> everything = allMisconfigurations();
        List<String> truth = everything.stream().filter(t -> active.contains(t.split("\\|")[1])).toList();
        System.out.println("[all-rules-e2e] truth entries of non-ACTIVE (never collected) accounts left out: "
                + everything.stream().filter(t -> !truth.contains(t)).toList());
        Set<String> plantedKinds = truth.stream().map(AllRulesEndToEndTest::ruleOf).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("[all-rules-e2e] rules: " + implemented);
        System.out.println("[all-rules-e2e] planted kinds: " + plantedKinds);
        assertThat(union(implemented, NO_RULE)).as("every planted kind has a rule, except those documented as impossible")
                .containsAll(plantedKinds);
        assertThat(plantedKinds).as("the organization exercises every rule").containsAll(implemented);

        client.collect(null);
        List<String> findings = awaitStableFindings();

        List<String> exactTruth = truth.stream().filter(t -> !NO_RULE.contains(ruleOf(t))).toList();
        System.out.println("[all-rules-e2e] truth per kind: " + countByRule(truth));
        System.out.println("[all-rules-e2e] findings per kind: " + countByRule(findings));
        explainMismatches(findings, exactTruth);
        assertThat(findings).as(diff(findings, exactTruth)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(exactTruth);
    }

    /** Waits until the pipeline has drained: the open findings stop changing for a few seconds. */
    private static List<String> awaitStableFindings() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<String> previous = List.of();
        int stableRounds = 0;
        while (System.nanoTime() < deadline) {
            List<String> now = client.openFindingsOfAllRules();
            if (!now.isEmpty() && now.size() == previous.size()) {
                if (++stableRounds >= 5) {
                    return now;
                }
            } else {
                stableRounds = 0;
            }
            previous = now;
            StackClient.sleep(1000);
        }
        return previous;
    }

    private List<String> allMisconfigurations() {
        List<String> out = new ArrayList<>();
        JsonNode all = client.admin("GET", "/admin/misconfigurations?all=true", null);
        all.forEach(m -> out.add(String.join("|", m.get("ruleId").asText(), m.get("accountId").asText(),
                m.get("region").asText(), m.get("resourceType").asText(), m.get("resourceId").asText())));
        return out;
    }

    /** On a mismatch, prints what the inventory holds for each resource concerned: the configuration the rule saw. */
    private static void explainMismatches(List<String> findings, List<String> truth) {
        Set<String> mismatched = new TreeSet<>(findings);
        mismatched.addAll(truth);
        mismatched.removeIf(k -> findings.contains(k) && truth.contains(k));
        for (String key : mismatched) {
            String[] p = key.split("\\|", 5);
            JsonNode items = client.api("GET", "/resources?accountId=" + p[1] + "&region=" + p[2] + "&resourceType="
                    + java.net.URLEncoder.encode(p[3], java.nio.charset.StandardCharsets.UTF_8), null).path("items");
            List<String> matching = new ArrayList<>();
            items.forEach(i -> {
                if (i.toString().contains(p[4])) {
                    matching.add(i.toString());
                }
            });
            System.out.println("[all-rules-e2e] mismatch " + key + (findings.contains(key) ? " (found, not planted)"
                    : " (planted, not found)") + "; inventory: " + (matching.isEmpty() ? "none of " + items.size() : matching));
        }
    }

    private static String ruleOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static Map<String, Long> countByRule(Collection<String> keys) {
        return keys.stream().collect(Collectors.groupingBy(AllRulesEndToEndTest::ruleOf, TreeMap::new, Collectors.counting()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static String diff(List<String> findings, List<String> truth) {
        Set<String> f = new TreeSet<>(findings);
        Set<String> t = new TreeSet<>(truth);
        Set<String> extra = new TreeSet<>(f);
        extra.removeAll(t);
        Set<String> missing = new TreeSet<>(t);
        missing.removeAll(f);
        return "findings not planted: " + extra + "\nplanted but not found: " + missing;
    }
}
