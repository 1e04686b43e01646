package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 4 (MFA for all users): an IAM user who can sign in to the console has an MFA device. */
public final class ConsoleUserWithoutMfaRule implements Rule {
    @Override
    public String id() {
        return "iam-console-no-mfa";
    }

    @Override
    public String title() {
        return "IAM user with console password has no MFA";
    }

    @Override
    public String description() {
        return "A user with a login profile (console password) and no MFA device can sign in with a password alone.";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String controlArea() {
        return "iam";
    }

    @Override
    public String resourceType() {
        return "AWS::IAM::User";
    }

    @Override
    public Evaluation evaluate(JsonNode configuration) {
        JsonNode loginProfile = configuration.path("loginProfile");
        boolean console = loginProfile.isObject() && !loginProfile.isEmpty();
        boolean mfa = configuration.path("mfaDevices").isArray() && !configuration.path("mfaDevices").isEmpty();
        if (console && !mfa) {
            return Evaluation.fail("user " + configuration.path("userName").asText() + " has a console password and no MFA device");
        }
        return Evaluation.pass();
    }
}
