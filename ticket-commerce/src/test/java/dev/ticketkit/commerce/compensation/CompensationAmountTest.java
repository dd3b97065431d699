package dev.ticketkit.commerce.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.TicketValidationException;
import org.junit.jupiter.api.Test;

class CompensationAmountTest {

    @Test
    void moneyAndPointsAddUpWithinTheirUnitAndNeverMix() {
        CompensationAmount coupon = CompensationAmount.of("20", "CNY");
        assertThat(coupon.plus(CompensationAmount.of(Money.of("0.50", "CNY")))).isEqualTo(CompensationAmount.of("20.50", "CNY"));
        assertThat(CompensationAmount.points(200).plus(CompensationAmount.points(50))).isEqualTo(CompensationAmount.points(250));
        assertThat(coupon.greaterThan(CompensationAmount.of("19.99", "CNY"))).isTrue();
        assertThat(CompensationAmount.points(5).greaterThan(CompensationAmount.points(5))).isFalse();

        assertThatThrownBy(() -> coupon.plus(CompensationAmount.points(20))).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("CNY and points do not mix");
        assertThatThrownBy(() -> CompensationAmount.points(20).greaterThan(coupon))
                .isInstanceOf(TicketValidationException.class);
        assertThatThrownBy(() -> coupon.plus(CompensationAmount.of("1", "USD"))).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("CNY and USD do not mix");
        assertThatThrownBy(() -> CompensationAmount.points(Long.MAX_VALUE).plus(CompensationAmount.points(1)))
                .isInstanceOf(TicketValidationException.class);
    }

    @Test
    void amountsAreNeverNegativeAndReadBackFromTheirText() {
        assertThatThrownBy(() -> CompensationAmount.points(-1)).isInstanceOf(TicketValidationException.class);
        assertThatThrownBy(() -> CompensationAmount.of("-0.01", "CNY")).isInstanceOf(TicketValidationException.class);
        assertThatThrownBy(() -> CompensationAmount.parse("1.5", CompensationAmount.POINTS))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("whole number of points");

        CompensationAmount coupon = CompensationAmount.of("20", "CNY");
        assertThat(coupon.value()).isEqualTo("20.00");
        assertThat(coupon.unit()).isEqualTo("CNY");
        assertThat(coupon).hasToString("20.00 CNY");
        assertThat(CompensationAmount.parse(coupon.value(), coupon.unit())).isEqualTo(coupon);
        CompensationAmount points = CompensationAmount.points(500);
        assertThat(points).hasToString("500 points");
        assertThat(CompensationAmount.parse(points.value(), points.unit())).isEqualTo(points);
        assertThat(CompensationAmount.zero("JPY")).isEqualTo(CompensationAmount.of("0", "JPY"));
        assertThat(CompensationAmount.zero(CompensationAmount.POINTS).isZero()).isTrue();
    }
}
