package io.driftwatch.collector.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Takes a token from the (account, region, service) budget before every HTTP attempt, retries included. */
public final class RateBudgetInterceptor implements ExecutionInterceptor {
    private final RateBudget budget;
    private final String fixedAccount;
    private final String region;

    /** {@code accountId} null: the budget of the account in {@link AccountScope} at each request. */
    public RateBudgetInterceptor(RateBudget budget, String accountId, String region) {
        this.budget = budget;
        this.fixedAccount = accountId;
        this.region = region;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String account = fixedAccount != null ? fixedAccount : AccountScope.current();
        budget.acquire(account + "/" + region + "/" + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    }
}
