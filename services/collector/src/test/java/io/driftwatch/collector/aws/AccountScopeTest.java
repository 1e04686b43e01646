package io.driftwatch.collector.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AccountScopeTest {
    @Test
    void clientsAreOnlyHandedOutForTheAccountInScope() {
        assertThatThrownBy(AccountScope::current).isInstanceOf(IllegalStateException.class);
        AccountScope.run("111111111111", () -> {
            assertThat(AccountScope.current()).isEqualTo("111111111111");
            AccountScope.require("111111111111");
            assertThatThrownBy(() -> AccountScope.require("222222222222"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("222222222222");
            AccountScope.run("222222222222", () -> assertThat(AccountScope.current()).isEqualTo("222222222222"));
            assertThat(AccountScope.current()).isEqualTo("111111111111");
        });
        assertThatThrownBy(AccountScope::current).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void scopeDoesNotLeakToOtherThreads() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        try {
            AccountScope.run("111111111111", () -> {
                try {
                    assertThat(pool.submit(() -> {
                        try {
                            return AccountScope.current();
                        } catch (IllegalStateException e) {
                            return "none";
                        }
                    }).get()).isEqualTo("none");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            pool.shutdownNow();
        }
    }
}
