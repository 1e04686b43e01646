package io.driftwatch.collector.aws;

import java.util.function.Supplier;

/**
 * The member account the current thread is collecting. SDK clients are shared per (service,
 * region) — building one per account costs more CPU than the account's whole listing — and sign
 * each request with the credentials of the account in scope. Asking for a client outside the
 * scope of that account fails, so a request can never be signed for the wrong account.
 */
public final class AccountScope {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private AccountScope() {
    }

    public static <T> T call(String accountId, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(accountId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static void run(String accountId, Runnable work) {
        call(accountId, () -> {
            work.run();
            return null;
        });
    }

    /** The account in scope; throws when there is none. */
    public static String current() {
        String account = CURRENT.get();
        if (account == null) {
            throw new IllegalStateException("no member account in scope: wrap the listing in AccountScope.run");
        }
        return account;
    }

    /** Fails unless {@code accountId} is the account in scope. */
    public static void require(String accountId) {
        if (!accountId.equals(CURRENT.get())) {
            throw new IllegalStateException("client for account " + accountId + " requested while collecting " + CURRENT.get());
        }
    }
}
