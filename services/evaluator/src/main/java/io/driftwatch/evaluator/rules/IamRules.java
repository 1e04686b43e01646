package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shared responsibility 1 (IAM user management, least privilege) and 4 (MFA, root included): root
 * unused, no admin wildcards, no stale credentials, no role anyone can assume, a strong password policy.
 */
public final class IamRules {
    static final String ACCOUNT_SUMMARY = "Driftwatch::IAM::AccountSummary";
    static final String PASSWORD_POLICY = "Driftwatch::IAM::PasswordPolicy";

    private IamRules() {
    }

    /** The root user has access keys (GetAccountSummary's AccountAccessKeysPresent). */
    public static final class RootAccessKeys extends BaseRule {
        public RootAccessKeys() {
            super("iam-root-access-keys", ACCOUNT_SUMMARY, Severity.CRITICAL, "iam",
                    "Root user has access keys",
                    "The root user can do anything and cannot be restricted by policies; it must not have API access keys.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "accountAccessKeysPresent")
                    ? Evaluation.fail("the root user has active access keys") : Evaluation.pass();
        }
    }

    /** The root user has no MFA device (AccountMFAEnabled is 0). */
    public static final class RootWithoutMfa extends BaseRule {
        public RootWithoutMfa() {
            super("iam-root-no-mfa", ACCOUNT_SUMMARY, Severity.CRITICAL, "mfa",
                    "Root user has no MFA",
                    "Without MFA the root user, which can do anything in the account, is protected by a password alone.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "accountMFAEnabled")
                    ? Evaluation.pass() : Evaluation.fail("the root user has no MFA device");
        }
    }

    /** No password policy, or one allowing passwords shorter than 14 characters (CIS AWS 1.8). */
    public static final class WeakPasswordPolicy extends BaseRule {
        static final int MINIMUM_LENGTH = 14;

        public WeakPasswordPolicy() {
            super("iam-weak-password-policy", PASSWORD_POLICY, Severity.MEDIUM, "iam",
                    "Account password policy is missing or weak",
                    "IAM users' console passwords must be at least " + MINIMUM_LENGTH
                            + " characters long; without a password policy IAM accepts 8.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            if (Json.isFalse(configuration, "exists")) {
                return Evaluation.fail("the account has no password policy");
            }
            JsonNode length = configuration.path("minimumPasswordLength");
            if (!length.isNumber() || length.asInt() < MINIMUM_LENGTH) {
                return Evaluation.fail("the password policy allows passwords of " + (length.isNumber() ? length.asInt() : "any")
                        + " characters (at least " + MINIMUM_LENGTH + " required)");
            }
            return Evaluation.pass();
        }
    }

    /**
     * An active access key not used for more than 90 days: its last use, or its creation when it was
     * never used (GetAccessKeyLastUsed then reports service {@code N/A}), lies more than 90 days back.
     */
    public static final class StaleAccessKey extends BaseRule {
        static final Duration STALE = Duration.ofDays(90);
        private final Clock clock;

        public StaleAccessKey(Clock clock) {
            super("iam-stale-access-key", "AWS::IAM::User", Severity.MEDIUM, "iam",
                    "IAM user has an active access key unused for over 90 days",
                    "Credentials nobody uses are only a risk: an active access key whose last use (or creation, if never"
                            + " used) is more than 90 days ago should be deactivated and deleted.");
            this.clock = clock;
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            Instant cutoff = clock.instant().minus(STALE);
            List<String> stale = new ArrayList<>();
            for (JsonNode key : configuration.path("accessKeys")) {
                if (!"Active".equals(Json.text(key, "status"))) {
                    continue;
                }
                Optional<Instant> lastUsed = Json.instant(key, "lastUsedDate");
                Optional<Instant> reference;
                String what;
                if (lastUsed.isPresent()) {
                    reference = lastUsed;
                    what = "last used ";
                } else if (neverUsed(key)) {
                    reference = Json.instant(key, "createDate");
                    what = "never used, created ";
                } else if (key.path("inactiveForAtLeastDays").isNumber()) {
                    // The stored item keeps only the collector's coarse step (the exact date is ignored as noise).
                    int days = key.path("inactiveForAtLeastDays").asInt();
                    if (days >= STALE.toDays()) {
                        stale.add(Json.text(key, "accessKeyId") + " (unused for at least " + days + " days)");
                    }
                    continue;
                } else {
                    // Used, but the configuration carries neither the date nor the step: the age of the last use is unknown.
                    continue;
                }
                if (reference.isPresent() && reference.get().isBefore(cutoff)) {
                    stale.add(Json.text(key, "accessKeyId") + " (" + what + reference.get() + ")");
                }
            }
            return stale.isEmpty() ? Evaluation.pass()
                    : Evaluation.fail("user " + Json.text(configuration, "userName") + " has active access keys unused for over "
                            + STALE.toDays() + " days: " + String.join(", ", stale));
        }

        /** IAM reports a never-used key with no date and service "N/A". */
        private static boolean neverUsed(JsonNode key) {
            String service = Json.text(key, "lastUsedService");
            return service.isEmpty() || service.equals("N/A");
        }
    }

    /** A customer-managed policy whose default version allows Action "*" on Resource "*". */
    public static final class AdminPolicy extends BaseRule {
        public AdminPolicy() {
            super("iam-admin-policy", "AWS::IAM::Policy", Severity.HIGH, "iam",
                    "Customer-managed policy grants full administrator access",
                    "A statement allowing every action on every resource (\"Action\": \"*\", \"Resource\": \"*\") defeats"
                            + " least privilege; grant only the actions and resources needed.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            for (JsonNode version : configuration.path("policyVersionList")) {
                if (version.has("isDefaultVersion") && !Json.isTrue(version, "isDefaultVersion")) {
                    continue;
                }
                for (JsonNode s : Json.statements(version.path("document"))) {
                    if ("Allow".equals(s.path("Effect").asText()) && Json.contains(s.get("Action"), "*")
                            && Json.contains(s.get("Resource"), "*")) {
                        return Evaluation.fail("policy " + Json.text(configuration, "policyName") + " (version "
                                + Json.text(version, "versionId") + ") allows Action * on Resource *");
                    }
                }
            }
            return Evaluation.pass();
        }
    }

    /** A role whose trust policy lets any AWS principal assume it (Principal "*" or {"AWS": "*"}). */
    public static final class RoleTrustsAnyone extends BaseRule {
        public RoleTrustsAnyone() {
            super("iam-role-trusts-anyone", "AWS::IAM::Role", Severity.CRITICAL, "iam",
                    "IAM role can be assumed by anyone",
                    "A trust policy allowing Principal \"*\" lets any AWS account in the world assume the role and use"
                            + " its permissions.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.allowsAnyone(configuration.path("assumeRolePolicyDocument"))
                    .map(s -> Evaluation.fail("role " + Json.text(configuration, "roleName")
                            + " trusts any AWS principal (Principal *)"))
                    .orElse(Evaluation.pass());
        }
    }
}
