package io.driftwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.simulator.estate.Account;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.EstateGenerator;
import io.driftwatch.simulator.estate.Misconfiguration;
import io.driftwatch.simulator.estate.PermissionRule;
import io.driftwatch.simulator.estate.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstateGeneratorTest {
  private static final EstateGenerator.Config DEFAULTS = config(SimulatorOptions.defaults());

  private static EstateGenerator.Config config(SimulatorOptions o) {
    return new EstateGenerator.Config(o.seed(), o.accountCount(), o.suspendedCount(), o.regions(), o.misconfigurationRate());
  }

  @Test
  void sameSeedSameEstateDifferentSeedDifferentEstate() {
    Estate a = EstateGenerator.generate(DEFAULTS);
    Estate b = EstateGenerator.generate(DEFAULTS);
    assertThat(a.accounts()).isEqualTo(b.accounts());
    assertThat(a.misconfigurations()).isEqualTo(b.misconfigurations());
    for (Account acct : a.accounts()) {
      assertThat(a.users(acct.id())).isEqualTo(b.users(acct.id()));
      for (String region : a.regions()) {
        assertThat(a.securityGroups(acct.id(), region)).isEqualTo(b.securityGroups(acct.id(), region));
        assertThat(a.instances(acct.id(), region)).isEqualTo(b.instances(acct.id(), region));
      }
    }
    Estate c = EstateGenerator.generate(new EstateGenerator.Config(43, 12, 2, List.of("us-east-1", "eu-west-1"), 0.2));
    assertThat(c.accounts()).isNotEqualTo(a.accounts());
  }

  @Test
  void defaultOrganizationHasTheDocumentedShapeAndAHandfulOfEachMisconfiguration() {
    Estate e = EstateGenerator.generate(DEFAULTS);
    assertThat(e.accounts()).hasSize(12);
    assertThat(e.accounts().get(0).id()).isEqualTo("100000000000");
    assertThat(e.accounts()).filteredOn(x -> !x.active()).hasSize(2).noneMatch(x -> x.id().equals("100000000000"));
    for (Account acct : e.accounts()) {
      for (String region : e.regions()) {
        if (acct.active()) {
          assertThat(e.securityGroups(acct.id(), region)).hasSizeBetween(3, 6);
          assertThat(e.instances(acct.id(), region)).hasSizeBetween(2, 6).allSatisfy(i ->
              assertThat(i.groups()).hasSizeBetween(1, 2));
        } else {
          assertThat(e.securityGroups(acct.id(), region)).isEmpty();
        }
      }
    }
    List<Misconfiguration> m = e.misconfigurations();
    assertThat(m).filteredOn(x -> x.ruleId().equals("sg-open-ssh")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(m).filteredOn(x -> x.ruleId().equals("iam-console-no-mfa")).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void zeroRatePlantsNothingAndTinyEstatesStillGetOneOfEach() {
    Estate clean = EstateGenerator.generate(new EstateGenerator.Config(9, 5, 1, List.of("us-east-1"), 0.0));
    assertThat(clean.misconfigurations()).isEmpty();
    Estate tiny = EstateGenerator.generate(new EstateGenerator.Config(9, 1, 0, List.of("us-east-1"), 0.01));
    assertThat(tiny.misconfigurations()).extracting(Misconfiguration::ruleId)
        .contains("sg-open-ssh", "iam-console-no-mfa");
  }

  @Test
  void openSshRuleRecognisesEveryVariant() {
    assertThat(Rules.opensSshToWorld(PermissionRule.cidr("tcp", 22, 22, "0.0.0.0/0"))).isTrue();
    assertThat(Rules.opensSshToWorld(PermissionRule.cidr("tcp", 0, 65535, "0.0.0.0/0"))).isTrue();
    assertThat(Rules.opensSshToWorld(PermissionRule.cidr("-1", null, null, "0.0.0.0/0"))).isTrue();
    assertThat(Rules.opensSshToWorld(PermissionRule.cidr("tcp", 22, 22, "::/0"))).isTrue();
    assertThat(Rules.opensSshToWorld(PermissionRule.cidr("tcp", 22, 22, "10.0.0.0/8"))).isFalse();
    assertThat(Rules.opensSshToWorld(PermissionRule.cidr("tcp", 443, 443, "0.0.0.0/0"))).isFalse();
    assertThat(Rules.opensSshToWorld(PermissionRule.cidr("udp", 0, 65535, "0.0.0.0/0"))).isFalse();
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> SimulatorOptions.builder().accountCount(3).suspendedCount(3).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().misconfigurationRate(1.5).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().regions(List.of("mars-1")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
