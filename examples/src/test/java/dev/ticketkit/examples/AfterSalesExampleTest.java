package dev.ticketkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.commerce.aftersales.AfterSalesCase;
import dev.ticketkit.commerce.aftersales.CaseState;
import dev.ticketkit.commerce.aftersales.CaseStep;
import org.junit.jupiter.api.Test;

class AfterSalesExampleTest {
    @Test
    void theReturnRunsToDoneWithOneRefund() {
        AfterSalesCase done = AfterSalesExample.run();
        assertThat(done.state()).isEqualTo(CaseState.DONE);
        assertThat(done.refunded()).isEqualTo(Money.of("399", "CNY"));
        assertThat(done.refundKeys()).hasSize(1);
        assertThat(done.steps()).extracting(CaseStep::state).containsExactly(CaseState.REQUESTED, CaseState.APPROVED,
                CaseState.RETURN_SHIPPED, CaseState.RECEIVED, CaseState.REFUNDED, CaseState.DONE);
    }
}
