package io.driftwatch.evaluator.rules;

import java.util.List;

/** Every rule the evaluator runs; docs/rules.md describes each. */
public final class RuleCatalogue {
    private static final List<Rule> RULES = List.of(new SecurityGroupOpenSshRule(), new ConsoleUserWithoutMfaRule());

    private RuleCatalogue() {
    }

    public static List<Rule> all() {
        return RULES;
    }

    public static List<Rule> forType(String resourceType) {
        return RULES.stream().filter(r -> r.resourceType().equals(resourceType)).toList();
    }
}
