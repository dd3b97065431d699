package dev.ticketkit.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.TicketValidationException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsAreKeptAtTheCurrencysScale() {
        assertThat(Money.of("20", "CNY").amount()).isEqualTo(new BigDecimal("20.00"));
        assertThat(Money.of("199.9", "CNY").toString()).isEqualTo("199.90 CNY");
        assertThat(Money.of("1500", "JPY").amount()).isEqualTo(new BigDecimal("1500"));
        assertThat(Money.of("20", "CNY")).isEqualTo(Money.of("20.00", "CNY"));
    }

    @Test
    void arithmeticStaysInOneCurrencyAndNeverBelowZero() {
        Money paid = Money.of("199.00", "CNY");
        assertThat(paid.minus(Money.of("20", "CNY"))).isEqualTo(Money.of("179", "CNY"));
        assertThat(paid.plus(Money.of("0.01", "CNY"))).isEqualTo(Money.of("199.01", "CNY"));
        assertThat(paid.greaterThan(Money.of("198.99", "CNY"))).isTrue();
        assertThat(Money.zero(paid.currency()).isZero()).isTrue();
        assertThatThrownBy(() -> paid.minus(Money.of("199.01", "CNY")))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> paid.plus(Money.of("1", "USD")))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("CNY and USD");
    }

    @Test
    void badAmountsAreRefusedClearly() {
        assertThatThrownBy(() -> Money.of("-0.01", "CNY")).isInstanceOf(TicketValidationException.class)
                .hasMessage("amount: must not be negative");
        assertThatThrownBy(() -> Money.of("1.001", "CNY")).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("more than 2 decimal places");
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(TicketValidationException.class);
        assertThatThrownBy(() -> Money.of("12,50", "CNY")).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> Money.of("NaN", "CNY")).isInstanceOf(TicketValidationException.class);
        assertThatThrownBy(() -> Money.of("1", "RMB")).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("ISO 4217");
    }
}
