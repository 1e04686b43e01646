package io.driftwatch.collector.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenRefillAtTheRate() {
        RateBudget budget = new RateBudget(20, 100);
        long t0 = 0;
        for (int i = 0; i < 100; i++) {
            assertThat(budget.reserve("a/us-east-1/Ec2", t0)).isZero();
        }
        long wait = budget.reserve("a/us-east-1/Ec2", t0);
        assertThat(wait).isEqualTo(SECOND / 20);
        // After one second, 20 more calls pass, the 21st waits.
        for (int i = 0; i < 20; i++) {
            assertThat(budget.reserve("a/us-east-1/Ec2", t0 + SECOND)).isZero();
        }
        assertThat(budget.reserve("a/us-east-1/Ec2", t0 + SECOND)).isPositive();
    }

    @Test
    void budgetsAreIndependentPerKey() {
        RateBudget budget = new RateBudget(1, 1);
        assertThat(budget.reserve("a/us-east-1/Ec2", 0)).isZero();
        assertThat(budget.reserve("a/us-east-1/Ec2", 0)).isPositive();
        assertThat(budget.reserve("a/eu-west-1/Ec2", 0)).isZero();
        assertThat(budget.reserve("b/us-east-1/Ec2", 0)).isZero();
        assertThat(budget.reserve("a/us-east-1/Iam", 0)).isZero();
    }

    @Test
    void neverExceedsTheBurst() {
        RateBudget budget = new RateBudget(10, 5);
        budget.reserve("k", 0);
        long muchLater = 100 * SECOND;
        int passed = 0;
        while (budget.reserve("k", muchLater) == 0) {
            passed++;
        }
        assertThat(passed).isEqualTo(5);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RateBudget(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateBudget(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
