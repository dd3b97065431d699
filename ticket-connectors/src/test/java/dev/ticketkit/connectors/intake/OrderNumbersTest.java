package dev.ticketkit.connectors.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderNumbersTest extends IntakeTestBase {
    private final OrderNumbers defaults = OrderNumbers.ofDefaults();

    @Test
    void recognisesEachPlatformsOrderNumbers() {
        assertThat(defaults.find("订单号：4200012345678901234 还没发货")).containsExactly(OrderRef.of("TAOBAO", "4200012345678901234"));
        assertThat(defaults.find("Tmall order 123456789012345678.")).containsExactly(OrderRef.of("TAOBAO", "123456789012345678"));
        assertThat(defaults.find("京东订单 23456789012")).containsExactly(OrderRef.of("JD", "23456789012"));
        assertThat(defaults.find("JD 298765432109 please")).containsExactly(OrderRef.of("JD", "298765432109"));
        assertThat(defaults.find("拼多多 241111-123456789012345")).containsExactly(OrderRef.of("PINDUODUO", "241111-123456789012345"));
        assertThat(defaults.find("Order #1001 hasn't arrived")).containsExactly(OrderRef.of("SHOPIFY", "#1001"));
        assertThat(defaults.find("orders #1001, #1002 and #1001")).containsExactly(
                OrderRef.of("SHOPIFY", "#1001"), OrderRef.of("SHOPIFY", "#1002"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "call me on 13812345678",                 // mainland mobile, 11 digits
            "手机 19912345678",
            "+8613812345678",                         // with country code
            "tracking SF1234567890123",               // letters glued to digits
            "amount 12345678901.50",                  // an amount, not an order
            "12345678901234567890123",                // 23 digits: nothing of it
            "dated 241340-123456789012345",           // month 13: not a Pinduoduo number
            "colour &#1234; entity",                  // HTML character reference
            "issue #12",                              // too short for an order name
            "item A#1001"                             // # after a letter
    })
    void nearMissesAreNotOrders(String text) {
        assertThat(defaults.find(text)).isEmpty();
    }

    @Test
    void aResidentIdNumberIsNotATaobaoOrder() {
        String id = residentId("11010519900307123");
        assertThat(OrderNumberPattern.looksLikeResidentId(id)).isTrue();
        assertThat(defaults.find("身份证 " + id)).isEmpty();
        // the same digits with a wrong check digit are an order number
        char wrong = id.charAt(17) == '0' ? '1' : '0';
        String notId = id.substring(0, 17) + wrong;
        assertThat(defaults.find("order " + notId)).containsExactly(OrderRef.of("TAOBAO", notId));
    }

    private static String residentId(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        char check = "10X98765432".charAt(sum % 11);
        return check == 'X' ? residentId(first17.substring(0, 16) + (char) (first17.charAt(16) + 1)) : first17 + check;
    }

    @Test
    void textWithoutALongEnoughDigitRunSkipsThePatternsButCustomOnesAlwaysRun() {
        assertThat(OrderNumbers.digitRuns("")).isEmpty();
        assertThat(OrderNumbers.digitRuns("ab12c3456d7")).containsExactly(2, 4, 5, 9);
        assertThat(OrderNumbers.digitRuns("1234")).containsExactly(0, 4);
        assertThat(OrderNumbers.digitRuns("１２３４５６７８９０１")).as("full-width digits are not ASCII").isEmpty();
        // the same ids right at the edge of each built-in minimum
        assertThat(defaults.find("JD 12345678901 and #1001")).containsExactly(OrderRef.of("JD", "12345678901"),
                OrderRef.of("SHOPIFY", "#1001"));
        assertThat(defaults.find("拼多多 241111-123456789012345")).containsExactly(OrderRef.of("PINDUODUO", "241111-123456789012345"));
        assertThat(defaults.find("only #123 and 1234567890 here")).isEmpty();
        OrderNumbers letters = OrderNumbers.of(List.of(OrderNumberPattern.of("ERP", "\\bSO-(?<id>[A-Z]{2}\\d)\\b")));
        assertThat(letters.find("see SO-AB1")).containsExactly(OrderRef.of("ERP", "AB1"));
    }

    @Test
    void customPatternsReplaceTheDefaultsAndRejectBadExpressions() {
        OrderNumbers erp = OrderNumbers.of(List.of(OrderNumberPattern.of("ERP", "\\bSO-(?<id>\\d{6})\\b")));
        assertThat(erp.find("see SO-123456 and 4200012345678901234")).containsExactly(OrderRef.of("ERP", "123456"));
        assertThat(OrderNumbers.of(List.of(OrderNumberPattern.of("ERP", "(?P<id>SO\\d{4})"))).find("x SO1234 y"))
                .containsExactly(OrderRef.of("ERP", "SO1234"));
        assertThatThrownBy(() -> OrderNumberPattern.of("ERP", "(unclosed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("order number pattern for ERP: bad regular expression: missing closing )");
        assertThatThrownBy(() -> OrderNumberPattern.of("erp lower", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patternsRe2CannotRunAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> OrderNumberPattern.of("ERP", "(?<![A-Z])SO-(?<id>\\d{6})"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("order number pattern for ERP: bad regular expression: lookbehind (?<= or (?<! is not supported");
        assertThatThrownBy(() -> OrderNumberPattern.of("ERP", "SO-(?<id>\\d{6})(?!\\d)"))
                .hasMessageStartingWith("order number pattern for ERP: bad regular expression: lookahead");
        assertThatThrownBy(() -> OrderNumberPattern.of("ERP", "(\\d)\\1{5}")).hasMessageContaining("backreferences");
        assertThatThrownBy(() -> OrderNumberPattern.of("ERP", "((\\d{1000}){1000}){1000}"))
                .hasMessageStartingWith("order number pattern for ERP: regular expression too large");
    }

    @Test
    void aCatastrophicCustomPatternDoesNotFreezeIntake() {
        Map<String, String> cases = Map.of(
                "(.*a){10}x", "a".repeat(64),
                "(?<id>(\\d+)+)x", "1".repeat(64),
                "(?<id>(a|aa)+)c", "a".repeat(64),
                "(?<id>(\\w+\\s?)*)!$", "word ".repeat(13));
        cases.forEach((re, text) -> {
            OrderNumbers custom = OrderNumbers.of(List.of(OrderNumberPattern.of("ERP", re)));
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(custom.find(text, text)).isEmpty(), re);
        });
        OrderNumbers custom = OrderNumbers.of(List.of(OrderNumberPattern.of("ERP", "(?<id>(.*a){10}x)")));
        IntakeResult r = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> intake.accept(
                email("zoe@example.com", "slow@mail", "a".repeat(64), "a".repeat(64)).build()));
        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(custom.find("a".repeat(10) + "x")).containsExactly(OrderRef.of("ERP", "a".repeat(10) + "x"));
    }

    /** The built-in patterns as they were written for java.util.regex, with lookbehind and lookahead. */
    private static final List<Object[]> LOOKAROUND_REFERENCE = List.of(
            new Object[] {"TAOBAO", java.util.regex.Pattern.compile(
                    "(?<![A-Za-z0-9+\\-_/.#])(\\d{18,19})(?![A-Za-z0-9\\-_/]|[.,]\\d)")},
            new Object[] {"JD", java.util.regex.Pattern.compile(
                    "(?<![A-Za-z0-9+\\-_/.#])(\\d{11,12})(?![A-Za-z0-9\\-_/]|[.,]\\d)")},
            new Object[] {"PINDUODUO", java.util.regex.Pattern.compile(
                    "(?<![A-Za-z0-9+\\-_/.#])(\\d{6}-\\d{15})(?![A-Za-z0-9\\-_/]|[.,]\\d)")},
            new Object[] {"SHOPIFY", java.util.regex.Pattern.compile("(?<![A-Za-z0-9&#])(#\\d{4,10})(?![\\d;]|[.,]\\d)")});

    /** What the lookaround expressions find in a text, with the same checks, claims and limit as OrderNumbers. */
    private static List<OrderRef> withLookarounds(String text) {
        java.util.Set<OrderRef> found = new java.util.LinkedHashSet<>();
        boolean[] claimed = new boolean[text.length()];
        for (Object[] p : LOOKAROUND_REFERENCE) {
            String platform = (String) p[0];
            OrderNumberPattern builtIn = OrderNumberPattern.defaults().stream()
                    .filter(d -> d.platform().equals(platform)).findFirst().orElseThrow();
            java.util.regex.Matcher m = ((java.util.regex.Pattern) p[1]).matcher(text);
            while (found.size() < OrderNumbers.MAX_PER_MESSAGE && m.find()) {
                boolean taken = false;
                for (int i = m.start(); i < m.end(); i++) {
                    taken |= claimed[i];
                }
                String id = m.group(1);
                if (taken || !builtIn.accepts(id)) {
                    continue;
                }
                found.add(OrderRef.of(platform, id));
                for (int i = m.start(); i < m.end(); i++) {
                    claimed[i] = true;
                }
            }
        }
        return new java.util.ArrayList<>(found);
    }

    @Test
    void theBuiltInPatternsFindWhatTheirLookaroundFormsFound() {
        OrderNumbers defaults = OrderNumbers.ofDefaults();
        java.util.Random random = new java.util.Random(20261204);
        String[] pieces = {" ", "-", "#", ".", ",", ";", "&", "&#", "+", "_", "/", "x", "SF", "JD ", "订单号：", "拼多多 ",
                "Order ", "\n", "，", "A", "1", ".5", ",0"};
        int withOrders = 0;
        for (int round = 0; round < 10_000; round++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int k = 0; k < parts; k++) {
                int kind = random.nextInt(4);
                if (kind == 0) {
                    int digits = 1 + random.nextInt(22);
                    for (int d = 0; d < digits; d++) {
                        sb.append((char) ('0' + random.nextInt(10)));
                    }
                } else if (kind == 1) {
                    // a Pinduoduo-shaped number, dated right or wrong
                    sb.append(String.format("%02d%02d%02d-", random.nextInt(30), 1 + random.nextInt(13), 1 + random.nextInt(31)));
                    for (int d = 0; d < 14 + random.nextInt(3); d++) {
                        sb.append((char) ('0' + random.nextInt(10)));
                    }
                } else {
                    sb.append(pieces[random.nextInt(pieces.length)]);
                }
            }
            String text = sb.toString();
            List<OrderRef> expected = withLookarounds(text);
            assertThat(defaults.find(text)).as(text).isEqualTo(expected);
            assertThat(defaults.find(false, text)).as(text).isEqualTo(expected);
            withOrders += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withOrders).as("the generated texts hold order numbers").isGreaterThan(1_000);
    }

    @Test
    void ordersInAMessageAreAddedToItsTicketOnceEach() {
        IntakeResult first = intake.accept(email("zoe@example.com", "o1@mail", "Order #1001", "Please check #1001").build());
        assertThat(first.orders()).containsExactly(OrderRef.of("SHOPIFY", "#1001"));
        IntakeResult reply = intake.accept(email("zoe@example.com", "o2@mail", "Re: Order #1001",
                "also 4200012345678901234 and #1001").inReplyTo("o1@mail").build());
        assertThat(reply.outcome()).isEqualTo(Outcome.APPENDED);
        Ticket t = engine.tickets().get(shop.admin, first.ticketId().orElseThrow());
        assertThat(t.orders()).containsExactly(OrderRef.of("SHOPIFY", "#1001"), OrderRef.of("TAOBAO", "4200012345678901234"));
    }

    @Test
    void searchingOnlyNearLongDigitRunsFindsWhatTheWholeTextGives() {
        OrderNumbers defaults = OrderNumbers.ofDefaults();
        java.util.Random random = new java.util.Random(20261203);
        String[] pieces = {" ", "-", "#", ".", ",", ";", "&", "x", "JD ", "订单号：", "拼多多 ", "Order ", "\n", "，", "A"};
        int withOrders = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int k = 0; k < parts; k++) {
                if (random.nextBoolean()) {
                    int digits = 1 + random.nextInt(22);
                    for (int d = 0; d < digits; d++) {
                        sb.append((char) ('0' + random.nextInt(10)));
                    }
                } else {
                    sb.append(pieces[random.nextInt(pieces.length)]);
                }
                if (random.nextInt(8) == 0) {
                    sb.append("x".repeat(random.nextInt(40))); // far apart runs: separate stretches
                }
            }
            String text = sb.toString();
            List<OrderRef> whole = defaults.find(false, text);
            assertThat(defaults.find(true, text)).as(text).isEqualTo(whole);
            withOrders += whole.isEmpty() ? 0 : 1;
        }
        assertThat(withOrders).as("the generated texts hold order numbers").isGreaterThan(2_000);
    }
}
