package io.driftwatch.collector.organization;

import io.driftwatch.collector.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountStatus;

/** The organization's member accounts, from the management account (organizations:ListAccounts). */
@ApplicationScoped
public class OrganizationAccounts {
    @Inject
    AwsClients aws;

    /** Active accounts only: a suspended account cannot be assumed into and holds nothing to check. */
    public List<String> activeAccountIds() {
        try (OrganizationsClient organizations = aws.organizations()) {
            // 20 accounts per page is the API maximum.
            return organizations.listAccountsPaginator(b -> b.maxResults(20)).stream()
                    .flatMap(page -> page.accounts().stream())
                    .filter(a -> a.status() == AccountStatus.ACTIVE)
                    .map(Account::id)
                    .sorted()
                    .toList();
        }
    }
}
