package dev.ticketkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void ticketNumbersFormatAndParse() {
        assertThat(TicketNumber.of("TK", 123).toString()).isEqualTo("TK-000123");
        assertThat(TicketNumber.of("TK", 12_345_678).toString()).isEqualTo("TK-12345678");
        assertThat(TicketNumber.parse("TK-000123")).isEqualTo(TicketNumber.of("TK", 123));
        assertThat(TicketNumber.parse(" TK-9 ")).isEqualTo(TicketNumber.of("TK", 9));
        assertThatThrownBy(() -> TicketNumber.parse("tk-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketNumber.parse("TK-0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketNumber.parse("TK-99999999999999999999")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLifecycleTableIsAsDocumented() {
        assertThat(TicketStatus.NEW.allowedTargets()).containsExactlyInAnyOrder(
                TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED);
        assertThat(TicketStatus.SOLVED.allowedTargets()).containsExactlyInAnyOrder(TicketStatus.OPEN, TicketStatus.CLOSED);
        assertThat(TicketStatus.CLOSED.allowedTargets()).isEmpty();
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(s.canMoveTo(TicketStatus.NEW)).as("nothing returns to NEW from %s", s).isFalse();
            assertThat(s.canMoveTo(s)).isFalse();
        }
        assertThat(EnumSet.allOf(TicketStatus.class).stream().filter(TicketStatus::isActive))
                .containsExactly(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD);
    }

    @Test
    void fieldValuesCompareByValue() {
        assertThat(FieldValue.number(new BigDecimal("1.50"))).isEqualTo(FieldValue.number(new BigDecimal("1.5")));
        assertThat(FieldValue.number(new BigDecimal("0.00"))).isEqualTo(FieldValue.number(0));
    }

    @Test
    void builtInTiersAreFoundByNameIgnoringCase() {
        assertThat(MemberTier.builtIn("vIp")).contains(MemberTier.VIP);
        assertThat(MemberTier.builtIn("gold")).contains(MemberTier.GOLD);
        assertThat(MemberTier.builtIn("diamond")).isEmpty();
        assertThat(MemberTier.builtIns()).containsExactly(MemberTier.STANDARD, MemberTier.SILVER, MemberTier.GOLD, MemberTier.VIP);
    }

    @Test
    void numbersPrintPlainAndStayExact() {
        FieldValue.Number twenty = (FieldValue.Number) FieldValue.number(20);
        assertThat(twenty.plain()).isEqualTo("20");
        assertThat(twenty).hasToString("Number[value=20]");
        assertThat(twenty.value()).isEqualByComparingTo("20");
        assertThat(twenty).isEqualTo(FieldValue.number(new BigDecimal("20.00"))).isEqualTo(FieldValue.number(new BigDecimal("2E+1")));
        assertThat(((FieldValue.Number) FieldValue.number(new BigDecimal("20.50"))).plain()).isEqualTo("20.5");
        assertThat(((FieldValue.Number) FieldValue.number(new BigDecimal("0.0010"))).plain()).isEqualTo("0.001");
        assertThat(((FieldValue.Number) FieldValue.number(new BigDecimal("-1.2E+3"))).plain()).isEqualTo("-1200");
        assertThat(((FieldValue.Number) FieldValue.number(new BigDecimal("1E-7"))).plain()).isEqualTo("0.0000001");
        assertThat(((FieldValue.Number) FieldValue.number(0)).plain()).isEqualTo("0");
        assertThat(((FieldValue.Number) FieldValue.number(new BigDecimal("123456789012345678901234567890.5"))).plain())
                .isEqualTo("123456789012345678901234567890.5");
        // a huge exponent is not expanded into a billion digits
        assertThat(((FieldValue.Number) FieldValue.number(new BigDecimal("1E+999999999"))).plain()).isEqualTo("1E+999999999");
        assertThat(((FieldValue.Number) FieldValue.number(new BigDecimal("1E-999999999"))).plain()).isEqualTo("1E-999999999");
        assertThat(FieldValue.choices("b", "a")).isEqualTo(FieldValue.choices("a", "b"));
        FieldDefinition d = FieldDefinition.multiSelect("issues", "Issues", "late", "broken");
        assertThat(d.problemWith(FieldValue.choices("late"))).isNull();
        assertThat(d.problemWith(FieldValue.choices("lost"))).contains("no option 'lost'");
        assertThat(d.problemWith(FieldValue.text("late"))).contains("expects MULTI_SELECT");
        assertThatThrownBy(() -> new FieldDefinition("issues", FieldType.TEXT, "x", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldDefinition.text("Bad Key", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emailIdentitiesAreCaseInsensitiveAndHideTheirValue() {
        ChannelIdentity i = ChannelIdentity.verified(IdentityType.EMAIL, " Carol@Example.COM ");
        assertThat(i.value()).isEqualTo("carol@example.com");
        assertThat(i.toString()).doesNotContain("carol");
        assertThat(ChannelIdentity.of(IdentityType.WECHAT_OPENID, "oAbC").value()).isEqualTo("oAbC");
        assertThatThrownBy(() -> ChannelIdentity.of(IdentityType.PHONE, "1\n2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringsNeverCarryCustomerText() {
        Message m = new Message(MessageId.parse("0190a000-0000-7000-8000-000000000001"), TenantId.of("t"),
                TicketId.parse("0190a000-0000-7000-8000-000000000002"), Visibility.PUBLIC, AuthorKind.CUSTOMER, "c",
                Channel.EMAIL, "my phone is 13800138000", "", List.of(), "", java.time.Instant.EPOCH);
        assertThat(m.toString()).doesNotContain("13800138000");
        assertThat(NewMessage.text("secret address").toString()).doesNotContain("secret");
    }

    @Test
    void openSetsValidateTheirNames() {
        assertThat(Channel.of("DOUYIN")).isNotEqualTo(Channel.WECHAT);
        assertThatThrownBy(() -> Channel.of("douyin")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityType.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderRef.of("TAOBAO", "has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemberTier.of(100, "X")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsRejectNonPositiveValues() {
        assertThat(Limits.ofDefaults().maxSubjectLength()).isEqualTo(Limits.DEFAULT_MAX_SUBJECT_LENGTH);
        assertThatThrownBy(() -> Limits.custom().maxTags(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Limits.ofDefaults().toBuilder().maxTags(3).build().maxTags()).isEqualTo(3);
    }
}
